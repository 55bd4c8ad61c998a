"""Who may read the audit trail."""

from dcfp.permissions import Person
from dcfp.roles import Role, has_role


def can_view_record_trail(user: Person) -> bool:
    """Only the QA chair sees who has looked at or changed a record (an active person holding the
    qa_chair role, read afresh on every request). Everyone else gets 404 for the page."""
    return has_role(user, Role.QA_CHAIR)
