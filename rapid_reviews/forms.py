"""Forms for rapid review pages: fields and field-level checks only. The rules live in the services."""

from django import forms

from dcfp.forms import GovukDateField
from dcfp.models import Organisation, User
from dcfp.roles import Role
from rapid_reviews.models import AgencySummary, InformationRequest, LocalReview, RapidReview


def _textarea(rows=6):
    return forms.Textarea(attrs={"class": "govuk-textarea", "rows": rows})


def _select():
    return forms.Select(attrs={"class": "govuk-select"})


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


# --- Local reviews and actions ---------------------------------------------------------------------


class CommissionForm(forms.Form):
    decided_on = GovukDateField(label="Date of the decision to hold a local review", past_only=True)


class AppointForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label="Independent reviewer",
        queryset=User.objects.none(),
        widget=_select(),
        error_messages={"required": "Select the reviewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reviewer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(groups__name=Role.REVIEWER, is_active=True)
            .select_related("organisation")
            .order_by("full_name")
        )


class TermsForm(forms.Form):
    terms_of_reference = forms.CharField(label="Terms of reference", required=False, widget=_textarea(10))
    methodology = forms.ChoiceField(
        label="Methodology",
        choices=LocalReview.Methodology.choices,
        initial=LocalReview.Methodology.APPRECIATIVE_INQUIRY,
        widget=forms.RadioSelect,
    )
    methodology_other = forms.CharField(
        label="Name of the other methodology", required=False, widget=forms.TextInput(attrs={"class": "govuk-input"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class MilestoneForm(forms.Form):
    title = forms.CharField(label="Milestone", max_length=200, widget=forms.TextInput(attrs={"class": "govuk-input"}))
    due_on = GovukDateField(label="Date")


class ExtensionForm(forms.Form):
    new_due_on = GovukDateField(label="New date")
    reason = forms.CharField(label="Why more time is needed", widget=_textarea(4))


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you approve the extension?",
        choices=[("approve", "Yes, approve it"), ("refuse", "No, refuse it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you approve the extension"},
    )
    note = forms.CharField(label="Reason", required=False, help_text="Required if you refuse it.", widget=_textarea(3))


class RequestForm(forms.Form):
    kind = forms.ChoiceField(
        label="What do you ask the reviewer for?", choices=InformationRequest.Kind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label="Your request", widget=_textarea(5))


class ReplyForm(forms.Form):
    reply = forms.CharField(label="Your reply", widget=_textarea(8))


class LocalSentForm(forms.Form):
    what = forms.ChoiceField(label="What was sent?", choices=LocalReview.Sent.choices, widget=forms.RadioSelect)
    sent_on = GovukDateField(label="Date sent to the Panel, the Secretary of State and Ofsted", past_only=True)


class PublicationForm(forms.Form):
    publication_on = GovukDateField(
        label="Publication date", help_text="At least 7 working days after the report was sent."
    )
    published_url = forms.URLField(
        label="Published address", widget=forms.URLInput(attrs={"class": "govuk-input"}), assume_scheme="https"
    )


class RecommendationForm(forms.Form):
    text = forms.CharField(label="Recommendation", widget=_textarea(4))


class ActionForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Agency that owns the action", queryset=Organisation.objects.order_by("name"), widget=_select()
    )
    description = forms.CharField(label="Action", widget=_textarea(3))
    due_on = GovukDateField(label="Due date")


class ActionUpdateForm(forms.Form):
    text = forms.CharField(label="Progress and evidence", widget=_textarea(5))
    complete = forms.BooleanField(
        label="This completes the action",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "govuk-checkboxes__input"}),
    )
