"""The disagreement panels at scale: each shows at most ten rows, says how many there are (exactly up to
a thousand, then "more than"), links to the list holding them all, and shows nobody else's."""

import pytest
from django.urls import reverse

from dcfp import dashboard as dashboard_module
from dcfp.dashboard import PANEL_ROWS
from tests.notifications.test_dashboard import dashboard, panel

pytestmark = pytest.mark.usefixtures("on_26_november_2026")

TITLE = "Open case disagreements naming your agency"


def test_the_agency_leads_panel_shows_ten_says_how_many_and_links_to_the_list(
    sign_in, raise_disagreement, agency_lead, monkeypatch
):
    raised = [raise_disagreement() for _ in range(12)]
    body = panel(dashboard(sign_in, agency_lead), TITLE)
    shown = [d for d in raised if d.reference in body]
    assert len(shown) == PANEL_ROWS
    assert "Showing 10 of 12, soonest due first." in body
    link = f"{reverse('thresholds:disagreement_list')}?status=open"
    assert f'href="{link}">see all these disagreements</a>' in body
    listed = sign_in(agency_lead).get(link).content.decode()
    assert all(d.reference in listed for d in raised)

    monkeypatch.setattr(dashboard_module, "COUNT_CAP", 11)
    body = panel(dashboard(sign_in, agency_lead), TITLE)
    assert "Showing 10 of more than 11, soonest due first." in body


def test_another_agencys_lead_sees_none_of_them(sign_in, raise_disagreement, other_agency):
    raised = [raise_disagreement() for _ in range(3)]
    body = panel(dashboard(sign_in, other_agency), TITLE)
    assert not any(d.reference in body for d in raised)
    assert "You are part of no open disagreement." in body
