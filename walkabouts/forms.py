"""Forms for walkabout pages: fields and field-level checks only. The rules (one assessment per cycle,
group members, who may act) live in the services; views put their messages on these forms."""

from django import forms

from dcfp.forms import GovukDateField
from dcfp.models import AssessmentGroup, LocalityPartnership, Organisation, User
from dcfp.roles import Role
from dcfp.uploads.forms import DocumentField
from walkabouts.models import (
    MAX_PARTICIPANTS_PER_ROLE,
    PARTICIPANT_ROLE_PLURALS,
    Assessment,
    Cycle,
    EvidenceFile,
    ParticipantRole,
    Rating,
    ScrutinyItem,
    SecureHomeReport,
    SecureHomeRiskAssessment,
    Standard,
)


def _text(**attrs):
    return forms.TextInput(attrs={"class": "govuk-input", **attrs})


def _select():
    return forms.Select(attrs={"class": "govuk-select"})


def _textarea(rows=4):
    return forms.Textarea(attrs={"class": "govuk-textarea", "rows": rows})


def _char(label, *, required=True, help_text="", message="", rows=0, max_length=None):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        widget=_textarea(rows) if rows else _text(),
        error_messages={"required": message or f"Enter {label.lower()}"},
    )


class PlanForm(forms.Form):
    cycle = forms.ModelChoiceField(
        label="Cycle",
        queryset=Cycle.objects.all(),
        empty_label=None,
        widget=_select(),
        error_messages={"required": "Select the cycle"},
    )
    organisation = forms.ModelChoiceField(
        label="Organisation (leave empty to assess a group)",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="Select an organisation",
        widget=_select(),
        help_text="District councils are assessed collectively: choose their group instead.",
    )
    assessment_group = forms.ModelChoiceField(
        label="Or an assessment group",
        queryset=AssessmentGroup.objects.all(),
        required=False,
        empty_label="No group",
        widget=_select(),
    )
    route = forms.ChoiceField(
        label="How it is assessed",
        choices=[c for c in Assessment.Route.choices if c[0] != Assessment.Route.OTHER_PARTNERSHIP],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a walkabout or a self-assessment"},
    )
    visit_on = GovukDateField(label="Date of the walkabout", required=False, help_text="Needed for a walkabout.")
    team_or_site = _char("Team or site", required=False, max_length=200)
    locality = forms.ModelChoiceField(
        label="Locality",
        queryset=LocalityPartnership.objects.all(),
        required=False,
        empty_label="Select a locality",
        widget=_select(),
    )
    qa_lead = forms.ModelChoiceField(
        label="QA lead",
        queryset=User.objects.filter(is_active=True, groups__name__in=[Role.QA_GROUP, Role.QA_CHAIR])
        .distinct()
        .order_by("full_name"),
        required=False,
        empty_label="Me",
        widget=_select(),
    )

    def clean(self):
        data = super().clean()
        # Role -> count for the service; an empty or 0 count means nobody in that role.
        data["participants"] = {
            role.value: data[name]
            for role in ParticipantRole
            if data.get(name := f"participants_{role.value}") is not None and data[name] > 0
        }
        return data

    @property
    def participant_fields(self):
        """The count per front-line role, shown together under one question."""
        return [self[name] for name in self.fields if isinstance(self.fields[name], ParticipantCountField)]


class ParticipantCountField(forms.IntegerField):
    """How many people in one front-line role took part: a number, so it can never carry a name."""

    participant_count = True

    def __init__(self, role: ParticipantRole):
        plural = PARTICIPANT_ROLE_PLURALS[role]
        what = plural.lower()
        super().__init__(
            label=plural,
            required=False,
            min_value=0,
            max_value=MAX_PARTICIPANTS_PER_ROLE,
            widget=_text(inputmode="numeric", spellcheck="false", **{"class": "govuk-input govuk-input--width-3"}),
            error_messages={
                "invalid": f"Enter the number of {what} as a whole number, like 2",
                "min_value": f"The number of {what} must be 0 or more",
                "max_value": f"The number of {what} must be {MAX_PARTICIPANTS_PER_ROLE} or fewer",
            },
        )


