"""The incident list's filters: one FilterSet for the list page and the API (see dcfp.lists)."""

from datetime import date
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from dcfp import deadlines
from dcfp.deadlines import ClockState
from dcfp.forms import GovukDateField
from dcfp.lists import ListFilterSet
from dcfp.models import Area
from notifications.forms import IncidentFilterForm, select_widget
from notifications.models import NOTIFICATION_CLOCK, Incident, Referral


class GovukDateFilter(django_filters.DateFilter):
    """A date typed as day, month and year on a page, or as one ISO date (2026-11-03) in the API."""

    field_class = GovukDateField


class IncidentFilter(ListFilterSet):
    audit_action = "notifications.incident.search"

    status = django_filters.ChoiceFilter(
        label="Status", choices=Incident.Status.choices, empty_label="Any status", widget=select_widget()
    )
    clock = django_filters.ChoiceFilter(
        label="Clock",
        choices=[*ClockState.choices, (deadlines.ATTENTION, deadlines.ATTENTION_LABEL)],
        empty_label="Any clock state",
        method="filter_clock",
        widget=select_widget(),
    )
    area = django_filters.ModelChoiceFilter(
        label="Area",
        queryset=Area.objects.order_by("name"),
        to_field_name="code",
        empty_label="Any area",
        widget=select_widget(),
        help_text="Area code, for example devon.",
    )
    aware_from = GovukDateFilter(label="Aware from", field_name="aware_on", lookup_expr="gte")
    aware_to = GovukDateFilter(label="Aware to", field_name="aware_on", lookup_expr="lte")

    class Meta:
        model = Incident
        form = IncidentFilterForm
        fields: list[str] = []

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or deadlines.england_date(timezone.now())

    def filter_clock(self, queryset: QuerySet[Incident], name: str, value: str) -> QuerySet[Incident]:
        """Incidents whose notification clock is in this state today (dcfp.deadlines' one definition)."""
        return queryset.filter(deadlines.clock_condition(NOTIFICATION_CLOCK, value, self.today))


class ReferralFilter(ListFilterSet):
    """The referrals list's filters, for its page and the API."""

    audit_action = "notifications.referral.search"

    status = django_filters.ChoiceFilter(
        label="What became of it", choices=Referral.Status.choices, empty_label="Any", widget=select_widget()
    )
    area = django_filters.ModelChoiceFilter(
        label="Area",
        queryset=Area.objects.order_by("name"),
        to_field_name="code",
        empty_label="Any area",
        widget=select_widget(),
        help_text="Area code, for example devon.",
    )

    class Meta:
        model = Referral
        fields: list[str] = []
