"""The levels-of-need tool in plain language, for families and professionals, without signing in."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from thresholds import selectors
from thresholds.models import Level


@require_safe
def levels_of_need(request):
    """The current version of the tool, written so that a family can follow it. Open to everyone."""
    tool = selectors.current_tool()
    levels = []
    if tool is not None:
        by_level: dict[int, list] = {level: [] for level in Level.values}
        for domain in tool.domains.all():
            for indicator in domain.indicators.all():
                by_level[indicator.level].append((domain, indicator))
        levels = [
            {"level": Level(value), "meaning": tool.meaning_of(value), "signs": by_level[value]}
            for value in Level.values
        ]
    return render(request, "thresholds/public.html", {"tool": tool, "levels": levels})
