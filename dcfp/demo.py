"""The Devon partnership as demo data, from its published safeguarding arrangements.

Organisations and groups follow the arrangements (section 2 and Appendix 1); people are made up and
marked as demo accounts. Loading is idempotent: what exists already is left as it is.
"""

from django.db import transaction

from dcfp import services
from dcfp.models import Area, AssessmentGroup, LocalityPartnership, Organisation, PartnershipGroup, User
from dcfp.roles import Role

DEMO_PASSWORD = "demo-safeguarding-2026"
DEMO_EMAIL_DOMAIN = "demo.dcfp.test"

AREAS = [
    # code, name, responsible authority, in this partnership's notification jurisdiction
    ("devon", "Devon", "Devon County Council", True),
    ("plymouth", "Plymouth", "Plymouth City Council", False),
    ("torbay", "Torbay", "Torbay Council", False),
    ("cornwall", "Cornwall", "Cornwall Council", False),
]

K = Organisation.Kind
D = Organisation.Domain
SAFEGUARDING_PARTNERS = [
    ("Devon County Council", K.LOCAL_AUTHORITY, D.CHILD_PROTECTION, ["devon"]),
    ("Devon and Cornwall Police", K.POLICE, D.SAFEGUARDING, ["devon", "plymouth", "torbay", "cornwall"]),
    ("Northern, Eastern and Western Devon CCG", K.HEALTH_COMMISSIONER, D.WELL_BEING, ["devon", "plymouth"]),
    ("South Devon and Torbay CCG", K.HEALTH_COMMISSIONER, D.WELL_BEING, ["devon", "torbay"]),
]
AGENCIES = [
    ("Devon Integrated Children's Services", K.HEALTH_PROVIDER, ["devon"]),
    ("Virgin Care Public Health Nursing Hubs", K.HEALTH_PROVIDER, ["devon"]),
    ("The Atkinson Secure Children's Home", K.SECURE_CHILDRENS_HOME, ["devon"]),
    ("Exe Valley Primary School (demo)", K.SCHOOL, ["devon"]),
    ("Devon Family Support Network (demo)", K.VOLUNTARY, ["devon"]),
    ("Independent reviewers (demo)", K.OTHER, []),
]
DISTRICT_COUNCIL_GROUP = "Devon district councils"
DISTRICT_COUNCILS = [
    "East Devon District Council",
    "Exeter City Council",
    "Mid Devon District Council",
    "North Devon Council",
    "South Hams District Council",
    "Teignbridge District Council",
    "Torridge District Council",
    "West Devon Borough Council",
]
LOCALITIES = [
    ("Northern Devon", "North Devon and Torridge Community Safety Partnership"),
    ("Eastern Devon", "East and Mid Devon Community Safety Partnership"),
    ("Exeter", "Safer Exeter Partnership"),
    ("Southern and Western Devon", "South Devon and Dartmoor Community Safety Partnership"),
]
GROUPS = [
    ("Expert by Experience", PartnershipGroup.Kind.EXPERT_BY_EXPERIENCE),
    ("Complex Safeguarding", PartnershipGroup.Kind.THEMATIC),
    ("Child Sexual Abuse", PartnershipGroup.Kind.THEMATIC),
    ("Child Exploitation", PartnershipGroup.Kind.THEMATIC),
    ("Education Sub-group", PartnershipGroup.Kind.SECTOR),
    ("Health Sub-group", PartnershipGroup.Kind.SECTOR),
    ("District Council Safeguarding Network", PartnershipGroup.Kind.NETWORK),
]
# One demo person per role, and one practitioner of another agency for trying what others cannot see.
PEOPLE = [
    ("csprg", "Casey Price", "Devon County Council", [Role.CSPRG], "Safeguarding business manager"),
    ("qa-chair", "Quinn Adebayo", "Devon County Council", [Role.QA_CHAIR, Role.QA_GROUP], "Chair of the QA Group"),
    ("qa-group", "Morgan Hale", "Northern, Eastern and Western Devon CCG", [Role.QA_GROUP], "Designated nurse"),
    ("partner-rep", "Priya Shah", "Devon and Cornwall Police", [Role.PARTNER_REP], "Detective superintendent"),
    ("health-rep", "Hannah Cole", "South Devon and Torbay CCG", [Role.PARTNER_REP], "Director of nursing"),
    ("council-rep", "Cam Reid", "Devon County Council", [Role.PARTNER_REP], "Head of children's safeguarding"),
    ("new-devon-rep", "Nia Evans", "Northern, Eastern and Western Devon CCG", [Role.PARTNER_REP], "Chief nurse"),
    ("executive", "Elliot Mercer", "Devon and Cornwall Police", [Role.EXECUTIVE], "Assistant chief constable"),
    ("agency-lead", "Alex Lewis", "Virgin Care Public Health Nursing Hubs", [Role.AGENCY_LEAD], "Safeguarding lead"),
    (
        "practitioner",
        "Pat Okafor",
        "Exe Valley Primary School (demo)",
        [Role.PRACTITIONER],
        "Designated safeguarding lead",
    ),
    ("school-lead", "Sam Carter", "Exe Valley Primary School (demo)", [Role.AGENCY_LEAD], "Headteacher"),
    ("reviewer", "Robin Ellis", "Independent reviewers (demo)", [Role.REVIEWER], "Independent reviewer"),
    ("admin", "Ada Fairweather", "Devon County Council", [Role.ADMIN], "System administrator"),
    ("other-agency", "Olly Grant", "Devon Family Support Network (demo)", [Role.PRACTITIONER], "Family support worker"),
]

