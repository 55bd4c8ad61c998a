"""The kinds of document that are copied to the Executive.

An app registers each of its documents once, from its AppConfig.ready()::

    from dcfp.copies.registry import register
    register(Incident, noun="notification", render_pdf=render_executive_copy)

`render_pdf(obj, reader, on_date) -> bytes` renders the member's own watermarked copy. Registering a
model adds the copy rule to `dcfp.permissions.scope` for it: an Executive member may view a record of
that model while they hold the role and have a copy of it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Model

RenderPdf = Callable[[Any, Any, date], bytes]


@dataclass(frozen=True)
class DocumentKind:
    model: type[Model]
    noun: str
    render_pdf: RenderPdf


_KINDS: dict[type[Model], DocumentKind] = {}


def register(model: type[Model], *, noun: str, render_pdf: RenderPdf) -> DocumentKind:
    """Declare that records of `model` are copied to the Executive. Registering again replaces it."""
    from dcfp import permissions
    from dcfp.copies.permissions import copy_reach

    kind = DocumentKind(model=model, noun=noun, render_pdf=render_pdf)
    _KINDS[model] = kind
    permissions.add_reach(model, copy_reach)
    return kind


def kind_of(model: type[Model]) -> DocumentKind:
    try:
        return _KINDS[model]
    except KeyError:
        raise LookupError(f"{model._meta.label} is not registered as a document copied to the Executive") from None


def kinds() -> list[DocumentKind]:
    return list(_KINDS.values())
