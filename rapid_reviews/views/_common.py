"""What the rapid review pages share: error lists for the GOV.UK error summary, putting a service's
messages beside their fields, one page shape for a simple action with a form, and one for a filtered list."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import redirect, render
from django.utils import timezone

from dcfp.accounts import drafts
from dcfp.forms import DateBoundField
from dcfp.lists import ListFilterSet, list_page
from rapid_reviews import selectors


def filtered_list(request, filterset_class: type[ListFilterSet], rows: QuerySet, template: str, context=None):
    """A list page: `rows` (from the scoped selector) narrowed by `filterset_class` (the API's own
    filters), one page of them each with its clock, the filter form and the page links."""
    today = timezone.localdate()
    listing = list_page(request, filterset_class, rows, today=today)
    listing.page.object_list = selectors.with_clocks(listing.page.object_list, today)
    return render(
        request,
        template,
        {
            "page": listing.page,
            "page_numbers": listing.page_numbers,
            "filters": listing.form,
            "query": listing.query,
            **(context or {}),
        },
    )


def anchor(field) -> str:
    if isinstance(field, DateBoundField):
        return field.first_error_id
    if isinstance(field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return f"{field.auto_id}_0"
    return field.auto_id


def errors_of(form) -> list[tuple[str, str]]:
    if not form.is_bound:
        return []
    items = [("main-content", e) for e in form.non_field_errors()]
    for field in form:
        items += [(anchor(field), e) for e in field.errors]
    return items


def apply(form, error: ValidationError) -> None:
    """Put each of a service's messages beside its field; anything else goes at the top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, msgs in error.message_dict.items():
        form.add_error(key if key in form.fields else None, msgs)


def kept_initial(request, form_class, initial: dict | None = None) -> dict:
    """On GET, `initial` overlaid with what the person typed before their session timed out."""
    initial = dict(initial or {})
    if request.method == "GET":
        initial.update(drafts.restore_initial(request, form_class))
    return initial


def action_page(
    request,
    *,
    form_class,
    template: str,
    run: Callable[[dict], object],
    done: str | Callable[[object], str],
    success: str,
    context: dict,
    initial: dict | None = None,
):
    """A page with one form that calls one service: on success a message and a redirect to `done` (an
    address, or a function of what the service returned); on a service's ValidationError its messages
    beside the fields, and what was typed kept."""
    data = request.POST if request.method == "POST" else None
    form = form_class(data, initial=kept_initial(request, form_class, initial))
    if request.method == "POST" and form.is_valid():
        try:
            result = run(form.cleaned_data)
        except ValidationError as error:
            apply(form, error)
        else:
            messages.success(request, success)
            return redirect(done(result) if callable(done) else done)
    errors = errors_of(form)
    return render(request, template, {"form": form, "errors": errors, **context}, status=400 if errors else 200)
