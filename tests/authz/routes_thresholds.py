"""Levels of need, threshold decisions and case disagreements: pages and API.

Who sees what: the plain-language tool is public. A threshold decision is seen by its organisation's
practitioners and leads and by the QA Group; everyone else gets 404 (the other agency included). A
disagreement is seen by the people named in it and the leads of the organisations named; here the school
practitioner's disagreement with the nursing service, which the nursing service's lead sees and the other
agency does not. The QA Group maintains the tool; the others who read it get 403 on changes.
"""

import functools
from datetime import date

from dcfp.models import LocalityPartnership
from tests.authz.matrix import Entry, expect
from tests.thresholds.conftest import TOOL, decision_input, disagreement_input, indicator
from thresholds import services
from thresholds.models import Indicator

PAGE = {"anonymous": 302}
API = {"anonymous": 401}
DECISION_READERS = {"practitioner": 200, "agency_lead": 200, "other_agency": 200, "qa_chair": 200, "qa_member": 200}
RECORDERS = ("practitioner", "agency_lead", "other_agency")
RAISERS = ("practitioner", "agency_lead", "other_agency", "qa_chair", "qa_member", "csprg", "partner_rep")
PARTIES = {"practitioner": 200, "agency_lead": 200}


def _tool(ctx):
    def make():
        version = services.tool_version_create(actor=ctx.qa_member, data=TOOL)
        return services.tool_version_publish(version=version, actor=ctx.qa_member, effective_from=date(2026, 1, 1))

    return ctx.once("tool", make)


def _draft(ctx):
    _tool(ctx)
    return ctx.once(
        "draft",
        lambda: services.tool_version_create(
            actor=ctx.qa_member, data=services.copy_input(_tool(ctx), new_version="2.0")
        ),
    )


def _locality(ctx):
    return ctx.once("locality", lambda: LocalityPartnership.objects.create(name="Exeter"))


def _decision(ctx):
    return ctx.once(
        "decision",
        lambda: services.decision_record(actor=ctx.practitioner, data=decision_input(_tool(ctx), _locality(ctx))),
    )


def _disagreement(ctx):
    return ctx.once(
        "disagreement",
        lambda: services.disagreement_raise(
            actor=ctx.practitioner, data=disagreement_input(ctx.agency_lead.organisation)
        ),
    )


def _pk(make):
    return lambda ctx: {"pk": make(ctx).pk}


def _decision_form(ctx) -> dict:
    tool = _tool(ctx)
    return {
        "decided_on_day": "2",
        "decided_on_month": "11",
        "decided_on_year": "2026",
        "local_identifier": "X-1",
        "age_band": "5-9",
        "sex": "female",
        "ethnicity": "white",
        "disability": "no",
        "locality": str(_locality(ctx).pk),
        "indicators": [str(indicator(tool, "Missed health checks").pk)],
        "level": "2",
        "lead_practitioner": "Jo Smith",
        "save": "1",
    }


def _decision_body(ctx) -> dict:
    tool = _tool(ctx)
    return {
        "decided_on": "2026-11-02",
        "local_identifier": "X-1",
        "age_band": "5-9",
        "sex": "female",
        "ethnicity": "white",
        "disability": "no",
        "locality": _locality(ctx).pk,
        "indicators": [indicator(tool, "Missed health checks").pk],
        "level": 2,
        "lead_practitioner": "Jo Smith",
    }


def _raise_form(ctx) -> dict:
    return {
        "disagreement_with": "other_agency",
        "organisation": str(ctx.reviewer.organisation_id),
        "type": "threshold",
        "summary": "We disagree.",
    }


def _raise_body(ctx) -> dict:
    return {
        "disagreement_with": "other_agency",
        "organisation": ctx.reviewer.organisation_id,
        "type": "threshold",
        "summary": "We disagree.",
    }


def _everyone(status: int, **others):
    return expect(status, **others)


TOOL_EDITORS = {**dict.fromkeys(RECORDERS, 403), "qa_chair": 200, "qa_member": 200}
TOOL_SAVERS = {**dict.fromkeys(RECORDERS, 403), "qa_chair": 302, "qa_member": 302}


def _draft_item(kind: str):
    def item(ctx):
        draft = _draft(ctx)
        found = {
            "domain": lambda: draft.domains.first(),
            "indicator": lambda: Indicator.objects.filter(domain__version=draft).first(),
            "strength": lambda: draft.strengths.first(),
        }[kind]()
        return {"pk": draft.pk, "item": found.pk}

    return item


