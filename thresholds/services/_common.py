from django.core.exceptions import ValidationError
from django.db import connection

from thresholds.models import Disagreement, ThresholdDecision


class InvalidTransition(ValidationError):
    """The record is not in a state that allows this change."""


def next_reference(model: type[ThresholdDecision] | type[Disagreement], prefix: str, lock: int, width: int) -> str:
    """The next reference with this prefix, serialised on PostgreSQL by a transaction-scoped lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock])
    last = model.objects.filter(reference__startswith=prefix).order_by("-reference").first()
    number = int(last.reference.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:0{width}d}"
