"""The rapid reviews app's list filters: one FilterSet per list, shared by its page and its API (see
dcfp.lists). The rows always come from the scoped selectors; these only narrow them, and every search is
recorded in the audit trail."""

from collections.abc import Callable
from datetime import date
from typing import Any

import django_filters
from django import forms
from django.utils import timezone

from dcfp import deadlines
from dcfp.deadlines import ClockState
from dcfp.lists import ListFilterSet
from dcfp.models import Organisation
from notifications.forms import select_widget
from rapid_reviews import permissions
from rapid_reviews.models import Action, AgencySummary, LocalReview, RapidReview


def _clock_filter() -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        label="Clock",
        choices=ClockState.choices,
        empty_label="Any clock state",
        method="filter_clock",
        widget=select_widget(),
    )


def _agency_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        label="Agency",
        field_name="organisation",
        queryset=Organisation.objects.order_by("name"),
        empty_label="Any agency",
        widget=select_widget(),
    )


class _Clocked:
    """Narrows by the record's clock state today, as its queryset's `in_clock_state` says (dcfp.deadlines'
    one definition)."""

    filters: dict[str, Any]
    request: Any

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or deadlines.england_date(timezone.now())

    def filter_clock(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.in_clock_state(value, self.today)

    def _agencies_for_own_only(self, sees_every_agency: Callable[[Any], bool]) -> None:
        # Someone who sees only their own agency's records is offered only their own agency.
        user = getattr(self.request, "user", None)
        if user is not None and not sees_every_agency(user):
            self.filters["agency"].queryset = Organisation.objects.filter(pk=user.organisation_id)


class ReviewFilter(_Clocked, ListFilterSet):
    audit_action = "rapid_reviews.review.search"

    status = django_filters.ChoiceFilter(
        label="Status", choices=RapidReview.Status.choices, empty_label="Any status", widget=select_widget()
    )
    clock = _clock_filter()

    class Meta:
        model = RapidReview
        fields: list[str] = []


class SummaryFilter(_Clocked, ListFilterSet):
    audit_action = "rapid_reviews.summary.search"

    review = django_filters.CharFilter(
        label="Rapid review reference",
        field_name="review__reference",
        lookup_expr="iexact",
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
    )
    agency = _agency_filter()
    status = django_filters.ChoiceFilter(
        label="Status", choices=AgencySummary.Status.choices, empty_label="Any status", widget=select_widget()
    )
    clock = _clock_filter()

    class Meta:
        model = AgencySummary
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._agencies_for_own_only(permissions.sees_every_summary)


class LocalReviewFilter(_Clocked, ListFilterSet):
    audit_action = "rapid_reviews.local_review.search"

    status = django_filters.ChoiceFilter(
        label="Status", choices=LocalReview.Status.choices, empty_label="Any status", widget=select_widget()
    )
    clock = _clock_filter()

    class Meta:
        model = LocalReview
        fields: list[str] = []


class ActionFilter(_Clocked, ListFilterSet):
    audit_action = "rapid_reviews.action.search"

    agency = _agency_filter()
    status = django_filters.ChoiceFilter(
        label="Status", choices=Action.Status.choices, empty_label="Any status", widget=select_widget()
    )
    clock = _clock_filter()

    class Meta:
        model = Action
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._agencies_for_own_only(permissions.sees_every_action)
