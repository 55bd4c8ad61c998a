"""Rapid reviews, agency summaries, local child safeguarding practice reviews and their actions."""
