"""Input and output shapes of the rapid review Api classes. Field-level checks only: the rules live in
the services."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from notifications.api.serializers import ClockOutputSerializer
from rapid_reviews import selectors
from rapid_reviews.models import AgencySummary, RapidReview


def _clock(due_on, state) -> dict:
    return {"due_on": due_on, "state": state.value, "label": state.label}


class ReviewListOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    incident_reference = serializers.CharField(source="incident.reference")
    status = serializers.CharField()
    outcome = serializers.CharField()
    summary_count = serializers.IntegerField()
    submitted_count = serializers.IntegerField()
    clock = serializers.SerializerMethodField()

    @extend_schema_field(ClockOutputSerializer)
    def get_clock(self, review: RapidReview) -> dict:
        return _clock(review.due_on, selectors.review_clock(review, timezone.localdate()))


class SectionOutputSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField(source="get_key_display")
    text = serializers.CharField()
    version = serializers.IntegerField()


class SignOffOutputSerializer(serializers.Serializer):
    round = serializers.IntegerField()
    organisation = serializers.CharField(source="organisation.name")
    person = serializers.CharField(source="person.full_name")
    at = serializers.DateTimeField()


class ReviewDetailOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    incident_reference = serializers.CharField(source="incident.reference")
    status = serializers.CharField()
    notified_on = serializers.DateField()
    counted_from = serializers.DateField()
    outcome = serializers.CharField()
    outcome_rationale = serializers.CharField()
    reg11_criteria = serializers.ListField(child=serializers.CharField())
    panel_link = serializers.CharField(source="panel_link.full_name", allow_null=True, default=None)
    returned_reason = serializers.CharField()
    endorsed_at = serializers.DateTimeField(allow_null=True)
    sent_on = serializers.DateField(allow_null=True)
    panel_reply = serializers.CharField()
    panel_reply_on = serializers.DateField(allow_null=True)
    panel_reply_note = serializers.CharField()
    version = serializers.IntegerField()
    clock = serializers.SerializerMethodField()
    sections = SectionOutputSerializer(many=True)
    sign_offs = serializers.SerializerMethodField()

    @extend_schema_field(ClockOutputSerializer)
    def get_clock(self, review: RapidReview) -> dict:
        return _clock(review.due_on, selectors.review_clock(review, timezone.localdate()))

    @extend_schema_field(SignOffOutputSerializer(many=True))
    def get_sign_offs(self, review: RapidReview):
        rows = review.sign_offs.filter(round=review.sign_off_round).select_related("organisation", "person")
        return SignOffOutputSerializer(rows, many=True).data


class SummaryOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    review = serializers.IntegerField(source="review_id")
    review_reference = serializers.CharField(source="review.reference")
    organisation = serializers.CharField(source="organisation.name")
    status = serializers.CharField()
    returned_reason = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()
    involvement = serializers.CharField()
    key_episodes = serializers.CharField()
    went_well = serializers.CharField()
    could_be_better = serializers.CharField()
    immediate_actions = serializers.CharField()
    clock = serializers.SerializerMethodField()

    @extend_schema_field(ClockOutputSerializer)
    def get_clock(self, summary: AgencySummary) -> dict:
        return _clock(summary.due_on, selectors.summary_clock(summary, timezone.localdate()))


class SummaryInputSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The version your edit started from; a stale one answers 409.")
    involvement = serializers.CharField(required=False, allow_blank=True, default="")
    key_episodes = serializers.CharField(required=False, allow_blank=True, default="")
    went_well = serializers.CharField(required=False, allow_blank=True, default="")
    could_be_better = serializers.CharField(required=False, allow_blank=True, default="")
    immediate_actions = serializers.CharField(required=False, allow_blank=True, default="")
