"""The Section 11 standards, every version, for the QA Group and agency leads; the QA Group publishes a
new version, starting from the one it replaces."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from walkabouts import forms, permissions, services
from walkabouts.models import StandardVersion
from walkabouts.standards import STANDARDS_V1
from walkabouts.views._common import apply_errors, form_page


@login_required
@require_safe
def standards(request):
    if not permissions.can_list_assessments(request.user):
        raise Http404
    versions = StandardVersion.objects.prefetch_related("standards").order_by("-number")
    return render(
        request,
        "walkabouts/standards.html",
        {"versions": versions, "can_publish": permissions.can_publish_standards(request.user)},
    )


def _latest_standards() -> list[tuple[str, str, str]]:
    latest = StandardVersion.objects.order_by("-number").first()
    if latest is None:
        return list(STANDARDS_V1)
    return [(s.key, s.title, s.what_good_looks_like) for s in latest.standards.all()]


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def standards_publish(request):
    """The QA Group publishes a new version. Assessments already planned keep the version they were
    planned against; only those planned from now on use the new one."""
    if not permissions.can_publish_standards(request.user):
        raise Http404
    form = forms.StandardsForm(request.POST or None, standards=_latest_standards())
    if request.method == "POST" and form.is_valid():
        try:
            version = services.standards_publish(
                actor=request.user, notes=form.cleaned_data["notes"], standards=form.standards()
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, f"Standards version {version.number} published.")
            return redirect("walkabouts:standards")
    return form_page(
        request,
        form,
        title="Publish a new version of the standards",
        button="Publish version",
        cancel="walkabouts:standards",
        intro="Assessments already planned keep the version they were planned against; the new version "
        "applies to assessments planned from now on.",
        status=400 if form.errors else 200,
    )
