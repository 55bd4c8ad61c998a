"""Local review and action Api classes: the same selectors, services and permission rules as the pages
(404 for anyone who may not see the record, 403 with the reason for someone who may see it but not act)."""

from collections.abc import Callable

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from dcfp.audit.services import access
from dcfp.lists import FilteredListApi
from dcfp.models import User
from notifications.api.serializers import ClockOutputSerializer
from rapid_reviews import permissions, selectors, services
from rapid_reviews.api.views import call
from rapid_reviews.filters import ActionFilter, LocalReviewFilter
from rapid_reviews.models import Action, Extension, InformationRequest, LocalReview


def get_object_or_404(queryset, **lookup):
    """The one record, or the API's standard not-found answer (never the model's name)."""
    found = queryset.filter(**lookup).first()
    if found is None:
        raise exceptions.NotFound()
    return found


def _clock(record) -> dict:
    state = record.clock_state(timezone.localdate())
    return {"due_on": record.due_on, "state": state.value, "label": state.label}


class MilestoneOutputSerializer(serializers.Serializer):
    title = serializers.CharField()
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)


class ExtensionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    new_due_on = serializers.DateField()
    reason = serializers.CharField()
    status = serializers.CharField()
    decision_note = serializers.CharField()


class RequestOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    text = serializers.CharField()
    asked_at = serializers.DateTimeField()
    reply = serializers.CharField()
    replied_at = serializers.DateTimeField(allow_null=True)


class LocalReviewOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    status = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]  # a field named like Field.source
    decided_on = serializers.DateField()
    original_due_on = serializers.DateField()
    due_on = serializers.DateField()
    reviewer = serializers.CharField(source="reviewer.full_name", allow_null=True, default=None)
    terms_of_reference = serializers.CharField()
    methodology = serializers.CharField(source="methodology_label")
    sent_on = serializers.DateField(allow_null=True)
    sent_what = serializers.CharField()
    publication_on = serializers.DateField(allow_null=True)
    published_url = serializers.CharField()
    not_publishing_reason = serializers.CharField()
    clock = serializers.SerializerMethodField()

    @extend_schema_field(ClockOutputSerializer)
    def get_clock(self, review: LocalReview) -> dict:
        return _clock(review)


class LocalReviewDetailOutputSerializer(LocalReviewOutputSerializer):
    milestones = MilestoneOutputSerializer(many=True)
    extensions = ExtensionOutputSerializer(many=True)
    requests = RequestOutputSerializer(many=True)


class ReviewActionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.name")
    source_reference = serializers.CharField(source="recommendation.source_reference")
    recommendation = serializers.CharField(source="recommendation.text")
    description = serializers.CharField()
    due_on = serializers.DateField()
    status = serializers.CharField()
    completed_at = serializers.DateTimeField(allow_null=True)
    clock = serializers.SerializerMethodField()

    @extend_schema_field(ClockOutputSerializer)
    def get_clock(self, action: Action) -> dict:
        return _clock(action)


def _local(user, pk: int) -> LocalReview:
    return selectors.local_review_detail(user, pk)


def _local_response(user, pk: int) -> Response:
    return Response(LocalReviewDetailOutputSerializer(_local(user, pk)).data)


