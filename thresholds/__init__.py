"""The levels-of-need tool, threshold decisions and case disagreements."""
