import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CopiedDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.PositiveBigIntegerField()),
                ("reference", models.CharField(max_length=100)),
                ("subject", models.CharField(help_text="The message members were sent.", max_length=200)),
                ("body", models.TextField()),
                ("link", models.CharField(help_text="The record's page, a path inside the service.", max_length=500)),
                ("copied_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "updated_at",
                    models.DateTimeField(default=django.utils.timezone.now, help_text="When the message last changed."),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="contenttypes.contenttype"
                    ),
                ),
            ],
            options={
                "ordering": ["copied_at", "id"],
            },
        ),
        migrations.CreateModel(
            name="Copy",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("object_id", models.PositiveBigIntegerField()),
                ("made_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "before_joining",
                    models.BooleanField(
                        default=False,
                        help_text="Copied to the Executive before this member joined it, and given to them on joining.",
                    ),
                ),
                ("first_opened_at", models.DateTimeField(blank=True, null=True)),
                ("last_opened_at", models.DateTimeField(blank=True, null=True)),
                ("open_count", models.PositiveIntegerField(default=0)),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="contenttypes.contenttype"
                    ),
                ),
                (
                    "document",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="copies", to="copies.copieddocument"
                    ),
                ),
                (
                    "member",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT, related_name="copies", to=settings.AUTH_USER_MODEL
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "copies",
                "ordering": ["made_at", "id"],
            },
        ),
        migrations.AddConstraint(
            model_name="copieddocument",
            constraint=models.UniqueConstraint(fields=("content_type", "object_id"), name="one_copied_document"),
        ),
        migrations.AddIndex(
            model_name="copy",
            index=models.Index(
                condition=models.Q(("first_opened_at__isnull", True)),
                fields=["member", "made_at", "id"],
                name="copy_not_opened",
            ),
        ),
        migrations.AddIndex(
            model_name="copy",
            index=models.Index(fields=["member", "-made_at", "-id"], name="copy_member_recent"),
        ),
        migrations.AddIndex(
            model_name="copy",
            index=models.Index(fields=["content_type", "object_id"], name="copy_of_document"),
        ),
        migrations.AddConstraint(
            model_name="copy",
            constraint=models.UniqueConstraint(
                fields=("member", "content_type", "object_id"), name="copy_one_per_member"
            ),
        ),
    ]
