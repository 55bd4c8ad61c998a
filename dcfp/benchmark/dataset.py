"""A national-scale data set for `manage.py benchmark`, written by bulk inserts that mirror what the
services write.

The people who are measured (a CSPRG officer, the QA chair, a partner representative, the Executive and
an agency lead) are made through `dcfp.services`, as administrators make them. Everything else is
inserted in bulk, in the shape the services leave it: incidents in every status with their children,
agreements, counted references, the Executive's copies (`dcfp.copies`: a document and one copy per
member, no object permission), messages, referrals with the referrer's object permission, and the
audit trail through `record_many` (so the hash chain stays whole). `grow(n)` adds to what is there, so
one run measures at 1,000 incidents and then at the full size.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from guardian.shortcuts import get_perms_for_model

from dcfp import deadlines, services
from dcfp.alerts.models import Message
from dcfp.audit.services import EventFields, record_many
from dcfp.copies.models import CopiedDocument, Copy
from dcfp.models import Area, Organisation, User
from dcfp.roles import Role
from notifications.models import (
    Agreement,
    Child,
    Incident,
    ReferenceCounter,
    Referral,
    ReferralUserObjectPermission,
)

S = Incident.Status
# How incidents are spread over their statuses: most concluded, about one in eight still open.
STATUS_SHARES = [
    (S.NOTIFIED, 68),
    (S.NOT_NOTIFIABLE, 12),
    (S.WITHDRAWN, 4),
    (S.REFERRED, 3),
    (S.AGREED, 3),
    (S.AWAITING_AGREEMENT, 4),
    (S.DRAFT, 6),
]
COPIED = {S.AGREED, S.NOTIFIED, S.NOT_NOTIFIABLE, S.WITHDRAWN, S.REFERRED}
AGREED_ONCE = {S.AGREED, S.NOTIFIED, S.NOT_NOTIFIABLE}
EXECUTIVE_MEMBERS = 6
ORGANISATIONS_PER_1000 = 20
PEOPLE_PER_1000 = 200
REFERRALS_PER_1000 = 50
BATCH = 5_000


@dataclass
class Personas:
    csprg: User
    qa_chair: User
    partner_rep: User
    executive: User
    agency_lead: User

    def by_role(self) -> dict[str, User]:
        return {
            "CSPRG": self.csprg,
            "QA chair": self.qa_chair,
            "partner representative": self.partner_rep,
            "Executive member": self.executive,
            "agency lead": self.agency_lead,
        }


class Dataset:
    """The data set, grown in steps. `say` reports progress (a line per table written)."""

    def __init__(self, *, tag: str, say: Callable[[str], None], seed: int = 7) -> None:
        self.tag = tag
        self.say = say
        self.random = random.Random(seed)
        self.incidents = 0
        self.organisations = 0
        self.people = 0
        self.today = timezone.localdate()
        self.area = Area.objects.create(
            code=f"bench-{tag}", name=f"Benchmark area {tag}", responsible_authority="Benchmark", in_jurisdiction=True
        )
        self.content_type = ContentType.objects.get_for_model(Incident)
        self.personas = self._personas()
        self.executives = [self.personas.executive] + [
            self._person(f"executive-{n}", self.partners[n % len(self.partners)], [Role.EXECUTIVE])
            for n in range(1, EXECUTIVE_MEMBERS)
        ]
        self.partner_reps = [self.personas.partner_rep] + [
            self._person(f"partner-{n}", self.partners[n], [Role.PARTNER_REP]) for n in (1, 2)
        ]
        self.role_groups = {g.name: g for g in Group.objects.filter(name__in=Role.values)}
        self.view_referral = next(p for p in get_perms_for_model(Referral) if p.codename == "view_referral")
        self.agency_orgs: list[Organisation] = [self.agency]
        self.agency_people: list[User] = [self.personas.agency_lead]

    # People through the services, as an administrator makes them.
    def _organisation(self, name: str, kind: str, domain: str = "") -> Organisation:
        return services.organisation_create(
            name=f"{name} ({self.tag})",
            kind=kind,
            is_safeguarding_partner=bool(domain),
            lead_domain=domain,
            areas=[self.area],
        )

    def _person(self, name: str, organisation: Organisation, roles: list[str]) -> User:
        return services.person_create(
            email=f"bench-{name}-{self.tag}@example.org",
            full_name=f"Benchmark {name}",
            organisation=organisation,
            roles=roles,
        )

    def _personas(self) -> Personas:
        K, D = Organisation.Kind, Organisation.Domain
        self.partners = [
            self._organisation("Council", K.LOCAL_AUTHORITY, D.CHILD_PROTECTION),
            self._organisation("Police", K.POLICE, D.SAFEGUARDING),
            self._organisation("Health", K.HEALTH_COMMISSIONER, D.WELL_BEING),
        ]
        self.agency = self._organisation("Nursing agency", K.HEALTH_PROVIDER)
        council, police = self.partners[0], self.partners[1]
        return Personas(
            csprg=self._person("csprg", council, [Role.CSPRG]),
            qa_chair=self._person("qa-chair", council, [Role.QA_CHAIR]),
            partner_rep=self._person("partner-rep", police, [Role.PARTNER_REP]),
            executive=self._person("executive", police, [Role.EXECUTIVE]),
            agency_lead=self._person("agency-lead", self.agency, [Role.AGENCY_LEAD]),
        )

    def grow(self, incidents: int) -> None:
        """Add incidents (and organisations, people, referrals, messages and audit events in proportion)
        until there are `incidents` of them."""
        if incidents <= self.incidents:
            return
        self._grow_agencies(incidents * ORGANISATIONS_PER_1000 // 1000, incidents * PEOPLE_PER_1000 // 1000)
        start, self.incidents = self.incidents, incidents
        for first in range(start, incidents, BATCH):
            self._incidents(first, min(first + BATCH, incidents))
            self.say(f"  incidents {min(first + BATCH, incidents):,} of {incidents:,}")
        self._referrals(start * REFERRALS_PER_1000 // 1000, incidents * REFERRALS_PER_1000 // 1000)
        self._analyze()

    def _grow_agencies(self, organisations: int, people: int) -> None:
        K = Organisation.Kind
        kinds = [K.HEALTH_PROVIDER, K.SCHOOL, K.VOLUNTARY, K.DISTRICT_COUNCIL]
        if organisations > len(self.agency_orgs):
            names = range(len(self.agency_orgs), organisations)
            groups = Group.objects.bulk_create([Group(name=f"organisation:Agency {n} ({self.tag})") for n in names])
            orgs = Organisation.objects.bulk_create(
                [
                    Organisation(name=f"Agency {n} ({self.tag})", kind=kinds[n % len(kinds)], group=group)
                    for n, group in zip(names, groups, strict=True)
                ]
            )
            Organisation.areas.through.objects.bulk_create(
                [Organisation.areas.through(organisation_id=o.pk, area_id=self.area.pk) for o in orgs]
            )
            self.agency_orgs += orgs
        if people > len(self.agency_people):
            numbers = range(len(self.agency_people), people)
            users = User.objects.bulk_create(
                [
                    User(
                        email=f"bench-person-{n}-{self.tag}@example.org",
                        full_name=f"Benchmark person {n}",
                        organisation=self.agency_orgs[n % len(self.agency_orgs)],
                        password="!",  # unusable, as an account waiting for its set-up link
                    )
                    for n in numbers
                ],
                batch_size=BATCH,
            )
            # As services.person_set_roles leaves them: their organisation's group and one agency role.
            memberships = []
            for n, user in zip(numbers, users, strict=True):
                role = Role.AGENCY_LEAD if n % 10 == 0 else Role.PRACTITIONER
                memberships.append(User.groups.through(user_id=user.pk, group_id=user.organisation.group_id))
                memberships.append(User.groups.through(user_id=user.pk, group_id=self.role_groups[role].pk))
            User.groups.through.objects.bulk_create(memberships, batch_size=BATCH)
            self.agency_people += users
        self.say(f"  {len(self.agency_orgs) + 4:,} organisations, {len(self.agency_people) + 11:,} people")

    def _status(self) -> str:
        return self.random.choices([s for s, _ in STATUS_SHARES], weights=[w for _, w in STATUS_SHARES])[0]

    def _incidents(self, first: int, last: int) -> None:
        p = self.personas
        now = timezone.now()
        rows = []
        for n in range(first, last):
            status = self._status()
            # Older incidents first, over about eight years up to last week.
            aware_on = self.today - timedelta(days=7 + (3000 * (self.incidents - n)) // max(self.incidents, 1))
            due_on = deadlines.add_working_days(aware_on, 5)
            concluded = status in (S.NOTIFIED, S.NOT_NOTIFIABLE, S.WITHDRAWN, S.REFERRED)
            rows.append(
                Incident(
                    reference=f"BENCH{self.tag}-{n:07d}",
                    occurred_on=aware_on - timedelta(days=1),
                    aware_on=aware_on,
                    nature=Incident.Nature.SERIOUS_HARM if n % 5 else Incident.Nature.DEATH,
                    area=self.area,
                    abuse_or_neglect=Incident.AbuseOrNeglect.SUSPECTED,
                    categories=[Incident.Category.NEGLECT],
                    themes=[],
                    summary="A child was harmed; what happened and what agencies knew is set out here. " * 4,
                    status=status,
                    notification_due_on=due_on,
                    outcome_recommended=""
                    if status == S.DRAFT
                    else (
                        Incident.Outcome.NOT_NOTIFIABLE if status == S.NOT_NOTIFIABLE else Incident.Outcome.NOTIFIABLE
                    ),
                    not_notifiable_rationale="Below the threshold." if status == S.NOT_NOTIFIABLE else "",
                    agreement_round=0 if status == S.DRAFT else 1,
                    agreed_at=now if status in AGREED_ONCE else None,
                    withdrawn_reason="Duplicate." if status == S.WITHDRAWN else "",
                    referred_to="Another authority" if status == S.REFERRED else "",
                    national_reference=f"SIN-{n}" if status == S.NOTIFIED else "",
                    submitted_at=now if status == S.NOTIFIED else None,
                    concluded_at=now if concluded else None,
                    created_by=p.csprg,
                )
            )
        incidents = Incident.objects.bulk_create(rows, batch_size=BATCH)
        self._children(incidents)
        self._agreements([i for i in incidents if i.status in AGREED_ONCE])
        self._copies([i for i in incidents if i.status in COPIED])
        self._messages(incidents)
        self._audit(incidents)
        counter, _ = ReferenceCounter.objects.get_or_create(year=self.today.year)
        counter.last += len(incidents)
        counter.save(update_fields=["last"])

    def _children(self, incidents: list[Incident]) -> None:
        rows = []
        for incident in incidents:
            # 1 to 4 children, about 1.7 on average.
            count = self.random.choices([1, 2, 3, 4], weights=[55, 25, 12, 8])[0]
            for position in range(1, count + 1):
                rows.append(
                    Child(
                        incident=incident,
                        position=position,
                        name=f"Child {position}",
                        age_years=self.random.randrange(0, 17),
                        sex=Child.Sex.NOT_KNOWN,
                    )
                )
        Child.objects.bulk_create(rows, batch_size=BATCH)

    def _agreements(self, incidents: list[Incident]) -> None:
        p = self.personas
        rows = []
        for incident in incidents:
            outcome = incident.outcome_recommended
            for person, capacity in (
                (p.qa_chair, Agreement.Capacity.QA_CHAIR),
                (p.partner_rep, Agreement.Capacity.PARTNER_REP),
            ):
                rows.append(
                    Agreement(
                        incident=incident,
                        round=1,
                        person=person,
                        organisation_id=person.organisation_id,
                        capacity=capacity,
                        decision=Agreement.Decision.AGREE,
                        proposed_outcome=outcome,
                    )
                )
        Agreement.objects.bulk_create(rows, batch_size=BATCH)

    def _copies(self, incidents: list[Incident]) -> None:
        """What dcfp.copies.services.copy_to_executive writes: a document and a copy per member."""
        documents = CopiedDocument.objects.bulk_create(
            [
                CopiedDocument(
                    content_type=self.content_type,
                    object_id=i.pk,
                    reference=i.reference,
                    subject=f"Copy for the Executive: {i.reference}",
                    body="A serious incident notification was agreed.",
                    link=f"/notifications/{i.pk}/",
                )
                for i in incidents
            ],
            batch_size=BATCH,
        )
        Copy.objects.bulk_create(
            [
                Copy(document=d, member=m, content_type=self.content_type, object_id=d.object_id)
                for d in documents
                for m in self.executives
            ],
            batch_size=BATCH,
        )

    def _messages(self, incidents: list[Incident]) -> None:
        """What the services tell people as an incident moves on: the deciders when it is submitted, the
        CSPRG when it is agreed, the Executive when it is copied (about ten messages per incident)."""
        p = self.personas
        rows = []
        for incident in incidents:
            told = [p.csprg]
            if incident.status != S.DRAFT:
                told += [p.qa_chair, *self.partner_reps]
            if incident.status in COPIED:
                told += self.executives
            for person in told:
                rows.append(
                    Message(
                        recipient=person,
                        subject=f"{incident.reference}: {incident.get_status_display()}",
                        body="The notification moved on.",
                        link=f"/notifications/{incident.pk}/",
                        read_at=None if self.random.random() < 0.05 else timezone.now(),
                    )
                )
        Message.objects.bulk_create(rows, batch_size=BATCH)

    def _audit(self, incidents: list[Incident]) -> None:
        """The changes the services record for each incident, appended to the hash chain in order."""
        p = self.personas
        actions = {
            S.DRAFT: ["create"],
            S.AWAITING_AGREEMENT: ["create", "submit"],
            S.AGREED: ["create", "submit", "agree", "agree"],
            S.NOTIFIED: ["create", "submit", "agree", "agree", "notified"],
            S.NOT_NOTIFIABLE: ["create", "submit", "agree", "agree", "not_notifiable"],
            S.WITHDRAWN: ["create", "submit", "withdraw"],
            S.REFERRED: ["create", "submit", "referred"],
        }

        def entries() -> Iterable[EventFields]:
            for incident in incidents:
                target, label = str(incident.pk), incident.reference
                for action in actions[S(incident.status)]:
                    yield EventFields(
                        actor=p.qa_chair if action == "agree" else p.csprg,
                        action=f"notifications.incident.{action}",
                        target_type="notifications.incident",
                        target_id=target,
                        target_label=label,
                    )
                if incident.status in COPIED:
                    for member in self.executives:
                        yield EventFields(
                            actor=None,
                            actor_label="system",
                            action="notifications.executive_copy.create",
                            target_type="notifications.incident",
                            target_id=target,
                            target_label=label,
                            detail={"member": member.pk},
                        )

        record_many(entries())

    def _referrals(self, first: int, last: int) -> None:
        """Agencies' referrals, each with the referrer's view permission (as referral_create grants it)."""
        if last <= first:
            return
        people = [self.personas.agency_lead, *self.agency_people[1:50]]
        referrals = Referral.objects.bulk_create(
            [
                Referral(
                    referred_by=people[n % len(people)],
                    organisation_id=people[n % len(people)].organisation_id,
                    occurred_on=self.today - timedelta(days=n % 2000 + 1),
                    area=self.area,
                    child_name="A child",
                    summary="What the agency saw.",
                    status=Referral.Status.CLOSED if n % 4 else Referral.Status.OPEN,
                    closed_reason="Not a serious incident." if n % 4 else "",
                )
                for n in range(first, last)
            ],
            batch_size=BATCH,
        )
        ReferralUserObjectPermission.objects.bulk_create(
            [
                ReferralUserObjectPermission(user=r.referred_by, permission=self.view_referral, content_object=r)
                for r in referrals
            ],
            batch_size=BATCH,
        )
        self.say(f"  referrals {last:,}")

    def _analyze(self) -> None:
        """Fresh planner statistics, as autovacuum would have them on a live system. Only the project's own
        tables: a bare ANALYZE inside this transaction would also lock the cluster's shared catalogs
        (pg_authid, pg_database) until it ends, stopping every other database's ANALYZE meanwhile."""
        if connection.vendor != "postgresql":
            return
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in sorted(tables)))

    def latest_copied_incident(self) -> Incident:
        return Incident.objects.filter(area=self.area, status=S.NOTIFIED).order_by("-aware_on", "-id").first()  # type: ignore[return-value]

    def referral_by_lead(self) -> Referral:
        return Referral.objects.filter(referred_by=self.personas.agency_lead).order_by("-id").first()  # type: ignore[return-value]


def open_clocks(dataset: Dataset, count: int, later: date) -> list[int]:
    """`count` open notification clocks due on `later` (drafts and incidents awaiting agreement), for the
    sweep; returns their ids."""
    p = dataset.personas
    rows = [
        Incident(
            reference=f"BO{dataset.tag}-{n:07d}",
            occurred_on=dataset.today - timedelta(days=3),
            aware_on=dataset.today - timedelta(days=2),
            nature=Incident.Nature.SERIOUS_HARM,
            area=dataset.area,
            abuse_or_neglect=Incident.AbuseOrNeglect.SUSPECTED,
            summary="Open",
            status=S.AWAITING_AGREEMENT if n % 3 == 0 else S.DRAFT,
            outcome_recommended=Incident.Outcome.NOTIFIABLE,
            agreement_round=1 if n % 3 == 0 else 0,
            notification_due_on=later,
            created_by=p.csprg,
        )
        for n in range(count)
    ]
    return [i.pk for i in Incident.objects.bulk_create(rows, batch_size=BATCH)]
