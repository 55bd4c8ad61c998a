"""Templates as Django reads them: a `{# #}` comment ends on its own line, or Django prints it on the page."""

import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template

# A "{#" with no "#}" before the end of its line: Django's single-line comment does not end there, so
# the whole of it is shown to the person reading the page.
UNCLOSED = re.compile(r"\{#(?:(?!#\}).)*$", re.MULTILINE)


def test_django_shows_a_comment_that_runs_over_two_lines():
    assert Template("{# one\ntwo #}after").render(Context()) == "{# one\ntwo #}after"
    assert UNCLOSED.search("{# one\ntwo #}")


def test_no_template_has_a_comment_that_runs_over_two_lines():
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html"))
        for text in [path.read_text()]
        for match in UNCLOSED.finditer(text)
    ]
    assert not found, "use {% comment %} for these: " + ", ".join(found)
