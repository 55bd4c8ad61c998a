"""Pages of serious incident notifications."""
