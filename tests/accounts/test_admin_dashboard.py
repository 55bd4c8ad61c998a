"""The administrator's dashboard shows who cannot sign in: people whose set-up link is not used yet and
accounts locked after failed sign-ins, each linked to their record in the admin site. Nobody else gets
that panel, and it stays the same size and the same number of queries however many there are."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dcfp import services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _invite(council, n: int):
    return [
        services.person_create(email=f"new{i}@example.org", full_name=f"New Starter {i}", organisation=council)
        for i in range(n)
    ]


def test_the_administrator_sees_who_has_not_set_up_their_account(sign_in, admin_user, council, csprg):
    (invited,) = _invite(council, 1)
    html = sign_in(admin_user).get("/").content.decode()
    assert "People who cannot sign in" in html
    assert "1 person who has not set up their account yet" in html
    assert f'href="{reverse("admin:dcfp_user_change", args=[invited.pk])}">New Starter 0</a>' in html
    # Someone with a password of their own is not listed.
    assert "Casey Price" not in html[html.index("People who cannot sign in") :]


def test_a_locked_out_account_is_listed_for_the_administrator(sign_in, admin_user, csprg):
    attacker = Client()
    for _ in range(10):
        attacker.post("/sign-in/", {"username": csprg.email.upper(), "password": "wrong-password-1"})
    html = sign_in(admin_user).get("/").content.decode()
    panel = html[html.index("Locked out after failed sign-ins") :]
    assert f'href="{reverse("admin:dcfp_user_change", args=[csprg.pk])}">Casey Price</a>' in panel
    assert "10 failed attempts" in panel


def test_nine_failures_are_not_a_lockout(sign_in, admin_user, csprg):
    attacker = Client()
    for _ in range(9):
        attacker.post("/sign-in/", {"username": csprg.email, "password": "wrong-password-1"})
    html = sign_in(admin_user).get("/").content.decode()
    assert "No account is locked out." in html


@pytest.mark.parametrize("who", ["csprg", "qa_chair", "executive", "agency_lead", "other_agency"])
def test_nobody_else_gets_the_panel(request, sign_in, who, council):
    _invite(council, 1)
    html = sign_in(request.getfixturevalue(who)).get("/").content.decode()
    assert "People who cannot sign in" not in html and "New Starter 0" not in html


def test_the_panel_is_flat_in_queries_and_capped_in_rows(sign_in, admin_user, council):
    client = sign_in(admin_user)
    _invite(council, 5)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for i in range(5, 50):
        UserFactory(email=f"more{i}@example.org", organisation=council).set_unusable_password()
    from dcfp.models import User

    User.objects.filter(email__startswith="more").update(password="!")
    with CaptureQueriesContext(connection) as many:
        html = client.get("/").content.decode()
    assert len(many) == len(few)
    assert html.count('data-label="Person"') == 10
    assert "50 in all; the 10 invited longest ago are shown." in html
    assert "50 people who have not set up their account yet" in html
