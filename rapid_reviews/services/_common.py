"""What every rapid review service shares: transition checks and messages. Permission checks are the
rules of rapid_reviews.permissions, each with its own denial reason."""

from django.core.exceptions import ValidationError


class InvalidTransition(ValidationError):
    """The record is not in a state that allows this change."""


class EditConflict(Exception):
    """Someone else saved the record after this edit started."""

    message = (
        "Someone else saved this while you were editing it. Your changes have not been saved: "
        "compare their version, then save yours again to replace it."
    )


def move(record, status: str) -> None:
    """Change `record.status` if its model's TRANSITIONS allow it."""
    if not record.can_move_to(status):
        current = record.get_status_display().lower()
        wanted = type(record).Status(status).label.lower()
        raise InvalidTransition(f"A record that is {current} cannot become {wanted}.")
    record.status = status


def message(recipients, subject: str, body: str, link: str) -> None:
    # Messages name the reference only: emails never carry a child's details.
    from dcfp.alerts.services import notify

    notify(recipients=recipients, subject=subject, body=body, link=link)


def people_with_role(role: str, organisation=None) -> list:
    from dcfp.models import User

    qs = User.objects.filter(groups__name=role, is_active=True)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return list(qs.distinct().order_by("pk"))
