"""Rapid review Api classes: the same selectors, services and permission rules as the pages. Lists
start from the scoping selectors; details answer 404 to anyone who may not see the record; a person
who may see it but not act gets 403 with the reason; a stale edit gets 409."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from dcfp.audit.services import access
from dcfp.lists import FilteredListApi
from dcfp.models import Organisation
from notifications.selectors import incident_detail
from rapid_reviews import permissions, selectors, services
from rapid_reviews.api.serializers import (
    ReviewDetailOutputSerializer,
    ReviewListOutputSerializer,
    SummaryInputSerializer,
    SummaryOutputSerializer,
)
from rapid_reviews.filters import ReviewFilter, SummaryFilter
from rapid_reviews.models import AgencySummary, RapidReview, ReportSection

CONFLICT = inline_serializer("RapidReviewConflict", {"detail": serializers.CharField()})


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = services.EditConflict.message
    default_code = "conflict"


def call(service, **kwargs):
    try:
        return service(**kwargs)
    except services.EditConflict as conflict:
        raise Conflict() from conflict
    except PermissionDenied as denied:
        raise exceptions.PermissionDenied(str(denied) or None) from denied
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise exceptions.ValidationError(error.message_dict) from error
        raise exceptions.ValidationError({"non_field_errors": error.messages}) from error


def _review(user, pk: int) -> RapidReview:
    return selectors.review_detail(user, pk)


def _review_response(user, pk: int, code: int = 200) -> Response:
    return Response(ReviewDetailOutputSerializer(_review(user, pk)).data, status=code)


class ReviewListApi(FilteredListApi):
    """Rapid reviews you may see (scoped exactly as the list page), soonest due first, filtered by the
    list page's own filters (rapid_reviews.filters.ReviewFilter); and opening one from a notified
    incident (the CSPRG)."""

    filterset_class = ReviewFilter
    serializer_class = ReviewListOutputSerializer

    class StartSerializer(serializers.Serializer):
        incident = serializers.IntegerField(help_text="The notified incident's id.")

    def get_queryset(self):
        if not permissions.can_list_reviews(self.request.user):
            raise exceptions.NotFound()
        return selectors.review_list(self.request.user)

    @extend_schema(responses=ReviewListOutputSerializer(many=True), operation_id="rapid_reviews_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=StartSerializer, responses={201: ReviewDetailOutputSerializer}, operation_id="rapid_reviews_start"
    )
    def post(self, request):
        if not permissions.can_start_review(request.user):
            raise exceptions.NotFound()
        serializer = self.StartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            incident = incident_detail(request.user, serializer.validated_data["incident"])
        except Http404 as missing:
            raise exceptions.ValidationError({"incident": ["No such notification"]}) from missing
        review = call(services.review_start, incident=incident, actor=request.user)
        return _review_response(request.user, review.pk, status.HTTP_201_CREATED)


class ReviewDetailApi(APIView):
    """One rapid review with its report sections, outcome and current sign-offs. Reading it is recorded."""

    @extend_schema(responses=ReviewDetailOutputSerializer, operation_id="rapid_reviews_retrieve")
    def get(self, request, pk: int):
        review = _review(request.user, pk)
        access(actor=request.user, action="rapid_reviews.review.view", target=review)
        return Response(ReviewDetailOutputSerializer(review).data)


class SectionApi(APIView):
    """Save one section of the report (the CSPRG, while in progress). `version` is the section's version
    your edit started from; if someone saved it in between, the answer is 409 and nothing is saved."""

    class SectionInputSerializer(serializers.Serializer):
        text = serializers.CharField(allow_blank=True)
        version = serializers.IntegerField()

    @extend_schema(
        request=SectionInputSerializer,
        responses={200: ReviewDetailOutputSerializer, 409: CONFLICT},
        operation_id="rapid_reviews_section_update",
    )
    def put(self, request, pk: int, key: str):
        review = _review(request.user, pk)
        if key not in ReportSection.Key.values:
            raise exceptions.NotFound()
        serializer = self.SectionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        section = review.sections.get(key=key)
        call(services.section_save, section=section, actor=request.user, **serializer.validated_data)
        return _review_response(request.user, pk)


class _ReviewTransitionApi(APIView):
    service: Callable[..., object]
    InputSerializer: type[serializers.Serializer] | None = None

    def post(self, request, pk: int):
        review = _review(request.user, pk)
        data = {}
        if self.InputSerializer is not None:
            serializer = self.InputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = self.arguments(dict(serializer.validated_data))
        call(type(self).service, review=review, actor=request.user, **data)
        return _review_response(request.user, pk)

    def arguments(self, data: dict) -> dict:
        return data


class OutcomeApi(_ReviewTransitionApi):
    """The CSPRG records the outcome (a, b or c) with its reasons; for (c), the criteria it meets."""

    service = services.review_record_outcome

    class OutcomeInputSerializer(serializers.Serializer):
        outcome = serializers.ChoiceField(choices=RapidReview.Outcome.choices)
        rationale = serializers.CharField()
        reg11_criteria = serializers.ListField(
            child=serializers.ChoiceField(choices=RapidReview.Reg11.choices), required=False, default=list
        )

    InputSerializer = OutcomeInputSerializer

    @extend_schema(
        request=InputSerializer,
        responses=ReviewDetailOutputSerializer,
        summary="Record the outcome",
        operation_id="rapid_reviews_outcome",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class SendForSignOffApi(_ReviewTransitionApi):
    """The CSPRG sends the finished report and outcome for partner sign-off."""

    service = services.review_send_for_sign_off

    @extend_schema(
        request=None,
        responses=ReviewDetailOutputSerializer,
        summary="Send for partner sign-off",
        operation_id="rapid_reviews_send_for_sign_off",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class SignOffApi(_ReviewTransitionApi):
    """A Safeguarding Partner representative signs off for their own organisation."""

    service = services.review_sign_off

    @extend_schema(
        request=None,
        responses=ReviewDetailOutputSerializer,
        summary="Sign off for your organisation",
        operation_id="rapid_reviews_sign_off",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class EndorseApi(_ReviewTransitionApi):
    """An Executive member endorses outcome (b), no further review."""

    service = services.review_endorse

    @extend_schema(
        request=None,
        responses=ReviewDetailOutputSerializer,
        summary="Endorse no further review",
        operation_id="rapid_reviews_endorse",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class DeclineApi(_ReviewTransitionApi):
    """An Executive member declines to endorse, with a reason: back to the CSPRG."""

    service = services.review_decline_endorsement

    class DeclineInputSerializer(serializers.Serializer):
        reason = serializers.CharField()

    InputSerializer = DeclineInputSerializer

    @extend_schema(
        request=InputSerializer,
        responses=ReviewDetailOutputSerializer,
        summary="Decline to endorse",
        operation_id="rapid_reviews_decline",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class SentApi(_ReviewTransitionApi):
    """The CSPRG records the date the report was sent to the National Panel."""

    service = services.review_record_sent

    class SentInputSerializer(serializers.Serializer):
        sent_on = serializers.DateField()

    InputSerializer = SentInputSerializer

    @extend_schema(
        request=InputSerializer,
        responses=ReviewDetailOutputSerializer,
        summary="Record as sent to the National Panel",
        operation_id="rapid_reviews_sent",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class PanelReplyApi(_ReviewTransitionApi):
    """The CSPRG records the National Panel's reply and its date."""

    service = services.review_record_panel_reply

    class PanelReplyInputSerializer(serializers.Serializer):
        reply = serializers.ChoiceField(choices=RapidReview.PanelReply.choices)
        replied_on = serializers.DateField()
        note = serializers.CharField(required=False, allow_blank=True, default="")

    InputSerializer = PanelReplyInputSerializer

    @extend_schema(
        request=InputSerializer,
        responses=ReviewDetailOutputSerializer,
        summary="Record the Panel's reply",
        operation_id="rapid_reviews_panel_reply",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class AddAgencyApi(_ReviewTransitionApi):
    """The CSPRG asks one more agency for its summary."""

    service = services.review_add_agency

    class AddAgencyInputSerializer(serializers.Serializer):
        organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    InputSerializer = AddAgencyInputSerializer

    @extend_schema(
        request=InputSerializer,
        responses=ReviewDetailOutputSerializer,
        summary="Ask another agency for a summary",
        operation_id="rapid_reviews_add_agency",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


def _summary(user, pk: int) -> AgencySummary:
    return selectors.summary_detail(user, pk)


class SummaryListApi(FilteredListApi):
    """Agency summaries you may see (all for the CSPRG, your own agency's for an agency lead), soonest
    due first, filtered by the list page's own filters (rapid_reviews.filters.SummaryFilter)."""

    filterset_class = SummaryFilter
    serializer_class = SummaryOutputSerializer

    def get_queryset(self):
        if not permissions.can_list_summaries(self.request.user):
            raise exceptions.NotFound()
        return selectors.summary_list(self.request.user)

    @extend_schema(responses=SummaryOutputSerializer(many=True), operation_id="rapid_reviews_summaries_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class SummaryDetailApi(APIView):
    """One agency summary (its agency's leads and the CSPRG; 404 for anyone else), and saving it as a
    draft (the agency's leads). Reading it is recorded."""

    @extend_schema(responses=SummaryOutputSerializer, operation_id="rapid_reviews_summaries_retrieve")
    def get(self, request, pk: int):
        summary = _summary(request.user, pk)
        access(actor=request.user, action="rapid_reviews.summary.view", target=summary)
        return Response(SummaryOutputSerializer(summary).data)

    @extend_schema(
        request=SummaryInputSerializer,
        responses={200: SummaryOutputSerializer, 409: CONFLICT},
        operation_id="rapid_reviews_summaries_update",
    )
    def put(self, request, pk: int):
        return _write_summary(request, pk, services.summary_save)


def _write_summary(request, pk: int, service) -> Response:
    summary = _summary(request.user, pk)
    serializer = SummaryInputSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    version = data.pop("version")
    call(service, summary=summary, actor=request.user, version=version, sections=data)
    return Response(SummaryOutputSerializer(_summary(request.user, pk)).data)


class SummarySubmitApi(APIView):
    """The agency's lead submits the summary, every section written."""

    @extend_schema(
        request=SummaryInputSerializer,
        responses={200: SummaryOutputSerializer, 409: CONFLICT},
        operation_id="rapid_reviews_summaries_submit",
    )
    def post(self, request, pk: int):
        return _write_summary(request, pk, services.summary_submit)


class SummaryReturnApi(APIView):
    """The CSPRG returns a submitted summary to the agency, with a reason."""

    class ReturnInputSerializer(serializers.Serializer):
        reason = serializers.CharField()

    @extend_schema(
        request=ReturnInputSerializer, responses=SummaryOutputSerializer, operation_id="rapid_reviews_summaries_return"
    )
    def post(self, request, pk: int):
        summary = _summary(request.user, pk)
        serializer = self.ReturnInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call(services.summary_return, summary=summary, actor=request.user, reason=serializer.validated_data["reason"])
        return Response(SummaryOutputSerializer(_summary(request.user, pk)).data)