# Added to the demo and not yet set up (no password until their set-up link is used), so the administrator
# has someone to send a new link to. They cannot sign in.
INVITED = [
    ("new-starter", "Jo Newton", "Devon County Council", [Role.CSPRG], "Business support officer"),
]


def demo_email(handle: str) -> str:
    return f"{handle}@{DEMO_EMAIL_DOMAIN}"


def _organisation(name: str, **fields) -> Organisation:
    existing = Organisation.objects.filter(name=name).first()
    return existing or services.organisation_create(name=name, is_demo=True, **fields)


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Build the demo partnership. Returns how many of each thing were created this time."""
    created = {"areas": 0, "organisations": 0, "localities": 0, "groups": 0, "people": 0}
    areas = {}
    for code, name, authority, in_jurisdiction in AREAS:
        areas[code], made = Area.objects.get_or_create(
            code=code, defaults={"name": name, "responsible_authority": authority, "in_jurisdiction": in_jurisdiction}
        )
        created["areas"] += made

    before = Organisation.objects.count()
    for name, kind, domain, codes in SAFEGUARDING_PARTNERS:
        _organisation(
            name, kind=kind, is_safeguarding_partner=True, lead_domain=domain, areas=[areas[c] for c in codes]
        )
    for name, kind, codes in AGENCIES:
        _organisation(name, kind=kind, areas=[areas[c] for c in codes])
    district_group, _ = AssessmentGroup.objects.get_or_create(name=DISTRICT_COUNCIL_GROUP)
    for name in DISTRICT_COUNCILS:
        _organisation(name, kind=K.DISTRICT_COUNCIL, areas=[areas["devon"]], assessment_group=district_group)
    created["organisations"] = Organisation.objects.count() - before

    for name, csp in LOCALITIES:
        _, made = LocalityPartnership.objects.get_or_create(name=name, defaults={"community_safety_partnership": csp})
        created["localities"] += made
    for name, group_kind in GROUPS:
        _, made = PartnershipGroup.objects.get_or_create(name=name, defaults={"kind": group_kind})
        created["groups"] += made

    for (handle, full_name, org_name, roles, job_title), password in [
        *((person, DEMO_PASSWORD) for person in PEOPLE),
        *((person, None) for person in INVITED),
    ]:
        if User.objects.filter(email=demo_email(handle)).exists():
            continue
        services.person_create(
            email=demo_email(handle),
            full_name=full_name,
            organisation=Organisation.objects.get(name=org_name),
            roles=roles,
            password=password,
            job_title=job_title,
            is_demo=True,
        )
        created["people"] += 1
    return created
