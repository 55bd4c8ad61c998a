"""docker-compose.yml and the Dockerfile, checked without a Docker engine: that the five services are
there with health checks and volumes, and that what they run exists in this project."""

import importlib
import re
import shlex
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def dockerfile():
    return (ROOT / "Dockerfile").read_text()


def _command(service) -> list[str]:
    command = service["command"]
    words = command if isinstance(command, list) else shlex.split(command)
    if words[:2] == ["sh", "-c"]:  # a shell line: look at the words it runs
        words = shlex.split(words[2].replace("&&", " "))
    return words


def test_compose_has_web_worker_beat_postgres_and_redis(compose):
    assert set(compose["services"]) == {"web", "worker", "beat", "db", "redis"}
    assert compose["services"]["db"]["image"].startswith("postgres:")
    assert compose["services"]["redis"]["image"].startswith("redis:")


def test_every_service_has_a_health_check(compose):
    for name, service in compose["services"].items():
        check = service.get("healthcheck", {})
        assert check.get("test"), f"{name} has no health check"
        assert not check.get("disable"), name


def test_the_web_health_check_asks_healthz(compose):
    test = " ".join(compose["services"]["web"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/healthz" in test
    code = compose["services"]["web"]["healthcheck"]["test"][-1]
    compile(code, "healthcheck", "exec")  # the one-liner is valid Python


def test_the_app_services_wait_for_healthy_postgres_and_redis(compose):
    for name in ("web", "worker", "beat"):
        depends = compose["services"][name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy", name
        assert depends["redis"]["condition"] == "service_healthy", name


def test_the_app_services_run_production_settings_against_postgres_and_redis(compose):
    for name in ("web", "worker", "beat"):
        env = compose["services"][name]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "dcfp.settings.production"
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["REDIS_URL"].startswith("redis://redis:6379/")
        assert "SECRET_KEY" in env
        assert env["DCFP_SITE_URL"].startswith("https://"), "emails link to the service's public address"


def test_data_lives_in_named_volumes(compose):
    declared = set(compose["volumes"])
    mounts = {
        name: {volume.split(":")[0] for volume in service.get("volumes", [])}
        for name, service in compose["services"].items()
    }
    assert "postgres" in mounts["db"] and "redis" in mounts["redis"]
    assert mounts["web"] & mounts["worker"], "web and worker share the uploads volume"
    assert set().union(*mounts.values()) <= declared


def test_web_runs_gunicorn_on_an_importable_wsgi_application_after_migrating(compose):
    words = _command(compose["services"]["web"])
    target = words[words.index("gunicorn") + 1]
    module, _, attribute = target.partition(":")
    assert getattr(importlib.import_module(module), attribute or "application")
    assert words[words.index("manage.py") - 1 : words.index("manage.py") + 2] == ["python", "manage.py", "migrate"]
    assert (ROOT / "manage.py").is_file()


@pytest.mark.parametrize("service, subcommand", [("worker", "worker"), ("beat", "beat")])
def test_worker_and_beat_run_the_projects_celery_app(compose, service, subcommand):
    words = _command(compose["services"][service])
    assert words[:4] == ["celery", "-A", "dcfp", subcommand]
    celery_app = importlib.import_module("dcfp").celery_app
    assert celery_app.main == "dcfp"


def test_the_image_is_python_311_slim_with_weasyprints_libraries_and_production_settings(dockerfile):
    assert re.search(r"^FROM python:3\.11-slim\b", dockerfile, re.MULTILINE)
    for library in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0"):
        assert library in dockerfile
    assert "DJANGO_SETTINGS_MODULE=dcfp.settings.production" in dockerfile


def test_the_image_installs_the_pinned_packages_and_builds_the_front_end(dockerfile):
    assert "COPY requirements/constraints.txt" in dockerfile
    assert "pip install -c requirements/constraints.txt -e ." in dockerfile
    assert "COPY package.json package-lock.json" in dockerfile
    assert "npm ci" in dockerfile and "npm run build" in dockerfile
    assert "COPY --from=frontend /app/node_modules node_modules" in dockerfile
    assert "collectstatic" in dockerfile
    for copied in ("pyproject.toml", "requirements/constraints.txt", "package.json", "package-lock.json", "frontend"):
        assert (ROOT / copied).exists(), copied


def test_the_image_leaves_local_state_out(dockerfile):
    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in (".venv", "node_modules", "var", ".env", ".git"):
        assert path in ignored
    assert re.search(r"^USER \w+", dockerfile, re.MULTILINE), "the app does not run as root"


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_pin_in_pyproject_is_the_one_in_the_lock():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = [*project["dependencies"], *(pin for extra in project["optional-dependencies"].values() for pin in extra)]
    lock = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            lock[_normalised(name)] = version
    for pin in pins:
        name, _, version = pin.partition("==")
        assert version, f"{pin} is not pinned with =="
        assert lock.get(_normalised(name)) == version, (
            f"{pin}: the lock says {lock.get(_normalised(name))} (scripts/lock)"
        )
