"""Notification Api classes. Lists start from the scoping selector; details answer 404 to anyone who
may not see the incident; a person who may see it but not act gets 403 with the reason."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from dcfp.deadlines import ClockState
from notifications import permissions, selectors, services
from notifications.api.serializers import (
    IncidentDetailOutputSerializer,
    IncidentInputSerializer,
    IncidentListOutputSerializer,
    IncidentUpdateSerializer,
)
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


class IncidentPagination(PageNumberPagination):
    page_size = 25
    max_page_size = 100
    page_size_query_param = "page_size"


class IncidentListApi(APIView):
    """Incidents you may see (scoped exactly as the list page), newest first; and logging a new one."""

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=Incident.Status.choices, required=False)
        clock = serializers.ChoiceField(choices=ClockState.choices, required=False)
        area = serializers.CharField(required=False, help_text="Area code, e.g. devon.")
        aware_from = serializers.DateField(required=False)
        aware_to = serializers.DateField(required=False)

    @extend_schema(
        parameters=[FilterSerializer], responses=IncidentListOutputSerializer(many=True), operation_id="incidents_list"
    )
    def get(self, request):
        if not permissions.can_list_incidents(request.user):
            raise exceptions.NotFound()
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = dict(filters.validated_data)
        if "area" in data:
            data["area"] = selectors_area(data["area"])
        qs = selectors.incident_list(request.user, today=timezone.localdate(), filters=data)
        paginator = IncidentPagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(IncidentListOutputSerializer(page, many=True).data)

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


def selectors_area(code: str):
    from dcfp.models import Area

    area = Area.objects.filter(code=code).first()
    if area is None:
        raise exceptions.ValidationError({"area": ["Unknown area code"]})
    return area


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
