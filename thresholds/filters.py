"""The decision log's filters, shared by the page and the API (django-filter). The FilterSet narrows a
queryset that already starts from `visible_decisions`; it never widens what a person may see."""

import django_filters
from django import forms
from django.db.models import Q

from dcfp.forms import GovukDateField
from dcfp.models import LocalityPartnership, Organisation
from thresholds import permissions
from thresholds.models import AgeBand, Disability, Ethnicity, Level, Sex, ThresholdDecision


def _select():
    return forms.Select(attrs={"class": "govuk-select"})


class DecisionFilter(django_filters.FilterSet):
    """Search and filters of the decision log (API: dates as YYYY-MM-DD)."""

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
    decided_from = django_filters.DateFilter(field_name="decided_on", lookup_expr="gte", label="Decided from")
    decided_to = django_filters.DateFilter(field_name="decided_on", lookup_expr="lte", label="Decided to")
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

    @property
    def applied(self) -> dict:
        """The filters and search actually applied, as recorded in the audit trail."""
        if not self.is_bound or not self.form.is_valid():
            return {}
        return {
            key: (getattr(value, "pk", value) if not hasattr(value, "isoformat") else value.isoformat())
            for key, value in self.form.cleaned_data.items()
            if value not in (None, "")
        }


class GovukDateFilter(django_filters.DateFilter):
    field_class = GovukDateField


class DecisionPageFilter(DecisionFilter):
    """The same filters on the page, with GOV.UK date inputs (day, month and year boxes)."""

    decided_from = GovukDateFilter(field_name="decided_on", lookup_expr="gte", label="Decided from")
    decided_to = GovukDateFilter(field_name="decided_on", lookup_expr="lte", label="Decided to")
