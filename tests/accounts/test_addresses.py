"""One form of each email address, stored, looked up and counted for lockout: NFKC and case-folded."""

import importlib

import pytest
from django.apps import apps

from dcfp import services
from dcfp.models import User, normalise_email
from tests.factories import UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def kim(council):
    return UserFactory(email="kim@example.org", full_name="Kim Lee", organisation=council, password=PASSWORD)


def _sign_in(client, email, password=PASSWORD):
    return client.post("/sign-in/", {"username": email, "password": password})


def test_the_normal_form_is_nfkc_and_case_folded():
    assert normalise_email(" ＫＩＭ@Example.ORG ") == "kim@example.org"
    assert normalise_email("STRAẞE@example.org") == "strasse@example.org"
    assert normalise_email("kım@example.org") == "kım@example.org"  # a dotless ı is its own letter


def test_addresses_are_stored_in_the_normal_form(council):
    person = services.person_create(email=" Ｋim@Example.ORG", full_name="Kim Lee", organisation=council)
    assert person.email == "kim@example.org"


def test_the_admin_site_stores_a_changed_address_in_the_normal_form(client, sign_in, admin_user, kim):
    sign_in(admin_user)
    response = client.post(
        f"/admin/dcfp/user/{kim.pk}/change/",
        {
            "email": "ＫＩＭ.LEE@Example.org",
            "full_name": kim.full_name,
            "job_title": "",
            "organisation": kim.organisation_id,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    kim.refresh_from_db()
    assert kim.email == "kim.lee@example.org"


def test_a_dotless_i_spelling_finds_no_account_so_it_is_no_second_lockout_key(client, kim):
    for _ in range(10):
        _sign_in(client, "kim@example.org", "wrong-password-1")
    assert _sign_in(client, "kim@example.org").status_code == 429
    # With the right password, the spelling PostgreSQL's UPPER() matched to the account signs no one in.
    response = _sign_in(client, "kım@example.org")
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_a_compatibility_spelling_is_the_same_account_and_shares_its_budget(client, kim):
    for n in range(10):
        _sign_in(client, "ＫＩＭ@example.org" if n % 2 else "Kim@Example.org", "wrong-password-1")
    assert _sign_in(client, "kim@example.org").status_code == 429


def test_a_compatibility_spelling_signs_in_with_the_right_password(client, kim):
    assert _sign_in(client, "ＫＩＭ@example.org").status_code == 302
    assert client.session["_auth_user_id"] == str(kim.pk)


def test_the_migration_normalises_addresses_already_stored(kim, council):
    other = UserFactory(email="other@example.org", organisation=council)
    User.objects.filter(pk=kim.pk).update(email="ＫＩＭ@Example.org")
    User.objects.filter(pk=other.pk).update(email="Kim@example.org")  # folds to the same: left alone
    migration = importlib.import_module("dcfp.migrations.0002_normalise_emails")
    migration.normalise_emails(apps, None)
    assert User.objects.get(pk=kim.pk).email == "kim@example.org"
    assert User.objects.get(pk=other.pk).email == "Kim@example.org"
