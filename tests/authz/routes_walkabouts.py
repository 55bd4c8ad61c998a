"""Walkabouts, Section 11, the secure children's home and the scrutiny programme: pages, files and API.

Who sees what: the QA Group (qa_chair, qa_member) sees every assessment; an agency lead sees only their
own organisation's (agency_lead's Public Health Nursing here), so another agency's lead (other_agency)
gets 404 on it; everyone else gets 404 on assessments and the secure home. The Executive reads the
scrutiny programme and endorses it. A person who may see a record but not take this action gets 403.
"""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from dcfp.models import Organisation
from dcfp.services import organisation_create
from tests.authz.matrix import Entry, expect
from walkabouts import services
from walkabouts.models import Assessment, Rating

PAGE = {"anonymous": 302}
API = {"anonymous": 401}
QA = {"qa_chair": 200, "qa_member": 200}
QA_AND_LEAD = {**QA, "agency_lead": 200}
LEADS = {"agency_lead": 200, "other_agency": 200}
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _cycle(ctx):
    return ctx.once(
        "cycle",
        lambda: services.cycle_create(
            actor=ctx.qa_member, name="2026-27", starts_on=date(2026, 4, 1), ends_on=date(2027, 3, 31)
        ),
    )


def _planned(ctx):
    return ctx.once(
        "planned",
        lambda: services.assessment_plan(
            actor=ctx.qa_member,
            cycle=_cycle(ctx),
            route=Assessment.Route.WALKABOUT,
            organisation=ctx.agency_lead.organisation,
            visit_on=date(2026, 10, 14),
        ),
    )


def _fieldwork(ctx):
    return ctx.once(
        "fieldwork", lambda: services.assessment_start_fieldwork(assessment=_planned(ctx), actor=ctx.qa_member)
    )


def _recorded(ctx):
    def make():
        assessment = _fieldwork(ctx)
        for standard in assessment.standard_version.standards.all():
            services.finding_record(
                assessment=assessment, actor=ctx.agency_lead, standard=standard, rating=Rating.GREEN, evidence="Seen."
            )
        return services.assessment_submit_findings(assessment=assessment, actor=ctx.agency_lead)

    return ctx.once("recorded", make)


def _agency_agreed(ctx):
    return ctx.once(
        "agency_agreed", lambda: services.assessment_agency_agree(assessment=_recorded(ctx), actor=ctx.agency_lead)
    )


def _agreed(ctx):
    return ctx.once("agreed", lambda: services.assessment_agree(assessment=_agency_agreed(ctx), actor=ctx.qa_member))


def _action(ctx):
    return ctx.once(
        "action",
        lambda: services.action_add(
            assessment=_agreed(ctx), actor=ctx.agency_lead, description="Train", owner="Lead", due_on=date(2099, 1, 1)
        ),
    )


def _evidence(ctx):
    return ctx.once(
        "evidence",
        lambda: services.evidence_add(
            assessment=_fieldwork(ctx),
            actor=ctx.agency_lead,
            file=SimpleUploadedFile("minutes.pdf", PDF),
            description="Minutes",
        ),
    )


def _home(ctx):
    return ctx.once(
        "home",
        lambda: organisation_create(
            name="The Atkinson Secure Children's Home", kind=Organisation.Kind.SECURE_CHILDRENS_HOME
        ),
    )


def _report(ctx):
    return ctx.once(
        "report",
        lambda: services.secure_home_report_add(
            actor=ctx.qa_member,
            home=_home(ctx),
            kind="ofsted_annual",
            received_on=date(2026, 6, 1),
            file=SimpleUploadedFile("ofsted.pdf", PDF),
        ),
    )


def _risk(ctx):
    return ctx.once(
        "risk",
        lambda: services.secure_home_risk_record(
            actor=ctx.qa_member,
            home=_home(ctx),
            assessed_on=date(2026, 6, 2),
            risks="Staffing.",
            rating="medium",
            decision="walkabout",
            rationale="See the staff.",
        ),
    )


def _programme(ctx):
    return ctx.once("programme", lambda: services.scrutiny_programme_create(actor=ctx.qa_chair, year=2026))


