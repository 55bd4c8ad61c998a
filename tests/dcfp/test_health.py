"""/healthz: what a load balancer or docker-compose asks before sending people to this instance."""

import socket

import pytest

from dcfp.celery import app as celery_app


@pytest.fixture
def broker_unreachable():
    """Point the Celery broker at a local port where nothing listens."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = f"redis://127.0.0.1:{closed_port}/0"
    yield
    celery_app.conf.broker_url = previous


def test_healthz_answers_200_when_the_database_and_the_broker_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "clock_sweep": "ok"}


def test_healthz_answers_503_naming_the_broker_when_it_is_unreachable(client, db, broker_unreachable):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "database": "ok", "broker": "fail", "clock_sweep": "ok"}


def test_healthz_needs_no_sign_in_and_is_never_cached(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reveals_no_hosts_or_errors(client, db, broker_unreachable):
    body = client.get("/healthz").content.decode()
    assert "127.0.0.1" not in body
    assert "redis" not in body.lower()
