"""Demo data for thresholds: an illustrative levels-of-need tool (labelled as such: it is not the
partnership's own threshold document), a few hundred threshold decisions across agencies and localities,
and case disagreements at every stage. Everything is made through the services; loading twice adds
nothing."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from dcfp import deadlines
from dcfp import services as dcfp_services
from dcfp.demo import DEMO_PASSWORD, demo_email
from dcfp.models import LocalityPartnership, Organisation, User
from dcfp.roles import Role
from thresholds import services
from thresholds.models import (
    AgeBand,
    Disability,
    Disagreement,
    Ethnicity,
    Indicator,
    Sex,
    StageRecord,
    ThresholdDecision,
    ToolVersion,
)
from thresholds.services.tool import DomainInput, IndicatorInput

DEMO_VERSION = "0.1-demo"
DECISIONS = 300

I = IndicatorInput  # noqa: E741 - short for the table below
DOMAINS = [
    DomainInput(
        "The child's health and development",
        "Physical and emotional health, learning and development.",
        [
            I(1, "Healthy, developing as expected", "Your child is healthy and growing and learning as expected"),
            I(2, "Missed health appointments or immunisations", "Your child has missed health checks or jabs"),
            I(2, "Emerging speech, language or learning delay", "Your child is a bit behind with talking or learning"),
            I(3, "Persistent absence from school", "Your child often misses school"),
            I(3, "Self-harm or mental health concerns needing support", "Your child is hurting themselves or very low"),
            I(4, "Injury or mark with no credible explanation", "Your child has an injury nobody can explain"),
            I(4, "Disclosure of abuse", "Your child has told someone they are being hurt"),
        ],
    ),
    DomainInput(
        "Parents and carers",
        "How parents and carers meet the child's needs and keep them safe.",
        [
            I(1, "Parents meet the child's needs", "You can meet your child's needs"),
            I(2, "Parents need support with routines or boundaries", "You would like help with routines or behaviour"),
            I(
                3,
                "Parental mental ill-health affecting care",
                "Your own health is making it hard to care for your child",
            ),
            I(3, "Parental substance misuse affecting care", "Drink or drugs are getting in the way of caring"),
            I(4, "Child left without adequate supervision or care", "Your child is often left alone or not cared for"),
        ],
    ),
    DomainInput(
        "Family and environment",
        "Home, money, relationships and the wider family.",
        [
            I(1, "Stable home and support network", "Your home is settled and you have people to turn to"),
            I(2, "Housing or money worries", "You are worried about your home or money"),
            I(3, "Domestic abuse in the household", "Someone at home is hurting or frightening another person"),
            I(4, "Domestic abuse with a child at risk of harm", "A child at home could be hurt by domestic abuse"),
        ],
    ),
    DomainInput(
        "Harm outside the family",
        "Contextual safeguarding: risks from peers, adults, places and online.",
        [
            I(2, "Worrying friendships or online contact", "Your child has worrying friends or online contacts", True),
            I(3, "Going missing from home or school", "Your child goes missing from home or school", True),
            I(3, "Signs of being groomed online", "Someone online may be trying to gain your child's trust", True),
            I(
                4,
                "Signs of criminal or sexual exploitation",
                "Your child may be being used by others for crime or sex",
                True,
            ),
            I(
                4,
                "Carrying drugs or weapons for others (county lines)",
                "Your child may be carrying drugs for others",
                True,
            ),
        ],
    ),
]
STRENGTHS = [
    ("A trusted adult the child talks to", "Your child has an adult they trust"),
    ("Parents engage with support offered", "You are working with the people helping you"),
    ("Settled school place", "Your child is settled at school or nursery"),
    ("Wider family help with care", "Family and friends help out"),
    ("Child has interests and friendships", "Your child has hobbies and good friends"),
]

# Demo practitioners of more agencies, so the log and its breakdown span the partnership.
EXTRA_PEOPLE = [
    ("council-worker", "Sam Ward", "Devon County Council", [Role.PRACTITIONER], "Early help coordinator"),
    ("police-officer", "Jordan Blake", "Devon and Cornwall Police", [Role.PRACTITIONER], "Police constable"),
    (
        "health-visitor",
        "Riley Moss",
        "Virgin Care Public Health Nursing Hubs",
        [Role.PRACTITIONER],
        "Health visitor",
    ),
    ("school-lead", "Dana Fox", "Exe Valley Primary School (demo)", [Role.AGENCY_LEAD], "Head teacher"),
    ("charity-lead", "Kim Hart", "Devon Family Support Network (demo)", [Role.AGENCY_LEAD], "Service manager"),
]


def _people() -> list[User]:
    for handle, full_name, org_name, roles, job_title in EXTRA_PEOPLE:
        if not User.objects.filter(email=demo_email(handle)).exists():
            dcfp_services.person_create(
                email=demo_email(handle),
                full_name=full_name,
                organisation=Organisation.objects.get(name=org_name),
                roles=roles,
                password=DEMO_PASSWORD,
                job_title=job_title,
                is_demo=True,
            )
    handles = [
        "practitioner",
        "other-agency",
        "agency-lead",
        *(p[0] for p in EXTRA_PEOPLE if Role.PRACTITIONER in p[3]),
    ]
    return list(User.objects.filter(email__in=[demo_email(h) for h in handles]).order_by("email"))


def _tool(keeper: User) -> ToolVersion:
    version = ToolVersion.objects.filter(version=DEMO_VERSION).first()
    if version is None:
        version = services.tool_version_create(
            actor=keeper,
            data=services.ToolInput(
                name="Levels of need (illustrative demo tool)",
                version=DEMO_VERSION,
                introduction=(
                    "This illustrative tool is demo data for trying the system. It is not the partnership's "
                    "threshold document, which is being rewritten."
                ),
                domains=DOMAINS,
                strengths=STRENGTHS,
                is_illustrative=True,
            ),
        )
    if version.status == ToolVersion.Status.DRAFT and not ToolVersion.objects.filter(status="current").exists():
        version = services.tool_version_publish(
            version=version, actor=keeper, effective_from=timezone.localdate() - timedelta(days=400)
        )
    return version


def _decisions(people: list[User], version: ToolVersion, rng: random.Random) -> int:
    indicators = list(Indicator.objects.filter(domain__version=version))
    strengths = list(version.strengths.all())
    localities = list(LocalityPartnership.objects.order_by("name"))
    today = timezone.localdate()
    made = 0
    for n in range(DECISIONS):
        seen = rng.sample(indicators, rng.choice([0, 1, 1, 2, 2, 3]))
        suggested, _ = services.suggest_level(seen)
        differs = rng.random() < 0.15
        level = max(1, min(4, suggested + rng.choice([-1, 1]))) if differs else suggested
        services.decision_record(
            actor=people[n % len(people)],
            data=services.DecisionInput(
                decided_on=today - timedelta(days=rng.randint(0, 360)),
                local_identifier=f"DEMO-{n + 1:04d}",
                age_band=rng.choice(AgeBand.values),
                sex=rng.choice(Sex.values),
                ethnicity=rng.choices(Ethnicity.values, weights=[5, 3, 4, 80, 2, 6])[0],
                disability=rng.choices(Disability.values, weights=[12, 75, 13])[0],
                locality=rng.choice(localities),
                level=level,
                indicators=seen,
                strengths=rng.sample(strengths, rng.randint(0, 2)),
                rationale="Professional judgement after talking with the family (demo)." if level != suggested else "",
                lead_practitioner="Lead practitioner (demo)" if level in (2, 3) else "",
            ),
            is_demo=True,
        )
        made += 1
    return made


def _backdate(disagreement: Disagreement, working_days: int) -> None:
    """Move a demo disagreement's dates back so its clocks and the report show a spread (demo only)."""
    today = timezone.localdate()
    started = deadlines.subtract_working_days(today, working_days)
    days = services.stage_working_days()
    Disagreement.objects.filter(pk=disagreement.pk).update(raised_on=started)
    day = started
    for stage_record in StageRecord.objects.filter(disagreement=disagreement).order_by("stage"):
        due = deadlines.disagreement_stage_due(day, stage_record.stage, stage_working_days=days)
        StageRecord.objects.filter(pk=stage_record.pk).update(started_on=day, due_on=due)
        Disagreement.objects.filter(pk=disagreement.pk, stage=stage_record.stage).update(
            stage_started_on=day, stage_due_on=due
        )
        day = min(today, deadlines.add_working_days(day, 1))


