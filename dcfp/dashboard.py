"""The dashboard's panels: what a person must do, what is due soon and what is overdue.

Each app that has something to show declares it in `<app>/dashboard.py` with `register(name, provider)`.
The partnership core imports those modules when Django is ready (the same pattern as the clock registry),
so the dashboard view knows no app's models or queries. A provider takes the person and today's date and
returns the panels for that person, built from the app's selectors (which start from its scoping
function), or nothing when the person has no part in that app.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Panel:
    """One dashboard panel: a heading and the template (with its context) that renders its body.

    The template renders its own heading from `panel.title` as an h2 and says in words when it is empty.
    """

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[Any, date], Sequence[Panel]]

_PROVIDERS: dict[str, tuple[int, Provider]] = {}


def register(name: str, provider: Provider, *, order: int = 100) -> Provider:
    """Add a provider; lower `order` shows first. Registering a name again replaces it."""
    _PROVIDERS[name] = (order, provider)
    return provider


def panels_for(user, today: date) -> list[Panel]:
    """Every registered provider's panels for this person, in order."""
    panels: list[Panel] = []
    for _order, _name, provider in sorted((order, name, p) for name, (order, p) in _PROVIDERS.items()):
        panels.extend(provider(user, today))
    return panels


def discover() -> None:
    """Import `dashboard` from every installed app (called once from DcfpConfig.ready)."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("dashboard")
