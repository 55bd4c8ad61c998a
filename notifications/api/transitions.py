"""One POST endpoint per status change, each calling its service."""

from collections.abc import Callable

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from notifications import services
from notifications.api.serializers import IncidentDetailOutputSerializer
from notifications.api.views import call, detail_of, detail_response
from notifications.models import Incident


class _TransitionApi(APIView):
    """Each subclass names its service and input, and declares its own `post` with its schema."""

    service: Callable[..., Incident]
    InputSerializer: type[serializers.Serializer] | None = None

    def transition(self, request: Request, pk: int) -> Response:
        incident = detail_of(request.user, pk)
        data = {}
        if self.InputSerializer is not None:
            serializer = self.InputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
        call(type(self).service, incident=incident, actor=request.user, **data)
        return detail_response(request.user, pk)


class IncidentSubmitApi(_TransitionApi):
    """The CSPRG sends a draft, with its proposed outcome, for agreement."""

    service = services.incident_submit_for_agreement

    @extend_schema(
        request=None,
        responses=IncidentDetailOutputSerializer,
        summary="Send a draft for agreement",
        operation_id="incidents_submit",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.transition(request, pk)


class IncidentAgreeApi(_TransitionApi):
    """The QA chair or a partner representative of another Safeguarding Partner agrees."""

    service = services.incident_agree

    class IncidentAgreeInputSerializer(serializers.Serializer):
        reason = serializers.CharField(required=False, allow_blank=True, default="")

    InputSerializer = IncidentAgreeInputSerializer

    @extend_schema(
        request=IncidentAgreeInputSerializer,
        responses=IncidentDetailOutputSerializer,
        summary="Agree the proposed outcome",
        operation_id="incidents_agree",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.transition(request, pk)


class IncidentDisagreeApi(_TransitionApi):
    """The QA chair or a partner representative does not agree: back to draft with the reason."""

    service = services.incident_disagree

    class IncidentDisagreeInputSerializer(serializers.Serializer):
        reason = serializers.CharField()

    InputSerializer = IncidentDisagreeInputSerializer

    @extend_schema(
        request=IncidentDisagreeInputSerializer,
        responses=IncidentDetailOutputSerializer,
        summary="Do not agree: return to draft",
        operation_id="incidents_disagree",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.transition(request, pk)


class IncidentRecordNotifiedApi(_TransitionApi):
    """The CSPRG records the submission to the national notification system and its reference."""

    service = services.incident_record_notified

    class IncidentRecordNotifiedInputSerializer(serializers.Serializer):
        national_reference = serializers.CharField(max_length=50)
        submitted_at = serializers.DateTimeField()

    InputSerializer = IncidentRecordNotifiedInputSerializer

    @extend_schema(
        request=IncidentRecordNotifiedInputSerializer,
        responses=IncidentDetailOutputSerializer,
        summary="Record as notified",
        operation_id="incidents_record_notified",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.transition(request, pk)


class IncidentConcludeApi(_TransitionApi):
    """The CSPRG concludes an incident agreed as not notifiable (an optional note is kept beside the
    agreed rationale)."""

    service = services.incident_conclude_not_notifiable

    class IncidentConcludeInputSerializer(serializers.Serializer):
        rationale = serializers.CharField(required=False, allow_blank=True, default="")

    InputSerializer = IncidentConcludeInputSerializer

    @extend_schema(
        request=IncidentConcludeInputSerializer,
        responses=IncidentDetailOutputSerializer,
        summary="Conclude as not notifiable",
        operation_id="incidents_conclude",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.transition(request, pk)


class IncidentWithdrawApi(_TransitionApi):
    """The CSPRG withdraws an open incident, with a reason."""

    service = services.incident_withdraw

    class IncidentWithdrawInputSerializer(serializers.Serializer):
        reason = serializers.CharField()

    InputSerializer = IncidentWithdrawInputSerializer

    @extend_schema(
        request=IncidentWithdrawInputSerializer,
        responses=IncidentDetailOutputSerializer,
        summary="Withdraw",
        operation_id="incidents_withdraw",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.transition(request, pk)


class IncidentReferApi(_TransitionApi):
    """The CSPRG concludes an incident outside the partnership's area as referred to the authority
    responsible for notifying it (the one the criteria name); it is copied to the Executive."""

    service = services.incident_refer

    class IncidentReferInputSerializer(serializers.Serializer):
        note = serializers.CharField(required=False, allow_blank=True, default="")

    InputSerializer = IncidentReferInputSerializer

    @extend_schema(
        request=IncidentReferInputSerializer,
        responses=IncidentDetailOutputSerializer,
        summary="Conclude as referred to another authority",
        operation_id="incidents_refer",
    )
    def post(self, request: Request, pk: int) -> Response:
        return self.transition(request, pk)
