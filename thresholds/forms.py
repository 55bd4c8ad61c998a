"""Form fields and field-level checks for threshold decisions, disagreements and tool versions. The
rules (suggested level, rationale, who may act) are the services'."""

from django import forms

from dcfp.forms import GovukDateField
from dcfp.models import LocalityPartnership, Organisation, User
from thresholds.models import AgeBand, Disability, Disagreement, Ethnicity, Indicator, Level, Sex, Strength


def _select():
    return forms.Select(attrs={"class": "govuk-select"})


def _textarea(rows=4):
    return forms.Textarea(attrs={"class": "govuk-textarea", "rows": rows})


def _text(width="govuk-input--width-20"):
    return forms.TextInput(attrs={"class": f"govuk-input {width}"})


class DecisionForm(forms.Form):
    decided_on = GovukDateField(label="Date of the decision", past_only=True)
    local_identifier = forms.CharField(
        label="Your agency's reference for the child or family",
        max_length=50,
        help_text="Not a name. For example, your case number.",
        widget=_text(),
        error_messages={"required": "Enter your agency's reference for the child or family"},
    )
    age_band = forms.ChoiceField(
        label="Age",
        choices=[("", "Choose an age"), *AgeBand.choices],
        widget=_select(),
        error_messages={"required": "Choose the child's age"},
    )
    sex = forms.ChoiceField(
        label="Sex", choices=Sex.choices, widget=forms.RadioSelect, error_messages={"required": "Choose the sex"}
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        choices=[("", "Choose an ethnic group"), *Ethnicity.choices],
        widget=_select(),
        error_messages={"required": "Choose the ethnic group"},
    )
    disability = forms.ChoiceField(
        label="Disability",
        choices=Disability.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the child has a disability"},
    )
    locality = forms.ModelChoiceField(
        label="Locality",
        queryset=LocalityPartnership.objects.order_by("name"),
        empty_label="Choose a locality",
        widget=_select(),
        error_messages={"required": "Choose the locality"},
    )
    indicators = forms.ModelMultipleChoiceField(queryset=Indicator.objects.none(), required=False)
    strengths = forms.ModelMultipleChoiceField(queryset=Strength.objects.none(), required=False)
    level = forms.TypedChoiceField(
        label="The level you decide on",
        choices=Level.choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text="If it is not the level the tool suggests, explain why below.",
        error_messages={"required": "Choose the level of need you decide on"},
    )
    rationale = forms.CharField(
        label="Your rationale",
        required=False,
        widget=_textarea(),
        help_text="Needed when your level differs from the one the tool suggests.",
    )
    lead_practitioner = forms.CharField(
        label="Lead practitioner for the early help assessment",
        required=False,
        max_length=200,
        widget=_text(),
        help_text="Needed at Early Help and Targeted Help: name and role.",
    )

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            self.fields["indicators"].queryset = Indicator.objects.filter(domain__version=version)
            self.fields["strengths"].queryset = Strength.objects.filter(version=version)


