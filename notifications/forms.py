"""Forms for notification pages: fields and field-level checks only. The rules an incident must meet
live in notifications.validation and are applied by the services; views put their messages here."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError

from dcfp.forms import GovukDateField
from dcfp.models import Area, Organisation
from notifications.models import MAX_CHILDREN, REFERRAL_SUMMARY_MAX, Child, Incident
from notifications.validation import within


def _text(**attrs):
    return forms.TextInput(attrs={"class": "govuk-input", **attrs})


def select_widget():
    return forms.Select(attrs={"class": "govuk-select"})


def _textarea(rows=5):
    return forms.Textarea(attrs={"class": "govuk-textarea", "rows": rows})


class IncidentForm(forms.Form):
    occurred_on = GovukDateField(
        label="Date of incident",
        help_text="For a death, the date the child died.",
        past_only=True,
        error_messages={"required": "Enter the date of the incident"},
    )
    occurred_time = forms.TimeField(
        label="Time of incident (optional)",
        required=False,
        help_text="If known. For example, 14:30.",
        widget=forms.TimeInput(attrs={"class": "govuk-input govuk-input--width-5", "type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Enter a real time, for example 14:30"},
    )
    aware_on = GovukDateField(
        label="Date the authority became aware",
        help_text="The notification is due 5 working days after this date.",
        past_only=True,
        error_messages={"required": "Enter the date the authority became aware"},
    )
    nature = forms.ChoiceField(
        label="What happened",
        choices=Incident.Nature.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened"},
    )
    area = forms.ModelChoiceField(
        label="Area where it happened",
        queryset=Area.objects.all(),
        required=False,
        empty_label="Select an area",
        widget=select_widget(),
        error_messages={"invalid_choice": "Select an area from the list"},
    )
    outside_england = forms.BooleanField(
        label="It happened outside England",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )
    abuse_or_neglect = forms.ChoiceField(
        label="Is abuse or neglect known or suspected?",
        choices=Incident.AbuseOrNeglect.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether abuse or neglect is known or suspected"},
    )
    categories = forms.MultipleChoiceField(
        label="Category of abuse or neglect",
        choices=Incident.Category.choices,
        required=False,
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.MultipleChoiceField(
        label="Themes",
        choices=Incident.Theme.choices,
        required=False,
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
    )
    theme_other = forms.CharField(label="Other theme", required=False, max_length=200, widget=_text())
    agencies_involved = forms.ModelMultipleChoiceField(
        label="Agencies involved",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label="Summary of what happened",
        help_text="Facts known so far. Do not include information about other people that is not needed.",
        widget=_textarea(8),
        error_messages={"required": "Enter a summary of what happened"},
    )
    outcome_recommended = forms.ChoiceField(
        label="Proposed outcome",
        help_text="What you will ask the QA Group chair and a Safeguarding Partner representative to agree.",
        choices=Incident.Outcome.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    not_notifiable_rationale = forms.CharField(
        label="Why the incident does not meet the criteria", required=False, widget=_textarea()
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def incident_fields(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("agencies_involved", "version"):
            data.pop(name, None)
        return data


@dataclass(frozen=True)
class Section:
    """One question page of a draft incident: its address (slug), its heading, and the incident form's
    fields it asks (the children page asks the children instead)."""

    slug: str
    title: str
    fields: tuple[str, ...] = ()

    @property
    def url_name(self) -> str:
        return f"notifications:edit_{self.slug.replace('-', '_')}"

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys of the validation messages this page answers for."""
        return self.fields or ("children",)

    def form_class(self) -> type[forms.Form]:
        """A form of this page's fields, each exactly as the whole incident form declares it."""
        declared = {name: IncidentForm.base_fields[name] for name in (*self.fields, "version")}
        return type(f"{self.slug.title().replace('-', '')}Form", (forms.Form,), dict(declared))


# The question pages, in the order a draft is checked.
SECTIONS = (
    Section("when", "When it happened", ("occurred_on", "occurred_time", "aware_on")),
    Section("what-happened", "What happened", ("nature", "abuse_or_neglect", "categories", "themes", "theme_other")),
    Section("where", "Where it happened", ("area", "outside_england")),
    Section("agencies-and-summary", "Agencies and summary", ("agencies_involved", "summary")),
    Section("children", "Children"),
    Section("outcome", "Proposed outcome", ("outcome_recommended", "not_notifiable_rationale")),
)


def section_of(key: str) -> Section:
    """The question page that answers for a validation message's key (the first one when none does)."""
    return next((section for section in SECTIONS if within(key, section.keys)), SECTIONS[0])


class ChildForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        widget=_text(autocomplete="off"),
        error_messages={"required": "Enter the child's name"},
    )
    date_of_birth = GovukDateField(label="Date of birth", required=False, past_only=True, example="31 3 2015")
    age_years = forms.IntegerField(
        label="Age in years, if the date of birth is not known",
        required=False,
        min_value=0,
        max_value=24,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "min_value": "Age must be 0 or more",
            "max_value": "Age must be 24 or less",
            "invalid": "Enter the age as a whole number of years",
        },
    )
    sex = forms.ChoiceField(
        label="Sex",
        choices=[("", "Select"), *Child.Sex.choices],
        widget=select_widget(),
        error_messages={"required": "Select the child's sex"},
    )
    gender = forms.CharField(label="Gender identity (optional)", required=False, max_length=100, widget=_text())
    ethnicity = forms.CharField(label="Ethnicity", required=False, max_length=100, widget=_text())
    disability = forms.ChoiceField(
        label="Disability", choices=Child.Disability.choices, initial=Child.Disability.NOT_KNOWN, widget=select_widget()
    )
    legal_status = forms.ChoiceField(
        label="Legal status", choices=Child.LegalStatus.choices, initial=Child.LegalStatus.NONE, widget=select_widget()
    )
    normally_resident_area = forms.ModelChoiceField(
        label="Area where the child normally lives",
        queryset=Area.objects.all(),
        required=False,
        empty_label="Not known or outside England",
        widget=select_widget(),
        error_messages={"invalid_choice": "Select an area from the list"},
    )
    resident_outside_england = forms.BooleanField(
        label="The child normally lives outside England",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )
    local_identifier = forms.CharField(
        label="Local identifier (optional)", required=False, max_length=50, widget=_text()
    )
    died = forms.BooleanField(
        label="This child died", required=False, widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"})
    )


class BaseChildFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_few_forms": "Add at least one child",
        "too_many_forms": f"A notification covers at most {MAX_CHILDREN} children; make another notification",
    }

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"] = forms.BooleanField(
            label="Remove this child when saving",
            required=False,
            widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
        )

    def clean(self):
        if any(self.errors):
            return
        filled = [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]
        if not filled:
            raise ValidationError("Add at least one child")


ChildFormSet = forms.formset_factory(
    ChildForm,
    formset=BaseChildFormSet,
    extra=0,
    min_num=1,
    max_num=MAX_CHILDREN,
    absolute_max=MAX_CHILDREN,
    validate_max=True,
    validate_min=True,
    can_delete=True,
)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you agree with the proposed outcome?",
        choices=[("agree", "Yes, I agree"), ("disagree", "No, return it to draft")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you agree"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        help_text="Required if you do not agree. The CSPRG will see it.",
        widget=_textarea(4),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "disagree" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Explain why you do not agree")
        return data


class NotifiedForm(forms.Form):
    national_reference = forms.CharField(
        label="Reference from the national notification system",
        max_length=50,
        widget=_text(),
        error_messages={"required": "Enter the reference the national notification system gave"},
    )
    submitted_on = GovukDateField(
        label="Date submitted", past_only=True, error_messages={"required": "Enter the date it was submitted"}
    )
    submitted_time = forms.TimeField(
        label="Time submitted",
        widget=forms.TimeInput(attrs={"class": "govuk-input govuk-input--width-5", "type": "time"}, format="%H:%M"),
        error_messages={
            "required": "Enter the time it was submitted",
            "invalid": "Enter a real time, for example 14:30",
        },
    )


class ConcludeForm(forms.Form):
    note = forms.CharField(
        label="Note on the conclusion (optional)",
        required=False,
        help_text="The agreed rationale is kept as it was agreed; anything you add here is recorded beside it.",
        widget=_textarea(4),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is this incident being withdrawn?",
        widget=_textarea(4),
        error_messages={"required": "Explain why the incident is withdrawn"},
    )


class ReferForm(forms.Form):
    note = forms.CharField(
        label="Note for the record (optional)",
        help_text="For example, when and how the responsible authority was told.",
        required=False,
        widget=_textarea(4),
    )


class IncidentFilterForm(forms.Form):
    """The incident list's filter form (its fields come from notifications.filters.IncidentFilter)."""

    def clean(self):
        data = super().clean()
        if data.get("aware_from") and data.get("aware_to") and data["aware_to"] < data["aware_from"]:
            self.add_error("aware_to", "The 'to' date must be the same as or after the 'from' date")
        return data


class ReferralForm(forms.Form):
    occurred_on = GovukDateField(
        label="Date of incident",
        help_text="For a death, the date the child died.",
        past_only=True,
        error_messages={"required": "Enter the date of the incident"},
    )
    area = forms.ModelChoiceField(
        label="Area where it happened (optional)",
        queryset=Area.objects.all(),
        required=False,
        empty_label="Not known, or outside England",
        widget=select_widget(),
        error_messages={"invalid_choice": "Select an area from the list"},
    )
    child_name = forms.CharField(
        label="Child's name",
        max_length=200,
        widget=_text(),
        error_messages={"required": "Enter the child's name"},
    )
    summary = forms.CharField(
        label="What happened",
        help_text=f"What you know now: what happened, to whom, and why you think abuse or neglect may be involved. "
        f"Up to {REFERRAL_SUMMARY_MAX} characters; the CSPRG will ask for more.",
        max_length=REFERRAL_SUMMARY_MAX,
        widget=_textarea(6),
        error_messages={
            "required": "Say what happened",
            "max_length": f"What happened must be {REFERRAL_SUMMARY_MAX} characters or fewer",
        },
    )


class ReferralCloseForm(forms.Form):
    reason = forms.CharField(
        label="Why is this referral closed?",
        help_text="The person who referred it will read this.",
        widget=_textarea(4),
        error_messages={"required": "Explain why the referral is closed"},
    )
