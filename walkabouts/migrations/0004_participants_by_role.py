"""Front-line participants are counted by role instead of described in free text.

The old free text is dropped, not carried over: it cannot be read back into roles and counts safely,
and any text it held (which could include a name) must not survive in another field. A walkabout
planned before this change shows no front-line participants: no count is invented for it.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("walkabouts", "0003_finding_version"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="assessment",
            name="participants",
        ),
        migrations.CreateModel(
            name="WalkaboutParticipant",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("social_worker", "Social worker"),
                            ("team_manager", "Team manager"),
                            ("health_visitor", "Health visitor"),
                            ("school_nurse", "School nurse"),
                            ("teacher", "Teacher"),
                            ("designated_safeguarding_lead", "Designated safeguarding lead"),
                            ("police_officer", "Police officer"),
                            ("early_help_worker", "Early help worker"),
                            ("youth_worker", "Youth worker"),
                            ("other_practitioner", "Other practitioner"),
                        ],
                        max_length=40,
                    ),
                ),
                ("count", models.PositiveSmallIntegerField()),
                (
                    "assessment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="participants",
                        to="walkabouts.assessment",
                    ),
                ),
            ],
            options={
                "ordering": ["assessment", "id"],
                "constraints": [
                    models.UniqueConstraint(fields=("assessment", "role"), name="walkabout_participant_role_once"),
                    models.CheckConstraint(
                        condition=models.Q(("count__gte", 1), ("count__lte", 999)),
                        name="walkabout_participant_count_positive",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            (
                                "role__in",
                                [
                                    "social_worker",
                                    "team_manager",
                                    "health_visitor",
                                    "school_nurse",
                                    "teacher",
                                    "designated_safeguarding_lead",
                                    "police_officer",
                                    "early_help_worker",
                                    "youth_worker",
                                    "other_practitioner",
                                ],
                            )
                        ),
                        name="walkabout_participant_role_known",
                    ),
                ],
            },
        ),
    ]
