"""Section 11 standards, walkabouts, secure children's home reports and the scrutiny programme."""
