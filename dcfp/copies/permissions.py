"""Who may see and do what with copies to the Executive. Built on dcfp.permissions.

- An Executive member (holding the role now): views every record copied to them; lists and opens only
  their own copies, and their own watermarked PDF.
- A former Executive member: nothing. The rule reads the role at each request, so access ends when the
  role goes.
- The CSPRG and the QA chair: who each copy went to and whether it was opened, on the record's own page
  (the app decides).
- Anyone else: nothing (404).
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Model, OuterRef, Q

from dcfp.copies.models import Copy
from dcfp.models import User
from dcfp.permissions import is_active_person, rule
from dcfp.roles import Role


def holds_executive_role():
    """An uncorrelated EXISTS that is true while the person holds the executive role (read from the database
    in the same query, never from a cache)."""
    return User.groups.through.objects.filter(group__name=Role.EXECUTIVE)


def copy_reach(user, model: type[Model], action: str) -> Q | None:
    """The copy rule added to `scope()` for every registered document: view only, for a person who holds the
    executive role and has a copy of the record (one probe of the unique index per record)."""
    if action != "view" or not is_active_person(user):
        return None
    return Q(
        Exists(
            _copies_for(model)
            .filter(member_id=user.pk, object_id=OuterRef("pk"))
            .filter(Exists(holds_executive_role().filter(user_id=user.pk)))
        )
    )


def _copies_for(model: type[Model]):
    return Copy.objects.filter(content_type=ContentType.objects.get_for_model(model))


def can_list_copies(user) -> bool:
    """Executive members list their own copies."""
    return is_active_person(user) and holds_executive_role().filter(user_id=user.pk).exists()


@rule("This copy is not yours.")
def can_open_copy(user, obj: Model) -> bool:
    """Only the Executive member a copy was made for opens it, while they hold the role."""
    if not is_active_person(user):
        return False
    return (
        _copies_for(type(obj))
        .filter(member_id=user.pk, object_id=obj.pk)
        .filter(Exists(holds_executive_role().filter(user_id=user.pk)))
        .exists()
    )
