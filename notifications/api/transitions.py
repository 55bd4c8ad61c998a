"""One POST endpoint per status change, each calling its service."""

from collections.abc import Callable

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.views import APIView

from notifications import services
from notifications.api.serializers import IncidentDetailOutputSerializer
from notifications.api.views import call, detail_of, detail_response
from notifications.models import Incident


class _TransitionApi(APIView):
    service: Callable[..., Incident]
    InputSerializer: type[serializers.Serializer] | None = None

    def arguments(self, data: dict) -> dict:
        return dict(data)

    def post(self, request, pk: int):
        incident = detail_of(request.user, pk)
        data = {}
        if self.InputSerializer is not None:
            serializer = self.InputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = self.arguments(serializer.validated_data)
        call(type(self).service, incident=incident, actor=request.user, **data)
        return detail_response(request.user, pk)


def _schema(cls, summary: str, operation_id: str):
    # Each endpoint gets its own function, so that each carries its own schema.
    def post(self, request, pk: int):
        return _TransitionApi.post(self, request, pk)

    cls.post = extend_schema(
        request=cls.InputSerializer,
        responses=IncidentDetailOutputSerializer,
        summary=summary,
        description=cls.__doc__,
        operation_id=operation_id,
    )(post)
    return cls


class IncidentSubmitApi(_TransitionApi):
    """The CSPRG sends a draft, with its proposed outcome, for agreement."""

    service = services.incident_submit_for_agreement


class IncidentAgreeApi(_TransitionApi):
    """The QA chair or a partner representative of another Safeguarding Partner agrees."""

    service = services.incident_agree

    class IncidentAgreeInputSerializer(serializers.Serializer):
        reason = serializers.CharField(required=False, allow_blank=True, default="")

    InputSerializer = IncidentAgreeInputSerializer


class IncidentDisagreeApi(_TransitionApi):
    """The QA chair or a partner representative does not agree: back to draft with the reason."""

    service = services.incident_disagree

    class IncidentDisagreeInputSerializer(serializers.Serializer):
        reason = serializers.CharField()

    InputSerializer = IncidentDisagreeInputSerializer


class IncidentRecordNotifiedApi(_TransitionApi):
    """The CSPRG records the submission to the national notification system and its reference."""

    service = services.incident_record_notified

    class IncidentRecordNotifiedInputSerializer(serializers.Serializer):
        national_reference = serializers.CharField(max_length=50)
        submitted_at = serializers.DateTimeField()

    InputSerializer = IncidentRecordNotifiedInputSerializer


class IncidentConcludeApi(_TransitionApi):
    """The CSPRG concludes an incident agreed as not notifiable (an optional note is kept beside the
    agreed rationale)."""

    service = services.incident_conclude_not_notifiable

    class IncidentConcludeInputSerializer(serializers.Serializer):
        rationale = serializers.CharField(required=False, allow_blank=True, default="")

    InputSerializer = IncidentConcludeInputSerializer


class IncidentWithdrawApi(_TransitionApi):
    """The CSPRG withdraws an open incident, with a reason."""

    service = services.incident_withdraw

    class IncidentWithdrawInputSerializer(serializers.Serializer):
        reason = serializers.CharField()

    InputSerializer = IncidentWithdrawInputSerializer


class IncidentReferApi(_TransitionApi):
    """The CSPRG concludes an incident outside the partnership's area as referred to the authority
    responsible for notifying it (the one the criteria name); it is copied to the Executive."""

    service = services.incident_refer

    class IncidentReferInputSerializer(serializers.Serializer):
        note = serializers.CharField(required=False, allow_blank=True, default="")

    InputSerializer = IncidentReferInputSerializer


for _cls, _summary, _op in [
    (IncidentSubmitApi, "Send a draft for agreement", "incidents_submit"),
    (IncidentAgreeApi, "Agree the proposed outcome", "incidents_agree"),
    (IncidentDisagreeApi, "Do not agree: return to draft", "incidents_disagree"),
    (IncidentRecordNotifiedApi, "Record as notified", "incidents_record_notified"),
    (IncidentConcludeApi, "Conclude as not notifiable", "incidents_conclude"),
    (IncidentWithdrawApi, "Withdraw", "incidents_withdraw"),
    (IncidentReferApi, "Conclude as referred to another authority", "incidents_refer"),
]:
    _schema(_cls, _summary, _op)