class LocalReviewListApi(FilteredListApi):
    """Local reviews you may see (a reviewer: only those they are appointed to), soonest due first,
    filtered by the list page's own filters (rapid_reviews.filters.LocalReviewFilter)."""

    filterset_class = LocalReviewFilter
    serializer_class = LocalReviewOutputSerializer

    def get_queryset(self):
        if not permissions.can_list_local_reviews(self.request.user):
            raise exceptions.NotFound()
        return selectors.local_review_list(self.request.user)

    @extend_schema(responses=LocalReviewOutputSerializer(many=True), operation_id="local_reviews_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class LocalReviewDetailApi(APIView):
    """One local review with its milestones, extensions and written requests. Reading it is recorded."""

    @extend_schema(responses=LocalReviewDetailOutputSerializer, operation_id="local_reviews_retrieve")
    def get(self, request, pk: int):
        review = _local(request.user, pk)
        access(actor=request.user, action="rapid_reviews.local.view", target=review)
        return Response(LocalReviewDetailOutputSerializer(review).data)


class _LocalTransitionApi(APIView):
    service: Callable[..., object]
    InputSerializer: type[serializers.Serializer] | None = None

    def post(self, request, pk: int):
        review = _local(request.user, pk)
        data = {}
        if self.InputSerializer is not None:
            serializer = self.InputSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
        call(type(self).service, review=review, actor=request.user, **data)
        return _local_response(request.user, pk)


class AppointApi(_LocalTransitionApi):
    """The CSPRG appoints the independent reviewer (a person with the reviewer role)."""

    service = services.local_review_appoint_reviewer

    class AppointInputSerializer(serializers.Serializer):
        reviewer = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())

    InputSerializer = AppointInputSerializer

    @extend_schema(
        request=InputSerializer,
        responses=LocalReviewDetailOutputSerializer,
        summary="Appoint the reviewer",
        operation_id="local_reviews_appoint",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class ExtensionRequestApi(_LocalTransitionApi):
    """The CSPRG asks for a later date, with a reason, for the QA Group chair to decide."""

    service = services.extension_request

    class ExtensionInputSerializer(serializers.Serializer):
        new_due_on = serializers.DateField()
        reason = serializers.CharField()

    InputSerializer = ExtensionInputSerializer

    @extend_schema(
        request=InputSerializer,
        responses=LocalReviewDetailOutputSerializer,
        summary="Ask for an extension",
        operation_id="local_reviews_extension_request",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class LocalSentApi(_LocalTransitionApi):
    """The CSPRG records what was sent to the Panel, the Secretary of State and Ofsted, and when."""

    service = services.local_review_record_sent

    class LocalSentInputSerializer(serializers.Serializer):
        sent_on = serializers.DateField()
        what = serializers.ChoiceField(choices=LocalReview.Sent.choices)

    InputSerializer = LocalSentInputSerializer

    @extend_schema(
        request=InputSerializer,
        responses=LocalReviewDetailOutputSerializer,
        summary="Record as sent",
        operation_id="local_reviews_sent",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class PublicationApi(_LocalTransitionApi):
    """The CSPRG records publication: a date fewer than 7 working days after sending is refused (400),
    naming the earliest allowed date."""

    service = services.local_review_record_publication

    class PublicationInputSerializer(serializers.Serializer):
        publication_on = serializers.DateField()
        published_url = serializers.URLField()

    InputSerializer = PublicationInputSerializer

    @extend_schema(
        request=InputSerializer,
        responses=LocalReviewDetailOutputSerializer,
        summary="Record publication",
        operation_id="local_reviews_publication",
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class ExtensionDecideApi(APIView):
    """The QA Group chair approves or refuses an extension (a refusal needs a reason)."""

    class DecideInputSerializer(serializers.Serializer):
        approve = serializers.BooleanField()
        note = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        request=DecideInputSerializer,
        responses=LocalReviewDetailOutputSerializer,
        operation_id="local_reviews_extension_decide",
    )
    def post(self, request, pk: int):
        extension = get_object_or_404(Extension.objects.select_related("review"), pk=pk)
        _local(request.user, extension.review_id)  # 404 unless the review is visible
        serializer = self.DecideInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call(services.extension_decide, extension=extension, actor=request.user, **serializer.validated_data)
        return _local_response(request.user, extension.review_id)


class RequestReplyApi(APIView):
    """The appointed reviewer replies in writing to a request for information or a draft."""

    class ReplyInputSerializer(serializers.Serializer):
        reply = serializers.CharField()

    @extend_schema(
        request=ReplyInputSerializer,
        responses=LocalReviewDetailOutputSerializer,
        operation_id="local_reviews_request_reply",
    )
    def post(self, request, pk: int):
        item = get_object_or_404(InformationRequest.objects.select_related("review"), pk=pk)
        _local(request.user, item.review_id)  # 404 unless the review is visible
        serializer = self.ReplyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call(services.request_reply, request=item, actor=request.user, reply=serializer.validated_data["reply"])
        return _local_response(request.user, item.review_id)


class ActionListApi(FilteredListApi):
    """Actions you may see (all for the CSPRG and the QA Group, your own agency's for an agency lead),
    soonest due first, filtered by the list page's own filters (rapid_reviews.filters.ActionFilter)."""

    filterset_class = ActionFilter
    serializer_class = ReviewActionOutputSerializer

    def get_queryset(self):
        if not permissions.can_list_actions(self.request.user):
            raise exceptions.NotFound()
        return selectors.action_list(self.request.user)

    @extend_schema(responses=ReviewActionOutputSerializer(many=True), operation_id="review_actions_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class ActionDetailApi(APIView):
    """One action (404 for other agencies); its agency's leads record progress and complete it."""

    class UpdateInputSerializer(serializers.Serializer):
        text = serializers.CharField()
        complete = serializers.BooleanField(default=False)

    @extend_schema(responses=ReviewActionOutputSerializer, operation_id="review_actions_retrieve")
    def get(self, request, pk: int):
        return Response(ReviewActionOutputSerializer(selectors.action_detail(request.user, pk)).data)

    @extend_schema(
        request=UpdateInputSerializer, responses=ReviewActionOutputSerializer, operation_id="review_actions_update"
    )
    def post(self, request, pk: int):
        action = selectors.action_detail(request.user, pk)
        serializer = self.UpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        call(services.action_update, action=action, actor=request.user, **serializer.validated_data)
        return Response(ReviewActionOutputSerializer(selectors.action_detail(request.user, pk)).data)
