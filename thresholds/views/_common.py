"""What the thresholds pages share: turning a service's refusal into form errors."""

from django.core.exceptions import ValidationError


def apply_errors(error: ValidationError, form) -> None:
    """Put a service's messages on the form: by field where the field exists, else on the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def page_query(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
