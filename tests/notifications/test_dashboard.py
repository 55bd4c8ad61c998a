"""The dashboard: each person sees what they must do, what is due soon and what is overdue, and nothing
about cases they have no part in."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dcfp import deadlines
from dcfp.alerts.services import notify
from dcfp.models import Area
from notifications import services
from notifications.executive import executive_copy_all, executive_copy_open
from notifications.models import Incident
from tests.alerts.conftest import build_incidents
from tests.notifications.conftest import incident_input

pytestmark = pytest.mark.usefixtures("on_26_november_2026")

PANEL_HEADINGS = (
    "Notifications in draft",
    "Notification clocks due soon or overdue",
    "Notifications awaiting your agreement",
    "Copies you have not opened",
    "Agreed notifications to record as notified",
    "Notifications awaiting agreement from others",
    "Referrals to decide",
)


def dashboard(sign_in, user) -> str:
    response = sign_in(user).get("/")
    assert response.status_code == 200
    return response.content.decode()


def panel(page: str, heading: str) -> str:
    """The text of one panel, from its heading to the end of its section."""
    start = page.index(f">{heading}</h2>")
    return page[start : page.index("</section>", start)]


def test_csprg_sees_drafts_and_those_returned_to_draft_say_so_in_words(
    sign_in, make_incident, csprg, qa_chair, partner_rep
):
    plain = make_incident()
    returned = services.incident_submit_for_agreement(incident=make_incident(), actor=csprg)
    services.incident_disagree(incident=returned, actor=qa_chair, reason="The dates need checking")
    drafts = panel(dashboard(sign_in, csprg), "Notifications in draft")
    assert f'href="/notifications/{plain.pk}/">{plain.reference}</a>' in drafts
    assert f'href="/notifications/{returned.pk}/">{returned.reference}</a>' in drafts
    assert "Returned to draft</strong> The dates need checking" in drafts
    # Returned drafts come first: someone has already asked for a change.
    assert drafts.index(returned.reference) < drafts.index(plain.reference)


def test_csprg_sees_clocks_due_soon_due_today_and_overdue_with_words_but_not_those_on_track(sign_in, csprg):
    today = timezone.localdate()
    overdue, due_today, due_soon, on_track = build_incidents(
        [today - timedelta(days=10), today, deadlines.add_working_days(today, 1), today + timedelta(days=40)],
        created_by=csprg,
        status="awaiting_agreement",
    )
    (notified,) = build_incidents([today - timedelta(days=3)], created_by=csprg, status="notified", start=10)
    clocks = panel(dashboard(sign_in, csprg), "Notification clocks due soon or overdue")
    assert "3 open notifications due within 2 working days or overdue" in clocks
    for incident, words in ((overdue, "Overdue"), (due_today, "Due today"), (due_soon, "Due soon")):
        row = clocks[clocks.index(f"/notifications/{incident.pk}/") :]
        row = row[: row.index("</tr>")]
        assert f'<span class="govuk-visually-hidden">Clock: </span>{words}</strong>' in row
    assert on_track.reference not in clocks
    assert notified.reference not in clocks
    assert clocks.index(overdue.reference) < clocks.index(due_today.reference) < clocks.index(due_soon.reference)


def test_csprg_with_nothing_due_is_told_so(sign_in, csprg):
    page = dashboard(sign_in, csprg)
    assert "No notification is in draft." in panel(page, "Notifications in draft")
    assert "No open notification is due soon, due today or overdue." in panel(
        page, "Notification clocks due soon or overdue"
    )


def test_qa_chair_sees_notifications_awaiting_their_agreement_and_not_after_agreeing(
    sign_in, awaiting, qa_chair, partner_rep
):
    awaiting_panel = panel(dashboard(sign_in, qa_chair), "Notifications awaiting your agreement")
    assert f'href="/notifications/{awaiting.pk}/">{awaiting.reference}</a>' in awaiting_panel
    # Aware on 3 November 2026, so due on the 10th: overdue by now, said in words beside the colour.
    assert '<span class="govuk-visually-hidden">Clock: </span>Overdue</strong>' in awaiting_panel
    services.incident_agree(incident=awaiting, actor=qa_chair)
    awaiting_panel = panel(dashboard(sign_in, qa_chair), "Notifications awaiting your agreement")
    assert awaiting.reference not in awaiting_panel
    assert "Nothing is awaiting your agreement." in awaiting_panel


def test_partner_representative_sees_what_awaits_their_agreement(sign_in, awaiting, partner_rep):
    page = dashboard(sign_in, partner_rep)
    assert awaiting.reference in panel(page, "Notifications awaiting your agreement")
    assert "Notifications in draft" not in page


def test_executive_sees_copies_not_yet_opened_until_they_open_them(sign_in, agreed, executive):
    copies = panel(dashboard(sign_in, executive), "Copies you have not opened")
    assert f'href="/notifications/{agreed.pk}/">{agreed.reference}</a>' in copies
    executive_copy_open(incident=agreed, reader=executive)
    copies = panel(dashboard(sign_in, executive), "Copies you have not opened")
    assert agreed.reference not in copies
    assert "You have opened every copy sent to you." in copies


def test_everyone_sees_their_unread_message_count_with_a_link_to_the_message_centre(sign_in, practitioner, csprg):
    notify(recipients=[practitioner], subject="One", body="First")
    notify(recipients=[practitioner], subject="Two", body="Second")
    notify(recipients=[csprg], subject="Not yours", body="Other")
    messages = panel(dashboard(sign_in, practitioner), "Messages")
    assert "You have 2 unread messages." in messages
    assert 'href="/messages/">Go to your messages</a>' in messages


@pytest.mark.parametrize("persona", ["csprg", "qa_chair", "partner_rep", "executive", "agency_lead"])
def test_the_dashboard_counts_unread_messages_once_for_the_header_and_the_panel(request, sign_in, persona):
    person = request.getfixturevalue(persona)
    for n in range(3):
        notify(recipients=[person], subject=f"Message {n}", body="Body")
    client = sign_in(person)
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/").content.decode()
    unread_counts = [
        q["sql"]
        for q in captured.captured_queries
        if "alerts_message" in q["sql"] and "read_at" in q["sql"] and "COUNT(" in q["sql"]
    ]
    assert len(unread_counts) == 1
    assert "You have 3 unread messages." in panel(page, "Messages")
    assert '3<span class="govuk-visually-hidden"> unread</span>' in page


@pytest.mark.parametrize("persona", ["other_agency", "admin_user"])
def test_other_agency_people_and_administrators_see_no_case_panels(request, sign_in, persona, make_incident, awaiting):
    user = request.getfixturevalue(persona)
    draft = make_incident()
    page = dashboard(sign_in, user)
    for heading in PANEL_HEADINGS:
        assert heading not in page
    assert draft.reference not in page and awaiting.reference not in page
    assert "You have no unread messages." in panel(page, "Messages")


def queries_for_dashboard(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["csprg", "qa_chair", "executive"])
def test_dashboard_queries_stay_flat_as_incidents_grow(request, sign_in, csprg, executive, persona):
    user = request.getfixturevalue(persona)
    client = sign_in(user)
    today = timezone.localdate()

    def add(count: int, start: int) -> None:
        due = [today - timedelta(days=n % 4) for n in range(count)]
        drafts = build_incidents(due, created_by=csprg, start=start)
        waiting = build_incidents(due, created_by=csprg, status="awaiting_agreement", start=start + 1000)
        Incident.objects.filter(pk__in=[i.pk for i in waiting]).update(agreement_round=1)
        for incident in drafts[: count // 2]:
            Incident.objects.filter(pk=incident.pk).update(returned_reason="Check the dates")
        agreed = build_incidents(due, created_by=csprg, status="agreed", start=start + 2000)
        for incident in agreed:
            executive_copy_all(incident=incident)

    add(5, 0)
    # The first request after signing in does one-off session work; measure the ones after it.
    assert any(ref in client.get("/").content.decode() for ref in ("DCFP-T-000000", "DCFP-T-001000", "DCFP-T-002000"))
    few = queries_for_dashboard(client)
    add(25, 100)
    many = queries_for_dashboard(client)
    assert many == few, f"{few} queries with 5 incidents of each kind, {many} with 30"


def test_each_demo_person_sees_the_panels_of_their_role(db, client):
    from dcfp.demo import load_demo
    from dcfp.models import User
    from notifications.demo import load_notification_demo, load_referral_demo
    from tests.conftest import signed_in

    load_demo()
    load_notification_demo(today=timezone.localdate())
    load_referral_demo(today=timezone.localdate())
    expected = {
        "csprg": {
            "Notifications in draft",
            "Notification clocks due soon or overdue",
            "Agreed notifications to record as notified",
            "Referrals to decide",
        },
        "qa-chair": {"Notifications awaiting your agreement", "Notifications awaiting agreement from others"},
        "partner-rep": {"Notifications awaiting your agreement", "Notifications awaiting agreement from others"},
        "executive": {"Copies you have not opened"},
        "admin": set(),
        "other-agency": set(),
    }
    for handle, headings in expected.items():
        client.logout()
        page = signed_in(client, User.objects.get(email=f"{handle}@demo.dcfp.test")).get("/").content.decode()
        shown = {heading for heading in PANEL_HEADINGS if f">{heading}</h2>" in page}
        assert shown == headings, handle
        assert ">Messages</h2>" in page, handle


def test_after_agreeing_the_qa_chair_still_sees_the_overdue_notification_waiting_for_the_partners(
    sign_in, on_26_november_2026, awaiting, qa_chair, partner_rep
):
    services.incident_agree(incident=awaiting, actor=qa_chair)
    page = dashboard(sign_in, qa_chair)
    others = panel(page, "Notifications awaiting agreement from others")
    assert f'href="/notifications/{awaiting.pk}/">{awaiting.reference}</a>' in others
    assert '<span class="govuk-visually-hidden">Clock: </span>Overdue</strong>' in others
    assert partner_rep.full_name in others
    assert "Nothing is awaiting your agreement." in panel(page, "Notifications awaiting your agreement")


def test_a_partner_rep_sees_what_waits_for_the_qa_chair_once_they_have_agreed(
    sign_in, on_26_november_2026, awaiting, qa_chair, partner_rep
):
    services.incident_agree(incident=awaiting, actor=partner_rep)
    others = panel(dashboard(sign_in, partner_rep), "Notifications awaiting agreement from others")
    assert awaiting.reference in others
    assert qa_chair.full_name in others


def test_the_csprg_sees_agreed_notifications_to_record_whatever_their_due_date(sign_in, csprg, qa_chair, partner_rep):
    # Aware today, so due in 5 working days: on track, and so not among the clocks due soon.
    today = timezone.localdate()
    incident = services.incident_create(
        actor=csprg, data=incident_input(Area.objects.get(code="devon"), occurred_on=today, aware_on=today)
    )
    services.incident_submit_for_agreement(incident=incident, actor=csprg)
    services.incident_agree(incident=incident, actor=qa_chair)
    services.incident_agree(incident=incident, actor=partner_rep)
    page = dashboard(sign_in, csprg)
    agreed = panel(page, "Agreed notifications to record as notified")
    assert f'href="/notifications/{incident.pk}/">{incident.reference}</a>' in agreed
    assert '<span class="govuk-visually-hidden">Clock: </span>On track</strong>' in agreed
    assert incident.reference not in panel(page, "Notification clocks due soon or overdue")


def test_who_you_are_comes_after_the_work(sign_in, awaiting, qa_chair):
    page = dashboard(sign_in, qa_chair)
    assert page.index(">Notifications awaiting your agreement</h2>") < page.index(">Who you are</h2>")


def test_the_demo_agency_lead_and_practitioner_see_their_referrals_on_the_dashboard(db, client):
    from dcfp.demo import load_demo
    from dcfp.models import User
    from notifications.demo import load_notification_demo, load_referral_demo
    from tests.conftest import signed_in

    load_demo()
    load_notification_demo(today=timezone.localdate())
    load_referral_demo(today=timezone.localdate())
    for handle, outcome in (("agency-lead", "Made into a draft incident"), ("practitioner", "Waiting for the CSPRG")):
        client.logout()
        page = signed_in(client, User.objects.get(email=f"{handle}@demo.dcfp.test")).get("/").content.decode()
        mine = panel(page, "Your referrals to the CSPRG")
        assert outcome in mine, handle
