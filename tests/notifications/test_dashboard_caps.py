"""Dashboard panels at scale: each shows at most ten rows, says how many there are (exactly up to a
thousand, then "more than 1,000"), and links to the full list, which holds the rows the panel leaves out.
The page costs the same queries and the same bytes however many records wait."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dcfp import dashboard as dashboard_module
from dcfp.dashboard import PANEL_ROWS
from notifications import dashboard as notification_dashboard
from notifications.models import Incident
from tests.alerts.conftest import build_incidents
from tests.notifications.test_dashboard import dashboard, panel

pytestmark = pytest.mark.usefixtures("on_26_november_2026")


def rows_in(html: str) -> int:
    return len(re.findall(r'<tr class="govuk-table__row">', html)) - html.count("<thead")


def referenced(html: str) -> set[str]:
    return set(re.findall(r"DCFP-T-\d{6}", html))


def link_of(html: str, text: str) -> str:
    match = re.search(rf'<a class="govuk-link" href="([^"]+)">{re.escape(text)}</a>', html)
    assert match, f"no link {text!r} in the panel"
    return match.group(1).replace("&amp;", "&")


def add_work(csprg, count: int, start: int) -> None:
    """`count` each of drafts, clocks overdue awaiting agreement, agreed and notified notifications."""
    today = timezone.localdate()
    due = [today - timedelta(days=1 + n % 4) for n in range(count)]
    build_incidents(due, created_by=csprg, start=start)
    waiting = build_incidents(due, created_by=csprg, status="awaiting_agreement", start=start + 100_000)
    Incident.objects.filter(pk__in=[i.pk for i in waiting]).update(agreement_round=1)
    build_incidents(due, created_by=csprg, status="agreed", start=start + 200_000)
    # Notified without a rapid review yet: the CSPRG's panel of reviews to start.
    build_incidents(due, created_by=csprg, status="notified", start=start + 300_000)


@pytest.mark.parametrize("persona", ["csprg", "qa_chair", "partner_rep"])
def test_the_dashboard_is_the_same_size_and_the_same_queries_with_15_or_60_of_each(request, sign_in, csprg, persona):
    client = sign_in(request.getfixturevalue(persona))
    add_work(csprg, 15, 0)
    client.get("/")  # one-off session work after signing in

    def measure() -> tuple[int, int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/")
        html = response.content.decode()
        return len(captured), len(html), rows_in(html)

    few_queries, few_bytes, few_rows = measure()
    add_work(csprg, 45, 1000)
    many_queries, many_bytes, many_rows = measure()
    assert many_queries == few_queries
    assert many_rows == few_rows and many_rows > 0
    # Only a count's digits change ("15" to "60"); no row is added.
    assert abs(many_bytes - few_bytes) < 100, (few_bytes, many_bytes)


def test_the_csprgs_panels_show_ten_say_how_many_and_link_to_lists_holding_the_rest(sign_in, csprg):
    add_work(csprg, 13, 0)
    today = timezone.localdate()
    (on_track,) = build_incidents(
        [today + timedelta(days=40)], created_by=csprg, status="awaiting_agreement", start=90_000
    )
    client = sign_in(csprg)
    page = dashboard(sign_in, csprg)
    for heading, link_text, status_words in (
        ("Notifications in draft", "See all drafts", "13 drafts to finish"),
        ("Notification clocks due soon or overdue", "See all notifications due soon or overdue", "39 open"),
        ("Agreed notifications to record as notified", "See all agreed notifications", "13 agreed"),
    ):
        body = panel(page, heading)
        assert status_words in body, heading
        assert rows_in(body) == PANEL_ROWS, heading
        total = int(status_words.split()[0])
        assert f"Showing {PANEL_ROWS} of {total}." in body, heading
        shown = referenced(body)
        listed: set[str] = set()
        url = link_of(body, link_text)
        for number in (1, 2):
            listed |= referenced(client.get(f"{url}&page={number}").content.decode())
        assert shown < listed, heading
        assert len(listed) == total, heading
        assert on_track.reference not in listed, heading
    to_start = panel(page, "Notified incidents awaiting a rapid review")
    assert "Showing 10 of 13, oldest first." in to_start
    assert link_of(to_start, "See all notified incidents") == "/notifications/?status=notified"


def test_a_panel_counts_exactly_up_to_the_cap_and_then_says_more_than(sign_in, csprg, monkeypatch):
    add_work(csprg, 12, 0)
    monkeypatch.setattr(dashboard_module, "COUNT_CAP", 12)
    drafts = panel(dashboard(sign_in, csprg), "Notifications in draft")
    assert "12 drafts to finish" in drafts and "Showing 10 of 12." in drafts
    monkeypatch.setattr(dashboard_module, "COUNT_CAP", 11)
    drafts = panel(dashboard(sign_in, csprg), "Notifications in draft")
    assert "More than 11 drafts to finish" in drafts and "Showing 10 of more than 11." in drafts


def test_the_agreement_panels_look_only_at_the_soonest_due_and_say_so(sign_in, csprg, qa_chair, monkeypatch):
    add_work(csprg, 12, 0)
    monkeypatch.setattr(notification_dashboard, "AGREEMENT_WINDOW", 5)
    client = sign_in(qa_chair)
    page = client.get("/").content.decode()
    mine = panel(page, "Notifications awaiting your agreement")
    assert "5 notifications waiting for your decision among the 5 soonest due of 12 awaiting agreement" in mine
    assert rows_in(mine) == 5
    # The page for my decisions lists all twelve.
    assert (
        len(referenced(client.get(link_of(mine, "See all notifications awaiting your agreement")).content.decode()))
        == 12
    )


def test_the_referral_panels_show_ten_and_link_to_the_referral_list(sign_in, csprg, agency_lead, devon):
    from notifications import referrals

    for n in range(12):
        referrals.referral_create(
            actor=agency_lead, occurred_on=timezone.localdate(), area=devon, child_name=f"Child {n}", summary="Fell."
        )
    to_decide = panel(dashboard(sign_in, csprg), "Referrals to decide")
    assert "12 referrals waiting for a decision" in to_decide and "Showing 10 of 12." in to_decide
    assert to_decide.count("/notifications/referrals/") - 1 == PANEL_ROWS  # the rows and the list's link
    assert link_of(to_decide, "See all referrals") == "/notifications/referrals/"
    mine = panel(dashboard(sign_in, agency_lead), "Your referrals to the CSPRG")
    assert "Showing 10 of 12." in mine
    assert link_of(mine, "See all your referrals") == "/notifications/referrals/"
