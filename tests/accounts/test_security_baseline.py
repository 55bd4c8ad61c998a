"""Security headers, the content security policy, local API docs, and production's refusal to start unsafe."""

import os
import subprocess
import sys

from django.conf import settings

REAL_KEY = "k3Y-for-the-deploy-check-only-9f2c1e7a5b3d8f0a6c4e2b1d9f7a5c3e1b8d6f4a2c0e"


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split(" ", 1)[1] for part in (p.strip() for p in header.split(";")) if part}


def test_every_page_has_the_content_security_policy_with_a_nonce_and_no_unsafe_inline(client, sign_in, csprg):
    for response in [client.get("/sign-in/"), sign_in(csprg).get("/")]:
        policy = _csp(response)
        assert policy["default-src"] == "'self'"
        assert policy["style-src"] == "'self'"
        assert policy["img-src"] == "'self'"
        assert policy["object-src"] == "'none'"
        assert policy["base-uri"] == "'none'"
        assert policy["frame-ancestors"] == "'none'"
        assert policy["form-action"] == "'self'"
        nonce = policy["script-src"].split("'nonce-")[1].rstrip("'")
        assert f'nonce="{nonce}"' in response.content.decode()
        assert "unsafe" not in response["Content-Security-Policy"]


def test_pages_are_not_framed_not_sniffed_and_send_no_referrer_outside(client, db):
    response = client.get("/sign-in/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin"}
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_pages_with_forms_have_no_inline_script_or_style(client, sign_in, csprg):
    sign_in(csprg)
    for path in ["/account/", "/"]:
        page = client.get(path).content.decode()
        assert " style=" not in page, path
        assert "<style" not in page, path
        assert page.count("<script") == page.count("<script nonce=") + page.count('<script type="module" src=')


def test_the_api_docs_are_served_from_our_own_static_files_with_no_inline_script(client, sign_in, csprg):
    sign_in(csprg)
    page = client.get("/api/docs/").content.decode()
    assert "cdn" not in page.lower() and "https://" not in page
    assert '<script src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"></script>' in page
    assert "<style" not in page
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_the_api_docs_need_signing_in(client, db):
    assert client.get("/api/docs/")["Location"].startswith("/sign-in/")


def _production(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DCFP_MFA_REQUIRED"}
    env.update(
        DJANGO_SETTINGS_MODULE="dcfp.settings.production",
        SECRET_KEY=REAL_KEY,
        DATABASE_URL=os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/dcfp"),
        ALLOWED_HOSTS="reviews.example.org",
        DCFP_SITE_URL="https://reviews.example.org",
    )
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cookies_are_httponly_and_samesite_everywhere_and_secure_in_production():
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == settings.CSRF_COOKIE_SAMESITE == "Lax"
    names = ["SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "MFA_REQUIRED", "DEMO_MODE"]
    code = "import django; django.setup(); from django.conf import settings as s; print([getattr(s, n) for n in %r])"
    result = _production("-c", code % names)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[True, True, 31536000, True, False]"


def test_production_settings_pass_the_deploy_check_with_warnings_as_failures():
    result = _production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_with_mfa_switched_off():
    result = _production("manage.py", "check", DCFP_MFA_REQUIRED="false")
    assert result.returncode != 0
    assert "Multi-factor authentication cannot be switched off in production" in result.stderr


def test_production_refuses_to_start_with_the_demo_secret_key():
    result = _production("manage.py", "check", SECRET_KEY="demo-only-insecure-key-never-used-in-production-0123456789")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