def _draft_pages() -> list[Entry]:
    """Changing a draft: its readers who are not the QA Group get 403, everyone else 404."""
    pages = [
        ("thresholds:tool_version_edit", _pk(_draft), {"name": "Levels of need 2", "level_2": "Some extra help."}),
        ("thresholds:tool_domain_add", _pk(_draft), {"name": "School"}),
        ("thresholds:tool_domain_edit", _draft_item("domain"), {"name": "Health"}),
        (
            "thresholds:tool_indicator_edit",
            _draft_item("indicator"),
            {"level": "2", "wording": "Changed", "plain_wording": "Changed"},
        ),
        ("thresholds:tool_strength_add", _pk(_draft), {"wording": "W", "plain_wording": "P"}),
        ("thresholds:tool_strength_edit", _draft_item("strength"), {"remove": "1"}),
    ]
    entries = []
    for route, kwargs, body in pages:
        entries.append(Entry(route, kwargs=kwargs, expect=expect(404, **PAGE, **TOOL_EDITORS)))
        entries.append(
            Entry(
                route,
                kwargs=kwargs,
                methods=("POST",),
                data=functools.partial(_with_domain, route=route, body=body),
                expect=expect(404, **PAGE, **TOOL_SAVERS),
                why="A draft changed by the QA Group returns to its page.",
            )
        )
    return entries


def _with_domain(ctx, *, route: str, body: dict) -> dict:
    if route == "thresholds:tool_indicator_edit":
        return {**body, "domain": str(_draft(ctx).domains.first().pk)}
    return body


