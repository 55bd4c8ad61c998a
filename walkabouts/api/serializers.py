"""Input and output shapes of the walkabouts API. Field-level checks only: the rules live in the services."""

from rest_framework import serializers

from dcfp.models import AssessmentGroup, LocalityPartnership, Organisation
from walkabouts.models import (
    MAX_PARTICIPANTS_PER_ROLE,
    Assessment,
    Cycle,
    ParticipantRole,
    Rating,
    ScrutinyItem,
    SecureHomeReport,
    SecureHomeRiskAssessment,
    Standard,
)


class StandardOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    key = serializers.CharField()
    title = serializers.CharField()
    what_good_looks_like = serializers.CharField()


class StandardVersionOutputSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    published_on = serializers.DateField()
    notes = serializers.CharField()
    standards = StandardOutputSerializer(many=True, source="standards.all")


class CycleOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class CycleInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=20, help_text="For example 2027-28.")
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()


class StandardInputSerializer(serializers.Serializer):
    key = serializers.SlugField(help_text="Stays the same across versions, so cycles compare.")
    title = serializers.CharField(max_length=200)
    what_good_looks_like = serializers.CharField()


class StandardsInputSerializer(serializers.Serializer):
    notes = serializers.CharField(help_text="What changed from the previous version.")
    standards = StandardInputSerializer(many=True)


class AssessmentListOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cycle = serializers.CharField(source="cycle.name")
    subject = serializers.CharField(source="subject_name")
    organisation = serializers.IntegerField(source="organisation_id", allow_null=True)
    assessment_group = serializers.IntegerField(source="assessment_group_id", allow_null=True)
    route = serializers.ChoiceField(choices=Assessment.Route.choices)
    status = serializers.ChoiceField(choices=Assessment.Status.choices)
    visit_on = serializers.DateField(allow_null=True)
    red = serializers.IntegerField()
    amber = serializers.IntegerField()
    green = serializers.IntegerField()
    open_actions = serializers.IntegerField()


class FindingOutputSerializer(serializers.Serializer):
    standard = serializers.CharField(source="standard.key")
    standard_id = serializers.IntegerField()
    version = serializers.IntegerField(help_text="Send it back with a change; a stale one answers 409.")
    rating = serializers.ChoiceField(choices=Rating.choices)
    evidence = serializers.CharField()
    strengths = serializers.CharField()
    areas_for_improvement = serializers.CharField()


class ActionUpdateOutputSerializer(serializers.Serializer):
    text = serializers.CharField()
    by = serializers.CharField(source="by.full_name")
    at = serializers.DateTimeField()


class ActionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    description = serializers.CharField()
    owner = serializers.CharField()
    owner_organisation = serializers.CharField(source="owner_organisation.name")
    due_on = serializers.DateField()
    status = serializers.CharField()
    completed_on = serializers.DateField(allow_null=True)
    updates = ActionUpdateOutputSerializer(many=True, source="updates.all")


class EvidenceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    description = serializers.CharField()
    file_name = serializers.CharField(source="upload.original_name")
    kind = serializers.CharField(source="upload.kind")
    size = serializers.IntegerField(source="upload.size")


class ExpectationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    standard = serializers.CharField(source="standard.key")
    standard_id = serializers.IntegerField()
    text = serializers.CharField()


class ExpectationInputSerializer(serializers.Serializer):
    standard = serializers.PrimaryKeyRelatedField(
        queryset=Standard.objects.all(), help_text="One of the standards of the assessment's version."
    )
    text = serializers.CharField(help_text="What good looks like for this agency, as agreed with them.")


class ParticipantOutputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=ParticipantRole.choices)
    count = serializers.IntegerField()


class ParticipantInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=ParticipantRole.choices, help_text="One of the fixed front-line roles.")
    count = serializers.IntegerField(
        min_value=1, max_value=MAX_PARTICIPANTS_PER_ROLE, help_text="How many people in that role took part."
    )


class AssessmentDetailOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    cycle = serializers.CharField(source="cycle.name")
    subject = serializers.CharField(source="subject_name")
    organisation = serializers.IntegerField(source="organisation_id", allow_null=True)
    assessment_group = serializers.IntegerField(source="assessment_group_id", allow_null=True)
    route = serializers.ChoiceField(choices=Assessment.Route.choices)
    status = serializers.ChoiceField(choices=Assessment.Status.choices)
    standard_version = serializers.IntegerField(source="standard_version.number")
    visit_on = serializers.DateField(allow_null=True)
    team_or_site = serializers.CharField()
    participants = ParticipantOutputSerializer(
        many=True,
        source="participants.all",
        help_text="A walkabout's front-line participants: roles and counts, never names.",
    )
    returned_on = serializers.DateField(allow_null=True, help_text="When the agency returned its self-assessment")
    other_partnership = serializers.CharField()
    other_assessed_on = serializers.DateField(allow_null=True)
    other_evidence = serializers.CharField()
    agency_agreed_at = serializers.DateTimeField(allow_null=True)
    agreed_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()
    findings = FindingOutputSerializer(many=True, source="findings.all")
    expectations = ExpectationOutputSerializer(many=True, source="expectations.all")
    actions = ActionOutputSerializer(many=True, source="actions.all")
    evidence = EvidenceOutputSerializer(many=True, source="evidence.all")


class PlanInputSerializer(serializers.Serializer):
    cycle = serializers.SlugRelatedField(slug_field="name", queryset=Cycle.objects.all())
    route = serializers.ChoiceField(
        choices=Assessment.Route.choices,
        help_text="walkabout or self_assessment; an assessment by another partnership is recorded at "
        "/api/v1/walkabouts/assessments/assessed-elsewhere/.",
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    assessment_group = serializers.PrimaryKeyRelatedField(
        queryset=AssessmentGroup.objects.all(), required=False, allow_null=True, default=None
    )
    visit_on = serializers.DateField(required=False, allow_null=True, default=None)
    team_or_site = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    locality = serializers.PrimaryKeyRelatedField(
        queryset=LocalityPartnership.objects.all(), required=False, allow_null=True, default=None
    )
    participants = ParticipantInputSerializer(
        many=True,
        required=False,
        default=list,
        help_text="A walkabout's front-line participants by role, each role at most once. Roles only: never a name.",
    )

    def validate_participants(self, value: list[dict]) -> dict[str, int]:
        roles = [item["role"] for item in value]
        if len(set(roles)) != len(roles):
            raise serializers.ValidationError("Give each role once, with the number of people in it.")
        return {item["role"]: item["count"] for item in value}


class FindingInputSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=Rating.choices)
    evidence = serializers.CharField()
    strengths = serializers.CharField(required=False, allow_blank=True, default="")
    areas_for_improvement = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(
        min_value=0,
        help_text="The finding's version your change started from (0 for a standard not rated yet); "
        "a stale one answers 409 and nothing is saved.",
    )


class ActionInputSerializer(serializers.Serializer):
    description = serializers.CharField()
    owner = serializers.CharField(max_length=200)
    owner_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    due_on = serializers.DateField()
    standard = serializers.PrimaryKeyRelatedField(
        queryset=Standard.objects.all(), required=False, allow_null=True, default=None
    )


class ProgressInputSerializer(serializers.Serializer):
    text = serializers.CharField()
    complete = serializers.BooleanField(default=False)
    completed_on = serializers.DateField(required=False, allow_null=True, default=None)


class EvidenceInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A PDF or DOCX, recognised by its content, at most 20 MB.")
    description = serializers.CharField(max_length=300)


class ReturnedInputSerializer(serializers.Serializer):
    returned_on = serializers.DateField(help_text="The date the agency returned its self-assessment")


