from django.urls import reverse

from dcfp.alerts.models import Message, OutboundEmail
from dcfp.alerts.services import notify
from tests.conftest import assert_not_found


def _message(person, subject="Reminder", **extra):
    return Message.objects.create(recipient=person, subject=subject, body="Body text", **extra)


def test_message_pages_need_sign_in(client, db):
    for name in ("alerts:message_list", "alerts:email_list"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert "/sign-in/" in response["Location"]


def test_message_centre_lists_my_unread_and_read_messages_only(sign_in, csprg, other_agency):
    _message(csprg, "Due soon: DCFP-2026-0001")
    from django.utils import timezone

    _message(csprg, "Already seen", read_at=timezone.now())
    _message(other_agency, "Someone else's message")
    page = sign_in(csprg).get(reverse("alerts:message_list")).content.decode()
    assert "Unread (1)" in page
    assert "Due soon: DCFP-2026-0001" in page
    assert "Already seen" in page
    assert "Someone else&#x27;s message" not in page and "Someone else's message" not in page


def test_opening_a_message_marks_it_read(sign_in, csprg):
    message = _message(csprg, "Overdue", link="/messages/")
    client = sign_in(csprg)
    response = client.get(reverse("alerts:message_detail", args=[message.pk]))
    assert response.status_code == 200
    assert "Overdue" in response.content.decode()
    assert 'href="/messages/"' in response.content.decode()
    message.refresh_from_db()
    first_read = message.read_at
    assert first_read is not None
    client.get(reverse("alerts:message_detail", args=[message.pk]))
    message.refresh_from_db()
    assert message.read_at == first_read


def test_other_agency_gets_404_on_someone_elses_message_and_it_stays_unread(sign_in, csprg, other_agency):
    message = _message(csprg, "For Casey only")
    response = sign_in(other_agency).get(reverse("alerts:message_detail", args=[message.pk]))
    assert_not_found(response)
    message.refresh_from_db()
    assert message.read_at is None


def test_a_link_to_another_site_is_never_shown(sign_in, csprg):
    message = _message(csprg, "Odd link", link="//evil.example/")
    page = sign_in(csprg).get(reverse("alerts:message_detail", args=[message.pk])).content.decode()
    assert "evil.example" not in page


def test_emails_sent_to_me_shows_status_and_time_of_my_emails_only(sign_in, csprg, other_agency):
    from django.utils import timezone

    OutboundEmail.objects.create(
        recipient=csprg, to_address=csprg.email, subject="Sent one", body="B", status="sent", sent_at=timezone.now()
    )
    OutboundEmail.objects.create(recipient=csprg, to_address=csprg.email, subject="Waiting one", body="B", attempts=2)
    OutboundEmail.objects.create(recipient=other_agency, to_address=other_agency.email, subject="Not yours", body="B")
    page = sign_in(csprg).get(reverse("alerts:email_list")).content.decode()
    assert "Sent one" in page and "Sent</strong>" in page
    assert "Waiting one" in page and "Waiting to send" in page and "tried 2 times" in page
    assert "Not yours" not in page


def test_the_header_shows_my_unread_count(sign_in, csprg, other_agency):
    notify(recipients=[csprg], subject="One", body="B", email=False)
    notify(recipients=[csprg], subject="Two", body="B", email=False)
    notify(recipients=[other_agency], subject="Three", body="B", email=False)
    page = sign_in(csprg).get(reverse("dashboard")).content.decode()
    assert '2<span class="govuk-visually-hidden"> unread</span>' in page


def test_message_list_queries_stay_flat_as_messages_grow(sign_in, csprg):
    client = sign_in(csprg)
    client.get(reverse("alerts:message_list"))  # the first request of a session records the session
    for i in range(3):
        _message(csprg, f"m{i}")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("alerts:message_list"))
    for i in range(40):
        _message(csprg, f"n{i}")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("alerts:message_list"))
    assert len(many) == len(few)


def test_email_list_queries_stay_flat_as_emails_grow(sign_in, csprg):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = sign_in(csprg)
    client.get(reverse("alerts:email_list"))  # the first request of a session records the session

    def add(n):
        OutboundEmail.objects.bulk_create(
            [OutboundEmail(recipient=csprg, to_address=csprg.email, subject=f"e{i}", body="B") for i in range(n)]
        )

    add(3)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("alerts:email_list"))
    add(40)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("alerts:email_list"))
    assert len(many) == len(few)
