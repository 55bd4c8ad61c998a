"""The page shell every page shares: header, navigation by role, banners, skip link, footer, error pages."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.urls import path
from django.views.defaults import page_not_found, permission_denied

import dcfp.urls
from tests.conftest import assert_not_found


def _boom(request):
    raise RuntimeError("database on fire")


# A URLconf for the 500 test: the project's, plus a page that fails, handled by the project's handler.
urlpatterns = [path("boom/", _boom), *dcfp.urls.urlpatterns]
handler500 = getattr(dcfp.urls, "handler500", "django.views.defaults.server_error")


def test_every_page_has_the_skip_link_first_the_classification_and_the_footer(client, db):
    page = client.get("/sign-in/").content.decode()
    body = page[page.index("<body") :]
    assert body.index('class="govuk-skip-link"') < body.index("<header")
    assert 'href="#main-content"' in body
    assert 'id="main-content"' in body
    assert "OFFICIAL-SENSITIVE" in body[: body.index("<header")]
    assert '<footer class="govuk-footer">' in body


def test_the_header_shows_who_is_signed_in_their_organisation_and_sign_out(sign_in, partner_rep):
    page = sign_in(partner_rep).get("/").content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    assert "Priya Shah" in header
    assert "Devon and Cornwall Police" in header
    assert 'action="/sign-out/"' in header
    assert ">Sign out</button>" in header
    assert "Safeguarding reviews" in header


def test_a_signed_out_visitor_sees_no_navigation_or_account(client, db):
    header = client.get("/sign-in/").content.decode().split("</header>")[0]
    assert "Sign out" not in header
    assert 'id="navigation"' not in header


def test_only_the_administrator_sees_the_administration_link(client, admin_user, csprg, sign_in):
    assert "Administration</a>" in sign_in(admin_user).get("/").content.decode()
    client.post("/sign-out/")
    assert "Administration</a>" not in sign_in(csprg).get("/").content.decode()


def test_the_demo_banner_shows_in_demo_mode_only(sign_in, practitioner, settings):
    client = sign_in(practitioner)
    settings.DEMO_MODE = False
    assert "govuk-phase-banner" not in client.get("/").content.decode()
    settings.DEMO_MODE = True
    page = client.get("/").content.decode()
    assert "govuk-phase-banner" in page
    assert "Do not enter real information" in page


def test_an_unknown_address_gets_the_govuk_404_page_without_echoing_it(sign_in, practitioner):
    response = sign_in(practitioner).get("/notifications/4711-priya-case/")
    assert_not_found(response)
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "4711" not in page
    assert "Priya Shah" not in page


def test_the_404_page_never_repeats_what_was_not_found(practitioner):
    request = RequestFactory().get("/notifications/12/")
    request.user = practitioner
    response = page_not_found(request, Http404("No Incident matches the given query."))
    page = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in page
    assert "Incident" not in page
    assert "/notifications/12/" not in page


def test_the_403_page_is_the_govuk_one(practitioner):
    request = RequestFactory().get("/")
    request.user = practitioner
    response = permission_denied(request, PermissionDenied("secret reason"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot do this" in page
    assert "secret reason" not in page


@pytest.mark.urls("tests.dcfp.test_shell")
def test_a_server_error_gets_the_govuk_500_page_with_the_service_name(sign_in, practitioner):
    client = sign_in(practitioner)
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert "<title>Sorry, there is a problem with the service – Safeguarding reviews" in page
    assert "database on fire" not in page
