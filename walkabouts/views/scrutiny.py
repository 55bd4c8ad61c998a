"""The annual scrutiny programme: the QA Group drafts it and its items, the Executive endorses it, and
each item later records its findings, learning and how the lessons were spread. Others get 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dcfp.lists import filtered_rows, record_search
from walkabouts import forms, permissions, selectors, services
from walkabouts.filters import ScrutinyFilter
from walkabouts.models import ScrutinyItem, ScrutinyProgramme
from walkabouts.views._common import apply_errors, form_page, kept_initial


def _programme(user, pk: int) -> ScrutinyProgramme:
    if not permissions.can_view_scrutiny(user):
        raise Http404
    return get_object_or_404(ScrutinyProgramme.objects.select_related("endorsed_by"), pk=pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def programme_list(request):
    if not permissions.can_view_scrutiny(request.user):
        raise Http404
    form = forms.ProgrammeForm(request.POST or None, initial=kept_initial(request, forms.ProgrammeForm))
    if request.method == "POST":
        permissions.can_draft_scrutiny.require(request.user)
        if form.is_valid():
            try:
                programme = services.scrutiny_programme_create(actor=request.user, year=form.cleaned_data["year"])
            except ValidationError as error:
                apply_errors(error, form)
            else:
                messages.success(request, f"Scrutiny programme {programme.label} drafted.")
                return redirect("walkabouts:scrutiny_detail", pk=programme.pk)
    filterset = ScrutinyFilter(request.GET or None, queryset=selectors.scrutiny_programmes(request.user))
    programmes = list(filtered_rows(filterset))
    record_search(actor=request.user, filterset=filterset, rows=len(programmes))
    return render(
        request,
        "walkabouts/scrutiny_list.html",
        {
            "programmes": programmes,
            "filters": filterset.form,
            "filtered": bool(filterset.searched_for()),
            "form": form,
            "can_draft": permissions.can_draft_scrutiny(request.user),
        },
    )


@login_required
@require_safe
def programme_detail(request, pk: int):
    programme = _programme(request.user, pk)
    user = request.user
    return render(
        request,
        "walkabouts/scrutiny_detail.html",
        {
            "programme": programme,
            "items": list(programme.items.all()),
            "can_edit": permissions.can_edit_programme(user, programme),
            "can_endorse": permissions.can_endorse_programme(user, programme),
            "can_outcome": permissions.can_record_item_outcome(user, programme),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def item_add(request, pk: int):
    programme = _programme(request.user, pk)
    permissions.can_edit_programme.require(request.user, programme)
    form = forms.ItemForm(request.POST or None, initial=kept_initial(request, forms.ItemForm))
    if request.method == "POST" and form.is_valid():
        try:
            services.scrutiny_item_add(programme=programme, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, "Item added.")
            return redirect("walkabouts:scrutiny_detail", pk=pk)
    return form_page(
        request,
        form,
        title="Add an item",
        caption=str(programme),
        button="Add item",
        cancel=f"/walkabouts/scrutiny/{pk}/",
    )


@login_required
@require_POST
def programme_endorse(request, pk: int):
    programme = _programme(request.user, pk)
    permissions.can_endorse_programme.require(request.user, programme)
    try:
        services.scrutiny_programme_endorse(programme=programme, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, message)
    else:
        messages.success(request, f"Scrutiny programme {programme.label} endorsed.")
    return redirect("walkabouts:scrutiny_detail", pk=pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def item_outcome(request, pk: int, item_pk: int):
    programme = _programme(request.user, pk)
    permissions.can_record_item_outcome.require(request.user, programme)
    item = get_object_or_404(ScrutinyItem, pk=item_pk, programme=programme)
    form = forms.OutcomeForm(
        request.POST or None,
        initial=kept_initial(
            request,
            forms.OutcomeForm,
            {"findings": item.findings, "learning": item.learning, "dissemination": item.dissemination},
        ),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.scrutiny_item_record_outcome(item=item, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, "Outcome recorded.")
            return redirect("walkabouts:scrutiny_detail", pk=pk)
    return form_page(
        request,
        form,
        title=f"Outcome: {item.title}",
        caption=str(programme),
        button="Save outcome",
        cancel=f"/walkabouts/scrutiny/{pk}/",
    )
