import unicodedata

from django.db import migrations


def _normalise(value: str) -> str:
    # A copy of dcfp.models.normalise_email as it was when this migration was written.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value.strip()).casefold())


def normalise_emails(apps, schema_editor):
    """Store every address in its one normal form. Two accounts whose addresses fold to the same form
    cannot both have it: the second keeps its address and a warning names it, for an administrator."""
    User = apps.get_model("dcfp", "User")
    taken = set(User.objects.values_list("email", flat=True))
    for user in User.objects.order_by("id"):
        normal = _normalise(user.email)
        if normal == user.email:
            continue
        if normal in taken:
            print(f"\n  Not changed: the address of person {user.pk} folds to {normal!r}, which another has.")
            continue
        taken.discard(user.email)
        taken.add(normal)
        user.email = normal
        user.save(update_fields=["email"])


class Migration(migrations.Migration):
    dependencies = [("dcfp", "0001_initial")]

    operations = [migrations.RunPython(normalise_emails, migrations.RunPython.noop)]
