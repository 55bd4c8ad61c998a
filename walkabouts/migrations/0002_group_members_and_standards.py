"""Two things a constraint cannot say, and the first version of the standards.

- On PostgreSQL, a trigger refuses an assessment of an organisation that belongs to an assessment group
  (the group is assessed collectively, never its members one by one).
- Version 1 of the Section 11 standards: the eight key features, each with what good looks like.
"""

from datetime import date

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION walkabouts_group_member_not_alone() RETURNS trigger AS $$
BEGIN
    IF NEW.organisation_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM dcfp_organisation o WHERE o.id = NEW.organisation_id AND o.assessment_group_id IS NOT NULL
    ) THEN
        RAISE EXCEPTION 'a member of an assessment group is assessed with its group, not on its own'
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER walkabouts_group_member_not_alone
    BEFORE INSERT OR UPDATE OF organisation_id ON walkabouts_assessment
    FOR EACH ROW EXECUTE FUNCTION walkabouts_group_member_not_alone();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS walkabouts_group_member_not_alone ON walkabouts_assessment;
DROP FUNCTION IF EXISTS walkabouts_group_member_not_alone();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)
    from walkabouts.standards import STANDARDS_V1

    StandardVersion = apps.get_model("walkabouts", "StandardVersion")
    Standard = apps.get_model("walkabouts", "Standard")
    if not StandardVersion.objects.filter(number=1).exists():
        version = StandardVersion.objects.create(
            number=1, published_on=date(2025, 4, 1), notes="The eight Section 11 key features."
        )
        for position, (key, title, good) in enumerate(STANDARDS_V1, start=1):
            Standard.objects.create(version=version, position=position, key=key, title=title, what_good_looks_like=good)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("walkabouts", "0001_initial"), ("dcfp", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
