"""Input and output shapes of the thresholds API. Field-level checks only: the rules are the services'."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dcfp.models import LocalityPartnership, Organisation, User
from thresholds.models import (
    AgeBand,
    Disability,
    Disagreement,
    Ethnicity,
    Indicator,
    Level,
    Sex,
    Strength,
    ThresholdDecision,
)


class IndicatorOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    level = serializers.IntegerField()
    level_name = serializers.CharField(source="get_level_display")
    wording = serializers.CharField()
    plain_wording = serializers.CharField()
    contextual_safeguarding = serializers.BooleanField()


class DomainOutputSerializer(serializers.Serializer):
    name = serializers.CharField()
    description = serializers.CharField()
    indicators = IndicatorOutputSerializer(many=True, source="indicators.all")


class StrengthOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    wording = serializers.CharField()
    plain_wording = serializers.CharField()


class LevelOutputSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    name = serializers.CharField()
    meaning = serializers.CharField()


class ToolOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    version = serializers.CharField()
    status = serializers.CharField()
    effective_from = serializers.DateField(allow_null=True)
    effective_to = serializers.DateField(allow_null=True)
    is_illustrative = serializers.BooleanField()
    introduction = serializers.CharField()
    levels = LevelOutputSerializer(many=True, source="level_rows")
    domains = DomainOutputSerializer(many=True, source="domains.all")
    strengths = StrengthOutputSerializer(many=True, source="strengths.all")


class ToolVersionListOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    version = serializers.CharField()
    status = serializers.CharField()
    effective_from = serializers.DateField(allow_null=True)
    effective_to = serializers.DateField(allow_null=True)
    is_illustrative = serializers.BooleanField()
    decision_count = serializers.IntegerField(help_text="Decisions made with this version.")


class ToolVersionCreateInputSerializer(serializers.Serializer):
    version = serializers.CharField(max_length=20, help_text="The new draft starts as a copy of the current version.")


class IndicatorInputSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=Level.choices)
    wording = serializers.CharField(max_length=300)
    plain_wording = serializers.CharField(max_length=300)
    contextual_safeguarding = serializers.BooleanField(default=False)


class DomainInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    indicators = IndicatorInputSerializer(many=True, default=list)


class StrengthInputSerializer(serializers.Serializer):
    wording = serializers.CharField(max_length=300)
    plain_wording = serializers.CharField(max_length=300)


class LevelInputSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=Level.choices)
    meaning = serializers.CharField(allow_blank=True, help_text="Blank keeps the standard wording.")


class ToolDraftInputSerializer(serializers.Serializer):
    """A draft's whole content: what is not given is left empty (levels keep the standard wording)."""

    name = serializers.CharField(max_length=200)
    introduction = serializers.CharField(required=False, allow_blank=True, default="")
    levels = LevelInputSerializer(many=True, default=list)
    domains = DomainInputSerializer(many=True, default=list)
    strengths = StrengthInputSerializer(many=True, default=list)


class PublishInputSerializer(serializers.Serializer):
    effective_from = serializers.DateField(
        help_text="The first day it is used; the current version ends the day before."
    )


class DecisionInputSerializer(serializers.Serializer):
    decided_on = serializers.DateField()
    local_identifier = serializers.CharField(max_length=50)
    age_band = serializers.ChoiceField(choices=AgeBand.choices)
    sex = serializers.ChoiceField(choices=Sex.choices)
    ethnicity = serializers.ChoiceField(choices=Ethnicity.choices)
    disability = serializers.ChoiceField(choices=Disability.choices)
    locality = serializers.PrimaryKeyRelatedField(queryset=LocalityPartnership.objects.all())
    indicators = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.all(), many=True, default=list)
    strengths = serializers.PrimaryKeyRelatedField(queryset=Strength.objects.all(), many=True, default=list)
    level = serializers.ChoiceField(choices=Level.choices)
    rationale = serializers.CharField(required=False, allow_blank=True, default="")
    lead_practitioner = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class DecisionListOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    decided_on = serializers.DateField()
    organisation = serializers.CharField(source="organisation.name")
    locality = serializers.CharField(source="locality.name")
    local_identifier = serializers.CharField()
    age_band = serializers.CharField()
    sex = serializers.CharField()
    ethnicity = serializers.CharField()
    disability = serializers.CharField()
    suggested_level = serializers.IntegerField()
    level = serializers.IntegerField()
    response = serializers.CharField()


