"""Demo serious incidents in each state, for trying the workflow. Made-up cases, marked is_demo.

Idempotent: each demo case is found by its reference summary and made only once. One case awaits
agreement past its due date, so the clock sweep escalates it to the QA chair and the Executive.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from dcfp.deadlines import add_working_days, subtract_working_days
from dcfp.demo import demo_email
from dcfp.models import Area, Organisation, User
from notifications import referrals, services
from notifications.models import Child, Incident, Referral

# (key, state, working days ago the authority became aware, fields, children)
CASES = [
    (
        "Demo: infant admitted with unexplained bruising",
        "draft",
        1,
        {
            "nature": "serious_harm",
            "abuse_or_neglect": "suspected",
            "categories": ["physical"],
            "themes": ["domestic_abuse"],
        },
        [{"name": "Demo Child Amber", "age_years": 0, "sex": "female", "legal_status": "child_in_need"}],
    ),
    (
        "Demo: teenager seriously harmed after criminal exploitation",
        "awaiting_overdue",
        8,
        {
            "nature": "serious_harm",
            "abuse_or_neglect": "known",
            "categories": ["physical"],
            "themes": ["exploitation", "extra_familial_harm"],
        },
        [{"name": "Demo Child Blake", "age_years": 15, "sex": "male", "legal_status": "child_protection"}],
    ),
    (
        "Demo: sudden unexpected death of an infant, neglect suspected",
        "agreed",
        3,
        {"nature": "death", "abuse_or_neglect": "suspected", "categories": ["neglect"], "themes": ["sudi"]},
        [{"name": "Demo Child Cara", "age_years": 0, "sex": "female", "died": True}],
    ),
    (
        "Demo: siblings seriously harmed, neglect known",
        "notified",
        20,
        {"nature": "serious_harm", "abuse_or_neglect": "known", "categories": ["neglect"], "themes": ["online_harm"]},
        [
            {"name": "Demo Child Dev", "age_years": 6, "sex": "male", "legal_status": "child_in_need"},
            {"name": "Demo Child Esme", "age_years": 4, "sex": "female", "legal_status": "child_in_need"},
        ],
    ),
    (
        "Demo: accidental injury at home, no abuse or neglect suspected",
        "not_notifiable",
        4,
        {"nature": "serious_harm", "abuse_or_neglect": "not_suspected", "categories": [], "themes": []},
        [{"name": "Demo Child Finn", "age_years": 9, "sex": "male"}],
    ),
    (
        "Demo: incident in Plymouth logged here in error",
        "withdrawn",
        12,
        {
            "nature": "serious_harm",
            "abuse_or_neglect": "suspected",
            "categories": ["emotional"],
            "themes": [],
            "area": "plymouth",
        },
        [{"name": "Demo Child Gina", "age_years": 12, "sex": "female"}],
    ),
    (
        "Demo: child seriously harmed in Torbay, referred to Torbay Council",
        "referred",
        2,
        {
            "nature": "serious_harm",
            "abuse_or_neglect": "suspected",
            "categories": ["physical"],
            "themes": [],
            "area": "torbay",
        },
        [{"name": "Demo Child Hari", "age_years": 7, "sex": "male"}],
    ),
]


def _person(handle: str) -> User:
    return User.objects.get(email=demo_email(handle))


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _input(key: str, aware_on: date, fields: dict, children: list[dict]) -> services.IncidentInput:
    fields = dict(fields)
    area = Area.objects.get(code=fields.pop("area", "devon"))
    outcome = "not_notifiable" if fields["abuse_or_neglect"] == "not_suspected" else "notifiable"
    values = {
        "occurred_on": aware_on - timedelta(days=1),
        "occurred_time": None,
        "aware_on": aware_on,
        "area": area,
        "outside_england": False,
        "theme_other": "",
        "summary": key,
        "outcome_recommended": outcome,
        "not_notifiable_rationale": "The injury was accidental and no abuse or neglect is known or suspected."
        if outcome == "not_notifiable"
        else "",
        **fields,
    }
    rows = []
    for child in children:
        rows.append(
            {
                "date_of_birth": None,
                "sex": Child.Sex.NOT_KNOWN,
                "ethnicity": "Not recorded (demo)",
                "disability": Child.Disability.NOT_KNOWN,
                "legal_status": Child.LegalStatus.NONE,
                "normally_resident_area": area,
                "resident_outside_england": False,
                "local_identifier": "",
                "died": False,
                **child,
            }
        )
    return services.IncidentInput(fields=values, children=rows)


@transaction.atomic
def load_notification_demo(today: date | None = None) -> int:
    """Create the demo incidents that do not exist yet; returns how many were created."""
    today = today or timezone.localdate()
    csprg, chair = _person("csprg"), _person("qa-chair")
    police_rep, health_rep = _person("partner-rep"), _person("health-rep")
    agencies = list(Organisation.objects.filter(is_demo=True, is_safeguarding_partner=True)[:2])
    created = 0
    for key, state, days_ago, fields, children in CASES:
        if Incident.objects.filter(is_demo=True, summary=key).exists():
            continue
        aware_on = subtract_working_days(today, days_ago)
        data = _input(key, aware_on, fields, children)
        data.agencies_involved = agencies
        incident = services.incident_create(actor=csprg, data=data, is_demo=True)
        created += 1
        if state == "withdrawn":
            services.incident_withdraw(
                incident=incident, actor=csprg, reason="It happened in Plymouth: Plymouth City Council notifies it."
            )
            continue
        if state == "referred":
            services.incident_refer(incident=incident, actor=csprg, note="Passed to Torbay's children's services.")
            continue
        if state == "draft":
            continue
        incident = services.incident_submit_for_agreement(incident=incident, actor=csprg)
        incident = services.incident_agree(incident=incident, actor=chair, reason="Meets the criteria.")
        if state == "awaiting_overdue":
            continue
        incident = services.incident_agree(incident=incident, actor=police_rep if created % 2 else health_rep)
        if state == "notified":
            # A case notified weeks ago: its agreement is dated as it would have been, before the submission.
            agreed_at = _at(min(add_working_days(aware_on, 2), today), 16)
            Incident.objects.filter(pk=incident.pk).update(agreed_at=agreed_at)
            incident.refresh_from_db()
            submitted = _at(min(add_working_days(aware_on, 3), today), 11)
            services.incident_record_notified(
                incident=incident, actor=csprg, national_reference=f"SIN-DEMO-{incident.pk:04d}", submitted_at=submitted
            )
        elif state == "not_notifiable":
            services.incident_conclude_not_notifiable(incident=incident, actor=csprg)
    return created


# (key, who refers, working days ago, what the CSPRG did: "open", "closed" or the demo case it became)
REFERRALS = [
    ("Demo referral: pupil with burns says an adult at home caused them", "practitioner", 1, "open"),
    ("Demo referral: toddler seen with bruising at a health visit", "agency-lead", 2, CASES[0][0]),
    ("Demo referral: child hurt falling in the playground", "practitioner", 6, "closed"),
]


@transaction.atomic
def load_referral_demo(today: date | None = None) -> int:
    """Referrals from the demo agency lead and practitioner: one waiting for the CSPRG, one made a draft
    (the demo draft incident) and one closed, so each sees an outcome and the CSPRG has one to decide."""
    today = today or timezone.localdate()
    csprg = _person("csprg")
    created = 0
    devon = Area.objects.get(code="devon")
    for key, handle, days_ago, outcome in REFERRALS:
        if Referral.objects.filter(is_demo=True, summary=key).exists():
            continue
        referral = referrals.referral_create(
            actor=_person(handle),
            occurred_on=subtract_working_days(today, days_ago),
            area=devon,
            child_name="Demo Child (referral)",
            summary=key,
            is_demo=True,
        )
        created += 1
        if outcome == "closed":
            referrals.referral_close(
                referral=referral,
                actor=csprg,
                reason="An accident seen by staff; no abuse or neglect is known or suspected.",
            )
        elif outcome != "open":
            incident = Incident.objects.filter(is_demo=True, summary=outcome, referral__isnull=True).first()
            if incident is not None:
                referrals.referral_make_draft(referral=referral, incident=incident, actor=csprg)
    return created