def _disagreements() -> int:
    person = {h: User.objects.get(email=demo_email(h)) for h in ("practitioner", "other-agency", "agency-lead")}
    person["police"] = User.objects.get(email=demo_email("police-officer"))
    police = person["police"].organisation
    charity = person["other-agency"].organisation
    nursing = person["agency-lead"].organisation
    some_police_decision = ThresholdDecision.objects.filter(organisation=police, is_demo=True).first()
    plans = [
        # raiser, organisation, named people, type, escalations, resolve, working days ago
        ("practitioner", police, ["police"], "threshold", 0, False, 1),
        ("practitioner", charity, ["other-agency"], "communication", 1, False, 4),
        ("other-agency", nursing, [], "services", 2, False, 9),
        ("agency-lead", police, ["police"], "roles", 3, False, 14),
        ("police", charity, ["other-agency"], "plan_progress", 0, False, 5),
        ("practitioner", nursing, [], "step_up_down", 1, True, 12),
        ("other-agency", police, ["police"], "threshold", 0, True, 3),
    ]
    made = 0
    for n, (raiser, organisation, named, type_, escalations, resolve, ago) in enumerate(plans):
        actor = person[raiser]
        disagreement = services.disagreement_raise(
            actor=actor,
            data=services.DisagreementInput(
                disagreement_with=Disagreement.With.OTHER_AGENCY,
                type=type_,
                summary=f"Demo disagreement {n + 1}: we see this child's needs differently and want to agree a plan.",
                organisation=organisation,
                people=[person[h] for h in named],
                decision_reference=some_police_decision.reference
                if organisation == police and some_police_decision
                else "",
            ),
            is_demo=True,
        )
        answerer = person[named[0]] if named else actor
        if named:
            services.disagreement_respond(
                disagreement=disagreement, actor=answerer, text="We have looked again and still disagree (demo)."
            )
        for _ in range(escalations):
            disagreement = services.disagreement_escalate(
                disagreement=disagreement, actor=actor, reason="Not resolved at this stage (demo)."
            )
        if resolve:
            services.disagreement_resolve(
                disagreement=disagreement,
                actor=actor,
                outcome="Agreed a joint plan after a professionals' meeting (demo).",
                learning="Talk early; share the threshold tool's reasons with each other (demo).",
            )
        _backdate(disagreement, ago)
        if resolve:
            Disagreement.objects.filter(pk=disagreement.pk).update(resolved_on=timezone.localdate())
        made += 1
    return made


@transaction.atomic
def load_threshold_demo() -> dict[str, int]:
    """Load the illustrative tool, the decisions and the disagreements once."""
    keeper = User.objects.get(email=demo_email("qa-chair"))
    people = _people()
    version = _tool(keeper)
    if ThresholdDecision.objects.filter(is_demo=True).exists():
        return {"threshold decisions": 0, "case disagreements": 0}
    rng = random.Random(13)
    return {"threshold decisions": _decisions(people, version, rng), "case disagreements": _disagreements()}
