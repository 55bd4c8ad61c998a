"""Tag colours for rapid review statuses, and how a form field is drawn. Colour only supports the
words, which are always shown."""

from django import forms, template

from dcfp.forms import GovukDateField

register = template.Library()

STATUS_TAGS = {
    "in_progress": "govuk-tag--blue",
    "sign_off": "govuk-tag--turquoise",
    "endorsement": "govuk-tag--purple",
    "ready": "govuk-tag--yellow",
    "sent": "govuk-tag--green",
    "requested": "govuk-tag--grey",
    "draft": "govuk-tag--blue",
    "returned": "govuk-tag--orange",
    "submitted": "govuk-tag--green",
}


@register.filter
def review_status_class(status) -> str:
    return STATUS_TAGS.get(str(status), "")


@register.filter
def field_kind(field) -> str:
    """ "date", "choices", "hidden" or "text": which GOV.UK component draws this field."""
    if isinstance(field.field, GovukDateField):
        return "date"
    if isinstance(field.field.widget, forms.HiddenInput):
        return "hidden"
    if isinstance(field.field.widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return "choices"
    return "text"
