"""Lists: filters declared once, shared by the page and the API, and every search in the audit trail.

A list declares one django-filter FilterSet, a subclass of `ListFilterSet` naming its audit action;
its page calls `list_page()` with the app's scoped selector; its API view subclasses `FilteredListApi`
and says only where the rows come from (`get_queryset`, the same selector) and how a row looks
(`serializer_class`). From notifications::

    # notifications/filters.py
    class IncidentFilter(ListFilterSet):
        audit_action = "notifications.incident.search"
        aware_from = GovukDateFilter(label="Aware from", field_name="aware_on", lookup_expr="gte")

        class Meta:
            model = Incident
            form = IncidentFilterForm
            fields: list[str] = []

    # notifications/views/incidents.py
    listing = list_page(
        request,
        IncidentFilter,
        selectors.incident_list(request.user),
        counter=lambda: selectors.incident_count(request.user),
        today=today,
    )

    # notifications/api/views.py
    class IncidentListApi(FilteredListApi):
        filterset_class = IncidentFilter
        serializer_class = IncidentListOutputSerializer

        def get_queryset(self):
            if not permissions.can_list_incidents(self.request.user):
                raise exceptions.NotFound()
            return selectors.incident_list(self.request.user)

Both validate the same fields with the same messages (the API answers 400 with them; the page shows them
above the unfiltered rows), page the rows, and record a search in the audit trail whenever any filter
was given: who searched, what for, and how many rows matched (category access, action
`audit_action`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any, ClassVar, cast

import django_filters
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.functional import cached_property
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from dcfp.audit.services import access

PAGE_SIZE = 25
# Page links shown around the current page, and at each end: a page of 25 rows links to at most about ten
# pages, however many there are (one link per page made a list of 100,000 rows 600 KB of HTML).
PAGE_LINKS_AROUND = 2
PAGE_LINKS_AT_ENDS = 1


# A list that may hold a million rows counts up to this many (CappedPaginator) and pages through them.
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """A Paginator that counts at most `cap` + 1 rows (one query that stops reading there), so that the
    first page of a million rows never counts them all. Beyond the cap, `is_capped` is true, the count
    reads "More than 10,000" (`count_text`) and the pages stop at the cap's last page: a narrower search
    reaches the rest."""

    cap = COUNT_CAP

    @cached_property
    def counted(self) -> int:
        """The rows, counted up to the cap and one more (the rows are a queryset)."""
        return cast(QuerySet, self.object_list).order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def is_capped(self) -> bool:
        return self.counted > self.cap

    @property
    def count_text(self) -> str:
        return f"More than {self.cap_text}" if self.is_capped else f"{self.count:,}"

    @property
    def cap_text(self) -> str:
        return f"{self.cap:,}"


def page_numbers(page: Page) -> list[int | str]:
    """The page links to show for `page`: the first and last pages, a few around the current one, and
    Paginator.ELLIPSIS where pages are left out (templates/includes/pagination.html renders them)."""
    return list(
        page.paginator.get_elided_page_range(page.number, on_each_side=PAGE_LINKS_AROUND, on_ends=PAGE_LINKS_AT_ENDS)
    )


# How a list counts its rows when no filter is given, if it can do so more cheaply than counting the rows
# themselves; None from it means "count the rows".
Counter = Callable[[], int | None]


class ListPaginator(Paginator):
    """A Paginator that asks `counter` for the number of rows first (see `Counter`)."""

    def __init__(self, object_list: Any, per_page: int, *, counter: Counter | None = None, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.counter = counter

    @cached_property
    def count(self) -> int:
        known = self.counter() if self.counter is not None else None
        return known if known is not None else super().count


def unfiltered_counter(filterset: ListFilterSet, counter: Counter | None) -> Counter | None:
    """`counter` when no filter narrows the rows; None otherwise (a filtered list counts its rows)."""
    if counter is None or (filterset.is_bound and (not filterset.is_valid() or filterset.searched_for())):
        return None
    return counter


class ListFilterSet(django_filters.FilterSet):
    """The base of every list's filters. A subclass sets `audit_action` ("<app>.<thing>.search")."""

    audit_action: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.audit_action:
            raise TypeError(f"{cls.__name__} must name its audit_action, e.g. 'notifications.incident.search'")

    def searched_for(self) -> dict[str, Any]:
        """The filters given, by name, as the audit trail records them (a record by its key or
        to_field_name, a date in ISO form); empty when nothing was filtered."""
        if not self.is_bound or not self.is_valid():
            return {}
        given: dict[str, Any] = {}
        for name, value in self.form.cleaned_data.items():
            if value in (None, "", [], ()):
                continue
            given[name] = _recorded(value, self.filters[name])
        return given


def _recorded(value: Any, filter_: django_filters.Filter) -> Any:
    if isinstance(value, Model):
        key = filter_.extra.get("to_field_name") or "pk"
        return getattr(value, key)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_recorded(item, filter_) for item in value]
    return value


