"""Forms for rapid review pages: fields and field-level checks only. The rules live in the services."""

from django import forms

from dcfp.deadlines import ClockState
from dcfp.forms import GovukDateField
from dcfp.models import Organisation
from rapid_reviews.models import AgencySummary, RapidReview


def _textarea(rows=6):
    return forms.Textarea(attrs={"class": "govuk-textarea", "rows": rows})


def _select():
    return forms.Select(attrs={"class": "govuk-select"})


class ReviewFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *RapidReview.Status.choices], widget=_select()
    )
    clock = forms.ChoiceField(
        label="Clock", required=False, choices=[("", "Any clock state"), *ClockState.choices], widget=_select()
    )


class SectionForm(forms.Form):
    text = forms.CharField(label="Text", required=False, widget=_textarea(12))
    version = forms.IntegerField(widget=forms.HiddenInput)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="What is the outcome of the rapid review?",
        choices=RapidReview.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the rapid review"},
    )
    rationale = forms.CharField(
        label="Reasons for the outcome",
        widget=_textarea(5),
        error_messages={"required": "Explain the reasons for the outcome"},
    )
    reg11_criteria = forms.MultipleChoiceField(
        label="Criteria for a local review the case meets (outcome (c) only)",
        required=False,
        choices=RapidReview.Reg11.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", widget=_textarea(4), error_messages={"required": "Enter a reason"})


class EndorseForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you endorse no further review?",
        choices=[("endorse", "Yes, I endorse it"), ("decline", "No, return it to the CSPRG")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you endorse it"},
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        help_text="Required if you do not endorse it. The CSPRG will see it.",
        widget=_textarea(4),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", "Explain why you do not endorse it")
        return data


class SentForm(forms.Form):
    sent_on = GovukDateField(label="Date sent to the National Panel", past_only=True)


class PanelReplyForm(forms.Form):
    reply = forms.ChoiceField(
        label="What did the Panel reply?",
        choices=RapidReview.PanelReply.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the Panel's reply"},
    )
    replied_on = GovukDateField(label="Date of the reply", past_only=True)
    note = forms.CharField(label="Note", required=False, help_text="Required for Other.", widget=_textarea(3))


class AddAgencyForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Agency",
        queryset=Organisation.objects.order_by("name"),
        widget=_select(),
        error_messages={"required": "Select the agency to ask for a summary"},
    )


class SummaryForm(forms.Form):
    """The five sections of an individual agency summary, and the version the edit started from."""

    involvement = forms.CharField(label=AgencySummary.SECTIONS["involvement"], required=False, widget=_textarea())
    key_episodes = forms.CharField(label=AgencySummary.SECTIONS["key_episodes"], required=False, widget=_textarea())
    went_well = forms.CharField(label=AgencySummary.SECTIONS["went_well"], required=False, widget=_textarea())
    could_be_better = forms.CharField(
        label=AgencySummary.SECTIONS["could_be_better"], required=False, widget=_textarea()
    )
    immediate_actions = forms.CharField(
        label=AgencySummary.SECTIONS["immediate_actions"], required=False, widget=_textarea()
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def sections(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in AgencySummary.SECTIONS}
