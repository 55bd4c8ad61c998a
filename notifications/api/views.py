"""Notification Api classes. Lists start from the scoping selector; details answer 404 to anyone who
may not see the incident; a person who may see it but not act gets 403 with the reason."""

from django.core.exceptions import PermissionDenied, ValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from dcfp.lists import FilteredListApi
from notifications import permissions, selectors, services
from notifications.api.serializers import (
    IncidentDetailOutputSerializer,
    IncidentInputSerializer,
    IncidentListOutputSerializer,
    IncidentUpdateSerializer,
)
from notifications.filters import IncidentFilter
from notifications.models import Incident


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = services.EditConflict.message
    default_code = "conflict"


def service_errors(error: ValidationError) -> exceptions.ValidationError:
    """A service's messages as a 400 answer; a child's field is keyed "children.<index>.<field>"."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({"non_field_errors": error.messages})


def call(service, **kwargs):
    try:
        return service(**kwargs)
    except services.EditConflict as conflict:
        raise Conflict() from conflict
    except services.InvalidTransition as error:
        # The incident is no longer in a state that allows this: a conflict with its state, not bad input.
        raise Conflict(" ".join(error.messages)) from error
    except PermissionDenied as denied:
        raise exceptions.PermissionDenied(str(denied) or None) from denied
    except ValidationError as error:
        raise service_errors(error) from error


def input_of(data: dict) -> services.IncidentInput:
    data = dict(data)
    children = [dict(c) for c in data.pop("children")]
    agencies = list(data.pop("agencies_involved", []))
    data.pop("version", None)
    return services.IncidentInput(fields=data, children=children, agencies_involved=agencies)


def detail_of(user, pk: int) -> Incident:
    return selectors.incident_detail(user, pk)


def detail_response(user, pk: int, code: int = 200) -> Response:
    incident = detail_of(user, pk)
    return Response(IncidentDetailOutputSerializer(incident).data, status=code)


class IncidentListApi(FilteredListApi):
    """Incidents you may see (scoped exactly as the list page), newest first, filtered by the list page's
    own filters (notifications.filters.IncidentFilter); and logging a new one."""

    filterset_class = IncidentFilter
    serializer_class = IncidentListOutputSerializer

    def get_queryset(self):
        if not permissions.can_list_incidents(self.request.user):
            raise exceptions.NotFound()
        return selectors.incident_list(self.request.user)

    def counter(self):
        return lambda: selectors.incident_count(self.request.user)

    @extend_schema(responses=IncidentListOutputSerializer(many=True), operation_id="incidents_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=IncidentInputSerializer,
        responses={201: IncidentDetailOutputSerializer},
        operation_id="incidents_create",
    )
    def post(self, request):
        if not permissions.can_create_incident(request.user):
            raise exceptions.NotFound()
        serializer = IncidentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        incident = call(services.incident_create, actor=request.user, data=input_of(serializer.validated_data))
        return detail_response(request.user, incident.pk, status.HTTP_201_CREATED)


class IncidentDetailApi(APIView):
    """One incident with its children, agreements and criteria reasoning; and changing a draft.

    A change names the `version` it started from; if someone saved in between, the answer is 409 and
    nothing is saved."""

    @extend_schema(responses=IncidentDetailOutputSerializer, operation_id="incidents_retrieve")
    def get(self, request, pk: int):
        incident = detail_of(request.user, pk)
        from dcfp.audit.services import access

        access(actor=request.user, action="notifications.incident.view", target=incident)
        return detail_response(request.user, pk)

    @extend_schema(
        request=IncidentUpdateSerializer,
        responses={
            200: IncidentDetailOutputSerializer,
            409: inline_serializer("Conflict", {"detail": serializers.CharField()}),
        },
        operation_id="incidents_update",
    )
    def put(self, request, pk: int):
        incident = detail_of(request.user, pk)
        serializer = IncidentUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call(
            services.incident_update_draft,
            incident=incident,
            actor=request.user,
            version=serializer.validated_data["version"],
            data=input_of(serializer.validated_data),
        )
        return detail_response(request.user, pk)