def filtered_rows(filterset: ListFilterSet) -> QuerySet:
    """The rows the filters select; the unfiltered rows when what was typed is not valid (the page
    shows why, so nothing is hidden by a filter the person cannot see applied)."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.all()
    return filterset.qs


def record_search(*, actor: Any, filterset: ListFilterSet, rows: int) -> None:
    """Record a search in the audit trail when any filter was given: who, what for, how many rows."""
    searched_for = filterset.searched_for()
    if not searched_for:
        return
    model = filterset.queryset.model
    access(
        actor=actor,
        action=filterset.audit_action,
        target_type=model._meta.label_lower,
        target_label=f"Search of {model._meta.verbose_name_plural}",
        detail={"filters": searched_for, "rows": rows},
    )


@dataclass
class ListPage:
    """What a list page shows: the filter form, one page of rows, the query string of the filters and the
    window of page links (`page_numbers`)."""

    filterset: ListFilterSet
    page: Page
    query: str

    @property
    def form(self) -> Any:
        return self.filterset.form

    @property
    def page_numbers(self) -> list[int | str]:
        return page_numbers(self.page)


def list_page(
    request: HttpRequest,
    filterset_class: type[ListFilterSet],
    queryset: QuerySet,
    *,
    page_size: int = PAGE_SIZE,
    paginator_class: type[Paginator] = Paginator,
    counter: Counter | None = None,
    **filterset_kwargs: Any,
) -> ListPage:
    """A list page's rows: `queryset` (from the app's scoped selector) narrowed by the filters typed,
    one page of them, and the search recorded in the audit trail (with the paginator's count: for a
    CappedPaginator, at most its cap + 1). `counter` counts the rows when no filter is given (see
    `Counter`)."""
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request, **filterset_kwargs)
    rows = filtered_rows(filterset)
    counted = unfiltered_counter(filterset, counter)
    paginator = ListPaginator(rows, page_size, counter=counted) if counted else paginator_class(rows, page_size)
    page = paginator.get_page(request.GET.get("page"))
    record_search(actor=request.user, filterset=filterset, rows=page.paginator.count)
    query = request.GET.copy()
    query.pop("page", None)
    return ListPage(filterset=filterset, page=page, query=query.urlencode())


class ListPagination(PageNumberPagination):
    """Pages of PAGE_SIZE rows, or `page_size` (1 to 100). A page size out of range is refused (400)
    rather than quietly changed, and the schema says the range."""

    page_size = PAGE_SIZE
    max_page_size = 100
    page_size_query_param = "page_size"

    def get_page_size(self, request: Request) -> int:
        given = request.query_params.get(self.page_size_query_param)
        if given is None:
            return self.page_size
        if not (given.isascii() and given.isdigit() and 1 <= int(given) <= self.max_page_size):
            raise ValidationError(
                {self.page_size_query_param: [f"Enter a whole number from 1 to {self.max_page_size}"]}
            )
        return int(given)

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        """The page's rows; counted by the view's `counter` when no filter is given (FilteredListApi)."""
        filterset = getattr(view, "filterset", None)
        counter = getattr(view, "counter", lambda: None)()
        counted = unfiltered_counter(filterset, counter) if filterset is not None else None
        if counted is not None:
            self.django_paginator_class = partial(ListPaginator, counter=counted)  # type: ignore[assignment]
        return super().paginate_queryset(queryset, request, view)

    def get_page_number(self, request: Request, paginator: Paginator) -> Any:
        # A page named with no number is refused like an empty filter (the schema says it is an integer).
        given = request.query_params.get(self.page_query_param)
        if given is not None and not given.strip():
            raise ValidationError({self.page_query_param: ["Enter a page number, or leave it out"]})
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
        return parameters


class RememberedFilterBackend(DjangoFilterBackend):
    """django-filter's backend (400 with the form's messages when a filter is not valid), keeping the
    filter set on the view so that the view can record the search with the number of rows."""

    def get_filterset(self, request: Request, queryset: QuerySet, view: Any) -> Any:
        filterset = super().get_filterset(request, queryset, view)
        # A filter named with no value is refused: the API says what it filters by, never guesses (the
        # schema says so too: dcfp.openapi gives these filters a minimum length).
        empty = {
            name: ["Enter a value, or leave this filter out"]
            for name in filterset.filters
            if name in request.query_params and not request.query_params.get(name, "").strip()
        }
        if empty:
            raise ValidationError(empty)
        view.filterset = filterset
        return filterset


class FilteredListApi(GenericAPIView):
    """A list endpoint: `get_queryset()` (the app's scoped selector) narrowed by `filterset_class`,
    paged by `ListPagination`, each row by `serializer_class`, and the search recorded. The schema
    documents the filters and the paged answer from the same declarations."""

    filter_backends = [RememberedFilterBackend]
    pagination_class = ListPagination
    filterset_class: ClassVar[type[ListFilterSet]]
    filterset: ListFilterSet

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if hasattr(cls, "filterset_class"):
            # Names the model for the schema generator only. Rows always come from get_queryset (the
            # app's scoped selector); a subclass that forgot it would list nothing, never everything.
            cls.queryset = cls.filterset_class._meta.model._default_manager.none()

    def counter(self) -> Counter | None:
        """How to count the rows when no filter is given, if more cheaply than counting them (`Counter`)."""
        return None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(rows)
        assert self.paginator is not None and page is not None  # ListPagination always pages
        record_search(actor=request.user, filterset=self.filterset, rows=self.paginator.page.paginator.count)  # type: ignore[attr-defined]
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
