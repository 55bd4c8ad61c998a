"""Tags for walkabout pages. Colour always comes with the words: a rating is written in every cell."""

from django import forms, template

from dcfp.forms import GovukDateField

register = template.Library()

RATING_TAGS = {"red": "govuk-tag--red", "amber": "govuk-tag--yellow", "green": "govuk-tag--green"}
STATUS_TAGS = {
    "planned": "govuk-tag--grey",
    "fieldwork": "govuk-tag--blue",
    "findings_recorded": "govuk-tag--purple",
    "agreed": "govuk-tag--turquoise",
    "actions_complete": "govuk-tag--green",
    "recorded_elsewhere": "govuk-tag--grey",
}


@register.filter
def rating_tag_class(rating) -> str:
    return RATING_TAGS.get(str(rating), "govuk-tag--grey")


@register.filter
def assessment_status_class(status) -> str:
    return STATUS_TAGS.get(str(status), "")


@register.filter
def field_kind(bound_field) -> str:
    """Which GOV.UK include renders this field: date, choices, checkbox, file, count or text. A count
    (one front-line role's participants) is shown with the others under one question, not on its own."""
    field = bound_field.field
    if getattr(field, "participant_count", False):
        return "count"
    if isinstance(field, GovukDateField):
        return "date"
    if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "choices"
    if isinstance(field.widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(field, forms.FileField):
        return "file"
    return "text"
