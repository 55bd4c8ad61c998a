"""Input and output shapes shared by the notification Api classes. Field-level checks only: the rules
live in notifications.validation and the services."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dcfp.models import Area, Organisation
from notifications import criteria, selectors
from notifications.models import Agreement, Child, Incident


class ChildInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    age_years = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0, max_value=24)
    sex = serializers.ChoiceField(choices=Child.Sex.choices)
    gender = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    ethnicity = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    disability = serializers.ChoiceField(choices=Child.Disability.choices, default=Child.Disability.NOT_KNOWN)
    legal_status = serializers.ChoiceField(choices=Child.LegalStatus.choices, default=Child.LegalStatus.NONE)
    normally_resident_area = serializers.SlugRelatedField(
        slug_field="code", queryset=Area.objects.all(), required=False, allow_null=True, default=None
    )
    resident_outside_england = serializers.BooleanField(default=False)
    local_identifier = serializers.CharField(required=False, allow_blank=True, default="", max_length=50)
    died = serializers.BooleanField(default=False)


class IncidentInputSerializer(serializers.Serializer):
    occurred_on = serializers.DateField()
    occurred_time = serializers.TimeField(required=False, allow_null=True, default=None)
    aware_on = serializers.DateField()
    nature = serializers.ChoiceField(choices=Incident.Nature.choices)
    area = serializers.SlugRelatedField(
        slug_field="code", queryset=Area.objects.all(), required=False, allow_null=True, default=None
    )
    outside_england = serializers.BooleanField(default=False)
    abuse_or_neglect = serializers.ChoiceField(choices=Incident.AbuseOrNeglect.choices)
    categories = serializers.ListField(child=serializers.ChoiceField(choices=Incident.Category.choices), default=list)
    themes = serializers.ListField(child=serializers.ChoiceField(choices=Incident.Theme.choices), default=list)
    theme_other = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    agencies_involved = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), many=True, required=False, default=list
    )
    summary = serializers.CharField()
    outcome_recommended = serializers.ChoiceField(
        choices=Incident.Outcome.choices, required=False, allow_blank=True, default=""
    )
    not_notifiable_rationale = serializers.CharField(required=False, allow_blank=True, default="")
    # 1 to 4 children: checked with the other rules (notifications.validation), with the same messages.
    children = ChildInputSerializer(many=True)


class IncidentUpdateSerializer(IncidentInputSerializer):
    version = serializers.IntegerField(help_text="The version your edit started from; a stale one answers 409.")


class AreaOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class ClockOutputSerializer(serializers.Serializer):
    due_on = serializers.DateField()
    state = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.label


class IncidentListOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    status = serializers.CharField()
    nature = serializers.CharField()
    occurred_on = serializers.DateField()
    aware_on = serializers.DateField()
    area = AreaOutputSerializer(allow_null=True)
    outside_england = serializers.BooleanField()
    child_count = serializers.IntegerField()
    clock = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    @extend_schema_field(ClockOutputSerializer)
    def get_clock(self, incident) -> dict:
        state = selectors.incident_clock(incident, timezone.localdate())
        return {"due_on": incident.notification_due_on, "state": state.value, "label": state.label}


class ChildOutputSerializer(ChildInputSerializer):
    normally_resident_area = serializers.SerializerMethodField()  # type: ignore[assignment]

    def get_normally_resident_area(self, child) -> str | None:
        return child.normally_resident_area.code if child.normally_resident_area_id else None


class AgreementOutputSerializer(serializers.Serializer):
    round = serializers.IntegerField()
    person = serializers.CharField(source="person.full_name")
    organisation = serializers.CharField(source="organisation.name")
    capacity = serializers.ChoiceField(choices=Agreement.Capacity.choices)
    decision = serializers.ChoiceField(choices=Agreement.Decision.choices)
    proposed_outcome = serializers.CharField()
    reason = serializers.CharField()
    at = serializers.DateTimeField()


class CriteriaOutputSerializer(serializers.Serializer):
    summary = serializers.CharField()
    notifiable = serializers.BooleanField()
    duties = serializers.ListField(child=serializers.CharField())
    reasons = serializers.ListField(child=serializers.CharField())
    in_jurisdiction = serializers.BooleanField()
    responsible_authority = serializers.CharField()
    rapid_review_needed = serializers.BooleanField()


class IncidentDetailOutputSerializer(IncidentListOutputSerializer):
    occurred_time = serializers.TimeField(allow_null=True)
    abuse_or_neglect = serializers.CharField()
    categories = serializers.ListField(child=serializers.CharField())
    themes = serializers.ListField(child=serializers.CharField())
    theme_other = serializers.CharField()
    agencies_involved = serializers.SerializerMethodField()
    summary = serializers.CharField()
    outcome_recommended = serializers.CharField()
    not_notifiable_rationale = serializers.CharField()
    returned_reason = serializers.CharField()
    withdrawn_reason = serializers.CharField()
    referred_to = serializers.CharField(help_text="The authority it was referred to, when concluded as referred.")
    referred_note = serializers.CharField()
    national_reference = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    children = ChildOutputSerializer(many=True, source="children.all")
    agreements = AgreementOutputSerializer(many=True, source="agreements.all")
    criteria = serializers.SerializerMethodField()
    child_count = serializers.SerializerMethodField()  # type: ignore[assignment]

    def get_agencies_involved(self, incident) -> list[int]:
        return [org.pk for org in incident.agencies_involved.all()]

    def get_child_count(self, incident) -> int:
        return len(incident.children.all())

    @extend_schema_field(CriteriaOutputSerializer)
    def get_criteria(self, incident) -> dict:
        result = criteria.evaluate(incident, list(incident.children.all()))
        return {
            "summary": result.summary,
            "notifiable": result.notifiable,
            "duties": [d.value for d in result.duties],
            "reasons": result.reasons,
            "in_jurisdiction": result.in_jurisdiction,
            "responsible_authority": result.responsible_authority,
            "rapid_review_needed": result.rapid_review_needed,
        }