def _programme_with_item(ctx):
    def make():
        programme = _programme(ctx)
        services.scrutiny_item_add(
            programme=programme,
            actor=ctx.qa_chair,
            title="Neglect",
            method="peer_review",
            owner="QA chair",
            timing="Autumn",
        )
        return programme

    return ctx.once("programme_item", make)


def _endorsed(ctx):
    return ctx.once(
        "endorsed",
        lambda: services.scrutiny_programme_endorse(programme=_programme_with_item(ctx), actor=ctx.executive),
    )


def _self_assessed(ctx):
    """A self-assessment of the agency lead's organisation, in the cycle before (one per cycle)."""

    def make():
        last = services.cycle_create(
            actor=ctx.qa_member, name="2025-26", starts_on=date(2025, 4, 1), ends_on=date(2026, 3, 31)
        )
        return services.assessment_plan(
            actor=ctx.qa_member,
            cycle=last,
            route=Assessment.Route.SELF_ASSESSMENT,
            organisation=ctx.agency_lead.organisation,
        )

    return ctx.once("self_assessed", make)


def _pk(make):
    return lambda ctx: {"pk": make(ctx).pk}


def _standard(make):
    return lambda ctx: {"pk": make(ctx).pk, "standard_pk": make(ctx).standard_version.standards.first().pk}


