"""Serious incident notifications tried in each state a record can be in: in draft, awaiting agreement,
agreed and notified. Who may read an incident does not change with its state, except that the Executive
sees it only once it is agreed and copied to them; a member who joined the Executive later never does."""

from django.utils import timezone

from notifications import services
from tests.authz.matrix import Entry, expect
from tests.authz.routes_notifications import API, PAGE, SEE_ALL, _agreed, _awaiting, _draft, _pk


def _notified(ctx):
    def make():
        incident = _agreed(ctx)
        return services.incident_record_notified(
            incident=incident,
            actor=ctx.csprg,
            national_reference="SIN-STATE-1",
            submitted_at=timezone.now(),
        )

    return ctx.once("notified", make)


# Before agreement nothing is copied to the Executive; after it, every member then in post has a copy.
BEFORE_AGREEMENT = {"draft": _draft, "awaiting": _awaiting}
AFTER_AGREEMENT = {"agreed": _agreed, "notified": _notified}

ROUTES = []
for state, make in BEFORE_AGREEMENT.items():
    ROUTES += [
        Entry("notifications:detail", kwargs=_pk(make), state=state, expect=expect(404, **PAGE, **SEE_ALL)),
        Entry("notifications:record_pdf", kwargs=_pk(make), state=state, expect=expect(404, **PAGE, **SEE_ALL)),
        Entry("api:incident-detail", kwargs=_pk(make), state=state, expect=expect(404, **API, **SEE_ALL)),
        Entry("notifications:executive_copy_pdf", kwargs=_pk(make), state=state, expect=expect(404, **PAGE)),
    ]
for state, make in AFTER_AGREEMENT.items():
    ROUTES += [
        Entry(
            "notifications:detail", kwargs=_pk(make), state=state, expect=expect(404, **PAGE, **SEE_ALL, executive=200)
        ),
        Entry("notifications:record_pdf", kwargs=_pk(make), state=state, expect=expect(404, **PAGE, **SEE_ALL)),
        Entry(
            "api:incident-detail", kwargs=_pk(make), state=state, expect=expect(404, **API, **SEE_ALL, executive=200)
        ),
        Entry(
            "notifications:executive_copy_pdf", kwargs=_pk(make), state=state, expect=expect(404, **PAGE, executive=200)
        ),
    ]
