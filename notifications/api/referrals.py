"""Referral Api classes: the same services, selectors and permission rules as the referral pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from dcfp.audit.services import access
from dcfp.lists import FilteredListApi
from dcfp.models import Area
from notifications import permissions, referrals, selectors, services
from notifications.api.serializers import IncidentDetailOutputSerializer, IncidentInputSerializer
from notifications.api.views import call, detail_response, input_of
from notifications.filters import ReferralFilter
from notifications.models import REFERRAL_SUMMARY_MAX, Referral


class ReferralOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Referral.Status.choices)
    referred_by = serializers.CharField(source="referred_by.full_name")
    organisation = serializers.CharField(source="organisation.name")
    occurred_on = serializers.DateField()
    area = serializers.SerializerMethodField()
    child_name = serializers.CharField()
    summary = serializers.CharField()
    incident_reference = serializers.SerializerMethodField()
    closed_reason = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()

    def get_area(self, referral) -> str | None:
        return referral.area.code if referral.area_id else None

    def get_incident_reference(self, referral) -> str:
        """The reference of the draft it became ("" until then)."""
        return referral.incident.reference if referral.incident_id else ""


class ReferralListApi(FilteredListApi):
    """Referrals you may see (the CSPRG: all, open first; a referrer: their own), filtered by the list
    page's own filters (notifications.filters.ReferralFilter); and making one."""

    filterset_class = ReferralFilter
    serializer_class = ReferralOutputSerializer

    class ReferralInputSerializer(serializers.Serializer):
        occurred_on = serializers.DateField()
        area = serializers.SlugRelatedField(
            slug_field="code", queryset=Area.objects.all(), required=False, allow_null=True, default=None
        )
        child_name = serializers.CharField(max_length=200)
        summary = serializers.CharField(max_length=REFERRAL_SUMMARY_MAX)

    def get_queryset(self):
        if not permissions.can_list_referrals(self.request.user):
            raise exceptions.NotFound()
        return selectors.referral_list(self.request.user)

    @extend_schema(responses=ReferralOutputSerializer(many=True), operation_id="referrals_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=ReferralInputSerializer, responses={201: ReferralOutputSerializer}, operation_id="referrals_create"
    )
    def post(self, request):
        if not permissions.can_refer_possible_incident(request.user):
            raise exceptions.NotFound()
        serializer = self.ReferralInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        referral = call(referrals.referral_create, actor=request.user, **serializer.validated_data)
        referral = selectors.referral_detail(request.user, referral.pk)
        return Response(ReferralOutputSerializer(referral).data, status=status.HTTP_201_CREATED)


class ReferralDetailApi(APIView):
    """One referral and what became of it (read recorded in the audit trail)."""

    @extend_schema(responses=ReferralOutputSerializer, operation_id="referrals_retrieve")
    def get(self, request, pk: int):
        referral = selectors.referral_detail(request.user, pk)
        access(actor=request.user, action="notifications.referral.view", target=referral)
        return Response(ReferralOutputSerializer(referral).data)


class ReferralCloseApi(APIView):
    """The CSPRG closes an open referral with a reason the referrer sees."""

    class ReferralCloseInputSerializer(serializers.Serializer):
        reason = serializers.CharField()

    @extend_schema(
        request=ReferralCloseInputSerializer, responses=ReferralOutputSerializer, operation_id="referrals_close"
    )
    def post(self, request, pk: int):
        referral = selectors.referral_detail(request.user, pk)
        serializer = self.ReferralCloseInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call(
            referrals.referral_close, referral=referral, actor=request.user, reason=serializer.validated_data["reason"]
        )
        return Response(ReferralOutputSerializer(selectors.referral_detail(request.user, pk)).data)


class ReferralMakeDraftApi(APIView):
    """The CSPRG makes an open referral a draft incident, as the incident form does from a referral: the
    body is the new incident's (what the referral said is the CSPRG's to copy in), the referral records
    that it became this draft and the referrer is told, all in one transaction."""

    @extend_schema(
        request=IncidentInputSerializer,
        responses={201: IncidentDetailOutputSerializer},
        operation_id="referrals_make_draft",
    )
    def post(self, request, pk: int):
        referral = selectors.referral_detail(request.user, pk)
        # Refused before the body is read: the referrer who may see it, or a decided referral, gets 403.
        call(permissions.can_decide_referral.require, user=request.user, referral=referral)
        serializer = IncidentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        incident = call(
            services.incident_create,
            actor=request.user,
            data=input_of(serializer.validated_data),
            referral=referral,
        )
        return detail_response(request.user, incident.pk, status.HTTP_201_CREATED)
