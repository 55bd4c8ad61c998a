from django.conf import settings
from django.db import migrations, models

# The actions by which a person writes or submits a version of an incident.
AUTHORING = ["notifications.incident.create", "notifications.incident.update", "notifications.incident.submit"]


def fill_authors(apps, schema_editor):
    """Everyone the audit trail shows creating, changing or submitting an incident, and its creator."""
    Incident = apps.get_model("notifications", "Incident")
    AuditEvent = apps.get_model("audit", "AuditEvent")
    for incident in Incident.objects.all():
        people = set(
            AuditEvent.objects.filter(
                target_type="notifications.incident", target_id=str(incident.pk), action__in=AUTHORING
            )
            .exclude(actor=None)
            .values_list("actor_id", flat=True)
        )
        incident.authors.add(incident.created_by_id, *people)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_actor_organisation"),
        ("notifications", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="incident",
            name="authors",
            field=models.ManyToManyField(blank=True, related_name="+", to=settings.AUTH_USER_MODEL),
        ),
        migrations.RunPython(fill_authors, migrations.RunPython.noop),
    ]
