"""Notifications are the first copied document: their service-built fixtures serve here too."""

from tests.notifications.conftest import agreed, awaiting, make_incident, on_26_november_2026

__all__ = ["agreed", "awaiting", "make_incident", "on_26_november_2026"]
