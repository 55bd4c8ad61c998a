"""Pages of the levels-of-need tool's versions: the QA Group drafts them (changing a draft is
thresholds/views/drafts.py) and publishes them; practitioners and agency leads read every version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from thresholds import permissions, selectors, services
from thresholds.forms import IndicatorForm, NewToolVersionForm, PublishForm
from thresholds.views._common import apply_errors


@login_required
@require_safe
def tool_versions(request):
    if not permissions.can_view_tool_versions(request.user):
        raise Http404
    return render(
        request,
        "thresholds/tool_versions.html",
        {
            "versions": selectors.tool_versions(),
            "can_maintain": permissions.can_maintain_tool(request.user),
            "form": NewToolVersionForm(),
        },
    )


@login_required
@require_http_methods(["POST"])
def tool_version_new(request):
    """A new draft, copied from the current version (or empty if there is none)."""
    if not permissions.can_maintain_tool(request.user):
        raise Http404
    form = NewToolVersionForm(request.POST)
    if form.is_valid():
        current = selectors.current_tool()
        number = form.cleaned_data["version"].strip()
        data = (
            services.copy_input(current, new_version=number)
            if current
            else services.ToolInput(name="Levels of need", version=number)
        )
        try:
            version = services.tool_version_create(actor=request.user, data=data)
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, f"Draft version {version.version} created.")
            return redirect("thresholds:tool_version", pk=version.pk)
    return render(
        request,
        "thresholds/tool_versions.html",
        {"versions": selectors.tool_versions(), "can_maintain": True, "form": form},
        status=400,
    )


def version_page(request, version, *, publish=None, indicator=None, status=200):
    return render(
        request,
        "thresholds/tool_version.html",
        {
            "version": version,
            "can_publish": permissions.can_publish_tool_version(request.user, version),
            "can_edit": permissions.can_edit_tool_version(request.user, version),
            "publish_form": publish or PublishForm(prefix="publish"),
            "indicator_form": indicator or IndicatorForm(version=version, prefix="indicator"),
        },
        status=status,
    )


@login_required
@require_safe
def tool_version(request, pk: int):
    if not permissions.can_view_tool_versions(request.user):
        raise Http404
    return version_page(request, selectors.tool_version_detail(pk))


@login_required
@require_http_methods(["POST"])
def tool_version_publish(request, pk: int):
    if not permissions.can_view_tool_versions(request.user):
        raise Http404
    version = selectors.tool_version_detail(pk)
    if not permissions.can_publish_tool_version(request.user, version):
        return version_page(request, version, status=403)
    form = PublishForm(request.POST, prefix="publish")
    if form.is_valid():
        try:
            services.tool_version_publish(
                version=version, actor=request.user, effective_from=form.cleaned_data["effective_from"]
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, f"Version {version.version} is now the current tool.")
            return redirect("thresholds:tool_version", pk=pk)
    return version_page(request, version, publish=form, status=400)


@login_required
@require_http_methods(["POST"])
def tool_indicator_add(request, pk: int):
    if not permissions.can_view_tool_versions(request.user):
        raise Http404
    version = selectors.tool_version_detail(pk)
    if not permissions.can_edit_tool_version(request.user, version):
        return version_page(request, version, status=403)
    form = IndicatorForm(request.POST, version=version, prefix="indicator")
    if form.is_valid():
        data = services.IndicatorInput(
            level=form.cleaned_data["level"],
            wording=form.cleaned_data["wording"],
            plain_wording=form.cleaned_data["plain_wording"],
            contextual_safeguarding=form.cleaned_data["contextual_safeguarding"],
        )
        try:
            services.tool_indicator_add(
                version=version, actor=request.user, domain=form.cleaned_data["domain"], data=data
            )
        except ValidationError as error:
            apply_errors(error, form)
        else:
            messages.success(request, "Indicator added.")
            return redirect("thresholds:tool_version", pk=pk)
    return version_page(request, version, indicator=form, status=400)
