"""The audit trail's pages: only the QA chair sees who has looked at a record; everyone else 404."""

from tests.authz.matrix import Entry, expect

ROUTES = [
    Entry(
        "audit:record_trail",
        kwargs=lambda ctx: {"target_type": "dcfp.organisation", "target_id": ctx.csprg.organisation_id},
        expect=expect(404, anonymous=302, qa_chair=200),
    ),
    Entry(
        "audit:record_trail",
        methods=("POST",),
        kwargs=lambda ctx: {"target_type": "dcfp.organisation", "target_id": ctx.csprg.organisation_id},
        expect=expect(405, anonymous=302),
        why="Read-only; a POST is refused before anything else is looked at.",
    ),
]
