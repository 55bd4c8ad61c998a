"""The walkabouts lists' filters: one FilterSet per list for its page and the API (see dcfp.lists). The
rows come from walkabouts.selectors (scoped); these only narrow them, and a search is recorded."""

import django_filters
from django.db.models import Q

from dcfp.lists import ListFilterSet
from dcfp.models import LocalityPartnership, Organisation
from walkabouts.forms import _select
from walkabouts.models import (
    Assessment,
    Cycle,
    ScrutinyItem,
    ScrutinyProgramme,
    SecureHomeReport,
    SecureHomeRiskAssessment,
)


class AssessmentFilter(ListFilterSet):
    audit_action = "walkabouts.assessment.search"

    cycle = django_filters.ModelChoiceFilter(
        label="Cycle",
        queryset=Cycle.objects.order_by("-starts_on"),
        to_field_name="name",
        empty_label="All cycles",
        widget=_select(),
        help_text="The cycle's name, for example 2026-27.",
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=Assessment.Status.choices, empty_label="All statuses", widget=_select()
    )
    route = django_filters.ChoiceFilter(
        label="How", choices=Assessment.Route.choices, empty_label="Any way", widget=_select()
    )
    locality = django_filters.ModelChoiceFilter(
        label="Locality", queryset=LocalityPartnership.objects.all(), empty_label="All localities", widget=_select()
    )

    class Meta:
        model = Assessment
        fields: list[str] = []


class ComparisonFilter(ListFilterSet):
    """The comparison's filters, for its page, its CSV and the API: the cycle to compare with the one
    before it (the latest when none is chosen), the kind of organisation and the locality. The
    district councils' group counts as a district council."""

    audit_action = "walkabouts.comparison.search"

    cycle = django_filters.ModelChoiceFilter(
        label="Cycle",
        queryset=Cycle.objects.order_by("-starts_on"),
        to_field_name="name",
        empty_label="Latest",
        method="filter_cycle",
        widget=_select(),
        help_text="The cycle's name, for example 2026-27; the latest when left out. It is shown beside the one before.",
    )
    kind = django_filters.ChoiceFilter(
        label="Kind of organisation",
        choices=Organisation.Kind.choices,
        empty_label="All kinds",
        method="filter_kind",
        widget=_select(),
    )
    locality = django_filters.ModelChoiceFilter(
        label="Locality", queryset=LocalityPartnership.objects.all(), empty_label="All localities", widget=_select()
    )

    class Meta:
        model = Assessment
        fields: list[str] = []

    def filter_cycle(self, queryset, name: str, value: Cycle):
        # The cycle chooses the columns, not the rows: walkabouts.selectors.comparison takes it with
        # the cycle before it.
        return queryset

    def filter_kind(self, queryset, name: str, value: str):
        if value == Organisation.Kind.DISTRICT_COUNCIL:
            return queryset.filter(Q(organisation__kind=value) | Q(assessment_group__isnull=False))
        return queryset.filter(organisation__kind=value)

    def chosen_cycle(self) -> Cycle | None:
        """The cycle chosen, or the latest when none was chosen (or what was typed is not valid)."""
        chosen = self.form.cleaned_data.get("cycle") if self.is_bound and self.is_valid() else None
        return chosen or Cycle.objects.order_by("-starts_on").first()


class ScrutinyFilter(ListFilterSet):
    """The scrutiny programmes: by status (draft or endorsed) and by the method of any of their items."""

    audit_action = "walkabouts.scrutiny_programme.search"

    status = django_filters.ChoiceFilter(
        label="Status", choices=ScrutinyProgramme.Status.choices, empty_label="Any status", widget=_select()
    )
    method = django_filters.ChoiceFilter(
        label="Method of an item",
        choices=ScrutinyItem.Method.choices,
        empty_label="Any method",
        method="filter_method",
        widget=_select(),
    )

    class Meta:
        model = ScrutinyProgramme
        fields: list[str] = []

    def filter_method(self, queryset, name: str, value: str):
        return queryset.filter(pk__in=ScrutinyItem.objects.filter(method=value).values("programme"))


class SecureHomeReportFilter(ListFilterSet):
    """The secure home's reports: by kind (annual Ofsted report or regulatory visit notes)."""

    audit_action = "walkabouts.secure_home_report.search"

    kind = django_filters.ChoiceFilter(
        label="Kind of report", choices=SecureHomeReport.Kind.choices, empty_label="Any kind", widget=_select()
    )

    class Meta:
        model = SecureHomeReport
        fields: list[str] = []


class SecureHomeRiskFilter(ListFilterSet):
    """The secure home's risk assessments: by rating and by decision."""

    audit_action = "walkabouts.secure_home_risk.search"

    rating = django_filters.ChoiceFilter(
        label="Risk", choices=SecureHomeRiskAssessment.Level.choices, empty_label="Any risk", widget=_select()
    )
    decision = django_filters.ChoiceFilter(
        label="Decision",
        choices=SecureHomeRiskAssessment.Decision.choices,
        empty_label="Any decision",
        widget=_select(),
    )

    class Meta:
        model = SecureHomeRiskAssessment
        fields: list[str] = []
