"""Serious incident notifications under Children Act 2004 s16C (the statutory kind, not email)."""
