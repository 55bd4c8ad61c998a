"""Rapid reviews and agency summaries: pages and API.

Who sees what: the CSPRG, the QA chair and partner representatives see every rapid review; an Executive
member only the reports copied to them once every Safeguarding Partner has signed off; an agency summary
is seen by the CSPRG and that agency's own leads only (the practitioner of another involved agency, and the lead of an
agency with no part in the case, get 404). Everyone else gets 404, never 403. A person who may see a
record but not take an action gets 403.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from dcfp.models import Area
from dcfp.roles import Role
from rapid_reviews import services
from rapid_reviews.models import AgencySummary
from tests.authz.matrix import Entry, expect
from tests.factories import UserFactory
from tests.rapid_reviews.conftest import notified_incident, write_report

PAGE = {"anonymous": 302}
API = {"anonymous": 401}
SEE_ALL = {"csprg": 200, "qa_chair": 200, "partner_rep": 200}
LOOK_ONLY = {"qa_chair": 403, "partner_rep": 403}
LONDON = ZoneInfo("Europe/London")


def _notified(ctx, key: str = "notified"):
    def make():
        return notified_incident(
            csprg=ctx.csprg,
            qa_chair=ctx.qa_chair,
            partner_rep=ctx.partner_rep,
            devon=Area.objects.get(code="devon"),
            agencies=[ctx.agency_lead.organisation, ctx.practitioner.organisation],
            submitted_at=datetime(2026, 11, 5, 11, 0, tzinfo=LONDON),
        )

    return ctx.once(key, make)


def _review(ctx):
    return ctx.once("review", lambda: services.review_start(incident=_notified(ctx), actor=ctx.csprg))


def _complete(ctx):
    def make():
        review = _review(ctx)
        write_report(review, ctx.csprg)
        return services.review_record_outcome(review=review, actor=ctx.csprg, outcome="b", rationale="Learning.")

    return ctx.once("complete", make)


def _sign_off(ctx):
    return ctx.once("sign_off", lambda: services.review_send_for_sign_off(review=_complete(ctx), actor=ctx.csprg))


def _endorsement(ctx):
    def make():
        review = _sign_off(ctx)
        for org in (ctx.csprg.organisation, ctx.qa_member.organisation):
            review = services.review_sign_off(
                review=review, actor=UserFactory(organisation=org, roles=[Role.PARTNER_REP])
            )
        return services.review_sign_off(review=review, actor=ctx.partner_rep)

    return ctx.once("endorsement", make)


def _ready(ctx):
    return ctx.once("ready", lambda: services.review_endorse(review=_endorsement(ctx), actor=ctx.executive))


def _sent(ctx):
    def make():
        from django.utils import timezone

        return services.review_record_sent(review=_ready(ctx), actor=ctx.csprg, sent_on=timezone.localdate())

    return ctx.once("sent", make)


def _summary(ctx):
    """The nursing service's summary (the agency_lead persona's agency)."""
    return _review(ctx).summaries.get(organisation=ctx.agency_lead.organisation)


def _submitted(ctx):
    def make():
        summary = _summary(ctx)
        sections = dict.fromkeys(AgencySummary.SECTIONS, "Written.")
        return services.summary_submit(
            summary=summary, actor=ctx.agency_lead, version=summary.version, sections=sections
        )

    return ctx.once("submitted", make)


def _date_boxes(name: str, day) -> dict:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def _pk(make):
    return lambda ctx: {"pk": make(ctx).pk}


def _summary_form(ctx) -> dict:
    return dict.fromkeys(AgencySummary.SECTIONS, "Typed.") | {"version": str(_summary(ctx).version), "save": "1"}


# A report signed off by every Safeguarding Partner is copied to the Executive (dcfp.copies): every
# member reads it, one who joins later included.
COPIED = {"executive": 200, "executive_uncopied": 200}
ENDORSED_REVIEW = {**SEE_ALL, **COPIED}

ROUTES = [
    Entry("rapid_reviews:list", expect=expect(404, **PAGE, **SEE_ALL, executive=200)),
    Entry(
        "rapid_reviews:start",
        kwargs=lambda ctx: {"incident_pk": _notified(ctx).pk},
        expect=expect(404, **PAGE, csprg=200),
    ),
    Entry(
        "rapid_reviews:start",
        kwargs=lambda ctx: {"incident_pk": _notified(ctx).pk},
        methods=("POST",),
        expect=expect(404, **PAGE, csprg=302),
        why="The review opens and the CSPRG goes to it.",
    ),
    Entry(
        "rapid_reviews:detail",
        kwargs=_pk(_review),
        expect=expect(404, **PAGE, **SEE_ALL),
        why="Not yet given to the Executive; agency leads see their summary, never the review.",
    ),
    Entry(
        "rapid_reviews:detail",
        kwargs=_pk(_endorsement),
        methods=("HEAD",),
        expect=expect(404, **PAGE, **ENDORSED_REVIEW),
        why="Given to every Executive member when it goes for endorsement.",
    ),
    Entry(
        "rapid_reviews:report_pdf",
        kwargs=_pk(_review),
        state="in progress",
        expect=expect(404, **PAGE, **SEE_ALL),
        why="The unmarked report; agencies and Executive members never get it.",
    ),
    Entry(
        "rapid_reviews:report_pdf",
        kwargs=_pk(_endorsement),
        state="awaiting endorsement",
        expect=expect(404, **PAGE, **SEE_ALL),
        why="Executive members get only their own watermarked copy, never the unmarked report.",
    ),
    Entry(
        "rapid_reviews:executive_copy_pdf",
        kwargs=_pk(_endorsement),
        state="awaiting endorsement",
        expect=expect(404, **PAGE, **COPIED),
        why="Each Executive member's own watermarked copy once every partner has signed off; nobody else's.",
    ),
    Entry(
        "rapid_reviews:executive_copy_pdf",
        kwargs=_pk(_review),
        state="in progress",
        expect=expect(404, **PAGE),
        why="Not copied before every partner has signed off.",
    ),
    Entry(
        "rapid_reviews:section",
        kwargs=lambda ctx: {"pk": _review(ctx).pk, "key": "facts"},
        expect=expect(404, **PAGE, csprg=200, **LOOK_ONLY),
    ),
    Entry(
        "rapid_reviews:section",
        kwargs=lambda ctx: {"pk": _review(ctx).pk, "key": "facts"},
        methods=("POST",),
        data=lambda ctx: {"text": "Chronology.", "version": "1"},
        expect=expect(404, **PAGE, csprg=302, **LOOK_ONLY),
    ),
    Entry(
        "rapid_reviews:outcome",
        kwargs=_pk(_review),
        expect=expect(404, **PAGE, csprg=200, **LOOK_ONLY),
    ),
    Entry(
        "rapid_reviews:outcome",
        kwargs=_pk(_review),
        methods=("POST",),
        data=lambda ctx: {"outcome": "c", "rationale": "Learning.", "reg11_criteria": ["recurrent"]},
        expect=expect(404, **PAGE, csprg=302, **LOOK_ONLY),
    ),
    Entry(
        "rapid_reviews:send_for_sign_off",
        kwargs=_pk(_complete),
        expect=expect(404, **PAGE, csprg=200, **LOOK_ONLY),
    ),
    Entry(
        "rapid_reviews:send_for_sign_off",
        kwargs=_pk(_complete),
        methods=("POST",),
        expect=expect(404, **PAGE, csprg=302, **LOOK_ONLY),
    ),
    Entry(
        "rapid_reviews:sign_off",
        kwargs=_pk(_sign_off),
        expect=expect(404, **PAGE, csprg=403, qa_chair=403, partner_rep=200),
        why="Only a partner representative signs, for their own organisation.",
    ),
    Entry(
        "rapid_reviews:sign_off",
        kwargs=_pk(_sign_off),
        methods=("POST",),
        expect=expect(404, **PAGE, csprg=403, qa_chair=403, partner_rep=302),
    ),
    Entry(
        "rapid_reviews:endorse",
        kwargs=_pk(_endorsement),
        expect=expect(404, **PAGE, csprg=403, **LOOK_ONLY, executive=200, executive_uncopied=200),
    ),
    Entry(
        "rapid_reviews:endorse",
        kwargs=_pk(_endorsement),
        methods=("POST",),
        data=lambda ctx: {"decision": "endorse"},
        expect=expect(404, **PAGE, csprg=403, **LOOK_ONLY, executive=302, executive_uncopied=302),
    ),
    Entry(
        "rapid_reviews:sent",
        kwargs=_pk(_ready),
        expect=expect(404, **PAGE, csprg=200, **LOOK_ONLY, executive=403, executive_uncopied=403),
    ),
    Entry(
        "rapid_reviews:sent",
        kwargs=_pk(_ready),
        methods=("POST",),
        data=lambda ctx: {"sent_on_day": "12", "sent_on_month": "11", "sent_on_year": "2026"},
        expect=expect(404, **PAGE, csprg=302, **LOOK_ONLY, executive=403, executive_uncopied=403),
    ),
    Entry(
        "rapid_reviews:panel_reply",
        kwargs=_pk(_sent),
        expect=expect(404, **PAGE, csprg=200, **LOOK_ONLY, executive=403, executive_uncopied=403),
    ),
    Entry(
        "rapid_reviews:panel_reply",
        kwargs=_pk(_sent),
        methods=("POST",),
        data=lambda ctx: _date_boxes("replied_on", _sent(ctx).sent_on) | {"reply": "agrees"},
        expect=expect(404, **PAGE, csprg=302, **LOOK_ONLY, executive=403, executive_uncopied=403),
    ),
    Entry(
        "rapid_reviews:add_agency",
        kwargs=_pk(_review),
        expect=expect(404, **PAGE, csprg=200, **LOOK_ONLY),
    ),
    Entry(
        "rapid_reviews:add_agency",
        kwargs=_pk(_review),
        methods=("POST",),
        data=lambda ctx: {"organisation": str(ctx.other_agency.organisation_id)},
        expect=expect(404, **PAGE, csprg=302, **LOOK_ONLY),
    ),
    Entry(
        "rapid_reviews:summaries",
        expect=expect(404, **PAGE, csprg=200, agency_lead=200, other_agency=200),
        why="Every agency lead has the list (an empty one when their agency has no summary to write).",
    ),
    Entry(
        "rapid_reviews:summary",
        kwargs=_pk(_summary),
        expect=expect(404, **PAGE, csprg=200, agency_lead=200),
        why="Another involved agency's practitioner and an unrelated agency's lead get 404.",
    ),
    Entry(
        "rapid_reviews:summary",
        kwargs=_pk(_summary),
        methods=("POST",),
        data=_summary_form,
        expect=expect(404, **PAGE, csprg=403, agency_lead=302),
        why="The CSPRG reads the summary but only the agency's leads write it.",
    ),
    Entry(
        "rapid_reviews:summary_return",
        kwargs=_pk(_submitted),
        expect=expect(404, **PAGE, csprg=200, agency_lead=403),
    ),
    Entry(
        "rapid_reviews:summary_return",
        kwargs=_pk(_submitted),
        methods=("POST",),
        data=lambda ctx: {"reason": "Add the dates."},
        expect=expect(404, **PAGE, csprg=302, agency_lead=403),
    ),
    # API
    Entry("api:rapid-review-list", expect=expect(404, **API, **SEE_ALL, executive=200)),
    Entry(
        "api:rapid-review-list",
        methods=("POST",),
        json=True,
        data=lambda ctx: {"incident": _notified(ctx).pk},
        expect=expect(404, **API, csprg=201),
    ),
    Entry("api:rapid-review-detail", kwargs=_pk(_review), expect=expect(404, **API, **SEE_ALL)),
    Entry(
        "api:rapid-review-section",
        kwargs=lambda ctx: {"pk": _review(ctx).pk, "key": "child"},
        methods=("PUT",),
        json=True,
        data=lambda ctx: {"text": "Her days.", "version": 1},
        expect=expect(404, **API, csprg=200, **LOOK_ONLY),
    ),
    Entry(
        "api:rapid-review-outcome",
        kwargs=_pk(_review),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"outcome": "a", "rationale": "National significance."},
        expect=expect(404, **API, csprg=200, **LOOK_ONLY),
    ),
    Entry(
        "api:rapid-review-send-for-sign-off",
        kwargs=_pk(_complete),
        methods=("POST",),
        expect=expect(404, **API, csprg=200, **LOOK_ONLY),
    ),
    Entry(
        "api:rapid-review-sign-off",
        kwargs=_pk(_sign_off),
        methods=("POST",),
        expect=expect(404, **API, csprg=403, qa_chair=403, partner_rep=200),
    ),
    Entry(
        "api:rapid-review-endorse",
        kwargs=_pk(_endorsement),
        methods=("POST",),
        expect=expect(404, **API, csprg=403, **LOOK_ONLY, executive=200, executive_uncopied=200),
    ),
    Entry(
        "api:rapid-review-decline",
        kwargs=_pk(_endorsement),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"reason": "More on the school."},
        expect=expect(404, **API, csprg=403, **LOOK_ONLY, executive=200, executive_uncopied=200),
    ),
    Entry(
        "api:rapid-review-sent",
        kwargs=_pk(_ready),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"sent_on": "2026-11-12"},
        expect=expect(404, **API, csprg=200, **LOOK_ONLY, executive=403, executive_uncopied=403),
    ),
    Entry(
        "api:rapid-review-panel-reply",
        kwargs=_pk(_sent),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"reply": "local_review", "replied_on": _sent(ctx).sent_on.isoformat()},
        expect=expect(404, **API, csprg=200, **LOOK_ONLY, executive=403, executive_uncopied=403),
    ),
    Entry(
        "api:rapid-review-add-agency",
        kwargs=_pk(_review),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"organisation": ctx.other_agency.organisation_id},
        expect=expect(404, **API, csprg=200, **LOOK_ONLY),
    ),
    Entry(
        "api:agency-summary-list",
        expect=expect(404, **API, csprg=200, agency_lead=200, other_agency=200),
    ),
    Entry("api:agency-summary-detail", kwargs=_pk(_summary), expect=expect(404, **API, csprg=200, agency_lead=200)),
    Entry(
        "api:agency-summary-detail",
        kwargs=_pk(_summary),
        methods=("PUT",),
        json=True,
        data=lambda ctx: {"version": _summary(ctx).version, "involvement": "Visits."},
        expect=expect(404, **API, csprg=403, agency_lead=200),
    ),
    Entry(
        "api:agency-summary-submit",
        kwargs=_pk(_summary),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"version": _summary(ctx).version, **dict.fromkeys(AgencySummary.SECTIONS, "Written.")},
        expect=expect(404, **API, csprg=403, agency_lead=200),
    ),
    Entry(
        "api:agency-summary-return",
        kwargs=_pk(_submitted),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"reason": "Add the dates."},
        expect=expect(404, **API, csprg=200, agency_lead=403),
    ),
]


# --- Local reviews and actions -------------------------------------------------------------------


def _outcome_c_sent(ctx):
    def make():
        from django.utils import timezone

        review = _review(ctx)
        write_report(review, ctx.csprg)
        review = services.review_record_outcome(
            review=review, actor=ctx.csprg, outcome="c", rationale="Learning.", reg11_criteria=["multi_agency"]
        )
        review = services.review_send_for_sign_off(review=review, actor=ctx.csprg)
        for org in (ctx.csprg.organisation, ctx.qa_member.organisation):
            review = services.review_sign_off(
                review=review, actor=UserFactory(organisation=org, roles=[Role.PARTNER_REP])
            )
        review = services.review_sign_off(review=review, actor=ctx.partner_rep)
        return services.review_record_sent(review=review, actor=ctx.csprg, sent_on=timezone.localdate())

    return ctx.once("outcome_c_sent", make)


def _local(ctx):
    def make():
        from django.utils import timezone

        local = services.local_review_commission(
            rapid_review=_outcome_c_sent(ctx), actor=ctx.csprg, decided_on=timezone.localdate()
        )
        return services.local_review_appoint_reviewer(review=local, actor=ctx.csprg, reviewer=ctx.reviewer)

    return ctx.once("local", make)


def _local_sent(ctx):
    def make():
        from django.utils import timezone

        return services.local_review_record_sent(
            review=_local(ctx), actor=ctx.csprg, sent_on=timezone.localdate(), what="report"
        )

    return ctx.once("local_sent", make)


def _extension(ctx):
    def make():
        from datetime import timedelta

        local = _local(ctx)
        return services.extension_request(
            review=local, actor=ctx.csprg, new_due_on=local.due_on + timedelta(days=30), reason="A criminal trial."
        )

    return ctx.once("extension", make)


def _information_request(ctx):
    return ctx.once(
        "request",
        lambda: services.request_ask(review=_local(ctx), actor=ctx.csprg, kind="information", text="Dates?"),
    )


def _recommendation(ctx):
    return ctx.once(
        "recommendation",
        lambda: services.recommendation_add(review=_local(ctx), actor=ctx.csprg, text="Share concerns."),
    )


def _rapid_recommendation(ctx):
    return ctx.once(
        "rapid_recommendation",
        lambda: services.recommendation_add(review=_review(ctx), actor=ctx.csprg, text="Ask the GP."),
    )


def _in_review(review, recommendation):
    return lambda ctx: {"pk": review(ctx).pk, "recommendation": recommendation(ctx).pk}


def _action_add(route: str, review, recommendation) -> list[Entry]:
    return [
        Entry(
            route,
            kwargs=_in_review(review, recommendation),
            expect=expect(404, **PAGE, csprg=200),
            why="Recommendations are reached only through their own review, by the CSPRG.",
        ),
        Entry(
            route,
            kwargs=_in_review(review, recommendation),
            methods=("POST",),
            data=lambda ctx: {
                "organisation": str(ctx.agency_lead.organisation_id),
                "description": "Add a prompt.",
                **_today_boxes("due_on", 30),
            },
            expect=expect(404, **PAGE, csprg=302),
        ),
    ]


def _action(ctx):
    def make():
        from datetime import timedelta

        from django.utils import timezone

        return services.action_add(
            recommendation=_recommendation(ctx),
            actor=ctx.csprg,
            organisation=ctx.agency_lead.organisation,
            description="Add a prompt.",
            due_on=timezone.localdate() + timedelta(days=60),
        )

    return ctx.once("action", make)


def _today_boxes(name: str, days: int = 0) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    return _date_boxes(name, timezone.localdate() + timedelta(days=days))


LOCAL_SEE = {"csprg": 200, "qa_chair": 200, "reviewer": 200}
LOCAL_LOOK = {"qa_chair": 403, "reviewer": 403}
ACTIONS_SEE = {"csprg": 200, "qa_chair": 200, "qa_member": 200, "agency_lead": 200}


def _local_manage(route: str, make, data=None, post_status: int = 302, why: str = "") -> list[Entry]:
    return [
        Entry(route, kwargs=_pk(make), expect=expect(404, **PAGE, csprg=200, **LOCAL_LOOK), why=why),
        Entry(
            route,
            kwargs=_pk(make),
            methods=("POST",),
            data=data,
            expect=expect(404, **PAGE, csprg=post_status, **LOCAL_LOOK),
        ),
    ]


ROUTES += [
    Entry("rapid_reviews:local_list", expect=expect(404, **PAGE, csprg=200, qa_chair=200, reviewer=200)),
    Entry(
        "rapid_reviews:commission",
        kwargs=_pk(_outcome_c_sent),
        expect=expect(404, **PAGE, csprg=200, **LOOK_ONLY, executive=403, executive_uncopied=403),
        why="Executive members read the report copied to them but do not commission.",
    ),
    Entry(
        "rapid_reviews:commission",
        kwargs=_pk(_outcome_c_sent),
        methods=("POST",),
        data=lambda ctx: _today_boxes("decided_on"),
        expect=expect(404, **PAGE, csprg=302, **LOOK_ONLY, executive=403, executive_uncopied=403),
    ),
    Entry(
        "rapid_reviews:local",
        kwargs=_pk(_local),
        expect=expect(404, **PAGE, **LOCAL_SEE),
        why="The appointed reviewer sees it; no other reviewer, agency or partner does.",
    ),
    Entry(
        "rapid_reviews:local_terms_pdf",
        kwargs=_pk(_local),
        expect=expect(404, **PAGE, **LOCAL_SEE),
        why="The terms of reference, for those who see the local review; its reviewer included.",
    ),
    *_local_manage("rapid_reviews:local_appoint", _local, data=lambda ctx: {"reviewer": str(ctx.reviewer.pk)}),
    *_local_manage(
        "rapid_reviews:local_terms",
        _local,
        data=lambda ctx: {
            "terms_of_reference": "Scope.",
            "methodology": "appreciative_inquiry",
            "version": str(_local(ctx).version),
        },
    ),
    *_local_manage(
        "rapid_reviews:local_milestone_add",
        _local,
        data=lambda ctx: {"title": "Practitioner event", **_today_boxes("due_on", 20)},
    ),
    *_local_manage(
        "rapid_reviews:local_extension_add",
        _local,
        data=lambda ctx: {"reason": "Trial.", **_date_boxes("new_due_on", _local(ctx).due_on.replace(day=28))},
        post_status=302,
    ),
    Entry(
        "rapid_reviews:local_extension_decide",
        kwargs=_pk(_extension),
        expect=expect(404, **PAGE, csprg=403, qa_chair=200, reviewer=403),
        why="Only the QA Group chair decides.",
    ),
    Entry(
        "rapid_reviews:local_extension_decide",
        kwargs=_pk(_extension),
        methods=("POST",),
        data=lambda ctx: {"decision": "approve"},
        expect=expect(404, **PAGE, csprg=403, qa_chair=302, reviewer=403),
    ),
    *_local_manage(
        "rapid_reviews:local_request_add", _local, data=lambda ctx: {"kind": "draft", "text": "Send the draft."}
    ),
    Entry(
        "rapid_reviews:local_request_reply",
        kwargs=_pk(_information_request),
        expect=expect(404, **PAGE, csprg=403, qa_chair=403, reviewer=200),
        why="Only the appointed reviewer replies.",
    ),
    Entry(
        "rapid_reviews:local_request_reply",
        kwargs=_pk(_information_request),
        methods=("POST",),
        data=lambda ctx: {"reply": "The dates are attached."},
        expect=expect(404, **PAGE, csprg=403, qa_chair=403, reviewer=302),
    ),
    *_local_manage("rapid_reviews:local_sent", _local, data=lambda ctx: {"what": "report", **_today_boxes("sent_on")}),
    *_local_manage(
        "rapid_reviews:local_publication",
        _local_sent,
        data=lambda ctx: {"published_url": "https://example.org/report", **_today_boxes("publication_on", 30)},
    ),
    *_local_manage("rapid_reviews:local_not_published", _local_sent, data=lambda ctx: {"reason": "Privacy."}),
    *_local_manage("rapid_reviews:local_recommendation_add", _local, data=lambda ctx: {"text": "Train the staff."}),
    Entry(
        "rapid_reviews:recommendation_add",
        kwargs=_pk(_review),
        expect=expect(404, **PAGE, csprg=200, **LOOK_ONLY),
    ),
    Entry(
        "rapid_reviews:recommendation_add",
        kwargs=_pk(_review),
        methods=("POST",),
        data=lambda ctx: {"text": "Train the staff."},
        expect=expect(404, **PAGE, csprg=302, **LOOK_ONLY),
    ),
    *_action_add("rapid_reviews:local_action_add", _local, _recommendation),
    *_action_add("rapid_reviews:action_add", _review, _rapid_recommendation),
    Entry(
        "rapid_reviews:actions",
        expect=expect(404, **PAGE, **ACTIONS_SEE, other_agency=200),
        why="Every agency lead has the list (empty when their agency owns no action).",
    ),
    Entry(
        "rapid_reviews:action",
        kwargs=_pk(_action),
        expect=expect(404, **PAGE, **ACTIONS_SEE),
        why="Another agency's lead and the school's practitioner get 404.",
    ),
    Entry(
        "rapid_reviews:action",
        kwargs=_pk(_action),
        methods=("POST",),
        data=lambda ctx: {"text": "Prompt added."},
        expect=expect(404, **PAGE, csprg=403, qa_chair=403, qa_member=403, agency_lead=302),
    ),
]

LOCAL_API = [
    Entry("api:local-review-list", expect=expect(404, **API, csprg=200, qa_chair=200, reviewer=200)),
    Entry("api:local-review-detail", kwargs=_pk(_local), expect=expect(404, **API, **LOCAL_SEE)),
    Entry(
        "api:local-review-appoint",
        kwargs=_pk(_local),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"reviewer": ctx.reviewer.pk},
        expect=expect(404, **API, csprg=200, **LOCAL_LOOK),
    ),
    Entry(
        "api:local-review-extension",
        kwargs=_pk(_local),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"new_due_on": _local(ctx).due_on.replace(day=28).isoformat(), "reason": "Trial."},
        expect=expect(404, **API, csprg=200, **LOCAL_LOOK),
    ),
    Entry(
        "api:local-review-sent",
        kwargs=_pk(_local),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"sent_on": _local(ctx).decided_on.isoformat(), "what": "report"},
        expect=expect(404, **API, csprg=200, **LOCAL_LOOK),
    ),
    Entry(
        "api:local-review-publication",
        kwargs=_pk(_local_sent),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"publication_on": _local_sent(ctx).sent_on.isoformat(), "published_url": "https://x.test/r"},
        expect=expect(404, **API, csprg=400, **LOCAL_LOOK),
        why="Publishing on the day it was sent breaks the 7 working days rule: refused with the earliest date.",
    ),
    Entry(
        "api:local-review-extension-decide",
        kwargs=_pk(_extension),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"approve": True},
        expect=expect(404, **API, csprg=403, qa_chair=200, reviewer=403),
    ),
    Entry(
        "api:local-review-reply",
        kwargs=_pk(_information_request),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"reply": "Attached."},
        expect=expect(404, **API, csprg=403, qa_chair=403, reviewer=200),
    ),
    Entry("api:review-action-list", expect=expect(404, **API, **ACTIONS_SEE, other_agency=200)),
    Entry("api:review-action-detail", kwargs=_pk(_action), expect=expect(404, **API, **ACTIONS_SEE)),
    Entry(
        "api:review-action-detail",
        kwargs=_pk(_action),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"text": "Done.", "complete": True},
        expect=expect(404, **API, csprg=403, qa_chair=403, qa_member=403, agency_lead=200),
    ),
]
ROUTES += LOCAL_API


# The lists filtered (status, clock and agency): the filters only narrow what each person may see, so
# everyone gets what the unfiltered list gives them. An agency lead may name only their own agency: the
# API refuses another (400, "Select a valid choice") and the page says why above their own rows.
def _summary_filters(ctx) -> dict:
    return {
        "agency": _submitted(ctx).organisation_id,
        "status": "submitted",
        "clock": "met_on_time",
        "review": _review(ctx).reference,
    }


def _local_filters(ctx) -> dict:
    return {"status": _local(ctx).status, "clock": "on_track"}


def _action_filters(ctx) -> dict:
    return {"agency": _action(ctx).organisation_id, "status": "open", "clock": "on_track"}


ROUTES += [
    Entry(
        "rapid_reviews:summaries",
        state="filtered",
        data=_summary_filters,
        expect=expect(404, **PAGE, csprg=200, agency_lead=200, other_agency=200),
    ),
    Entry(
        "api:agency-summary-list",
        state="filtered",
        data=_summary_filters,
        expect=expect(404, **API, csprg=200, agency_lead=200, other_agency=400),
        why="The unrelated agency's lead names an agency not their own.",
    ),
    Entry(
        "rapid_reviews:local_list",
        state="filtered",
        data=_local_filters,
        expect=expect(404, **PAGE, csprg=200, qa_chair=200, reviewer=200),
    ),
    Entry(
        "api:local-review-list",
        state="filtered",
        data=_local_filters,
        expect=expect(404, **API, csprg=200, qa_chair=200, reviewer=200),
    ),
    Entry(
        "rapid_reviews:actions",
        state="filtered",
        data=_action_filters,
        expect=expect(404, **PAGE, **ACTIONS_SEE, other_agency=200),
    ),
    Entry(
        "api:review-action-list",
        state="filtered",
        data=_action_filters,
        expect=expect(404, **API, **ACTIONS_SEE, other_agency=400),
        why="The unrelated agency's lead names an agency not their own.",
    ),
]
