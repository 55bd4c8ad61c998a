"""The secure children's home through the API: its reports (uploads, checked and stored as the pages
do), the QA Group's risk assessments, and a walkabout decided from one. Only the QA Group sees any of
it; everyone else gets 404."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from dcfp.lists import RememberedFilterBackend, record_search
from dcfp.uploads.views import download_response
from walkabouts import permissions, selectors, services
from walkabouts.api import serializers as s
from walkabouts.api._common import call
from walkabouts.filters import SecureHomeReportFilter, SecureHomeRiskFilter
from walkabouts.models import SecureHomeReport, SecureHomeRiskAssessment


def _require_qa(user) -> None:
    if not permissions.can_view_secure_home(user):
        raise exceptions.NotFound()


class SecureHomeReportListApi(GenericAPIView):
    """The reports received about the secure children's home, newest first; adding one (multipart: a
    PDF or DOCX recognised by content, at most 20 MB; anything else is refused with 400 and nothing is
    stored)."""

    parser_classes = [MultiPartParser, FormParser]
    # The lists' own backend: 400 with the page's messages, and a filter named with no value refused.
    filter_backends = [RememberedFilterBackend]
    filterset_class = SecureHomeReportFilter
    pagination_class = None
    serializer_class = s.SecureHomeReportOutputSerializer
    queryset = SecureHomeReport.objects.none()  # for the schema generator; rows come from the selector

    def get_queryset(self):
        return selectors.secure_home_reports(self.request.user)

    @extend_schema(
        responses=s.SecureHomeReportOutputSerializer(many=True), operation_id="walkabouts_secure_home_reports_list"
    )
    def get(self, request):
        _require_qa(request.user)
        reports = list(self.filter_queryset(self.get_queryset()))
        record_search(actor=request.user, filterset=self.filterset, rows=len(reports))  # type: ignore[attr-defined]
        return Response(s.SecureHomeReportOutputSerializer(reports, many=True).data)

    @extend_schema(
        request={"multipart/form-data": s.SecureHomeReportInputSerializer},
        responses={201: s.SecureHomeReportOutputSerializer},
        operation_id="walkabouts_secure_home_reports_create",
    )
    def post(self, request):
        _require_qa(request.user)
        serializer = s.SecureHomeReportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        report = call(services.secure_home_report_add, actor=request.user, **serializer.validated_data)
        return Response(s.SecureHomeReportOutputSerializer(report).data, status=status.HTTP_201_CREATED)


class SecureHomeReportFileApi(APIView):
    """Download a report, as an attachment (the QA Group only; the download is in the audit trail)."""

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        operation_id="walkabouts_secure_home_reports_file",
    )
    def get(self, request, pk: int):
        _require_qa(request.user)
        report = get_object_or_404(SecureHomeReport.objects.select_related("upload"), pk=pk)
        return download_response(request, report.upload, holder=report, action="walkabouts.secure_home_report.download")


class SecureHomeRiskListApi(GenericAPIView):
    """The secure children's home's risk assessments (the QA Group only), filtered as the page is
    (walkabouts.filters.SecureHomeRiskFilter); recording one."""

    filter_backends = [RememberedFilterBackend]
    filterset_class = SecureHomeRiskFilter
    pagination_class = None
    serializer_class = s.RiskOutputSerializer
    queryset = SecureHomeRiskAssessment.objects.none()  # for the schema generator; rows come from the selector

    def get_queryset(self):
        return selectors.secure_home_risks(self.request.user)

    @extend_schema(responses=s.RiskOutputSerializer(many=True), operation_id="walkabouts_secure_home_risks_list")
    def get(self, request):
        _require_qa(request.user)
        risks = list(self.filter_queryset(self.get_queryset()))
        record_search(actor=request.user, filterset=self.filterset, rows=len(risks))  # type: ignore[attr-defined]
        return Response(s.RiskOutputSerializer(risks, many=True).data)

    @extend_schema(
        request=s.RiskInputSerializer,
        responses={201: s.RiskOutputSerializer},
        operation_id="walkabouts_secure_home_risks_create",
    )
    def post(self, request):
        _require_qa(request.user)
        serializer = s.RiskInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        home = data["home"]
        # As the page does: the risk is assessed on the reports received, unless the request names some.
        reports = data.pop("reports", None)
        if reports is None:
            reports = list(SecureHomeReport.objects.filter(home=home))
        risk = call(services.secure_home_risk_record, actor=request.user, reports=reports, **data)
        return Response(s.RiskOutputSerializer(risk).data, status=status.HTTP_201_CREATED)


class SecureHomeWalkaboutApi(APIView):
    """Plan the walkabout a risk assessment decided on: the home's Section 11 walkabout for the cycle."""

    @extend_schema(
        request=s.SecureHomeWalkaboutInputSerializer,
        responses={201: s.AssessmentDetailOutputSerializer},
        operation_id="walkabouts_secure_home_walkabout",
    )
    def post(self, request, pk: int):
        _require_qa(request.user)
        risk = get_object_or_404(SecureHomeRiskAssessment.objects.select_related("home"), pk=pk)
        serializer = s.SecureHomeWalkaboutInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assessment = call(
            services.secure_home_walkabout_plan, actor=request.user, risk_assessment=risk, **serializer.validated_data
        )
        detail = selectors.assessment_detail(request.user, assessment.pk)
        return Response(s.AssessmentDetailOutputSerializer(detail).data, status=status.HTTP_201_CREATED)
