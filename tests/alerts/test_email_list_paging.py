"""The list of emails sent to me at scale: pages read by keyset (the last row's id) like the message
centre, so no page counts the emails."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dcfp.alerts.models import OutboundEmail
from dcfp.alerts.views import PAGE_SIZE

pytestmark = pytest.mark.django_db


def add_emails(person, count: int, *, start: int = 0) -> list[OutboundEmail]:
    """`count` emails, three of each moment, so that paging must break ties by id."""
    moment = timezone.now() - timedelta(days=1)
    return OutboundEmail.objects.bulk_create(
        OutboundEmail(
            recipient=person,
            to_address=person.email,
            subject=f"Email {start + n:04d}",
            body="Body",
            created_at=moment - timedelta(minutes=(start + n) // 3),
        )
        for n in range(count)
    )


def subjects(html: str) -> list[str]:
    return re.findall(r"Email \d{4}", html)


def older_link(html: str) -> str | None:
    match = re.search(r'href="(\?before=\d+)" rel="next"', html)
    return match.group(1) if match else None


def test_following_older_emails_shows_every_email_once_newest_first(sign_in, csprg):
    add_emails(csprg, PAGE_SIZE * 2 + 7)
    client = sign_in(csprg)
    base = reverse("alerts:email_list")
    url: str | None = base
    seen: list[str] = []
    pages = 0
    while url:
        html = client.get(url).content.decode()
        seen += subjects(html)
        pages += 1
        if pages > 1:
            assert 'rel="first"' in html and "Newest emails" in html
        link = older_link(html)
        url = base + link if link else None
    assert pages == 3
    expected = [e.subject for e in OutboundEmail.objects.filter(recipient=csprg).order_by("-created_at", "-id")]
    assert seen == expected and len(set(seen)) == PAGE_SIZE * 2 + 7


def test_the_email_list_costs_the_same_queries_on_any_page_and_never_counts_the_emails(sign_in, csprg):
    client = sign_in(csprg)
    add_emails(csprg, 5)
    base = reverse("alerts:email_list")
    client.get(base)

    def measure(url: str) -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured), [q["sql"] for q in captured]

    few, _ = measure(base)
    add_emails(csprg, PAGE_SIZE * 8, start=100)
    many, sql = measure(base)
    second_page = older_link(client.get(base).content.decode())
    assert second_page is not None
    later, later_sql = measure(base + second_page)
    assert few == many == later
    assert not [s for s in sql + later_sql if 'FROM "alerts_outboundemail"' in s and "COUNT(" in s]


def test_another_persons_email_id_shows_none_of_their_emails(sign_in, csprg, other_agency):
    theirs = add_emails(csprg, 3)
    add_emails(other_agency, 2, start=50)
    html = sign_in(other_agency).get(reverse("alerts:email_list") + f"?before={theirs[0].pk}").content.decode()
    assert subjects(html) == []
    assert "Newest emails" in html and "No older emails." in html
