"""Demo rapid reviews, so that every demo role finds its part on its dashboard. Made-up cases, marked
is_demo, made through the services from notified demo incidents.

- In progress, working day 12: the school's summary is in; the nursing service's is late and in draft
  (the agency lead's work), and the CSPRG is drafting the report.
- Outcome (b), awaiting sign-off: two partners have signed off, the police and South Devon and Torbay
  CCG have not (the partner representatives' work).
- Outcome (b), every partner signed off: awaiting Executive endorsement (the Executive's work).
- Outcome (c), sent to the National Panel, which agreed; its local review is under way with the demo
  reviewer appointed (the reviewer's work: a written request waits for their reply), an extension waits
  for the QA Group chair's decision, and the nursing service and the school have actions from its
  recommendation (the agency lead's work).

Idempotent: each case is found by its incident's summary and made only once.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from dcfp.deadlines import add_working_days, subtract_working_days
from dcfp.demo import demo_email
from dcfp.models import Area, Organisation, User
from notifications import services as notification_services
from notifications.models import Child, Incident
from rapid_reviews import services
from rapid_reviews.models import AgencySummary, LocalReview, RapidReview

NURSING = "Virgin Care Public Health Nursing Hubs"
SCHOOL = "Exe Valley Primary School (demo)"
CHILDREN_SERVICES = "Devon Integrated Children's Services"

# (incident summary, stage, working days since notification, child)
CASES = [
    ("Demo: toddler admitted with a head injury, physical abuse suspected", "in_progress", 12, "Demo Child Harper"),
    ("Demo: baby with faltering growth, neglect known", "sign_off", 13, "Demo Child Isla"),
    ("Demo: teenager harmed by an adult met online", "endorsement", 13, "Demo Child Jay"),
    ("Demo: young child died at home, neglect suspected", "sent", 30, "Demo Child Kit"),
]


def _person(handle: str) -> User:
    return User.objects.get(email=demo_email(handle))


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _notified(key: str, child: str, notified_on: date, agencies: list[Organisation]) -> Incident:
    csprg = _person("csprg")
    devon = Area.objects.get(code="devon")
    aware_on = subtract_working_days(notified_on, 2)
    data = notification_services.IncidentInput(
        fields={
            "occurred_on": aware_on - timedelta(days=1),
            "occurred_time": None,
            "aware_on": aware_on,
            "nature": Incident.Nature.SERIOUS_HARM,
            "area": devon,
            "outside_england": False,
            "abuse_or_neglect": Incident.AbuseOrNeglect.SUSPECTED,
            "categories": [Incident.Category.NEGLECT],
            "themes": [],
            "theme_other": "",
            "summary": key,
            "outcome_recommended": Incident.Outcome.NOTIFIABLE,
            "not_notifiable_rationale": "",
        },
        children=[
            {
                "name": child,
                "date_of_birth": None,
                "age_years": 2,
                "sex": Child.Sex.NOT_KNOWN,
                "ethnicity": "Not recorded (demo)",
                "disability": Child.Disability.NOT_KNOWN,
                "legal_status": Child.LegalStatus.CHILD_IN_NEED,
                "normally_resident_area": devon,
                "resident_outside_england": False,
                "local_identifier": "",
                "died": False,
            }
        ],
        agencies_involved=agencies,
    )
    incident = notification_services.incident_create(actor=csprg, data=data, is_demo=True)
    incident = notification_services.incident_submit_for_agreement(incident=incident, actor=csprg)
    notification_services.incident_agree(incident=incident, actor=_person("qa-chair"), reason="Meets the criteria.")
    incident = notification_services.incident_agree(incident=incident, actor=_person("partner-rep"))
    # A case notified days ago: its agreement is dated as it would have been, before the submission.
    Incident.objects.filter(pk=incident.pk).update(agreed_at=_at(notified_on, 9))
    incident.refresh_from_db()
    return notification_services.incident_record_notified(
        incident=incident,
        actor=csprg,
        national_reference=f"SIN-DEMO-{incident.pk:04d}",
        submitted_at=_at(notified_on, 11),
    )


def _write_summary(summary: AgencySummary, lead: User, submit: bool) -> AgencySummary:
    sections = {
        "involvement": "Health visiting contacts at 6 weeks, 4 months and 1 year (demo text).",
        "key_episodes": "A missed appointment in March was not followed up (demo text).",
    }
    if not submit:
        return services.summary_save(summary=summary, actor=lead, version=summary.version, sections=sections)
    sections |= {
        "went_well": "The class teacher noticed and recorded changes in behaviour (demo text).",
        "could_be_better": "Concerns were not shared with health colleagues (demo text).",
        "immediate_actions": "Staff briefing on sharing concerns held (demo text).",
    }
    return services.summary_submit(summary=summary, actor=lead, version=summary.version, sections=sections)


def _report(review: RapidReview, csprg: User, outcome: str) -> RapidReview:
    for section in review.sections.all():
        services.section_save(
            section=section,
            actor=csprg,
            text=f"{section.get_key_display()}: what the review found (demo text).",
            version=section.version,
        )
    return services.review_record_outcome(
        review=review,
        actor=csprg,
        outcome=outcome,
        rationale="The agency summaries and the meeting identified the learning (demo text).",
        reg11_criteria=[RapidReview.Reg11.MULTI_AGENCY] if outcome == RapidReview.Outcome.LOCAL_REVIEW else [],
    )


def _local_review(rapid: RapidReview, today: date) -> LocalReview:
    """The local review of the outcome (c) case, decided when the Panel replied, under way."""
    csprg = _person("csprg")
    assert rapid.panel_reply_on is not None  # the demo case has the Panel's reply
    local = services.local_review_commission(rapid_review=rapid, actor=csprg, decided_on=rapid.panel_reply_on)
    local = services.local_review_appoint_reviewer(review=local, actor=csprg, reviewer=_person("reviewer"))
    local = services.local_review_set_terms(
        review=local,
        actor=csprg,
        version=local.version,
        terms_of_reference="How agencies shared what they knew about Kit's home in the year before Kit died, "
        "and what helped or got in the way (demo text).",
        methodology=LocalReview.Methodology.APPRECIATIVE_INQUIRY,
    )
    services.milestone_add(
        review=local, actor=csprg, title="Practitioner learning event", due_on=add_working_days(today, 15)
    )
    services.milestone_add(
        review=local, actor=csprg, title="Draft report to the CSPRG", due_on=subtract_working_days(local.due_on, 20)
    )
    services.extension_request(
        review=local,
        actor=csprg,
        new_due_on=local.due_on + timedelta(days=56),
        reason="The criminal trial has been listed after the review's date; practitioners cannot be "
        "interviewed before it ends (demo text).",
    )
    services.request_ask(
        review=local,
        actor=csprg,
        kind="information",
        text="Which practitioners have you met so far, and whom do you still need to see? (demo text)",
    )
    recommendation = services.recommendation_add(
        review=local,
        actor=csprg,
        text="Agencies share concerns about home conditions with health visiting at once (demo text).",
    )
    nursing, school = Organisation.objects.get(name=NURSING), Organisation.objects.get(name=SCHOOL)
    services.action_add(
        recommendation=recommendation,
        actor=csprg,
        organisation=nursing,
        description="Add a prompt about home conditions to the health visiting record (demo text).",
        due_on=add_working_days(today, 2),
    )
    services.action_add(
        recommendation=recommendation,
        actor=csprg,
        organisation=school,
        description="Brief staff on sharing concerns with health colleagues (demo text).",
        due_on=add_working_days(today, 30),
    )
    return local


@transaction.atomic
def load_rapid_review_demo(today: date | None = None) -> int:
    """Create the demo rapid reviews that do not exist yet; returns how many were created."""
    today = today or timezone.localdate()
    csprg = _person("csprg")
    nursing, school = Organisation.objects.get(name=NURSING), Organisation.objects.get(name=SCHOOL)
    reps = [_person(h) for h in ("council-rep", "new-devon-rep", "partner-rep", "health-rep")]
    created = 0
    for key, stage, days_ago, child in CASES:
        if Incident.objects.filter(is_demo=True, summary=key).exists():
            continue
        incident = _notified(key, child, subtract_working_days(today, days_ago), [nursing, school])
        review = services.review_start(incident=incident, actor=csprg, is_demo=True)
        created += 1
        summaries = {s.organisation_id: s for s in review.summaries.all()}
        _write_summary(summaries[school.pk], _person("school-lead"), submit=True)
        if stage == "in_progress":
            _write_summary(summaries[nursing.pk], _person("agency-lead"), submit=False)
            services.section_save(
                section=review.sections.get(key="facts"),
                actor=csprg,
                text="Harper, aged 2, was taken to hospital by ambulance (demo text).",
                version=1,
            )
            continue
        _write_summary(summaries[nursing.pk], _person("agency-lead"), submit=True)
        outcome = RapidReview.Outcome.LOCAL_REVIEW if stage == "sent" else RapidReview.Outcome.NO_FURTHER_REVIEW
        review = _report(review, csprg, outcome)
        review = services.review_send_for_sign_off(review=review, actor=csprg)
        signers = reps[:2] if stage == "sign_off" else reps
        for rep in signers:
            review = services.review_sign_off(review=review, actor=rep)
        if stage == "sent":
            sent_on = subtract_working_days(today, days_ago - 14)
            review = services.review_record_sent(review=review, actor=csprg, sent_on=sent_on)
            services.review_record_panel_reply(
                review=review,
                actor=csprg,
                reply=RapidReview.PanelReply.AGREES,
                replied_on=subtract_working_days(today, days_ago - 20),
            )
    outcome_c = RapidReview.objects.filter(is_demo=True, incident__summary=CASES[3][0]).first()
    if outcome_c is not None and not LocalReview.objects.filter(rapid_review=outcome_c).exists():
        _local_review(outcome_c, today)
    return created
