"""The rapid review list's filters: one FilterSet for the list page and the API (see dcfp.lists)."""

from datetime import date
from typing import Any

import django_filters
from django.utils import timezone

from dcfp import deadlines
from dcfp.deadlines import ClockState
from dcfp.lists import ListFilterSet
from notifications.forms import select_widget
from rapid_reviews.models import RapidReview
from rapid_reviews.models.rapid import RapidReviewQuerySet


class ReviewFilter(ListFilterSet):
    audit_action = "rapid_reviews.review.search"

    status = django_filters.ChoiceFilter(
        label="Status", choices=RapidReview.Status.choices, empty_label="Any status", widget=select_widget()
    )
    clock = django_filters.ChoiceFilter(
        label="Clock",
        choices=ClockState.choices,
        empty_label="Any clock state",
        method="filter_clock",
        widget=select_widget(),
    )

    class Meta:
        model = RapidReview
        fields: list[str] = []

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or deadlines.england_date(timezone.now())

    def filter_clock(self, queryset: RapidReviewQuerySet, name: str, value: str) -> RapidReviewQuerySet:
        """Reviews whose clock is in this state today (dcfp.deadlines' one definition)."""
        return queryset.in_clock_state(value, self.today)
