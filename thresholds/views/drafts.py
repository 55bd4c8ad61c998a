"""Pages that change a draft version of the tool: its wording and levels, and each domain, indicator and
strength (added, changed or removed). Whoever reads tool versions but may not change this one (a
practitioner, or anyone once the version is published) gets the version's page with 403; anyone else
gets 404."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from thresholds import permissions, selectors, services
from thresholds.forms import DomainForm, IndicatorForm, StrengthForm, ToolDetailsForm
from thresholds.models import Domain, Indicator, Strength, ToolVersion
from thresholds.views._common import apply_errors
from thresholds.views.tool import version_page


def _version(request, pk: int) -> ToolVersion:
    if not permissions.can_view_tool_versions(request.user):
        raise Http404
    return selectors.tool_version_detail(pk)


def _edit(
    request,
    version: ToolVersion,
    *,
    form,
    title: str,
    submit: str,
    save: Callable[[Any], Any],
    removable: Callable[[], Any] | None = None,
    done: str,
):
    """One page that shows `form`, saves it through `save(cleaned_data)` (or removes the item through
    `removable()` when the remove button is pressed) and returns to the version."""
    if not permissions.can_edit_tool_version(request.user, version):
        return version_page(request, version, status=403)
    status = 200
    if request.method == "POST":
        try:
            if removable is not None and "remove" in request.POST:
                removable()
                messages.success(request, f"{done.split(' ', 1)[0]} removed.")
                return redirect("thresholds:tool_version", pk=version.pk)
            if form.is_valid():
                save(form.cleaned_data)
                messages.success(request, done)
                return redirect("thresholds:tool_version", pk=version.pk)
        except ValidationError as error:
            apply_errors(error, form)
        status = 400
    return render(
        request,
        "thresholds/tool_item_form.html",
        {"version": version, "form": form, "title": title, "submit": submit, "removable": removable is not None},
        status=status,
    )


def _data(request):
    return request.POST if request.method == "POST" else None


def _indicator_input(data) -> services.IndicatorInput:
    return services.IndicatorInput(
        level=data["level"],
        wording=data["wording"],
        plain_wording=data["plain_wording"],
        contextual_safeguarding=data["contextual_safeguarding"],
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tool_version_edit(request, pk: int):
    version = _version(request, pk)
    initial = {"name": version.name, "introduction": version.introduction}
    initial |= {f"level_{level}": text for level, text in version.level_meanings.items()}
    form = ToolDetailsForm(_data(request), initial=initial)
    return _edit(
        request,
        version,
        form=form,
        title="Change the wording and levels",
        submit="Save the wording",
        save=lambda data: services.tool_version_update(
            version=version,
            actor=request.user,
            name=data["name"],
            introduction=data["introduction"],
            level_meanings=form.level_meanings(),
        ),
        done="Wording saved.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tool_domain_add(request, pk: int):
    version = _version(request, pk)
    return _edit(
        request,
        version,
        form=DomainForm(_data(request)),
        title="Add a domain",
        submit="Add the domain",
        save=lambda data: services.tool_domain_add(
            version=version, actor=request.user, name=data["name"], description=data["description"]
        ),
        done="Domain added.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tool_domain_edit(request, pk: int, item: int):
    version = _version(request, pk)
    domain = selectors.tool_item(version, Domain, item)
    return _edit(
        request,
        version,
        form=DomainForm(_data(request), initial={"name": domain.name, "description": domain.description}),
        title=f"Change the domain {domain.name}",
        submit="Save the domain",
        save=lambda data: services.tool_domain_update(
            domain=domain, actor=request.user, name=data["name"], description=data["description"]
        ),
        removable=lambda: services.tool_domain_remove(domain=domain, actor=request.user),
        done="Domain saved.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tool_indicator_edit(request, pk: int, item: int):
    version = _version(request, pk)
    indicator = selectors.tool_item(version, Indicator, item)
    initial = {
        "domain": indicator.domain_id,
        "level": indicator.level,
        "wording": indicator.wording,
        "plain_wording": indicator.plain_wording,
        "contextual_safeguarding": indicator.contextual_safeguarding,
    }
    return _edit(
        request,
        version,
        form=IndicatorForm(_data(request), version=version, initial=initial),
        title="Change an indicator",
        submit="Save the indicator",
        save=lambda data: services.tool_indicator_update(
            indicator=indicator, actor=request.user, domain=data["domain"], data=_indicator_input(data)
        ),
        removable=lambda: services.tool_indicator_remove(indicator=indicator, actor=request.user),
        done="Indicator saved.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tool_strength_add(request, pk: int):
    version = _version(request, pk)
    return _edit(
        request,
        version,
        form=StrengthForm(_data(request)),
        title="Add a strength",
        submit="Add the strength",
        save=lambda data: services.tool_strength_add(
            version=version, actor=request.user, wording=data["wording"], plain_wording=data["plain_wording"]
        ),
        done="Strength added.",
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tool_strength_edit(request, pk: int, item: int):
    version = _version(request, pk)
    strength = selectors.tool_item(version, Strength, item)
    return _edit(
        request,
        version,
        form=StrengthForm(
            _data(request), initial={"wording": strength.wording, "plain_wording": strength.plain_wording}
        ),
        title="Change a strength",
        submit="Save the strength",
        save=lambda data: services.tool_strength_update(
            strength=strength, actor=request.user, wording=data["wording"], plain_wording=data["plain_wording"]
        ),
        removable=lambda: services.tool_strength_remove(strength=strength, actor=request.user),
        done="Strength saved.",
    )
