"""Pages of rapid reviews and agency summaries."""
