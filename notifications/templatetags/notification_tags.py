"""Tag colours for statuses and clock states. Colour only supports the words, which are always shown."""

from django import template

register = template.Library()

CLOCK_TAGS = {
    "on_track": "govuk-tag--blue",
    "due_soon": "govuk-tag--yellow",
    "due_today": "govuk-tag--orange",
    "overdue": "govuk-tag--red",
    "met_on_time": "govuk-tag--green",
    "met_late": "govuk-tag--pink",
    "stopped": "govuk-tag--grey",
}
STATUS_TAGS = {
    "draft": "govuk-tag--grey",
    "awaiting_agreement": "govuk-tag--blue",
    "agreed": "govuk-tag--turquoise",
    "notified": "govuk-tag--green",
    "not_notifiable": "govuk-tag--purple",
    "withdrawn": "govuk-tag--grey",
    "referred": "govuk-tag--light-blue",
}


@register.filter
def clock_tag_class(state) -> str:
    return CLOCK_TAGS.get(str(state), "")


@register.filter
def status_tag_class(status) -> str:
    return STATUS_TAGS.get(str(status), "")


@register.filter
def is_multiple_choice(field) -> bool:
    from django import forms

    return isinstance(field.field.widget, forms.CheckboxSelectMultiple)
