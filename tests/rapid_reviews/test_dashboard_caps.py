"""The rapid review panels at scale: each shows at most ten rows, says how many there are (exactly up to
a thousand, then "more than"), links to the list holding them all, and shows an agency only its own."""

import re

import pytest
from django.urls import reverse

from dcfp import dashboard as dashboard_module
from dcfp.dashboard import PANEL_ROWS
from rapid_reviews import services
from rapid_reviews.models import RapidReview
from tests.notifications.test_dashboard import dashboard, panel

pytestmark = pytest.mark.django_db


def _reviews(make_notified, csprg, n) -> list[RapidReview]:
    return [services.review_start(incident=make_notified(), actor=csprg) for _ in range(n)]


def _links(html: str, name: str) -> list[str]:
    prefix = reverse(name, args=[0]).removesuffix("0/")
    return re.findall(rf'href="({re.escape(prefix)}\d+/)"', html)


def _more_link(html: str, text: str) -> str:
    match = re.search(rf'<a class="govuk-link" href="([^"]+)">{re.escape(text)}</a>', html)
    assert match, f"no link {text!r} in the panel"
    return match.group(1)


def test_the_review_and_summary_panels_show_ten_say_how_many_and_link_to_the_full_lists(
    sign_in, csprg, agency_lead, other_agency, make_notified, monkeypatch
):
    reviews = _reviews(make_notified, csprg, 12)

    clock = panel(dashboard(sign_in, csprg), "Rapid reviews by clock")
    assert len(_links(clock, "rapid_reviews:detail")) == PANEL_ROWS
    assert "Showing 10 of 12, soonest due first." in clock
    assert _more_link(clock, "See all rapid reviews") == reverse("rapid_reviews:list")
    listed = sign_in(csprg).get(reverse("rapid_reviews:list")).content.decode()
    assert all(review.reference in listed for review in reviews)

    to_write = panel(dashboard(sign_in, agency_lead), "Agency summaries to write")
    assert len(_links(to_write, "rapid_reviews:summary")) == PANEL_ROWS
    assert "Showing 10 of 12, soonest due first." in to_write
    assert _more_link(to_write, "See all your agency&#x27;s summaries") == reverse("rapid_reviews:summaries")

    monkeypatch.setattr(dashboard_module, "COUNT_CAP", 11)
    clock = panel(dashboard(sign_in, csprg), "Rapid reviews by clock")
    assert "Showing 10 of more than 11, soonest due first." in clock


def test_another_agencys_lead_sees_none_of_the_summaries_asked_of_this_agency(
    sign_in, csprg, other_agency, make_notified
):
    reviews = _reviews(make_notified, csprg, 3)
    to_write = panel(dashboard(sign_in, other_agency), "Agency summaries to write")
    assert _links(to_write, "rapid_reviews:summary") == []
    assert not any(review.reference in to_write for review in reviews)
    assert "Your agency has no rapid review summary to write." in to_write
