"""Demo Section 11 work: the 2025-26 and 2026-27 cycles with several agencies assessed (some red, some
green, the district councils as one group), an organisation assessed by another partnership, the secure
children's home's report and risk assessment, and an endorsed scrutiny programme. Made-up findings,
marked is_demo.

Each demo person with a part here finds work on their dashboard: the agency lead (Virgin Care) has this
cycle's findings to agree and an action due; the QA Group has walkabouts planned and in fieldwork
and actions, one overdue. Idempotent: nothing is made if the 2025-26 cycle exists.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from dcfp.demo import DISTRICT_COUNCIL_GROUP, demo_email
from dcfp.models import AssessmentGroup, LocalityPartnership, Organisation, User
from walkabouts import services
from walkabouts.models import Action, Assessment, Cycle, ParticipantRole, Rating

R, A, G = Rating.RED, Rating.AMBER, Rating.GREEN
# Ratings of the eight standards, in order.
LAST = {
    "Virgin Care Public Health Nursing Hubs": [A, G, G, R, A, G, A, A],
    "Devon Integrated Children's Services": [R, A, A, R, R, A, A, R],
    "Exe Valley Primary School (demo)": [G, G, G, A, G, G, G, G],
    DISTRICT_COUNCIL_GROUP: [A, A, G, A, R, G, A, A],
}
THIS = {
    "Virgin Care Public Health Nursing Hubs": [G, G, G, A, G, G, G, A],
    "Devon Integrated Children's Services": [A, A, G, A, A, G, A, A],
}
WHAT_WAS_SEEN = {
    R: "Staff could not describe the arrangements; records were incomplete.",
    A: "Arrangements exist but staff were unsure how to use them.",
    G: "Staff described the arrangements confidently, with examples.",
}


def _person(handle: str) -> User:
    return User.objects.get(email=demo_email(handle))


def _subject(name: str) -> dict:
    if name == DISTRICT_COUNCIL_GROUP:
        return {"organisation": None, "assessment_group": AssessmentGroup.objects.get(name=name)}
    return {"organisation": Organisation.objects.get(name=name)}


def _record(assessment: Assessment, actor, ratings: list[str]) -> None:
    # Fieldwork under way has only the first few standards rated.
    for standard, rating in zip(assessment.standard_version.standards.all(), ratings, strict=False):
        services.finding_record(
            assessment=assessment,
            actor=actor,
            standard=standard,
            rating=rating,
            evidence=WHAT_WAS_SEEN[Rating(rating)],
            strengths="Committed front-line staff." if rating != R else "",
            areas_for_improvement="" if rating == G else f"Make '{standard.title.lower()}' part of team meetings.",
        )


def _lead_of(name: str) -> User:
    """The demo agency lead of an organisation (of the group's first member for a group), made if missing."""
    from dcfp.demo import DEMO_PASSWORD
    from dcfp.roles import Role
    from dcfp.services import person_create

    subject = _subject(name)
    organisation = (
        subject.get("organisation")
        or Organisation.objects.filter(assessment_group=subject["assessment_group"]).order_by("name").first()
    )
    existing = User.objects.filter(organisation=organisation, groups__name=Role.AGENCY_LEAD, is_demo=True).first()
    if existing is not None:
        return existing
    assert organisation is not None, f"{name} has no organisation in the demo partnership"
    handle = DEMO_LEADS[name]
    return person_create(
        email=demo_email(handle),
        full_name=f"{handle.split('-')[0].title()} Lead (demo)",
        organisation=organisation,
        roles=[Role.AGENCY_LEAD],
        password=DEMO_PASSWORD,
        job_title="Designated safeguarding lead",
        is_demo=True,
    )


# Demo agency leads made here for the agencies whose findings the demo agrees (besides agency-lead).
DEMO_LEADS = {
    "Devon Integrated Children's Services": "ics-lead",
    "Exe Valley Primary School (demo)": "school-lead",
    DISTRICT_COUNCIL_GROUP: "district-lead",
}


def _assess(cycle, name, ratings, *, qa, locality, visit_on, stop_at: str) -> Assessment:
    lead = _lead_of(name)
    assessment = services.assessment_plan(
        actor=qa,
        cycle=cycle,
        route=Assessment.Route.WALKABOUT,
        visit_on=visit_on,
        team_or_site="Front-line team (demo)",
        locality=locality,
        participants={ParticipantRole.SOCIAL_WORKER: 2, ParticipantRole.TEAM_MANAGER: 1},
        is_demo=True,
        **_subject(name),
    )
    if stop_at == "planned":
        return assessment
    assessment = services.assessment_start_fieldwork(assessment=assessment, actor=qa)
    if stop_at == "fieldwork":
        _record(assessment, lead, ratings[:4])
        return assessment
    _record(assessment, lead, ratings)
    assessment = services.assessment_submit_findings(assessment=assessment, actor=lead)
    if stop_at == "findings_recorded":
        return assessment
    services.assessment_agency_agree(assessment=assessment, actor=lead)
    return services.assessment_agree(assessment=assessment, actor=qa, summary="Demo: agreed with the agency.")


@transaction.atomic
def load_walkabout_demo(today: date | None = None) -> dict[str, int]:
    """Make the demo Section 11 work; returns how many assessments were made (0 if already there)."""
    today = today or timezone.localdate()
    if Cycle.objects.filter(name="2025-26").exists():
        return {"Section 11 assessments": 0}
    qa, chair, lead, executive = _person("qa-group"), _person("qa-chair"), _person("agency-lead"), _person("executive")
    localities = list(LocalityPartnership.objects.order_by("name"))
    last = services.cycle_create(actor=qa, name="2025-26", starts_on=date(2025, 4, 1), ends_on=date(2026, 3, 31))
    this = services.cycle_create(actor=qa, name="2026-27", starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31))
    nursing = "Virgin Care Public Health Nursing Hubs"
    made = []
    for i, (name, ratings) in enumerate(LAST.items()):
        made.append(
            _assess(
                last, name, ratings, qa=qa, locality=localities[i % 4], visit_on=date(2025, 10, 6 + i), stop_at="agreed"
            )
        )
    ics = "Devon Integrated Children's Services"
    nursing_now = _assess(
        this,
        nursing,
        THIS[nursing],
        qa=qa,
        locality=localities[0],
        visit_on=date(2026, 10, 7),
        stop_at="findings_recorded",
    )
    services.action_add(
        assessment=nursing_now,
        actor=lead,
        description="Gather the views of families using the hubs and show what changed.",
        owner="Head of service",
        due_on=today + timedelta(days=2),
    )
    ics_now = _assess(
        this, ics, THIS[ics], qa=qa, locality=localities[1], visit_on=date(2026, 10, 14), stop_at="agreed"
    )
    overdue = services.action_add(
        assessment=ics_now,
        actor=qa,
        description="Audit training records for every team.",
        owner="Training manager",
        due_on=today,
    )
    # An action set long ago and now past its date, so the QA Group sees an overdue clock.
    Action.objects.filter(pk=overdue.pk).update(due_on=today - timedelta(days=10))
    made += [nursing_now, ics_now]
    made.append(
        _assess(
            this,
            "Exe Valley Primary School (demo)",
            [G] * 8,
            qa=qa,
            locality=localities[2],
            visit_on=today + timedelta(days=14),
            stop_at="planned",
        )
    )
    made.append(
        _assess(
            this,
            DISTRICT_COUNCIL_GROUP,
            [A, G, G, A, A, G, G, A],
            qa=qa,
            locality=localities[3],
            visit_on=date(2026, 11, 18),
            stop_at="fieldwork",
        )
    )
    made.append(
        services.assessment_record_elsewhere(
            actor=qa,
            cycle=this,
            organisation=Organisation.objects.get(name="Devon and Cornwall Police"),
            other_partnership="Cornwall and Isles of Scilly Safeguarding Children Partnership (demo)",
            assessed_on=date(2026, 6, 15),
            evidence="Their Section 11 report of June 2026, shared with the QA Group (demo).",
        )
    )
    _secure_home(qa, today)
    programme = services.scrutiny_programme_create(actor=chair, year=2026)
    for title, method, owner, timing in (
        ("Neglect: the Graded Care Profile in practice", "practice_evaluation", "QA Group chair", "Autumn 2026"),
        ("Child exploitation pathway", "peer_review", "Business manager", "Winter 2026"),
        ("Early help in Northern Devon", "internal_peer_review", "Locality lead", "Spring 2027"),
    ):
        services.scrutiny_item_add(
            programme=programme, actor=chair, title=title, method=method, owner=owner, timing=timing
        )
    services.scrutiny_programme_endorse(programme=programme, actor=executive)
    return {"Section 11 assessments": len(made)}


# A one-page PDF saying it is a demo report (written by hand: loading the demo needs no static files).
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
    b"/Resources << /Font << /F1 5 0 R >> >> >>\nendobj\n"
    b"4 0 obj\n<< /Length 68 >>\nstream\n"
    b"BT /F1 18 Tf 72 760 Td (Annual inspection report - demo only) Tj ET\nendstream\nendobj\n"
    b"5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def _secure_home(qa, today: date) -> None:
    from django.core.files.base import ContentFile

    home = Organisation.objects.get(kind=Organisation.Kind.SECURE_CHILDRENS_HOME)
    content = DEMO_PDF
    report = services.secure_home_report_add(
        actor=qa,
        home=home,
        kind="ofsted_annual",
        received_on=today - timedelta(days=30),
        file=ContentFile(content, name="ofsted-annual-report-demo.pdf"),
        notes="Demo report.",
    )
    services.secure_home_risk_record(
        actor=qa,
        home=home,
        assessed_on=today - timedelta(days=20),
        risks="Staff turnover in the last year; two restraint incidents reviewed (demo).",
        rating="medium",
        decision="walkabout",
        rationale="Talk to the night staff about restraint and recording (demo).",
        reports=[report],
    )
