"""Serious incident notifications: pages, PDFs and API.

Who sees what: the CSPRG, the QA chair and partner representatives see every incident (they must read a
case to agree it); an Executive member sees only incidents copied to them (on agreement); everyone else
gets 404, never 403. A person who may see an incident but not take an action gets 403.
"""

from django.utils import timezone

from dcfp.models import Area
from notifications import services
from notifications.forms import SECTIONS
from tests.authz.matrix import Entry, expect
from tests.factories import AreaFactory
from tests.notifications.conftest import incident_input

SEE_ALL = {"csprg": 200, "qa_chair": 200, "partner_rep": 200}


def _draft(ctx):
    return ctx.once(
        "draft",
        lambda: services.incident_create(actor=ctx.csprg, data=incident_input(Area.objects.get(code="devon"))),
    )


def _awaiting(ctx):
    def make():
        incident = services.incident_create(actor=ctx.csprg, data=incident_input(Area.objects.get(code="devon")))
        return services.incident_submit_for_agreement(incident=incident, actor=ctx.csprg)

    return ctx.once("awaiting", make)


def _agreed(ctx):
    def make():
        incident = _awaiting(ctx)
        services.incident_agree(incident=incident, actor=ctx.qa_chair)
        return services.incident_agree(incident=incident, actor=ctx.partner_rep)

    return ctx.once("agreed", make)


def _plymouth_draft(ctx):
    """A draft about an incident in Plymouth, outside the partnership's area: referred, not notified."""

    def make():
        plymouth = AreaFactory(code="plymouth", name="Plymouth", responsible_authority="Plymouth City Council")
        return services.incident_create(
            actor=ctx.csprg,
            data=incident_input(plymouth, outcome_recommended="", not_notifiable_rationale=""),
        )

    return ctx.once("plymouth", make)


def _submitted_now() -> dict:
    """Submitted this minute: after the agreement the fixture has just made, and not in the future."""
    now = timezone.localtime()
    return {
        "national_reference": "SIN-1",
        "submitted_on_day": str(now.day),
        "submitted_on_month": str(now.month),
        "submitted_on_year": str(now.year),
        "submitted_time": f"{now:%H:%M}",
    }


def _referral(ctx):
    """An open referral made by the demo practitioner's agency (the persona `practitioner`)."""
    from notifications import referrals

    return ctx.once(
        "referral",
        lambda: referrals.referral_create(
            actor=ctx.practitioner,
            occurred_on=timezone.localdate(),
            area=Area.objects.get(code="devon"),
            child_name="Child R",
            summary="Burns seen at school.",
        ),
    )


def _referral_form(ctx) -> dict:
    today = timezone.localdate()
    return {
        "occurred_on_day": str(today.day),
        "occurred_on_month": str(today.month),
        "occurred_on_year": str(today.year),
        "child_name": "Child R",
        "summary": "Burns seen at school.",
    }


REFERRERS = {"agency_lead": 200, "practitioner": 200, "other_agency": 200}


def _pk(make):
    return lambda ctx: {"pk": make(ctx).pk}


def _form(ctx) -> dict:
    devon = Area.objects.get(code="devon")
    return {
        "occurred_on": "2026-11-02",
        "aware_on": "2026-11-03",
        "nature": "serious_harm",
        "area": str(devon.pk),
        "abuse_or_neglect": "suspected",
        "categories": ["physical"],
        "summary": "Injuries.",
        "outcome_recommended": "notifiable",
        "children-TOTAL_FORMS": "1",
        "children-INITIAL_FORMS": "0",
        "children-0-name": "Ada",
        "children-0-age_years": "1",
        "children-0-sex": "female",
        "children-0-disability": "no",
        "children-0-legal_status": "none",
    }


def _api_body(ctx) -> dict:
    return {
        "occurred_on": "2026-11-02",
        "aware_on": "2026-11-03",
        "nature": "serious_harm",
        "area": "devon",
        "abuse_or_neglect": "suspected",
        "categories": ["physical"],
        "summary": "Injuries.",
        "children": [{"name": "Ada", "age_years": 1, "sex": "female"}],
    }


def _section_answers(slug: str):
    """What the CSPRG posts on one question page of the draft (notifications.forms.SECTIONS)."""

    def answers(ctx) -> dict:
        whole = _form(ctx)
        if slug == "children":
            picked = {k: v for k, v in whole.items() if k.startswith("children-")}
        else:
            fields = next(s for s in SECTIONS if s.slug == slug).fields
            picked = {k: v for k, v in whole.items() if k in fields}
        return {**picked, "version": "1"}

    return answers


def _question_pages() -> list[Entry]:
    """Each question page of a draft: only the CSPRG changes a draft; those who see it but may not change
    it get 403, everyone else 404. A saved page goes on to the next (302)."""
    entries = []
    for section in SECTIONS:
        entries += [
            Entry(
                section.url_name,
                kwargs=_pk(_draft),
                expect=expect(404, **PAGE, csprg=200, qa_chair=403, partner_rep=403),
            ),
            Entry(
                section.url_name,
                kwargs=_pk(_draft),
                methods=("POST",),
                data=_section_answers(section.slug),
                expect=expect(404, **PAGE, csprg=302, qa_chair=403, partner_rep=403),
            ),
        ]
    return entries