class DisagreementForm(forms.Form):
    disagreement_with = forms.ChoiceField(
        label="Who do you disagree with?",
        choices=Disagreement.With.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who you disagree with"},
    )
    organisation = forms.ModelChoiceField(
        label="The other agency",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="Choose an agency",
        widget=_select(),
        help_text="If the disagreement is with another agency.",
    )
    person = forms.ModelChoiceField(
        label="The person you disagree with (optional)",
        queryset=User.objects.none(),
        required=False,
        empty_label="Nobody named: the agency as a whole",
        widget=_select(),
        help_text="They, and their agency's safeguarding leads, will see the disagreement.",
    )
    type = forms.ChoiceField(
        label="What is it about?",
        choices=Disagreement.Type.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the disagreement is about"},
    )
    summary = forms.CharField(
        label="What you disagree about and what you think should happen",
        widget=_textarea(5),
        error_messages={"required": "Say what you disagree about and what you think should happen"},
    )
    decision_reference = forms.CharField(
        label="Threshold decision reference (optional)",
        required=False,
        max_length=20,
        widget=_text("govuk-input--width-10"),
        help_text="If it is about a recorded threshold decision, for example TD-2026-000123.",
    )

    def __init__(self, *args, people=None, exclude_organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people
            self.fields["person"].label_from_instance = lambda u: f"{u.full_name}, {u.organisation.name}"
        if exclude_organisation is not None:
            self.fields["organisation"].queryset = Organisation.objects.exclude(pk=exclude_organisation).order_by(
                "name"
            )


class RespondForm(forms.Form):
    text = forms.CharField(
        label="Your response", widget=_textarea(5), error_messages={"required": "Enter your response"}
    )


class EscalateForm(forms.Form):
    reason = forms.CharField(
        label="Why it needs to go to the next stage",
        widget=_textarea(4),
        error_messages={"required": "Say why it needs to go to the next stage"},
    )
    person = forms.ModelChoiceField(
        label="Manager to name at the next stage (optional)",
        queryset=User.objects.none(),
        required=False,
        empty_label="Nobody new",
        widget=_select(),
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["person"].queryset = people
            self.fields["person"].label_from_instance = lambda u: f"{u.full_name}, {u.organisation.name}"


class PartyForm(forms.Form):
    """Naming another organisation, or a person (with their organisation), after the disagreement was raised."""

    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Choose",
        widget=_select(),
    )
    person = forms.ModelChoiceField(
        label="Person (optional)",
        queryset=User.objects.none(),
        required=False,
        empty_label="Nobody in particular",
        widget=_select(),
        help_text="Name a person, or an organisation whose safeguarding leads will answer for it.",
    )

    def __init__(self, *args, organisations=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        if people is not None:
            self.fields["person"].queryset = people
            self.fields["person"].label_from_instance = lambda u: f"{u.full_name}, {u.organisation.name}"


class ResolveForm(forms.Form):
    outcome = forms.CharField(
        label="How it was resolved", widget=_textarea(4), error_messages={"required": "Say how it was resolved"}
    )
    learning = forms.CharField(label="What was learnt (optional)", required=False, widget=_textarea(4))


class NewToolVersionForm(forms.Form):
    version = forms.CharField(
        label="Version number",
        max_length=20,
        widget=_text("govuk-input--width-5"),
        help_text="The new draft starts as a copy of the current version.",
        error_messages={"required": "Enter the version number"},
    )


class PublishForm(forms.Form):
    effective_from = GovukDateField(label="In use from")


class IndicatorForm(forms.Form):
    domain = forms.ModelChoiceField(label="Domain", queryset=Indicator.objects.none(), widget=_select())
    level = forms.TypedChoiceField(label="Level", choices=Level.choices, coerce=int, widget=forms.RadioSelect)
    wording = forms.CharField(label="Wording for practitioners", max_length=300, widget=_text("govuk-input--width-30"))
    plain_wording = forms.CharField(label="Wording for families", max_length=300, widget=_text("govuk-input--width-30"))
    contextual_safeguarding = forms.BooleanField(
        label="Harm outside the family (contextual safeguarding)",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )

    def __init__(self, *args, version=None, **kwargs):
        super().__init__(*args, **kwargs)
        if version is not None:
            self.fields["domain"].queryset = version.domains.all()


class ReportFilterForm(forms.Form):
    """The disagreements report by the date disagreements were raised (either end may be left open)."""

    raised_from = GovukDateField(label="Raised on or after", required=False, example="1 4 2026")
    raised_to = GovukDateField(label="Raised on or before", required=False, example="31 3 2027")

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("raised_from"), data.get("raised_to")
        if start and end and end < start:
            self.add_error("raised_to", "Raised on or before must be the same as or after raised on or after")
        return data


class ToolDetailsForm(forms.Form):
    """A draft's name, introduction and what each level means, in words a family can follow."""

    name = forms.CharField(label="Name of the tool", max_length=200, widget=_text("govuk-input--width-30"))
    introduction = forms.CharField(label="Introduction for families", required=False, widget=_textarea(4))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for level in Level:
            self.fields[f"level_{level.value}"] = forms.CharField(
                label=f"What level {level.value}, {level.label}, means",
                required=False,
                widget=_textarea(3),
                help_text="Leave it blank to keep the standard wording.",
            )

    def level_meanings(self) -> dict[int, str]:
        return {level.value: self.cleaned_data.get(f"level_{level.value}", "") for level in Level}


class DomainForm(forms.Form):
    name = forms.CharField(label="Name of the domain", max_length=200, widget=_text("govuk-input--width-30"))
    description = forms.CharField(label="Description (optional)", required=False, widget=_textarea(3))


class StrengthForm(forms.Form):
    wording = forms.CharField(label="Wording for practitioners", max_length=300, widget=_text("govuk-input--width-30"))
    plain_wording = forms.CharField(label="Wording for families", max_length=300, widget=_text("govuk-input--width-30"))
