"""Building a national-scale data set and timing pages on it, for `manage.py benchmark`."""
