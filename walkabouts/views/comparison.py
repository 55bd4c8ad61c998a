"""The comparison view: organisations by standard, the chosen cycle beside the one before, as a colour
grid that also carries each rating in words, with the same figures as a data table, and a CSV of
exactly what is shown (recorded in the audit trail as an export). Its filters are
walkabouts.filters.ComparisonFilter, the API's too; a search is recorded as for every list."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from dcfp.audit.services import access
from dcfp.lists import filtered_rows, record_search
from walkabouts import permissions, selectors
from walkabouts.filters import ComparisonFilter


@login_required
@require_safe
def comparison(request):
    if not permissions.can_view_comparison(request.user):
        raise Http404
    # Filters that are not valid are left out, and the page says why (as on every list page).
    assessments = selectors.comparison_assessments(request.user)
    filterset = ComparisonFilter(request.GET or None, queryset=assessments, request=request)
    result = selectors.comparison(filtered_rows(filterset), cycle=filterset.chosen_cycle())
    record_search(actor=request.user, filterset=filterset, rows=len(result.rows))
    if request.GET.get("format") == "csv":
        return _csv(request, result, filterset.searched_for())
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request, "walkabouts/comparison.html", {"form": filterset.form, "result": result, "query": query.urlencode()}
    )


def _csv(request, result: selectors.Comparison, filters: dict) -> HttpResponse:
    access(
        actor=request.user,
        action="walkabouts.comparison.export",
        target_type="walkabouts.cycle",
        target_id=result.cycle.pk if result.cycle else "",
        detail={"filters": filters, "rows": len(result.rows)},
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"section11-comparison-{result.cycle.name if result.cycle else 'none'}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store, private"
    writer = csv.writer(response)
    this = result.cycle.name if result.cycle else ""
    last = f"Rating {result.previous.name}" if result.previous else "Rating (no earlier cycle)"
    writer.writerow(
        ["Organisation", "Kind", "Locality", f"Status {this}", "Standard", f"Rating {this}", last, "Change"]
    )
    for row in result.rows:
        for cell in row.cells:
            writer.writerow(
                [
                    _safe(row.subject),
                    row.kind,
                    _safe(row.locality),
                    row.status,
                    cell.standard_title,
                    _words(cell.this),
                    _words(cell.last) if result.previous else "",
                    cell.change_in_words,
                ]
            )
    return response


def _words(rating: str) -> str:
    return rating.capitalize() if rating else "Not rated"


def _safe(value: str) -> str:
    """Cells starting with a formula character are quoted, so a spreadsheet never runs them."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value
