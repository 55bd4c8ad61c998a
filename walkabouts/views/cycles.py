"""Assessment cycles: the list for the QA Group and agency leads, and opening one (the QA Group)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from walkabouts import forms, permissions, services
from walkabouts.models import Cycle
from walkabouts.views._common import apply_errors, form_page, kept_initial


@login_required
@require_safe
def cycle_list(request):
    if not permissions.can_list_assessments(request.user):
        raise Http404
    return render(
        request,
        "walkabouts/cycles.html",
        {"cycles": Cycle.objects.order_by("-starts_on"), "can_open": permissions.can_open_cycle(request.user)},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def cycle_open(request):
    """The QA Group opens a cycle, such as 2027-28, in which assessments are then planned."""
    if not permissions.can_open_cycle(request.user):
        raise Http404
    form = forms.CycleForm(request.POST or None, initial=kept_initial(request, forms.CycleForm))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cycle = services.cycle_create(
                actor=request.user, name=data["name"], starts_on=data["starts_on"], ends_on=data["ends_on"]
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, f"Cycle {cycle.name} opened.")
            return redirect("walkabouts:cycles")
    return form_page(
        request,
        form,
        title="Open an assessment cycle",
        button="Open cycle",
        cancel="walkabouts:cycles",
        intro="A cycle usually runs from 1 April to 31 March. Each organisation has one Section 11 assessment in it.",
        status=400 if form.errors else 200,
    )
