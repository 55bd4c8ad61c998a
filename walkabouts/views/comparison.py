"""The comparison view: organisations by standard, the chosen cycle beside the one before, as a colour
grid that also carries each rating in words, with the same figures as a data table, and a CSV of
exactly what is shown (recorded in the audit trail as an export)."""

import csv

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from dcfp.audit.services import access
from walkabouts import forms, permissions, selectors
from walkabouts.models import Cycle


def _filters(request):
    form = forms.ComparisonFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    cycle = data.get("cycle") or Cycle.objects.order_by("-starts_on").first()
    return form, cycle, data.get("kind") or "", data.get("locality")


@login_required
@require_GET
def comparison(request):
    if not permissions.can_view_comparison(request.user):
        raise Http404
    form, cycle, kind, locality = _filters(request)
    result = selectors.comparison(request.user, cycle=cycle, kind=kind, locality=locality)
    query = request.GET.copy()
    query.pop("format", None)
    if request.GET.get("format") == "csv":
        return _csv(
            request, result, {"cycle": cycle.name if cycle else "", "kind": kind, "locality": str(locality or "")}
        )
    return render(request, "walkabouts/comparison.html", {"form": form, "result": result, "query": query.urlencode()})


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
    last = result.previous.name if result.previous else ""
    writer.writerow(["Organisation", "Kind", "Locality", "Standard", f"Rating {this}", f"Rating {last}", "Change"])
    for row in result.rows:
        for cell in row.cells:
            writer.writerow(
                [
                    _safe(row.subject),
                    row.kind,
                    _safe(row.locality),
                    cell.standard_title,
                    cell.this,
                    cell.last,
                    cell.change,
                ]
            )
    return response


def _safe(value: str) -> str:
    """Cells starting with a formula character are quoted, so a spreadsheet never runs them."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@") else value