# One count per front-line role, after the other planning questions (base_fields keeps the order).
for _role in ParticipantRole:
    PlanForm.base_fields[f"participants_{_role.value}"] = ParticipantCountField(_role)


class ElsewhereForm(forms.Form):
    cycle = forms.ModelChoiceField(label="Cycle", queryset=Cycle.objects.all(), empty_label=None, widget=_select())
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        empty_label="Select an organisation",
        widget=_select(),
        error_messages={"required": "Select the organisation"},
    )
    other_partnership = _char(
        "Partnership that assessed it", max_length=200, message="Enter the partnership that assessed it"
    )
    other_assessed_on = GovukDateField(
        label="Date of that assessment",
        past_only=True,
        error_messages={"required": "Enter the date of that assessment"},
    )
    other_evidence = _char("Evidence of that assessment", rows=3, message="Describe the evidence of that assessment")


class FindingForm(forms.Form):
    rating = forms.ChoiceField(
        label="Rating",
        choices=Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select red, amber or green"},
    )
    evidence = _char("Evidence", rows=4, message="Enter the evidence for this rating")
    strengths = _char("Strengths", required=False, rows=3)
    areas_for_improvement = _char(
        "Areas for improvement", required=False, rows=3, help_text="Needed for a red or amber rating."
    )
    expectation = _char(
        "An expectation agreed with the agency (optional)",
        required=False,
        rows=2,
        help_text="What good looks like for this agency, on top of the standard, as agreed with them.",
    )
    # The finding's version when the page was opened (0: not rated yet); a stale one is a conflict.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ReasonForm(forms.Form):
    reason = _char("Why are the findings being sent back?", rows=4, message="Say why the findings are being sent back")


class ReturnedForm(forms.Form):
    returned_on = GovukDateField(
        label="Date the agency returned its self-assessment",
        past_only=True,
        error_messages={"required": "Enter the date the self-assessment was returned"},
    )


class AgreeForm(forms.Form):
    summary = _char("Overall summary for the report (optional)", required=False, rows=4)


class ActionForm(forms.Form):
    description = _char("Action", rows=3, message="Describe the action")
    standard = forms.ModelChoiceField(
        label="Standard it addresses (optional)",
        queryset=Standard.objects.none(),
        required=False,
        empty_label="None",
        widget=_select(),
    )
    owner = _char(
        "Owner", max_length=200, help_text="The person or post who will do it.", message="Enter who owns the action"
    )
    owner_organisation = forms.ModelChoiceField(
        label="Owner's organisation", queryset=Organisation.objects.none(), empty_label=None, widget=_select()
    )
    due_on = GovukDateField(label="Due date", error_messages={"required": "Enter the due date"})

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        standard_field = self.fields["standard"]
        owner_field = self.fields["owner_organisation"]
        assert isinstance(standard_field, forms.ModelChoiceField) and isinstance(owner_field, forms.ModelChoiceField)
        standard_field.queryset = Standard.objects.filter(version=assessment.standard_version_id)
        if assessment.organisation_id:
            owner_field.queryset = Organisation.objects.filter(pk=assessment.organisation_id)
        else:
            owner_field.queryset = Organisation.objects.filter(assessment_group=assessment.assessment_group_id)


class ProgressForm(forms.Form):
    text = _char("Progress", rows=4, message="Describe the progress made")
    evidence = forms.ModelChoiceField(
        label="Evidence for it (optional)",
        queryset=EvidenceFile.objects.none(),
        required=False,
        empty_label="None",
        widget=_select(),
    )
    complete = forms.BooleanField(label="The action is complete", required=False)
    completed_on = GovukDateField(label="Date it was completed", required=False, past_only=True)

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        evidence_field = self.fields["evidence"]
        assert isinstance(evidence_field, forms.ModelChoiceField)
        evidence_field.queryset = EvidenceFile.objects.filter(assessment=assessment)

    def clean(self):
        data = super().clean()
        if data.get("complete") and not data.get("completed_on"):
            self.add_error("completed_on", "Enter the date the action was completed")
        return data


