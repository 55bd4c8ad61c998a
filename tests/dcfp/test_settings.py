"""Run modes: production refuses unsafe configuration; with nothing set, the embedded demo needs no services.

Each case starts a fresh Python, since settings are read once per process.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

REAL_KEY = "k3y-" + "x7Qp2Lm9Vt4Rb8Nc1Zs6Hd0Fg5Jw3Ye" * 2
PROBE = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL, s.DEMO_MODE, s.MFA_REQUIRED, s.DEBUG)"
)


def environment_without_configuration() -> dict[str, str]:
    """This process's environment less everything the settings read, as on a new laptop."""
    drop = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY")
    return {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DCFP_")) and k not in drop}


def run_django(settings_module: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        env={**environment_without_configuration(), "DJANGO_SETTINGS_MODULE": settings_module, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django("dcfp.settings.production", DATABASE_URL="postgres://postgres@127.0.0.1:5432/dcfp")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run_django(
        "dcfp.settings.production", DATABASE_URL="postgres://postgres@127.0.0.1:5432/dcfp", SECRET_KEY="short"
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_a_real_secret_key_and_requires_mfa():
    result = run_django(
        "dcfp.settings.production",
        SECRET_KEY=REAL_KEY,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/dcfp",
        REDIS_URL="redis://127.0.0.1:6379/15",
        DCFP_SITE_URL="https://reviews.example.org",
    )
    assert result.returncode == 0, result.stderr
    engine, broker, demo, mfa, debug = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert broker == "redis://127.0.0.1:6379/15"
    assert (demo, mfa, debug) == ("False", "True", "False")


def test_production_refuses_to_start_without_the_site_address_for_email_links():
    result = run_django(
        "dcfp.settings.production",
        SECRET_KEY=REAL_KEY,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/dcfp",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    assert result.returncode != 0
    assert "DCFP_SITE_URL must be set" in result.stderr


def test_production_refuses_to_switch_mfa_off():
    result = run_django(
        "dcfp.settings.production",
        SECRET_KEY=REAL_KEY,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/dcfp",
        DCFP_MFA_REQUIRED="false",
    )
    assert result.returncode != 0
    assert "Multi-factor authentication cannot be switched off" in result.stderr


def test_with_nothing_set_it_is_the_embedded_demo_on_sqlite_and_a_filesystem_broker(tmp_path):
    result = run_django("dcfp.settings.base", DCFP_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    engine, broker, demo, mfa, debug = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert broker == "filesystem://"
    assert (demo, mfa) == ("True", "False")
    assert (tmp_path / "celery" / "queue").is_dir()


def test_the_embedded_demo_migrates_a_new_database_and_loads_the_demo(tmp_path):
    env = {**environment_without_configuration(), "DJANGO_SETTINGS_MODULE": "dcfp.settings.base"}
    env["DCFP_VAR_DIR"] = str(tmp_path)
    for command in (["migrate", "--noinput"], ["load_demo"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
    assert "qa-chair@demo.dcfp.test" in result.stdout
    assert (tmp_path / "dcfp.sqlite3").is_file()


def test_the_readme_documents_every_environment_variable_the_settings_read():
    settings_dir = Path(settings.BASE_DIR) / "dcfp" / "settings"
    source = "\n".join(path.read_text() for path in settings_dir.glob("*.py"))
    read = set(re.findall(r"""\benv(?:\(\))?\.\w+\(\s*["']([A-Z][A-Z0-9_]+)["']""", source))
    read |= set(re.findall(r"""Env\(\)\.\w+\(\s*["']([A-Z][A-Z0-9_]+)["']""", source))
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL"} <= read
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    undocumented = sorted(name for name in read if f"`{name}`" not in readme)
    assert not undocumented, f"README.md's configuration table lacks {undocumented}"


SITE_PROBE = "import django; django.setup(); from django.conf import settings as s; print(s.DCFP_SITE_URL)"


def site_url(**env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", SITE_PROBE],
        cwd=settings.BASE_DIR,
        env={**environment_without_configuration(), "DJANGO_SETTINGS_MODULE": "dcfp.settings.base", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_email_links_use_the_port_the_demo_serves():
    assert site_url(DCFP_PORT="8100") == "http://127.0.0.1:8100"
    assert site_url() == "http://127.0.0.1:8000"


def test_an_explicit_site_address_wins_over_the_port():
    assert site_url(DCFP_PORT="8100", DCFP_SITE_URL="https://reviews.example.org/") == "https://reviews.example.org"