class DecisionDetailOutputSerializer(DecisionListOutputSerializer):
    tool_version = serializers.CharField(source="tool_version.version")
    indicators = IndicatorOutputSerializer(many=True, source="indicators.all")
    strengths = StrengthOutputSerializer(many=True, source="strengths.all")
    suggestion_reasons = serializers.SerializerMethodField(help_text="The indicators behind the suggested level.")
    rationale = serializers.CharField()
    lead_practitioner = serializers.CharField()

    def get_suggestion_reasons(self, decision: ThresholdDecision) -> list[str]:
        return [i.wording for i in decision.indicators.all() if i.level == decision.suggested_level]


class BreakdownRowSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]  # a field named "label", not Field.label
    count = serializers.IntegerField()


class BreakdownOutputSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    rows = serializers.SerializerMethodField()

    @extend_schema_field(BreakdownRowSerializer(many=True))
    def get_rows(self, breakdown) -> list[dict]:
        return [{"label": label, "count": count} for label, count in breakdown.rows]


class PartyOutputSerializer(serializers.Serializer):
    organisation = serializers.CharField(source="organisation.name")
    person = serializers.CharField(source="person.full_name", allow_null=True, default=None)
    side = serializers.CharField()


class NoteOutputSerializer(serializers.Serializer):
    kind = serializers.CharField()
    stage = serializers.IntegerField()
    author = serializers.CharField(source="author.full_name")
    organisation = serializers.CharField(source="organisation.name")
    text = serializers.CharField()
    at = serializers.DateTimeField()


class DisagreementListOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    type = serializers.CharField()
    disagreement_with = serializers.CharField()
    status = serializers.CharField()
    stage = serializers.IntegerField()
    raised_on = serializers.DateField()
    stage_due_on = serializers.DateField()
    resolved_on = serializers.DateField(allow_null=True)
    parties = PartyOutputSerializer(many=True, source="parties.all")


class DisagreementDetailOutputSerializer(DisagreementListOutputSerializer):
    summary = serializers.CharField()
    decision = serializers.CharField(source="decision.reference", allow_null=True, default=None)
    outcome = serializers.CharField()
    learning = serializers.CharField()
    notes = NoteOutputSerializer(many=True, source="notes.all")


class DisagreementInputSerializer(serializers.Serializer):
    disagreement_with = serializers.ChoiceField(choices=Disagreement.With.choices)
    type = serializers.ChoiceField(choices=Disagreement.Type.choices)
    summary = serializers.CharField()
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    people = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False, default=list
    )
    decision_reference = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)


class RespondInputSerializer(serializers.Serializer):
    text = serializers.CharField()


class PartyInputSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    person = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True, default=None
    )


class EscalateInputSerializer(serializers.Serializer):
    reason = serializers.CharField()
    people = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), many=True, required=False, default=list
    )


class ResolveInputSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    learning = serializers.CharField(required=False, allow_blank=True, default="")


class ReportRowSerializer(serializers.Serializer):
    label = serializers.CharField()  # type: ignore[assignment]  # a field named "label", not Field.label
    count = serializers.IntegerField()


class DisagreementReportOutputSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    open = serializers.IntegerField()
    resolved = serializers.IntegerField()
    by_type = serializers.SerializerMethodField()
    by_stage = serializers.SerializerMethodField()
    days_to_resolve = serializers.SerializerMethodField()

    def _rows(self, rows) -> list[dict]:
        return [{"label": label, "count": count} for label, count in rows]

    @extend_schema_field(ReportRowSerializer(many=True))
    def get_by_type(self, report) -> list[dict]:
        return self._rows(report.by_type)

    @extend_schema_field(ReportRowSerializer(many=True))
    def get_by_stage(self, report) -> list[dict]:
        return self._rows(report.by_stage)

    @extend_schema_field(ReportRowSerializer(many=True))
    def get_days_to_resolve(self, report) -> list[dict]:
        return self._rows(report.days_to_resolve)


class ReportFilterInputSerializer(serializers.Serializer):
    raised_from = serializers.DateField(required=False, help_text="Raised on or after this date (YYYY-MM-DD).")
    raised_to = serializers.DateField(required=False, help_text="Raised on or before this date (YYYY-MM-DD).")

    def validate(self, data):
        if data.get("raised_from") and data.get("raised_to") and data["raised_to"] < data["raised_from"]:
            raise serializers.ValidationError({"raised_to": "Must be the same as or after raised_from"})
        return data