class EvidenceForm(forms.Form):
    file = DocumentField(label="File")
    description = _char("Describe the evidence", max_length=300, message="Describe the evidence")
    standard = forms.ModelChoiceField(
        label="Standard it supports (optional)",
        queryset=Standard.objects.none(),
        required=False,
        empty_label="None",
        widget=_select(),
    )

    def __init__(self, *args, assessment: Assessment, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["standard"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Standard.objects.filter(version=assessment.standard_version_id)


class SecureHomeReportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of report",
        choices=SecureHomeReport.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of report"},
    )
    received_on = GovukDateField(
        label="Date received", past_only=True, error_messages={"required": "Enter the date received"}
    )
    file = DocumentField(label="File")
    notes = _char("Notes (optional)", required=False, rows=3)


class RiskForm(forms.Form):
    assessed_on = GovukDateField(
        label="Date of the risk assessment", past_only=True, error_messages={"required": "Enter the date"}
    )
    risks = _char("Risks", rows=4, message="Describe the risks")
    rating = forms.ChoiceField(
        label="Level of risk",
        choices=SecureHomeRiskAssessment.Level.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the level of risk"},
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=SecureHomeRiskAssessment.Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision"},
    )
    rationale = _char("Why", rows=3, message="Explain the decision")


class SecureHomeWalkaboutForm(forms.Form):
    cycle = forms.ModelChoiceField(label="Cycle", queryset=Cycle.objects.all(), empty_label=None, widget=_select())
    visit_on = GovukDateField(
        label="Date of the walkabout", error_messages={"required": "Enter the date of the walkabout"}
    )
    team_or_site = _char("Team or site", required=False, max_length=200)


class ProgrammeForm(forms.Form):
    year = forms.IntegerField(
        label="Year it starts",
        min_value=2018,
        max_value=2100,
        help_text="For example, 2026 for April 2026 to March 2027.",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-4"}),
        error_messages={"required": "Enter the year the programme starts", "invalid": "Enter a year, for example 2026"},
    )


class ItemForm(forms.Form):
    title = _char("What will be scrutinised", max_length=200, message="Enter what will be scrutinised")
    method = forms.ChoiceField(
        label="Method",
        choices=ScrutinyItem.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the method"},
    )
    owner = _char("Owner", max_length=200, message="Enter who owns it")
    timing = _char("When", max_length=100, help_text="For example: autumn 2026.", message="Enter when it will happen")


class OutcomeForm(forms.Form):
    findings = _char("Findings", rows=4, message="Enter the findings")
    learning = _char("Learning", required=False, rows=3)
    dissemination = _char("How the lessons were spread", required=False, rows=3)


class CycleForm(forms.Form):
    name = _char("Name", max_length=20, help_text="For example 2027-28.", message="Enter the cycle's name")
    starts_on = GovukDateField(label="First day", error_messages={"required": "Enter the first day of the cycle"})
    ends_on = GovukDateField(label="Last day", error_messages={"required": "Enter the last day of the cycle"})


class StandardsForm(forms.Form):
    """A new version of the standards, starting from the version it replaces: each standard's title and
    what good looks like (its key stays, so cycles still compare standard by standard)."""

    def __init__(self, *args, standards: list[tuple[str, str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.keys = [key for key, _title, _good in standards]
        for position, (key, title, good) in enumerate(standards, start=1):
            self.fields[f"title_{key}"] = _char(
                f"Standard {position}: title", max_length=200, message="Enter the title"
            )
            self.fields[f"good_{key}"] = _char(
                f"Standard {position}: what good looks like", rows=4, message="Enter what good looks like"
            )
            self.initial.setdefault(f"title_{key}", title)
            self.initial.setdefault(f"good_{key}", good)
        self.fields["notes"] = _char("What changed from the previous version", rows=3, message="Say what changed")

    def standards(self) -> list[dict]:
        return [
            {
                "key": key,
                "title": self.cleaned_data[f"title_{key}"],
                "what_good_looks_like": self.cleaned_data[f"good_{key}"],
            }
            for key in self.keys
        ]
