"""The message centre at scale: pages of messages read by keyset (the last row's id), never counting the
mailbox, and an unread count bounded like the dashboard's panels."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dcfp.alerts import selectors
from dcfp.alerts.models import Message
from dcfp.alerts.views import PAGE_SIZE

pytestmark = pytest.mark.django_db


def add_messages(person, count: int, *, start: int = 0, read: bool = False) -> list[Message]:
    """`count` messages, three of each moment, so that paging must break ties by id."""
    moment = timezone.now() - timedelta(days=1)
    return Message.objects.bulk_create(
        Message(
            recipient=person,
            subject=f"Message {start + n:04d}",
            body="Body",
            created_at=moment - timedelta(minutes=(start + n) // 3),
            read_at=moment if read else None,
        )
        for n in range(count)
    )


def subjects(html: str) -> list[str]:
    return re.findall(r"Message \d{4}", html)


def older_link(html: str) -> str | None:
    match = re.search(r'href="(\?before=\d+)" rel="next"', html)
    return match.group(1) if match else None


def test_following_older_messages_shows_every_message_once_newest_first(sign_in, csprg):
    add_messages(csprg, PAGE_SIZE * 2 + 7)
    client = sign_in(csprg)
    url, seen, pages = reverse("alerts:message_list"), [], 0
    while url:
        html = client.get(url if url.startswith("/") else reverse("alerts:message_list") + url).content.decode()
        seen += subjects(html)
        pages += 1
        if pages > 1:
            assert 'rel="first"' in html and "Newest messages" in html
        url = older_link(html)
    assert pages == 3
    expected = [m.subject for m in Message.objects.filter(recipient=csprg).order_by("-created_at", "-id")]
    assert seen == expected and len(set(seen)) == PAGE_SIZE * 2 + 7


def test_the_message_centre_costs_the_same_queries_with_a_few_or_many_messages_on_any_page(sign_in, csprg):
    client = sign_in(csprg)
    add_messages(csprg, 5)
    client.get(reverse("alerts:message_list"))

    def measure(url: str) -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured), [q["sql"] for q in captured]

    few, _ = measure(reverse("alerts:message_list"))
    add_messages(csprg, PAGE_SIZE * 8, start=100)
    many, sql = measure(reverse("alerts:message_list"))
    second_page = older_link(client.get(reverse("alerts:message_list")).content.decode())
    later, later_sql = measure(reverse("alerts:message_list") + second_page)
    assert few == many == later
    for statement in sql + later_sql:
        if 'FROM "alerts_message"' in statement and "COUNT(" in statement:
            assert "LIMIT 1001" in statement, statement  # only the bounded unread count


def test_the_unread_count_says_more_than_the_cap_beyond_it(sign_in, csprg, monkeypatch):
    add_messages(csprg, 5)
    monkeypatch.setattr(selectors, "UNREAD_CAP", 3)
    client = sign_in(csprg)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "You have more than 3 unread messages." in dashboard
    assert 'dcfp-unread-count">3+<span' in dashboard
    monkeypatch.setattr(selectors, "UNREAD_CAP", 5)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "You have 5 unread messages." in dashboard
    assert 'dcfp-unread-count">5<span' in dashboard


def test_another_persons_message_id_shows_none_of_their_messages(sign_in, csprg, other_agency):
    theirs = add_messages(csprg, 3)
    add_messages(other_agency, 2, start=50)
    html = sign_in(other_agency).get(reverse("alerts:message_list") + f"?before={theirs[0].pk}").content.decode()
    assert subjects(html) == []
    assert "Newest messages" in html