class ElsewhereInputSerializer(serializers.Serializer):
    cycle = serializers.SlugRelatedField(slug_field="name", queryset=Cycle.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    other_partnership = serializers.CharField(max_length=200, help_text="The partnership that assessed it")
    other_assessed_on = serializers.DateField(help_text="When that partnership assessed it")
    other_evidence = serializers.CharField(help_text="The evidence of that assessment")


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ComparisonCellSerializer(serializers.Serializer):
    standard = serializers.CharField(source="standard_key")
    this = serializers.CharField(help_text="red, amber, green, or empty when not rated")
    last = serializers.CharField()
    change = serializers.CharField(help_text="better, worse, same, or empty")


class ComparisonRowSerializer(serializers.Serializer):
    subject = serializers.CharField()
    kind = serializers.CharField()
    locality = serializers.CharField()
    assessment = serializers.IntegerField(source="assessment_id", allow_null=True)
    status = serializers.CharField(help_text="This cycle's assessment's status, in words")
    final = serializers.BooleanField(help_text="Its findings are agreed with the agency and by the QA Group")
    cells = ComparisonCellSerializer(many=True)


class ComparisonOutputSerializer(serializers.Serializer):
    cycle = serializers.CharField(source="cycle.name", allow_null=True)
    previous = serializers.CharField(source="previous.name", allow_null=True, default=None)
    rows = ComparisonRowSerializer(many=True)


class ScrutinyItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(max_length=200)
    method = serializers.ChoiceField(choices=ScrutinyItem.Method.choices)
    owner = serializers.CharField(max_length=200)
    timing = serializers.CharField(max_length=100)
    findings = serializers.CharField(read_only=True)
    learning = serializers.CharField(read_only=True)
    dissemination = serializers.CharField(read_only=True)


class ScrutinyProgrammeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    year = serializers.IntegerField()
    name = serializers.CharField(source="label", help_text="For example 2026-27.")
    status = serializers.CharField()
    endorsed_by = serializers.CharField(source="endorsed_by.full_name", allow_null=True, default=None)
    endorsed_at = serializers.DateTimeField(allow_null=True)
    next_due_on = serializers.DateField()
    items = ScrutinyItemSerializer(many=True, source="items.all")


class ScrutinyOutcomeInputSerializer(serializers.Serializer):
    findings = serializers.CharField()
    learning = serializers.CharField(required=False, allow_blank=True, default="")
    dissemination = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="How the lessons were spread."
    )


class ProgrammeInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2018, max_value=2100)


class RiskOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    home = serializers.CharField(source="home.name")
    assessed_on = serializers.DateField()
    risks = serializers.CharField()
    rating = serializers.ChoiceField(choices=SecureHomeRiskAssessment.Level.choices)
    decision = serializers.ChoiceField(choices=SecureHomeRiskAssessment.Decision.choices)
    rationale = serializers.CharField()
    # Output only: the querysets name the models for the schema.
    reports = serializers.PrimaryKeyRelatedField(
        many=True, queryset=SecureHomeReport.objects.all(), help_text="The reports it was made on."
    )
    walkabouts = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Assessment.objects.all(), help_text="The assessments planned from it."
    )


class RiskInputSerializer(serializers.Serializer):
    home = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=Organisation.Kind.SECURE_CHILDRENS_HOME)
    )
    assessed_on = serializers.DateField()
    risks = serializers.CharField()
    rating = serializers.ChoiceField(choices=SecureHomeRiskAssessment.Level.choices)
    decision = serializers.ChoiceField(choices=SecureHomeRiskAssessment.Decision.choices)
    rationale = serializers.CharField()
    reports = serializers.PrimaryKeyRelatedField(
        many=True,
        queryset=SecureHomeReport.objects.all(),
        required=False,
        help_text="The home's reports it was made on; every report received about the home when omitted.",
    )


class SecureHomeReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    home = serializers.CharField(source="home.name")
    home_id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=SecureHomeReport.Kind.choices)
    received_on = serializers.DateField()
    notes = serializers.CharField()
    file_name = serializers.CharField(source="upload.original_name")
    file_kind = serializers.CharField(source="upload.kind")
    size = serializers.IntegerField(source="upload.size")


class SecureHomeReportInputSerializer(serializers.Serializer):
    home = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=Organisation.Kind.SECURE_CHILDRENS_HOME)
    )
    kind = serializers.ChoiceField(choices=SecureHomeReport.Kind.choices)
    received_on = serializers.DateField()
    file = serializers.FileField(help_text="A PDF or DOCX, recognised by its content, at most 20 MB.")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class SecureHomeWalkaboutInputSerializer(serializers.Serializer):
    cycle = serializers.SlugRelatedField(slug_field="name", queryset=Cycle.objects.all())
    visit_on = serializers.DateField()
    team_or_site = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