ROUTES = [
    Entry("walkabouts:list", expect=expect(404, **PAGE, **QA, **LEADS)),
    Entry("walkabouts:plan", expect=expect(404, **PAGE, **QA)),
    Entry(
        "walkabouts:plan",
        methods=("POST",),
        data=lambda ctx: {
            "cycle": str(_cycle(ctx).pk),
            "organisation": str(ctx.agency_lead.organisation_id),
            "route": "self_assessment",
        },
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302),
    ),
    Entry("walkabouts:record_elsewhere", expect=expect(404, **PAGE, **QA)),
    Entry(
        "walkabouts:record_elsewhere",
        methods=("POST",),
        data=lambda ctx: {"cycle": str(_cycle(ctx).pk)},
        expect=expect(404, **PAGE, **QA),
        why="Incomplete: the form comes back with its errors.",
    ),
    Entry(
        "walkabouts:comparison",
        expect=expect(404, **PAGE, **QA, **LEADS),
        why="An agency lead sees their own rows only.",
    ),
    Entry("walkabouts:standards", expect=expect(404, **PAGE, **QA, **LEADS)),
    Entry("walkabouts:standards_publish", expect=expect(404, **PAGE, **QA)),
    Entry(
        "walkabouts:standards_publish",
        methods=("POST",),
        data=lambda ctx: {"notes": ""},
        expect=expect(404, **PAGE, qa_chair=400, qa_member=400),
        why="Incomplete: the form comes back with its errors and no version is published.",
    ),
    Entry("walkabouts:cycles", expect=expect(404, **PAGE, **QA, **LEADS)),
    Entry("walkabouts:cycle_open", expect=expect(404, **PAGE, **QA)),
    Entry(
        "walkabouts:cycle_open",
        methods=("POST",),
        data=lambda ctx: {
            "name": "2027-28",
            "starts_on_day": "1",
            "starts_on_month": "4",
            "starts_on_year": "2027",
            "ends_on_day": "31",
            "ends_on_month": "3",
            "ends_on_year": "2028",
        },
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302),
    ),
    Entry(
        "walkabouts:detail",
        kwargs=_pk(_planned),
        expect=expect(404, **PAGE, **QA_AND_LEAD),
        why="Another agency's lead gets 404, as does everyone outside the QA Group.",
    ),
    Entry(
        "walkabouts:fieldwork",
        methods=("POST",),
        kwargs=_pk(_planned),
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302, agency_lead=403),
    ),
    Entry("walkabouts:record_return", kwargs=_pk(_self_assessed), expect=expect(404, **PAGE, **QA_AND_LEAD)),
    Entry(
        "walkabouts:record_return",
        methods=("POST",),
        kwargs=_pk(_self_assessed),
        data=lambda ctx: {"returned_on_day": "2", "returned_on_month": "6", "returned_on_year": "2025"},
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302, agency_lead=302),
    ),
    Entry(
        "walkabouts:record_return",
        kwargs=_pk(_planned),
        state="walkabout",
        expect=expect(404, **PAGE, qa_chair=403, qa_member=403, agency_lead=403),
        why="A walkabout has no self-assessment to return.",
    ),
    Entry(
        "walkabouts:finding",
        kwargs=_standard(_fieldwork),
        expect=expect(404, **PAGE, **QA_AND_LEAD),
    ),
    Entry(
        "walkabouts:finding",
        methods=("POST",),
        kwargs=_standard(_fieldwork),
        data=lambda ctx: {"rating": "green", "evidence": "Seen."},
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302, agency_lead=302),
    ),
    Entry(
        "walkabouts:submit_findings",
        methods=("POST",),
        kwargs=_pk(_fieldwork),
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302, agency_lead=302),
        why="Refused with a message (findings missing) and sent back to the assessment.",
    ),
    Entry(
        "walkabouts:agency_agree",
        methods=("POST",),
        kwargs=_pk(_recorded),
        expect=expect(404, **PAGE, qa_chair=403, qa_member=403, agency_lead=302),
        why="Only the agency's own lead agrees its findings.",
    ),
    Entry("walkabouts:return_findings", kwargs=_pk(_recorded), expect=expect(404, **PAGE, **QA_AND_LEAD)),
    Entry(
        "walkabouts:return_findings",
        methods=("POST",),
        kwargs=_pk(_recorded),
        data=lambda ctx: {"reason": "Misread."},
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302, agency_lead=302),
    ),
    Entry(
        "walkabouts:agree",
        methods=("POST",),
        kwargs=_pk(_agency_agreed),
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302, agency_lead=403),
    ),
    Entry(
        "walkabouts:complete",
        methods=("POST",),
        kwargs=_pk(_agreed),
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302, agency_lead=403),
    ),
    Entry("walkabouts:action_add", kwargs=_pk(_agreed), expect=expect(404, **PAGE, **QA_AND_LEAD)),
    Entry(
        "walkabouts:action_add",
        methods=("POST",),
        kwargs=_pk(_agreed),
        data=lambda ctx: {
            "description": "Train",
            "owner": "Lead",
            "owner_organisation": str(ctx.agency_lead.organisation_id),
            "due_on_day": "1",
            "due_on_month": "1",
            "due_on_year": "2099",
        },
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302, agency_lead=302),
    ),
    Entry(
        "walkabouts:action_progress",
        kwargs=lambda ctx: {"pk": _agreed(ctx).pk, "action_pk": _action(ctx).pk},
        expect=expect(404, **PAGE, **QA_AND_LEAD),
    ),
    Entry(
        "walkabouts:action_progress",
        methods=("POST",),
        kwargs=lambda ctx: {"pk": _agreed(ctx).pk, "action_pk": _action(ctx).pk},
        data=lambda ctx: {"text": "Half done."},
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302, agency_lead=302),
    ),
    Entry("walkabouts:evidence_add", kwargs=_pk(_fieldwork), expect=expect(404, **PAGE, **QA_AND_LEAD)),
    Entry(
        "walkabouts:evidence_add",
        methods=("POST",),
        kwargs=_pk(_fieldwork),
        data=lambda ctx: {"description": "Minutes"},
        expect=expect(404, **PAGE, **QA_AND_LEAD),
        why="No file: the form comes back with its error and nothing is stored.",
    ),
    Entry(
        "walkabouts:evidence_download",
        kwargs=lambda ctx: {"pk": _fieldwork(ctx).pk, "evidence_pk": _evidence(ctx).pk},
        expect=expect(404, **PAGE, **QA_AND_LEAD),
    ),
    Entry("walkabouts:report_pdf", kwargs=_pk(_agreed), expect=expect(404, **PAGE, **QA_AND_LEAD)),
    Entry("walkabouts:secure_home", expect=expect(404, **PAGE, **QA)),
    Entry(
        "walkabouts:secure_home_report_add",
        kwargs=lambda ctx: {"home_pk": _home(ctx).pk},
        expect=expect(404, **PAGE, **QA),
    ),
    Entry(
        "walkabouts:secure_home_report_add",
        methods=("POST",),
        kwargs=lambda ctx: {"home_pk": _home(ctx).pk},
        data=lambda ctx: {"kind": "ofsted_annual"},
        expect=expect(404, **PAGE, **QA),
        why="No file: the form comes back with its error.",
    ),
    Entry(
        "walkabouts:secure_home_report_download",
        kwargs=lambda ctx: {"report_pk": _report(ctx).pk},
        expect=expect(404, **PAGE, **QA),
    ),
    Entry(
        "walkabouts:secure_home_risk_add",
        kwargs=lambda ctx: {"home_pk": _home(ctx).pk},
        expect=expect(404, **PAGE, **QA),
    ),
    Entry(
        "walkabouts:secure_home_risk_add",
        methods=("POST",),
        kwargs=lambda ctx: {"home_pk": _home(ctx).pk},
        data=lambda ctx: {
            "assessed_on_day": "2",
            "assessed_on_month": "6",
            "assessed_on_year": "2026",
            "risks": "Staffing.",
            "rating": "low",
            "decision": "no_walkabout",
            "rationale": "Stable.",
        },
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302),
    ),
    Entry(
        "walkabouts:secure_home_walkabout",
        kwargs=lambda ctx: {"risk_pk": _risk(ctx).pk},
        expect=expect(404, **PAGE, **QA),
    ),
    Entry(
        "walkabouts:secure_home_walkabout",
        methods=("POST",),
        kwargs=lambda ctx: {"risk_pk": _risk(ctx).pk},
        data=lambda ctx: {
            "cycle": str(_cycle(ctx).pk),
            "visit_on_day": "3",
            "visit_on_month": "12",
            "visit_on_year": "2026",
        },
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302),
    ),
    Entry("walkabouts:scrutiny_list", expect=expect(404, **PAGE, **QA, executive=200)),
    Entry(
        "walkabouts:scrutiny_list",
        methods=("POST",),
        data=lambda ctx: {"year": "2027"},
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302, executive=403),
    ),
    Entry("walkabouts:scrutiny_detail", kwargs=_pk(_programme), expect=expect(404, **PAGE, **QA, executive=200)),
    Entry("walkabouts:scrutiny_item_add", kwargs=_pk(_programme), expect=expect(404, **PAGE, **QA, executive=403)),
    Entry(
        "walkabouts:scrutiny_item_add",
        methods=("POST",),
        kwargs=_pk(_programme),
        data=lambda ctx: {"title": "Neglect", "method": "peer_review", "owner": "QA chair", "timing": "Autumn"},
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302, executive=403),
    ),
    Entry(
        "walkabouts:scrutiny_endorse",
        methods=("POST",),
        kwargs=_pk(_programme_with_item),
        expect=expect(404, **PAGE, qa_chair=403, qa_member=403, executive=302),
    ),
    Entry(
        "walkabouts:scrutiny_item_outcome",
        kwargs=lambda ctx: {"pk": _endorsed(ctx).pk, "item_pk": _endorsed(ctx).items.first().pk},
        expect=expect(404, **PAGE, **QA, executive=403),
    ),
    Entry(
        "walkabouts:scrutiny_item_outcome",
        methods=("POST",),
        kwargs=lambda ctx: {"pk": _endorsed(ctx).pk, "item_pk": _endorsed(ctx).items.first().pk},
        data=lambda ctx: {"findings": "Good.", "learning": "", "dissemination": ""},
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302, executive=403),
    ),
    # API
    Entry("api:walkabouts-standards", expect=expect(404, **API, **QA, **LEADS)),
    Entry("api:walkabouts-cycles", expect=expect(404, **API, **QA, **LEADS)),
    Entry(
        "api:walkabouts-cycles",
        methods=("POST",),
        json=True,
        data=lambda ctx: {"name": "2027-28", "starts_on": "2027-04-01", "ends_on": "2028-03-31"},
        expect=expect(404, **API, qa_chair=201, qa_member=201, agency_lead=403, other_agency=403),
        why="Agency leads read the cycles but only the QA Group opens one.",
    ),
    Entry(
        "api:walkabouts-standards",
        methods=("POST",),
        json=True,
        data=lambda ctx: {
            "notes": "Training reworded.",
            "standards": [{"key": "training", "title": "Training", "what_good_looks_like": "All staff trained."}],
        },
        expect=expect(404, **API, qa_chair=201, qa_member=201, agency_lead=403, other_agency=403),
    ),
    Entry("api:walkabouts-assessment-list", expect=expect(404, **API, **QA, **LEADS)),
    Entry(
        "api:walkabouts-assessment-list",
        methods=("POST",),
        json=True,
        data=lambda ctx: {
            "cycle": _cycle(ctx).name,
            "organisation": ctx.agency_lead.organisation_id,
            "route": "self_assessment",
        },
        expect=expect(404, **API, qa_chair=201, qa_member=201),
    ),
    Entry("api:walkabouts-assessment-detail", kwargs=_pk(_planned), expect=expect(404, **API, **QA_AND_LEAD)),
    Entry(
        "api:walkabouts-assessment-elsewhere",
        methods=("POST",),
        json=True,
        data=lambda ctx: {"cycle": _cycle(ctx).name},
        expect=expect(404, **API, qa_chair=400, qa_member=400),
        why="Incomplete: 400 with the messages; only the QA Group records an assessment by another partnership.",
    ),
    Entry(
        "api:walkabouts-assessment-returned",
        methods=("POST",),
        json=True,
        kwargs=_pk(_self_assessed),
        data=lambda ctx: {"returned_on": "2025-06-02"},
        expect=expect(404, **API, **QA_AND_LEAD),
    ),
    Entry(
        "api:walkabouts-assessment-fieldwork",
        methods=("POST",),
        kwargs=_pk(_planned),
        expect=expect(404, **API, **QA, agency_lead=403),
    ),
    Entry(
        "api:walkabouts-assessment-submit-findings",
        methods=("POST",),
        kwargs=_pk(_fieldwork),
        expect=expect(404, **API, qa_chair=400, qa_member=400, agency_lead=400),
        why="Findings are missing: 400 with the message.",
    ),
    Entry(
        "api:walkabouts-assessment-agency-agree",
        methods=("POST",),
        kwargs=_pk(_recorded),
        expect=expect(404, **API, qa_chair=403, qa_member=403, agency_lead=200),
    ),
    Entry(
        "api:walkabouts-assessment-agree",
        methods=("POST",),
        kwargs=_pk(_agency_agreed),
        expect=expect(404, **API, **QA, agency_lead=403),
    ),
    Entry(
        "api:walkabouts-assessment-return-findings",
        methods=("POST",),
        json=True,
        kwargs=_pk(_recorded),
        data=lambda ctx: {"reason": "Misread."},
        expect=expect(404, **API, **QA_AND_LEAD),
    ),
    Entry(
        "api:walkabouts-assessment-complete",
        methods=("POST",),
        kwargs=_pk(_agreed),
        expect=expect(404, **API, **QA, agency_lead=403),
    ),
    Entry(
        "api:walkabouts-finding",
        methods=("PUT",),
        json=True,
        kwargs=_standard(_fieldwork),
        data=lambda ctx: {"rating": "green", "evidence": "Seen.", "version": 0},
        expect=expect(404, **API, **QA_AND_LEAD),
    ),
    Entry("api:walkabouts-expectations", kwargs=_pk(_fieldwork), expect=expect(404, **API, **QA_AND_LEAD)),
    Entry(
        "api:walkabouts-expectations",
        methods=("POST",),
        json=True,
        kwargs=_pk(_fieldwork),
        data=lambda ctx: {
            "standard": _fieldwork(ctx).standard_version.standards.first().pk,
            "text": "A training matrix reviewed monthly.",
        },
        expect=expect(404, **API, qa_chair=201, qa_member=201, agency_lead=201),
    ),
    Entry(
        "api:walkabouts-evidence-file",
        kwargs=lambda ctx: {"pk": _fieldwork(ctx).pk, "evidence_pk": _evidence(ctx).pk},
        expect=expect(404, **API, **QA_AND_LEAD),
    ),
    Entry(
        "api:walkabouts-action-create",
        methods=("POST",),
        json=True,
        kwargs=_pk(_agreed),
        data=lambda ctx: {"description": "Train", "owner": "Lead", "due_on": "2099-01-01"},
        expect=expect(404, **API, qa_chair=201, qa_member=201, agency_lead=201),
    ),
    Entry(
        "api:walkabouts-action-progress",
        methods=("POST",),
        json=True,
        kwargs=lambda ctx: {"pk": _agreed(ctx).pk, "action_pk": _action(ctx).pk},
        data=lambda ctx: {"text": "Half done."},
        expect=expect(404, **API, **QA_AND_LEAD),
    ),
    Entry(
        "api:walkabouts-evidence-create",
        methods=("POST",),
        kwargs=_pk(_fieldwork),
        data=lambda ctx: {"description": "Minutes"},
        expect=expect(404, **API, qa_chair=400, qa_member=400, agency_lead=400),
        why="No file: 400 and nothing stored.",
    ),
    Entry("api:walkabouts-comparison", expect=expect(404, **API, **QA, **LEADS)),
    Entry("api:walkabouts-scrutiny-list", expect=expect(404, **API, **QA, executive=200)),
    Entry(
        "api:walkabouts-scrutiny-list",
        methods=("POST",),
        json=True,
        data=lambda ctx: {"year": 2027},
        expect=expect(404, **API, qa_chair=201, qa_member=201, executive=403),
    ),
    Entry(
        "api:walkabouts-scrutiny-item-create",
        methods=("POST",),
        json=True,
        kwargs=_pk(_programme),
        data=lambda ctx: {"title": "Neglect", "method": "peer_review", "owner": "QA chair", "timing": "Autumn"},
        expect=expect(404, **API, qa_chair=201, qa_member=201, executive=403),
    ),
    Entry(
        "api:walkabouts-scrutiny-endorse",
        methods=("POST",),
        kwargs=_pk(_programme_with_item),
        expect=expect(404, **API, qa_chair=403, qa_member=403, executive=200),
    ),
    Entry(
        "api:walkabouts-scrutiny-item-outcome",
        methods=("PUT",),
        json=True,
        kwargs=lambda ctx: {"pk": _endorsed(ctx).pk, "item_pk": _endorsed(ctx).items.first().pk},
        data=lambda ctx: {"findings": "Good.", "learning": "Share it.", "dissemination": "Briefing."},
        expect=expect(404, **API, **QA, executive=403),
    ),
    Entry("api:walkabouts-secure-home-reports", expect=expect(404, **API, **QA)),
    Entry(
        "api:walkabouts-secure-home-reports",
        methods=("POST",),
        data=lambda ctx: {"home": str(_home(ctx).pk), "kind": "ofsted_annual", "received_on": "2026-06-01"},
        expect=expect(404, **API, qa_chair=400, qa_member=400),
        why="No file: 400 and nothing stored.",
    ),
    Entry(
        "api:walkabouts-secure-home-report-file",
        kwargs=lambda ctx: {"pk": _report(ctx).pk},
        expect=expect(404, **API, **QA),
    ),
    Entry(
        "api:walkabouts-secure-home-walkabout",
        methods=("POST",),
        json=True,
        kwargs=_pk(_risk),
        data=lambda ctx: {"cycle": _cycle(ctx).name, "visit_on": "2026-12-03"},
        expect=expect(404, **API, qa_chair=201, qa_member=201),
    ),
    Entry("api:walkabouts-secure-home-risks", expect=expect(404, **API, **QA)),
    Entry(
        "api:walkabouts-secure-home-risks",
        methods=("POST",),
        json=True,
        data=lambda ctx: {
            "home": _home(ctx).pk,
            "assessed_on": "2026-06-02",
            "risks": "Staffing.",
            "rating": "low",
            "decision": "no_walkabout",
            "rationale": "Stable.",
        },
        expect=expect(404, **API, qa_chair=201, qa_member=201),
    ),
]
