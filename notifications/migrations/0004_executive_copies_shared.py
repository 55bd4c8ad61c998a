"""Executive copies move to the shared copies mechanism (dcfp.copies): each ExecutiveCopy becomes a Copy
with its opening history, and the object permissions that used to give Executive members their access
are removed (the copy rule gives it now)."""

from django.db import migrations


def move_copies(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ExecutiveCopy = apps.get_model("notifications", "ExecutiveCopy")
    CopiedDocument = apps.get_model("copies", "CopiedDocument")
    Copy = apps.get_model("copies", "Copy")
    UserPermission = apps.get_model("notifications", "IncidentUserObjectPermission")
    if not ExecutiveCopy.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="notifications", model="incident")
    documents = {}
    for old in ExecutiveCopy.objects.select_related("incident").order_by("created_at", "id").iterator():
        incident = old.incident
        document = documents.get(incident.pk)
        if document is None:
            document, _ = CopiedDocument.objects.get_or_create(
                content_type=content_type,
                object_id=incident.pk,
                defaults={
                    "reference": incident.reference,
                    "subject": f"Notification {incident.reference} copied to you",
                    "body": f"Serious incident notification {incident.reference} has been agreed, and is copied to "
                    "you as an Executive member. Open your copy in the service.",
                    "link": f"/notifications/{incident.pk}/",
                    "copied_at": old.created_at,
                    "updated_at": old.created_at,
                },
            )
            documents[incident.pk] = document
        Copy.objects.get_or_create(
            member_id=old.member_id,
            content_type=content_type,
            object_id=incident.pk,
            defaults={
                "document": document,
                "made_at": old.created_at,
                "first_opened_at": old.first_opened_at,
                "last_opened_at": old.last_opened_at,
                "open_count": old.open_count,
            },
        )
        UserPermission.objects.filter(
            user_id=old.member_id, content_object_id=incident.pk, permission__codename="view_incident"
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_referred_to_another_authority"),
        ("copies", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(move_copies, migrations.RunPython.noop),
        migrations.DeleteModel(name="ExecutiveCopy"),
    ]
