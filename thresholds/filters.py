"""The decision log's filters: one FilterSet for the page, the API and the breakdown (see dcfp.lists).
It narrows a queryset that already starts from `visible_decisions`; it never widens what a person may
see. Every search is recorded in the audit trail as "thresholds.decision.search"."""

import django_filters
from django import forms
from django.db.models import Q

from dcfp.forms import GovukDateField
from dcfp.lists import ListFilterSet
from dcfp.models import LocalityPartnership, Organisation
from thresholds import permissions
from thresholds.models import AgeBand, Disability, Ethnicity, Level, Sex, ThresholdDecision


def _select():
    return forms.Select(attrs={"class": "govuk-select"})


class GovukDateFilter(django_filters.DateFilter):
    """A date typed as day, month and year on a page, or as one ISO date in the API."""

    field_class = GovukDateField


class DecisionFilter(ListFilterSet):
    """Search and filters of the decision log (dates as day, month and year boxes on the page, one ISO
    date in the API)."""

    audit_action = "thresholds.decision.search"

    q = django_filters.CharFilter(
        label="Reference or local identifier", method="search", widget=forms.TextInput(attrs={"class": "govuk-input"})
    )
    level = django_filters.ChoiceFilter(choices=Level.choices, empty_label="Any level", widget=_select())
    organisation = django_filters.ModelChoiceFilter(
        label="Agency", queryset=Organisation.objects.order_by("name"), empty_label="Any agency", widget=_select()
    )
    locality = django_filters.ModelChoiceFilter(
        queryset=LocalityPartnership.objects.order_by("name"), empty_label="Any locality", widget=_select()
    )
    decided_from = GovukDateFilter(field_name="decided_on", lookup_expr="gte", label="Decided from")
    decided_to = GovukDateFilter(field_name="decided_on", lookup_expr="lte", label="Decided to")
    age_band = django_filters.ChoiceFilter(
        label="Age", choices=AgeBand.choices, empty_label="Any age", widget=_select()
    )
    sex = django_filters.ChoiceFilter(choices=Sex.choices, empty_label="Any", widget=_select())
    ethnicity = django_filters.ChoiceFilter(choices=Ethnicity.choices, empty_label="Any", widget=_select())
    disability = django_filters.ChoiceFilter(choices=Disability.choices, empty_label="Any", widget=_select())

    class Meta:
        model = ThresholdDecision
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        if user is not None and not permissions.sees_all_decisions(user):
            # An agency sees only its own decisions: the only agency worth offering is its own.
            self.filters["organisation"].queryset = Organisation.objects.filter(pk=user.organisation_id)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(reference__iexact=value) | Q(local_identifier__iexact=value))
