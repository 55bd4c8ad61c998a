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

from django.db.models import QuerySet


@dataclass(frozen=True)
class Panel:
    """One dashboard panel: a heading and the template (with its context) that renders its body.

    The template renders its own heading from `panel.title` as an h2 and says in words when it is empty.
    """

    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


Provider = Callable[[Any, date], Sequence[Panel]]

# A panel shows its first few rows, says how many there are and links to the full list: the page stays the
# same size and costs the same queries whether ten or a hundred thousand records wait.
PANEL_ROWS = 10
COUNT_CAP = 1000


@dataclass(frozen=True)
class Capped:
    """A panel's rows (at most PANEL_ROWS), how many there are in all (counted up to COUNT_CAP + 1: the
    panel says "more than COUNT_CAP" beyond that), and the link to the list that holds them all.

    A panel that chooses its rows in Python looks only at the `window` soonest of its candidates: `total`
    counts the rows chosen among those, and `candidates` how many candidates there are in all (bounded
    like `total`), so the panel can say that it looked at the first `window` of them only."""

    rows: list[Any]
    total: int
    link: str
    cap: int = COUNT_CAP
    window: int | None = None
    candidates: int | None = None

    @property
    def windowed(self) -> bool:
        """Whether some candidates were left out of the window."""
        return self.window is not None and self.candidates is not None and self.candidates > self.window

    @property
    def candidates_over_cap(self) -> bool:
        return self.candidates is not None and self.candidates > self.cap

    @property
    def more(self) -> bool:
        """Whether there are rows beyond those shown."""
        return self.total > len(self.rows)

    @property
    def over_cap(self) -> bool:
        return self.total > self.cap

    @property
    def count_text(self) -> str:
        """How many, in words a panel can print: "7", "1,000" or "More than 1,000"."""
        return _count_text(self.total, self.cap)

    @property
    def candidates_text(self) -> str:
        return _count_text(self.candidates or 0, self.cap)


def _count_text(count: int, cap: int) -> str:
    return f"More than {cap:,}" if count > cap else f"{count:,}"


def capped(queryset: QuerySet, *, link: str, rows: int = PANEL_ROWS) -> Capped:
    """The first `rows` of an ordered queryset and a bounded count of all of them: two queries, each
    reading at most COUNT_CAP + 1 rows, whatever the number of rows."""
    shown = list(queryset[:rows])
    total = bounded_count(queryset)
    return Capped(rows=shown, total=total, link=link, cap=COUNT_CAP)


def bounded_count(queryset: QuerySet) -> int:
    """How many rows, counted up to COUNT_CAP + 1 (one query reading at most that many rows)."""
    return queryset.order_by()[: COUNT_CAP + 1].count()


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
