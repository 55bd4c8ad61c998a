"""The thresholds API: the same services, selectors and permission rules as the pages. Lists start from
the scoping selectors; a record the person may not see answers 404; one they may see but not act on, 403.
Every search of the decision log and every opened record goes in the audit trail."""

from django.core.exceptions import PermissionDenied, ValidationError
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from dcfp.audit.services import access
from dcfp.lists import FilteredListApi
from thresholds import permissions, selectors, services
from thresholds.api import serializers as s
from thresholds.filters import DecisionFilter, DisagreementFilter


def call(service, **kwargs):
    try:
        return service(**kwargs)
    except PermissionDenied as denied:
        raise exceptions.PermissionDenied(str(denied) or None) from denied
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise exceptions.ValidationError(error.message_dict) from error
        raise exceptions.ValidationError({"non_field_errors": error.messages}) from error


class ToolCurrentApi(APIView):
    """The current levels-of-need tool: levels, domains, indicators and strengths. Open to everyone."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    def initial(self, request, *args, **kwargs):
        # A method this endpoint does not take is refused first: asking with one must not use up the
        # throttle that everyone reading the open tool shares.
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    @extend_schema(responses=s.ToolOutputSerializer, operation_id="thresholds_tool_current")
    def get(self, request):
        tool = selectors.current_tool()
        if tool is None:
            raise exceptions.NotFound("There is no current levels-of-need tool.")
        return Response(s.ToolOutputSerializer(tool).data)


def _tool_input(data: dict) -> services.ToolInput:
    return services.ToolInput(
        name=data["name"],
        version="",
        introduction=data["introduction"],
        level_meanings={row["level"]: row["meaning"] for row in data["levels"]},
        domains=[
            services.DomainInput(
                name=d["name"],
                description=d["description"],
                indicators=[services.IndicatorInput(**i) for i in d["indicators"]],
            )
            for d in data["domains"]
        ],
        strengths=[(row["wording"], row["plain_wording"]) for row in data["strengths"]],
    )


def _readable_version(request, pk: int):
    if not permissions.can_view_tool_versions(request.user):
        raise exceptions.NotFound()
    return selectors.tool_version_detail(pk)


class ToolVersionListApi(APIView):
    """Every version of the levels-of-need tool, drafts included (practitioners, agency leads and the
    QA Group); and, for the QA Group, a new draft copied from the current version."""

    @extend_schema(responses=s.ToolVersionListOutputSerializer(many=True), operation_id="thresholds_tool_versions_list")
    def get(self, request):
        if not permissions.can_view_tool_versions(request.user):
            raise exceptions.NotFound()
        return Response(s.ToolVersionListOutputSerializer(selectors.tool_versions(), many=True).data)

    @extend_schema(
        request=s.ToolVersionCreateInputSerializer,
        responses={201: s.ToolOutputSerializer},
        operation_id="thresholds_tool_versions_create",
    )
    def post(self, request):
        if not permissions.can_view_tool_versions(request.user):
            raise exceptions.NotFound()
        serializer = s.ToolVersionCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        number = serializer.validated_data["version"].strip()
        current = selectors.current_tool()
        data = (
            services.copy_input(current, new_version=number)
            if current
            else services.ToolInput(name="Levels of need", version=number)
        )
        version = call(services.tool_version_create, actor=request.user, data=data)
        return Response(
            s.ToolOutputSerializer(selectors.tool_version_detail(version.pk)).data, status=status.HTTP_201_CREATED
        )


class ToolVersionDetailApi(APIView):
    """One version of the tool with its levels, domains, indicators and strengths; a draft's whole
    content replaced by the QA Group (a published version never changes: 403)."""

    @extend_schema(responses=s.ToolOutputSerializer, operation_id="thresholds_tool_versions_retrieve")
    def get(self, request, pk: int):
        return Response(s.ToolOutputSerializer(_readable_version(request, pk)).data)

    @extend_schema(
        request=s.ToolDraftInputSerializer,
        responses=s.ToolOutputSerializer,
        operation_id="thresholds_tool_versions_update",
    )
    def put(self, request, pk: int):
        version = _readable_version(request, pk)
        serializer = s.ToolDraftInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call(
            services.tool_draft_replace,
            version=version,
            actor=request.user,
            data=_tool_input(serializer.validated_data),
        )
        return Response(s.ToolOutputSerializer(selectors.tool_version_detail(pk)).data)


class ToolVersionPublishApi(APIView):
    """The QA Group makes a draft the current tool from a date; the version current until then retires
    the day before."""

    @extend_schema(
        request=s.PublishInputSerializer,
        responses=s.ToolOutputSerializer,
        operation_id="thresholds_tool_versions_publish",
    )
    def post(self, request, pk: int):
        version = _readable_version(request, pk)
        serializer = s.PublishInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call(
            services.tool_version_publish,
            version=version,
            actor=request.user,
            effective_from=serializer.validated_data["effective_from"],
        )
        return Response(s.ToolOutputSerializer(selectors.tool_version_detail(pk)).data)


class DecisionListApi(FilteredListApi):
    """Threshold decisions you may see (your organisation's; the QA Group: all), newest first, searched
    and filtered as the decision log (thresholds.filters.DecisionFilter, each search recorded in the
    audit trail); and recording a new one."""

    filterset_class = DecisionFilter
    serializer_class = s.DecisionListOutputSerializer

    def get_queryset(self):
        if not permissions.can_list_decisions(self.request.user):
            raise exceptions.NotFound()
        return selectors.decision_list(self.request.user)

    @extend_schema(responses=s.DecisionListOutputSerializer(many=True), operation_id="thresholds_decisions_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=s.DecisionInputSerializer,
        responses={201: s.DecisionDetailOutputSerializer},
        operation_id="thresholds_decisions_create",
    )
    def post(self, request):
        if not permissions.can_record_decision(request.user):
            raise exceptions.NotFound()
        serializer = s.DecisionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        decision = call(services.decision_record, actor=request.user, data=services.DecisionInput(**data))
        detail = selectors.decision_detail(request.user, decision.pk)
        return Response(s.DecisionDetailOutputSerializer(detail).data, status=status.HTTP_201_CREATED)


class DecisionDetailApi(APIView):
    """One threshold decision with the indicators behind its suggested level."""

    @extend_schema(responses=s.DecisionDetailOutputSerializer, operation_id="thresholds_decisions_retrieve")
    def get(self, request, pk: int):
        decision = selectors.decision_detail(request.user, pk)
        access(actor=request.user, action="thresholds.decision.view", target=decision)
        return Response(s.DecisionDetailOutputSerializer(decision).data)


class DecisionBreakdownApi(GenericAPIView):
    """The decisions you may see, filtered as the log, counted by level, agency, locality and protected
    characteristic."""

    filter_backends = [DjangoFilterBackend]
    filterset_class = DecisionFilter
    pagination_class = None
    serializer_class = s.BreakdownOutputSerializer

    def get_queryset(self):
        return selectors.decision_list(self.request.user)

    @extend_schema(responses=s.BreakdownOutputSerializer(many=True), operation_id="thresholds_decisions_breakdown")
    def get(self, request):
        if not permissions.can_list_decisions(request.user):
            raise exceptions.NotFound()
        self.filter_queryset(self.get_queryset())  # refuses filters that are not valid (400)
        filters = DecisionFilter(request.query_params, queryset=self.get_queryset(), request=request)
        access(
            actor=request.user,
            action="thresholds.decision.breakdown",
            target_type="thresholds.thresholddecision",
            target_label="Threshold decision breakdown (API)",
            detail={"filters": filters.searched_for()},
        )
        return Response(
            s.BreakdownOutputSerializer(selectors.searched_breakdown(request.user, filters), many=True).data
        )


class DisagreementListApi(FilteredListApi):
    """Disagreements you are part of (the QA chair: also those at stage 4), filtered by status, stage
    and type as the page is (thresholds.filters.DisagreementFilter); and raising one."""

    filterset_class = DisagreementFilter
    serializer_class = s.DisagreementListOutputSerializer

    def get_queryset(self):
        return selectors.disagreement_list(self.request.user)

    @extend_schema(
        responses=s.DisagreementListOutputSerializer(many=True), operation_id="thresholds_disagreements_list"
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=s.DisagreementInputSerializer,
        responses={201: s.DisagreementDetailOutputSerializer},
        operation_id="thresholds_disagreements_create",
    )
    def post(self, request):
        if not permissions.can_raise_disagreement(request.user):
            raise exceptions.NotFound()
        serializer = s.DisagreementInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        disagreement = call(
            services.disagreement_raise,
            actor=request.user,
            data=services.DisagreementInput(**serializer.validated_data),
        )
        detail = selectors.disagreement_detail(request.user, disagreement.pk)
        return Response(s.DisagreementDetailOutputSerializer(detail).data, status=status.HTTP_201_CREATED)


class DisagreementDetailApi(APIView):
    """One disagreement with its parties and notes."""

    @extend_schema(responses=s.DisagreementDetailOutputSerializer, operation_id="thresholds_disagreements_retrieve")
    def get(self, request, pk: int):
        disagreement = selectors.disagreement_detail(request.user, pk)
        access(actor=request.user, action="thresholds.disagreement.view", target=disagreement)
        return Response(s.DisagreementDetailOutputSerializer(disagreement).data)


def _act(request, pk: int, input_serializer, service, **fixed):
    disagreement = selectors.disagreement_detail(request.user, pk)  # 404 unless visible
    serializer = input_serializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    call(service, disagreement=disagreement, actor=request.user, **fixed, **serializer.validated_data)
    return Response(s.DisagreementDetailOutputSerializer(selectors.disagreement_detail(request.user, pk)).data)


class DisagreementRespondApi(APIView):
    """Anyone part of an open disagreement adds a response."""

    @extend_schema(
        request=s.RespondInputSerializer,
        responses=s.DisagreementDetailOutputSerializer,
        operation_id="thresholds_disagreements_respond",
    )
    def post(self, request, pk: int):
        return _act(request, pk, s.RespondInputSerializer, services.disagreement_respond)


class DisagreementPartyAddApi(APIView):
    """Anyone part of an open disagreement names another organisation or person in it; they are told."""

    @extend_schema(
        request=s.PartyInputSerializer,
        responses=s.DisagreementDetailOutputSerializer,
        operation_id="thresholds_disagreements_parties_create",
    )
    def post(self, request, pk: int):
        return _act(request, pk, s.PartyInputSerializer, services.disagreement_party_add)


class DisagreementEscalateApi(APIView):
    """Anyone part of an open disagreement moves it to the next stage; the next stage's clock starts."""

    @extend_schema(
        request=s.EscalateInputSerializer,
        responses=s.DisagreementDetailOutputSerializer,
        operation_id="thresholds_disagreements_escalate",
    )
    def post(self, request, pk: int):
        return _act(request, pk, s.EscalateInputSerializer, services.disagreement_escalate)


class DisagreementResolveApi(APIView):
    """Anyone part of an open disagreement records its resolution, with the outcome and learning."""

    @extend_schema(
        request=s.ResolveInputSerializer,
        responses=s.DisagreementDetailOutputSerializer,
        operation_id="thresholds_disagreements_resolve",
    )
    def post(self, request, pk: int):
        return _act(request, pk, s.ResolveInputSerializer, services.disagreement_resolve)


class DisagreementReportApi(APIView):
    """Counts of the disagreements you may see (the QA Group: the whole partnership) by type, by stage
    reached and by working days to resolve."""

    @extend_schema(
        parameters=[s.ReportFilterInputSerializer],
        responses=s.DisagreementReportOutputSerializer,
        operation_id="thresholds_disagreements_report",
    )
    def get(self, request):
        if not permissions.can_view_disagreement_report(request.user):
            raise exceptions.NotFound()
        # A date named with no value is refused, as the lists' filters are (dcfp.lists), never ignored.
        empty = {
            name: ["Enter a date, or leave this filter out"]
            for name in ("raised_from", "raised_to")
            if name in request.query_params and not request.query_params[name].strip()
        }
        if empty:
            raise exceptions.ValidationError(empty)
        dates = s.ReportFilterInputSerializer(data=request.query_params)
        dates.is_valid(raise_exception=True)
        access(
            actor=request.user,
            action="thresholds.disagreement.report",
            target_type="thresholds.disagreement",
            target_label="Disagreements report (API)",
            detail={k: str(v) for k, v in dates.validated_data.items()},
        )
        report = selectors.disagreement_report(request.user, **dates.validated_data)
        return Response(s.DisagreementReportOutputSerializer(report).data)
