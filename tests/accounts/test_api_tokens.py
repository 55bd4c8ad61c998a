"""API tokens on the account page (stored hashed, shown once, revocable) and the API's /me/."""

import re

from knox.models import AuthToken

from dcfp.accounts.services import api_token_create
from dcfp.audit.models import AuditEvent
from tests.conftest import assert_not_found


def test_a_person_creates_a_token_that_is_shown_once_and_stored_hashed(client, sign_in, csprg):
    sign_in(csprg)
    response = client.post("/account/", {"name": "Reporting script"})
    assert response.status_code == 200
    token = re.search(r'id="new-token" type="text" value="([0-9a-f]{64})"', response.content.decode()).group(1)
    stored = AuthToken.objects.get(user=csprg)
    assert token not in {stored.digest, stored.token_key}
    assert stored.token_key == token[:15]
    account = client.get("/account/").content.decode()
    assert token not in account
    assert "Reporting script" in account
    assert f"<code>{token[:8]}</code>" in account
    event = AuditEvent.objects.get(action="api_token.created")
    assert event.actor == csprg and token not in str(event.changes)


def test_a_token_needs_a_name_and_the_error_keeps_the_page(client, sign_in, csprg):
    sign_in(csprg)
    response = client.post("/account/", {"name": "  "})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page and 'href="#id_name"' in page
    assert "Enter a name for the token" in page
    assert not AuthToken.objects.filter(user=csprg).exists()


def test_a_person_holds_at_most_five_tokens(client, sign_in, csprg):
    for n in range(5):
        api_token_create(user=csprg, name=f"Token {n}")
    sign_in(csprg)
    page = client.post("/account/", {"name": "One too many"}).content.decode()
    assert "at most 5 API tokens" in page
    assert AuthToken.objects.filter(user=csprg).count() == 5


def test_token_authentication_works_on_the_api_and_shows_only_the_caller(client, csprg, partner_rep):
    _, casey = api_token_create(user=csprg, name="Casey")
    _, priya = api_token_create(user=partner_rep, name="Priya")
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {casey}")
    assert me.status_code == 200
    assert me.json() == {
        "full_name": "Casey Price",
        "email": "csprg@example.org",
        "organisation": "Devon County Council",
        "roles": ["csprg"],
    }
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {priya}").json()["full_name"] == "Priya Shah"
    assert "no-store" in me["Cache-Control"]
    assert client.get("/api/schema/", HTTP_AUTHORIZATION=f"Token {casey}").status_code == 200


def test_the_api_refuses_no_token_and_a_wrong_token(client, db):
    assert client.get("/api/v1/me/").status_code == 401
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION="Token " + "0" * 64).status_code == 401
    assert client.get("/api/schema/").status_code == 401


def test_revoking_a_token_stops_it_at_once_and_is_audited(client, sign_in, csprg):
    instance, token = api_token_create(user=csprg, name="Old script")
    sign_in(csprg)
    response = client.post(f"/account/api-tokens/{instance.token_key}/revoke/", follow=True)
    assert "Token ‘Old script’ revoked" in response.content.decode()
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 401
    event = AuditEvent.objects.get(action="api_token.revoked")
    assert event.actor == csprg and event.changes["detail"]["name"] == "Old script"


def test_other_agency_gets_404_revoking_someone_elses_token(client, sign_in, csprg, other_agency):
    instance, token = api_token_create(user=csprg, name="Casey's")
    sign_in(other_agency)
    assert_not_found(client.post(f"/account/api-tokens/{instance.token_key}/revoke/"))
    assert "Casey's" not in client.get("/account/").content.decode()
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200


def test_the_account_page_needs_signing_in(client, db):
    assert client.get("/account/")["Location"] == "/sign-in/?next=/account/"