PAGE = {"anonymous": 302}
API = {"anonymous": 401}

ROUTES = [
    Entry("notifications:list", expect=expect(404, **PAGE, **SEE_ALL, executive=200)),
    Entry("notifications:awaiting", expect=expect(404, **PAGE, qa_chair=200, partner_rep=200)),
    Entry("notifications:create", expect=expect(404, **PAGE, csprg=200)),
    Entry(
        "notifications:create",
        methods=("POST",),
        data=_form,
        expect=expect(404, **PAGE, csprg=302),
        why="The dates make the draft and the CSPRG goes on to the next question page.",
    ),
    Entry(
        "notifications:detail",
        kwargs=_pk(_agreed),
        expect=expect(404, **PAGE, **SEE_ALL, executive=200),
        why="Agreed, so copied to the Executive.",
    ),
    *_question_pages(),
    Entry(
        "notifications:check",
        kwargs=_pk(_draft),
        expect=expect(404, **PAGE, csprg=200, qa_chair=403, partner_rep=403),
    ),
    Entry(
        "notifications:check",
        kwargs=_pk(_draft),
        methods=("POST",),
        expect=expect(404, **PAGE, csprg=302, qa_chair=403, partner_rep=403),
    ),
    Entry(
        "notifications:decide",
        kwargs=_pk(_awaiting),
        expect=expect(404, **PAGE, csprg=403, qa_chair=200, partner_rep=200, council_rep=403),
        why="The CSPRG created it and holds no agreeing role; the QA chair's own organisation gives no partner "
        "agreement.",
    ),
    Entry(
        "notifications:decide",
        kwargs=_pk(_awaiting),
        methods=("POST",),
        data=lambda ctx: {"decision": "agree"},
        expect=expect(404, **PAGE, csprg=403, qa_chair=302, partner_rep=302, council_rep=403),
    ),
    Entry(
        "notifications:notified",
        kwargs=_pk(_agreed),
        expect=expect(404, **PAGE, csprg=200, qa_chair=403, partner_rep=403, executive=403),
    ),
    Entry(
        "notifications:notified",
        kwargs=_pk(_agreed),
        methods=("POST",),
        data=lambda ctx: _submitted_now(),
        expect=expect(404, **PAGE, csprg=302, qa_chair=403, partner_rep=403, executive=403),
    ),
    Entry(
        "notifications:conclude",
        kwargs=_pk(_agreed),
        expect=expect(404, **PAGE, csprg=200, qa_chair=403, partner_rep=403, executive=403),
    ),
    Entry(
        "notifications:conclude",
        kwargs=_pk(_agreed),
        methods=("POST",),
        data=lambda ctx: {"note": "Below the threshold for notification."},
        expect=expect(404, **PAGE, csprg=409, qa_chair=403, partner_rep=403, executive=403),
        why="Agreed as notifiable, so the CSPRG is told to record it as notified instead (409, as the API).",
    ),
    Entry(
        "notifications:withdraw",
        kwargs=_pk(_draft),
        expect=expect(404, **PAGE, csprg=200, qa_chair=403, partner_rep=403),
    ),
    Entry(
        "notifications:withdraw",
        kwargs=_pk(_draft),
        methods=("POST",),
        data=lambda ctx: {"reason": "Logged twice."},
        expect=expect(404, **PAGE, csprg=302, qa_chair=403, partner_rep=403),
    ),
    Entry(
        "notifications:refer",
        kwargs=_pk(_plymouth_draft),
        expect=expect(404, **PAGE, csprg=200, qa_chair=403, partner_rep=403),
        why="Only the CSPRG concludes an incident outside the area as referred to its authority.",
    ),
    Entry(
        "notifications:refer",
        kwargs=_pk(_plymouth_draft),
        methods=("POST",),
        data=lambda ctx: {"note": "Sent to Plymouth's front door."},
        expect=expect(404, **PAGE, csprg=302, qa_chair=403, partner_rep=403),
    ),
    Entry(
        "notifications:record_pdf",
        kwargs=_pk(_agreed),
        expect=expect(404, **PAGE, **SEE_ALL),
        why="Executive members get only their own watermarked copy, never the unmarked record.",
    ),
    Entry(
        "notifications:executive_copy_pdf",
        kwargs=_pk(_agreed),
        expect=expect(404, **PAGE, executive=200),
        why="Each Executive member's own watermarked copy; nobody else's.",
    ),
    # API
    Entry("api:incident-list", expect=expect(404, **API, **SEE_ALL, executive=200)),
    Entry(
        "api:incident-list",
        methods=("POST",),
        data=_api_body,
        json=True,
        expect=expect(404, **API, csprg=201),
    ),
    Entry(
        "api:incident-detail",
        kwargs=_pk(_agreed),
        expect=expect(404, **API, **SEE_ALL, executive=200),
    ),
    Entry(
        "api:incident-detail",
        kwargs=_pk(_draft),
        methods=("PUT",),
        data=lambda ctx: {**_api_body(ctx), "version": 1},
        json=True,
        expect=expect(404, **API, csprg=200, qa_chair=403, partner_rep=403),
    ),
    Entry(
        "api:incident-submit",
        kwargs=_pk(_draft),
        methods=("POST",),
        expect=expect(404, **API, csprg=200, qa_chair=403, partner_rep=403),
    ),
    Entry(
        "api:incident-agree",
        kwargs=_pk(_awaiting),
        methods=("POST",),
        json=True,
        data=lambda ctx: {},
        expect=expect(404, **API, csprg=403, qa_chair=200, partner_rep=200, council_rep=403),
    ),
    Entry(
        "api:incident-disagree",
        kwargs=_pk(_awaiting),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"reason": "Not enough facts."},
        expect=expect(404, **API, csprg=403, qa_chair=200, partner_rep=200, council_rep=403),
    ),
    Entry(
        "api:incident-record-notified",
        kwargs=_pk(_agreed),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"national_reference": "SIN-1", "submitted_at": timezone.now().isoformat()},
        expect=expect(404, **API, csprg=200, qa_chair=403, partner_rep=403, executive=403),
    ),
    Entry(
        "api:incident-conclude",
        kwargs=_pk(_agreed),
        methods=("POST",),
        json=True,
        data=lambda ctx: {},
        expect=expect(404, **API, csprg=409, qa_chair=403, partner_rep=403, executive=403),
        why="Agreed as notifiable, so the CSPRG is told to record it as notified instead (409).",
    ),
    Entry(
        "api:incident-withdraw",
        kwargs=_pk(_draft),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"reason": "Logged twice."},
        expect=expect(404, **API, csprg=200, qa_chair=403, partner_rep=403),
    ),
    Entry(
        "api:incident-refer",
        kwargs=_pk(_plymouth_draft),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"note": "Sent to Plymouth's front door."},
        expect=expect(404, **API, csprg=200, qa_chair=403, partner_rep=403),
    ),
    # Referrals of possible serious incidents
    Entry(
        "notifications:referral_list",
        expect=expect(404, **PAGE, csprg=200, **REFERRERS),
        why="The CSPRG sees every referral; an agency's leads and practitioners see their own.",
    ),
    Entry(
        "notifications:referral_list",
        state="filtered",
        data=lambda ctx: {"status": "open", "area": "devon"},
        expect=expect(404, **PAGE, csprg=200, **REFERRERS),
        why="The filters narrow what each person may see; they never widen it.",
    ),
    Entry("notifications:referral_create", expect=expect(404, **PAGE, **REFERRERS)),
    Entry(
        "notifications:referral_create",
        methods=("POST",),
        data=_referral_form,
        expect=expect(404, **PAGE, agency_lead=302, practitioner=302, other_agency=302),
    ),
    Entry(
        "notifications:referral_detail",
        kwargs=_pk(_referral),
        expect=expect(404, **PAGE, csprg=200, practitioner=200),
        why="Only the CSPRG and the person who referred it; another agency gets 404.",
    ),
    Entry(
        "notifications:referral_close",
        kwargs=_pk(_referral),
        expect=expect(404, **PAGE, csprg=200, practitioner=403),
    ),
    Entry(
        "notifications:referral_close",
        kwargs=_pk(_referral),
        methods=("POST",),
        data=lambda ctx: {"reason": "Not a serious incident."},
        expect=expect(404, **PAGE, csprg=302, practitioner=403),
    ),
    Entry("api:referral-list", expect=expect(404, **API, csprg=200, **REFERRERS)),
    Entry(
        "api:referral-list",
        state="filtered",
        data=lambda ctx: {"status": "open", "area": "devon"},
        expect=expect(404, **API, csprg=200, **REFERRERS),
    ),
    Entry(
        "api:referral-list",
        methods=("POST",),
        json=True,
        data=lambda ctx: {
            "occurred_on": timezone.localdate().isoformat(),
            "child_name": "Child R",
            "summary": "Burns seen at school.",
        },
        expect=expect(404, **API, agency_lead=201, practitioner=201, other_agency=201),
    ),
    Entry("api:referral-detail", kwargs=_pk(_referral), expect=expect(404, **API, csprg=200, practitioner=200)),
    Entry(
        "api:referral-close",
        kwargs=_pk(_referral),
        methods=("POST",),
        json=True,
        data=lambda ctx: {"reason": "Not a serious incident."},
        expect=expect(404, **API, csprg=200, practitioner=403),
    ),
    Entry(
        "api:referral-make-draft",
        kwargs=_pk(_referral),
        methods=("POST",),
        json=True,
        data=_api_body,
        expect=expect(404, **API, csprg=201, practitioner=403),
        why="The CSPRG makes an open referral a draft incident; the referrer sees it but does not decide it.",
    ),
]
