"""A mixed load of five roles on a running server, for locust.

Run it against a data set that `manage.py benchmark --keep` built and committed, with the same settings
and SECRET_KEY as the server (it signs the people in by writing their sessions, as after a password and a
confirmed second factor, so it needs the database and the key the server uses):

    gunicorn dcfp.wsgi --bind 127.0.0.1:8093 --workers 3 --access-logfile /tmp/access.log &
    locust -f benchmarks/locustfile.py --headless --users 50 --spawn-rate 10 --run-time 2m \
        --host http://127.0.0.1:8093 --only-summary

Each simulated person is one of the benchmark's people (the CSPRG, the QA chair, a partner
representative, an Executive member, an agency lead, in equal numbers) and, with a pause of one to two
seconds between requests, opens their lists (first page, filtered, page 200), details, dashboard,
message centre and the API's lists, in the proportions below. Any answer but 200 counts as a failure.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

# Behind the TLS-terminating proxy the server expects (see docker-compose.yml), every request says https.
HEADERS = {"X-Forwarded-Proto": "https"}
ROLES = ("csprg", "qa-chair", "partner-rep", "executive", "agency-lead")
SESSIONS: dict[str, str] = {}
URLS: dict[str, str] = {}


def _benchmark_data() -> tuple[dict[str, str], dict[str, str]]:
    """Sessions for the latest kept data set's people and the ids its pages need."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dcfp.settings.production")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from dcfp.models import Area, User
    from notifications.models import Incident, Referral

    area = Area.objects.filter(code__startswith="bench-").order_by("-id").first()
    if area is None:
        raise SystemExit("No benchmark data set: run manage.py benchmark --keep first.")
    tag = area.code.removeprefix("bench-")
    sessions = {}
    for role in ROLES:
        person = User.objects.get(email=f"bench-{role}-{tag}@example.org")
        device, _ = TOTPDevice.objects.get_or_create(
            user=person, name="Authenticator app", defaults={"confirmed": True}
        )
        store = SessionStore()
        store[SESSION_KEY] = str(person.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = person.get_session_auth_hash()
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        store.create()
        sessions[role] = store.session_key or ""
    incident = Incident.objects.filter(area=area, status=Incident.Status.NOTIFIED).order_by("-aware_on", "-id").first()
    lead = User.objects.get(email=f"bench-agency-lead-{tag}@example.org")
    referral = Referral.objects.filter(referred_by=lead).order_by("-id").first()
    assert incident is not None and referral is not None
    return sessions, {"incident": str(incident.pk), "referral": str(referral.pk)}


@events.init.add_listener
def _sign_in(environment: Any, **kwargs: Any) -> None:
    sessions, urls = _benchmark_data()
    SESSIONS.update(sessions)
    URLS.update(urls)


class Person(HttpUser):
    abstract = True
    role = ""
    wait_time = between(1, 2)

    def on_start(self) -> None:
        self.client.headers.update(HEADERS)
        self.client.cookies.set("sessionid", SESSIONS[self.role])

    def open(self, url: str, name: str) -> None:
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"answered {response.status_code}")

    @task(2)
    def dashboard(self) -> None:
        self.open("/", "dashboard")

    @task(1)
    def messages(self) -> None:
        self.open("/messages/", "message centre")


class Notifications(Person):
    abstract = True

    @task(3)
    def list_first(self) -> None:
        self.open("/notifications/", "notifications list")

    @task(1)
    def list_by_status(self) -> None:
        self.open("/notifications/?status=notified", "notifications list, by status")

    @task(1)
    def list_page_200(self) -> None:
        self.open("/notifications/?page=200", "notifications list, page 200")

    @task(2)
    def api_list(self) -> None:
        self.open("/api/v1/notifications/incidents/", "notifications API")

    @task(1)
    def api_page_200(self) -> None:
        self.open("/api/v1/notifications/incidents/?page=200", "notifications API, page 200")

    @task(2)
    def detail(self) -> None:
        self.open(f"/notifications/{URLS['incident']}/", "notification detail")


class Csprg(Notifications):
    role = "csprg"

    @task(1)
    def referrals(self) -> None:
        self.open("/notifications/referrals/", "referrals list")


class QaChair(Notifications):
    role = "qa-chair"


class PartnerRep(Notifications):
    role = "partner-rep"


class ExecutiveMember(Notifications):
    role = "executive"

    @task(1)
    def copies(self) -> None:
        self.open("/copies/", "copies list")


class AgencyLead(Person):
    role = "agency-lead"

    @task(3)
    def referrals(self) -> None:
        self.open("/notifications/referrals/", "referrals list")

    @task(2)
    def referrals_api(self) -> None:
        self.open("/api/v1/notifications/referrals/", "referrals API")

    @task(2)
    def referral(self) -> None:
        self.open(f"/notifications/referrals/{URLS['referral']}/", "referral detail")
