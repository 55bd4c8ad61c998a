"""The lists' filters, each one FilterSet for the page and the API (see dcfp.lists): the decision log's
(also the breakdown's) and the disagreements list's. Each narrows a queryset that already starts from
`visible_decisions` or `visible_disagreements`; it never widens what a person may see. Every search is
recorded in the audit trail ("thresholds.decision.search", "thresholds.disagreement.search")."""

import django_filters
from django import forms
from django.db.models import Q

from dcfp.forms import GovukDateField, LongSelect
from dcfp.lists import ListFilterSet
from dcfp.models import LocalityPartnership, Organisation
from thresholds import permissions
from thresholds.models import AgeBand, Disability, Disagreement, Ethnicity, Level, Sex, ThresholdDecision


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
        label="Agency",
        queryset=Organisation.objects.only("pk", "name").order_by("name"),
        empty_label="Any agency",
        # Every organisation of the partnership for the QA Group: thousands at national scale.
        widget=LongSelect(attrs={"class": "govuk-select"}),
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


class DisagreementFilter(ListFilterSet):
    """Filters of the disagreements list, page and API: status, stage and type. It narrows a queryset
    that already starts from `visible_disagreements`."""

    audit_action = "thresholds.disagreement.search"

    status = django_filters.ChoiceFilter(
        choices=Disagreement.Status.choices, empty_label="Open and resolved", widget=_select()
    )
    stage = django_filters.ChoiceFilter(choices=Disagreement.Stage.choices, empty_label="Any stage", widget=_select())
    type = django_filters.ChoiceFilter(
        label="About", choices=Disagreement.Type.choices, empty_label="Anything", widget=_select()
    )

    class Meta:
        model = Disagreement
        fields: list[str] = []