ROUTES = [
    Entry("levels_of_need", expect=_everyone(200), why="The plain-language tool is for families: no sign-in."),
    Entry("thresholds:decision_log", expect=expect(404, **PAGE, **DECISION_READERS)),
    Entry("thresholds:breakdown", expect=expect(404, **PAGE, **DECISION_READERS)),
    Entry(
        "thresholds:decision_record",
        kwargs=lambda ctx: (_tool(ctx), {})[1],
        expect=expect(404, **PAGE, **dict.fromkeys(RECORDERS, 200)),
    ),
    Entry(
        "thresholds:decision_record",
        methods=("POST",),
        data=_decision_form,
        expect=expect(404, **PAGE, **dict.fromkeys(RECORDERS, 302)),
        why="A valid decision is saved and its page opens.",
    ),
    Entry(
        "thresholds:decision_detail",
        kwargs=_pk(_decision),
        expect=expect(404, **PAGE, practitioner=200, qa_chair=200, qa_member=200),
        why="The school's decision: the school and the QA Group; the other agency and the nursing lead get 404.",
    ),
    Entry("thresholds:tool_versions", expect=expect(404, **PAGE, **DECISION_READERS)),
    Entry(
        "thresholds:tool_version_new",
        methods=("POST",),
        data=lambda ctx: (_tool(ctx), {"version": "3.0"})[1],
        expect=expect(404, **PAGE, qa_chair=302, qa_member=302),
    ),
    Entry("thresholds:tool_version", kwargs=_pk(_tool), expect=expect(404, **PAGE, **DECISION_READERS)),
    Entry(
        "thresholds:tool_version_publish",
        kwargs=_pk(_draft),
        methods=("POST",),
        data=lambda ctx: {
            "publish-effective_from_day": "1",
            "publish-effective_from_month": "12",
            "publish-effective_from_year": "2026",
        },
        expect=expect(404, **PAGE, **{**dict.fromkeys(RECORDERS, 403), "qa_chair": 302, "qa_member": 302}),
    ),
    Entry(
        "thresholds:tool_indicator_add",
        kwargs=_pk(_draft),
        methods=("POST",),
        data=lambda ctx: {
            "indicator-domain": str(_draft(ctx).domains.first().pk),
            "indicator-level": "3",
            "indicator-wording": "New sign",
            "indicator-plain_wording": "A new sign",
        },
        expect=expect(404, **PAGE, **{**dict.fromkeys(RECORDERS, 403), "qa_chair": 302, "qa_member": 302}),
    ),
    *_draft_pages(),
    Entry("thresholds:disagreement_list", expect=expect(200, **PAGE)),
    Entry("thresholds:disagreement_raise", expect=expect(404, **PAGE, **dict.fromkeys(RAISERS, 200))),
    Entry(
        "thresholds:disagreement_raise",
        methods=("POST",),
        data=_raise_form,
        expect=expect(404, **PAGE, **dict.fromkeys(RAISERS, 302)),
        why="Raising is never blocked for anyone in casework.",
    ),
    Entry("thresholds:disagreement_report", expect=expect(404, **PAGE, **dict.fromkeys(RAISERS, 200))),
    Entry(
        "thresholds:disagreement_detail",
        kwargs=_pk(_disagreement),
        expect=expect(404, **PAGE, **PARTIES),
        why="The school practitioner is named; so is the nursing service, its lead sees it. Stage 1: no QA chair.",
    ),
    Entry(
        "thresholds:disagreement_respond",
        kwargs=_pk(_disagreement),
        methods=("POST",),
        data=lambda ctx: {"respond-text": "We see it differently."},
        expect=expect(404, **PAGE, practitioner=302, agency_lead=302),
    ),
    Entry(
        "thresholds:disagreement_party_add",
        kwargs=_pk(_disagreement),
        methods=("POST",),
        data=lambda ctx: {"party-organisation": str(ctx.other_agency.organisation_id)},
        expect=expect(404, **PAGE, practitioner=302, agency_lead=302),
        why="Those part of it name another agency; everyone else gets 404.",
    ),
    Entry(
        "thresholds:disagreement_escalate",
        kwargs=_pk(_disagreement),
        methods=("POST",),
        data=lambda ctx: {"escalate-reason": "Not resolved."},
        expect=expect(404, **PAGE, practitioner=302, agency_lead=302),
    ),
    Entry(
        "thresholds:disagreement_resolve",
        kwargs=_pk(_disagreement),
        methods=("POST",),
        data=lambda ctx: {"resolve-outcome": "Agreed a plan."},
        expect=expect(404, **PAGE, practitioner=302, agency_lead=302),
    ),
    # API
    Entry("api:threshold-tool", kwargs=lambda ctx: (_tool(ctx), {})[1], expect=_everyone(200)),
    Entry("api:threshold-tool-version-list", expect=expect(404, **API, **DECISION_READERS)),
    Entry(
        "api:threshold-tool-version-list",
        methods=("POST",),
        json=True,
        data=lambda ctx: (_tool(ctx), {"version": "3.0"})[1],
        expect=expect(404, **API, **{**dict.fromkeys(RECORDERS, 403), "qa_chair": 201, "qa_member": 201}),
        why="A new draft, copied from the current version: the QA Group's; the other readers get 403.",
    ),
    Entry("api:threshold-tool-version-detail", kwargs=_pk(_draft), expect=expect(404, **API, **DECISION_READERS)),
    Entry(
        "api:threshold-tool-version-detail",
        kwargs=_pk(_draft),
        methods=("PUT",),
        json=True,
        data=lambda ctx: {"name": "Levels of need 2", "strengths": [{"wording": "W", "plain_wording": "P"}]},
        expect=expect(404, **API, **{**dict.fromkeys(RECORDERS, 403), "qa_chair": 200, "qa_member": 200}),
        why="A draft's content replaced: the QA Group's; a published version never changes.",
    ),
    Entry(
        "api:threshold-tool-version-publish",
        kwargs=_pk(_draft),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"effective_from": "2026-12-01"},
        expect=expect(404, **API, **{**dict.fromkeys(RECORDERS, 403), "qa_chair": 200, "qa_member": 200}),
    ),
    Entry("api:threshold-decision-list", expect=expect(404, **API, **DECISION_READERS)),
    Entry(
        "api:threshold-decision-list",
        methods=("POST",),
        json=True,
        data=_decision_body,
        expect=expect(404, **API, **dict.fromkeys(RECORDERS, 201)),
    ),
    Entry("api:threshold-decision-breakdown", expect=expect(404, **API, **DECISION_READERS)),
    Entry(
        "api:threshold-decision-detail",
        kwargs=_pk(_decision),
        expect=expect(404, **API, practitioner=200, qa_chair=200, qa_member=200),
    ),
    Entry("api:disagreement-list", expect=expect(200, **API)),
    Entry(
        "api:disagreement-list",
        methods=("POST",),
        json=True,
        data=_raise_body,
        expect=expect(404, **API, **dict.fromkeys(RAISERS, 201)),
    ),
    Entry("api:disagreement-report", expect=expect(404, **API, **dict.fromkeys(RAISERS, 200))),
    Entry("api:disagreement-detail", kwargs=_pk(_disagreement), expect=expect(404, **API, **PARTIES)),
    Entry(
        "api:disagreement-respond",
        kwargs=_pk(_disagreement),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"text": "We see it differently."},
        expect=expect(404, **API, **PARTIES),
    ),
    Entry(
        "api:disagreement-party-add",
        kwargs=_pk(_disagreement),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"organisation": ctx.other_agency.organisation_id},
        expect=expect(404, **API, **PARTIES),
    ),
    Entry(
        "api:disagreement-escalate",
        kwargs=_pk(_disagreement),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"reason": "Not resolved."},
        expect=expect(404, **API, **PARTIES),
    ),
    Entry(
        "api:disagreement-resolve",
        kwargs=_pk(_disagreement),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"outcome": "Agreed a plan."},
        expect=expect(404, **API, **PARTIES),
    ),
]
