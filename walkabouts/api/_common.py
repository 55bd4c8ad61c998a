"""What the walkabouts API's views share: a service's refusal as the API's answer, and a rule's."""

from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework import exceptions, status

from dcfp.permissions import Rule
from walkabouts import services


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = services.FindingConflict.message
    default_code = "conflict"


def call(service, **kwargs):
    """A service's refusal as the API's answer: 403 with the reason, 409 when someone saved the record
    after the change started, or 400 with the messages."""
    try:
        return service(**kwargs)
    except services.FindingConflict as conflict:
        raise Conflict(str(conflict)) from conflict
    except PermissionDenied as denied:
        raise exceptions.PermissionDenied(str(denied) or None) from denied
    except ValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
        raise exceptions.ValidationError(detail) from error


def allowed(rule: Rule[...], *args) -> None:
    """403 with the rule's own reason (a dcfp.permissions.Rule) when it says no."""
    if not rule(*args):
        raise exceptions.PermissionDenied(rule.denial)
