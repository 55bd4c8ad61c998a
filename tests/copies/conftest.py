"""Notifications are the first copied document: their service-built fixtures serve here too."""

from tests.notifications.conftest import agreed, awaiting, make_incident

__all__ = ["agreed", "awaiting", "make_incident"]
