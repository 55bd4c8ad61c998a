"""The assessment list's filters: one FilterSet for the list page and the API (see dcfp.lists). The rows
come from walkabouts.selectors.assessment_list (scoped); these only narrow them, and a search is recorded."""

import django_filters

from dcfp.lists import ListFilterSet
from dcfp.models import LocalityPartnership
from walkabouts.forms import _select
from walkabouts.models import Assessment, Cycle


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
