"""Walkabouts API: the same selectors, services and permission rules as the pages. Lists start from
`visible_assessments`; an assessment the person may not see answers 404; one they may see but may not
act on now answers 403 with the reason. The scrutiny programme's and the secure home's are in
walkabouts.api.scrutiny and walkabouts.api.secure_home."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from dcfp.audit.services import access
from dcfp.lists import FilteredListApi, RememberedFilterBackend, record_search
from dcfp.permissions import Rule
from dcfp.uploads.views import download_response
from walkabouts import permissions, selectors, services
from walkabouts.api import serializers as s
from walkabouts.api._common import allowed, call
from walkabouts.filters import AssessmentFilter, ComparisonFilter
from walkabouts.models import Action, Assessment, Cycle, EvidenceFile, Standard, StandardVersion


def _detail(user, pk: int):
    try:
        return selectors.assessment_detail(user, pk)
    except Http404 as missing:
        raise exceptions.NotFound() from missing


def _detail_response(user, pk: int, code: int = 200) -> Response:
    return Response(s.AssessmentDetailOutputSerializer(_detail(user, pk)).data, status=code)


class StandardsApi(APIView):
    """Every version of the Section 11 standards, newest first (the QA Group and agency leads)."""

    @extend_schema(responses=s.StandardVersionOutputSerializer(many=True), operation_id="walkabouts_standards_list")
    def get(self, request):
        if not permissions.can_list_assessments(request.user):
            raise exceptions.NotFound()
        versions = StandardVersion.objects.prefetch_related("standards").order_by("-number")
        return Response(s.StandardVersionOutputSerializer(versions, many=True).data)

    @extend_schema(
        request=s.StandardsInputSerializer,
        responses={201: s.StandardVersionOutputSerializer},
        operation_id="walkabouts_standards_publish",
    )
    def post(self, request):
        """The QA Group publishes a new version; assessments already planned keep theirs."""
        if not permissions.can_list_assessments(request.user):
            raise exceptions.NotFound()
        allowed(permissions.can_publish_standards, request.user)
        serializer = s.StandardsInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = call(
            services.standards_publish,
            actor=request.user,
            notes=data["notes"],
            standards=[dict(standard) for standard in data["standards"]],
        )
        version = StandardVersion.objects.prefetch_related("standards").get(pk=version.pk)
        return Response(s.StandardVersionOutputSerializer(version).data, status=status.HTTP_201_CREATED)


class CycleListApi(APIView):
    """The assessment cycles, newest first."""

    @extend_schema(responses=s.CycleOutputSerializer(many=True), operation_id="walkabouts_cycles_list")
    def get(self, request):
        if not permissions.can_list_assessments(request.user):
            raise exceptions.NotFound()
        return Response(s.CycleOutputSerializer(Cycle.objects.order_by("-starts_on"), many=True).data)

    @extend_schema(
        request=s.CycleInputSerializer,
        responses={201: s.CycleOutputSerializer},
        operation_id="walkabouts_cycles_open",
    )
    def post(self, request):
        """The QA Group opens a cycle."""
        if not permissions.can_list_assessments(request.user):
            raise exceptions.NotFound()
        allowed(permissions.can_open_cycle, request.user)
        serializer = s.CycleInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        cycle = call(services.cycle_create, actor=request.user, **serializer.validated_data)
        return Response(s.CycleOutputSerializer(cycle).data, status=status.HTTP_201_CREATED)


class AssessmentListApi(FilteredListApi):
    """Assessments you may see (the QA Group: all; an agency lead: their own organisation's), filtered by
    the list page's own filters (walkabouts.filters.AssessmentFilter); and planning one (the QA Group)."""

    filterset_class = AssessmentFilter
    serializer_class = s.AssessmentListOutputSerializer

    def get_queryset(self):
        if not permissions.can_list_assessments(self.request.user):
            raise exceptions.NotFound()
        return selectors.assessment_list(self.request.user)

    @extend_schema(responses=s.AssessmentListOutputSerializer(many=True), operation_id="walkabouts_assessments_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=s.PlanInputSerializer,
        responses={201: s.AssessmentDetailOutputSerializer},
        operation_id="walkabouts_assessments_plan",
    )
    def post(self, request):
        if not permissions.can_plan_assessment(request.user):
            raise exceptions.NotFound()
        serializer = s.PlanInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assessment = call(services.assessment_plan, actor=request.user, **serializer.validated_data)
        return _detail_response(request.user, assessment.pk, status.HTTP_201_CREATED)


class AssessmentElsewhereApi(APIView):
    """The QA Group records that an organisation working across several partnership areas was assessed
    this cycle by another partnership (who, when, on what evidence), instead of asking it again."""

    @extend_schema(
        request=s.ElsewhereInputSerializer,
        responses={201: s.AssessmentDetailOutputSerializer},
        operation_id="walkabouts_assessments_record_elsewhere",
    )
    def post(self, request):
        if not permissions.can_plan_assessment(request.user):
            raise exceptions.NotFound()
        serializer = s.ElsewhereInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        assessment = call(
            services.assessment_record_elsewhere,
            actor=request.user,
            cycle=data["cycle"],
            organisation=data["organisation"],
            other_partnership=data["other_partnership"],
            assessed_on=data["other_assessed_on"],
            evidence=data["other_evidence"],
        )
        return _detail_response(request.user, assessment.pk, status.HTTP_201_CREATED)


class AssessmentDetailApi(APIView):
    """One assessment with its findings, actions and evidence (the read is audited)."""

    @extend_schema(responses=s.AssessmentDetailOutputSerializer, operation_id="walkabouts_assessments_retrieve")
    def get(self, request, pk: int):
        assessment = _detail(request.user, pk)
        access(actor=request.user, action="walkabouts.assessment.view", target=assessment)
        return Response(s.AssessmentDetailOutputSerializer(assessment).data)


class _TransitionApi(APIView):
    """A status change: POST, answered with the assessment as it now is."""

    rule: Rule[...]
    service = staticmethod(lambda **kwargs: None)

    def arguments(self, request) -> dict:
        return {}

    def post(self, request, pk: int):
        assessment = _detail(request.user, pk)
        allowed(type(self).rule, request.user, assessment)
        call(type(self).service, assessment=assessment, actor=request.user, **self.arguments(request))
        return _detail_response(request.user, pk)


def _transition(name: str, rule, service, doc: str, input_serializer=None):
    def post(self, request, pk: int):
        return _TransitionApi.post(self, request, pk)

    attrs = {
        "__doc__": doc,
        "rule": staticmethod(rule),
        "service": staticmethod(service),
        "post": extend_schema(
            request=input_serializer,
            responses=s.AssessmentDetailOutputSerializer,
            summary=doc,
            operation_id=f"walkabouts_assessments_{name}",
        )(post),
    }
    if input_serializer is not None:

        def arguments(self, request) -> dict:
            data = input_serializer(data=request.data)
            data.is_valid(raise_exception=True)
            return dict(data.validated_data)

        attrs["arguments"] = arguments
    return type(f"Assessment{name.title().replace('_', '')}Api", (_TransitionApi,), attrs)


AssessmentFieldworkApi = _transition(
    "fieldwork", permissions.can_start_fieldwork, services.assessment_start_fieldwork, "The QA Group starts fieldwork."
)
AssessmentReturnedApi = _transition(
    "returned",
    permissions.can_record_return,
    services.assessment_record_return,
    "Record the date the agency returned its self-assessment.",
    s.ReturnedInputSerializer,
)
AssessmentSubmitFindingsApi = _transition(
    "submit_findings",
    permissions.can_submit_findings,
    services.assessment_submit_findings,
    "Every standard has a finding: send them to the agency to agree.",
)
AssessmentAgencyAgreeApi = _transition(
    "agency_agree",
    permissions.can_agency_agree,
    services.assessment_agency_agree,
    "A lead of the agency assessed agrees its findings.",
)
AssessmentAgreeApi = _transition(
    "agree",
    permissions.can_agree_report,
    services.assessment_agree,
    "The QA Group agrees the report; the findings are final.",
)
AssessmentReturnApi = _transition(
    "return_findings",
    permissions.can_return_findings,
    services.assessment_return_findings,
    "Send the findings back to fieldwork, saying why.",
    s.ReasonInputSerializer,
)
AssessmentCompleteApi = _transition(
    "complete",
    permissions.can_complete_assessment,
    services.assessment_complete,
    "The QA Group closes an assessment whose actions are complete.",
)


class FindingApi(APIView):
    """Record or change the finding for one standard, during fieldwork. The change names the finding's
    `version` it started from (0 for a standard not rated yet); if someone saved the finding in between,
    the answer is 409 and nothing is saved."""

    @extend_schema(
        request=s.FindingInputSerializer,
        responses=s.AssessmentDetailOutputSerializer,
        operation_id="walkabouts_findings_record",
    )
    def put(self, request, pk: int, standard_pk: int):
        assessment = _detail(request.user, pk)
        allowed(permissions.can_record_findings, request.user, assessment)
        standard = get_object_or_404(Standard, pk=standard_pk)
        serializer = s.FindingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call(
            services.finding_record,
            assessment=assessment,
            actor=request.user,
            standard=standard,
            **serializer.validated_data,
        )
        return _detail_response(request.user, pk)


class ActionCreateApi(APIView):
    """Add an action from the findings, with its owner and due date."""

    @extend_schema(
        request=s.ActionInputSerializer,
        responses={201: s.AssessmentDetailOutputSerializer},
        operation_id="walkabouts_actions_create",
    )
    def post(self, request, pk: int):
        assessment = _detail(request.user, pk)
        allowed(permissions.can_manage_actions, request.user, assessment)
        serializer = s.ActionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call(services.action_add, assessment=assessment, actor=request.user, **serializer.validated_data)
        return _detail_response(request.user, pk, status.HTTP_201_CREATED)


class ActionProgressApi(APIView):
    """Record progress on an open action, or complete it."""

    @extend_schema(
        request=s.ProgressInputSerializer,
        responses=s.AssessmentDetailOutputSerializer,
        operation_id="walkabouts_actions_progress",
    )
    def post(self, request, pk: int, action_pk: int):
        assessment = _detail(request.user, pk)
        allowed(permissions.can_manage_actions, request.user, assessment)
        action = get_object_or_404(Action, pk=action_pk, assessment=assessment)
        serializer = s.ProgressInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if data["complete"]:
            completed_on = data["completed_on"] or timezone.localdate()
            call(
                services.action_complete,
                action=action,
                actor=request.user,
                completed_on=completed_on,
                text=data["text"],
            )
        else:
            call(services.action_update, action=action, actor=request.user, text=data["text"])
        return _detail_response(request.user, pk)


class EvidenceCreateApi(APIView):
    """Upload evidence (multipart): a PDF or DOCX recognised by content, at most 20 MB; anything else is
    refused with 400 and nothing is stored."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": s.EvidenceInputSerializer},
        responses={201: s.AssessmentDetailOutputSerializer},
        operation_id="walkabouts_evidence_create",
    )
    def post(self, request, pk: int):
        assessment = _detail(request.user, pk)
        allowed(permissions.can_add_evidence, request.user, assessment)
        serializer = s.EvidenceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        call(
            services.evidence_add,
            assessment=assessment,
            actor=request.user,
            file=data["file"],
            description=data["description"],
        )
        return _detail_response(request.user, pk, status.HTTP_201_CREATED)


class ExpectationListApi(APIView):
    """The expectations agreed with the agency for an assessment's standards (on top of what good looks
    like); adding one during fieldwork (the QA Group or the agency's leads)."""

    @extend_schema(responses=s.ExpectationOutputSerializer(many=True), operation_id="walkabouts_expectations_list")
    def get(self, request, pk: int):
        assessment = _detail(request.user, pk)
        return Response(s.ExpectationOutputSerializer(assessment.expectations.all(), many=True).data)

    @extend_schema(
        request=s.ExpectationInputSerializer,
        responses={201: s.ExpectationOutputSerializer},
        operation_id="walkabouts_expectations_create",
    )
    def post(self, request, pk: int):
        assessment = _detail(request.user, pk)
        allowed(permissions.can_record_findings, request.user, assessment)
        serializer = s.ExpectationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        expectation = call(
            services.expectation_add, assessment=assessment, actor=request.user, **serializer.validated_data
        )
        return Response(s.ExpectationOutputSerializer(expectation).data, status=status.HTTP_201_CREATED)


class EvidenceFileApi(APIView):
    """Download an evidence file, as an attachment: whoever may see the assessment (the download is in
    the audit trail)."""

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY}, operation_id="walkabouts_evidence_file"
    )
    def get(self, request, pk: int, evidence_pk: int):
        assessment = _detail(request.user, pk)
        evidence = get_object_or_404(
            EvidenceFile.objects.select_related("upload"), pk=evidence_pk, assessment=assessment
        )
        return download_response(request, evidence.upload, holder=assessment, action="walkabouts.evidence.download")


class ComparisonApi(GenericAPIView):
    """Ratings by standard, the cycle beside the one before, for the assessments you may see, filtered
    as the comparison page is (walkabouts.filters.ComparisonFilter; a filter that is not valid is
    refused with 400 and the page's message). Each row says whether its findings are final."""

    # The lists' own backend: 400 with the form's messages, and a filter named with no value refused.
    filter_backends = [RememberedFilterBackend]
    filterset_class = ComparisonFilter
    pagination_class = None
    serializer_class = s.ComparisonOutputSerializer
    queryset = Assessment.objects.none()  # for the schema generator; rows come from the selector

    def get_queryset(self):
        return selectors.comparison_assessments(self.request.user)

    @extend_schema(responses=s.ComparisonOutputSerializer, operation_id="walkabouts_comparison", filters=True)
    def get(self, request):
        if not permissions.can_view_comparison(request.user):
            raise exceptions.NotFound()
        rows = self.filter_queryset(self.get_queryset())
        filterset: ComparisonFilter = self.filterset  # type: ignore[attr-defined]
        result = selectors.comparison(rows, cycle=filterset.chosen_cycle())
        record_search(actor=request.user, filterset=filterset, rows=len(result.rows))
        return Response(s.ComparisonOutputSerializer(result).data)
