"""The walkabout report as a PDF, through dcfp.pdf (OFFICIAL-SENSITIVE on every page, no network).
This only renders: the view that serves it checks permission and records the download first."""

from django.utils import timezone

from dcfp.pdf import render_pdf
from walkabouts import selectors
from walkabouts.models import Assessment

TEMPLATE = "pdf/walkabouts/report.html"


def render_report(assessment: Assessment) -> bytes:
    """The assessment, each standard's rating with evidence, strengths and areas for improvement, the
    expectations agreed with the agency, the actions with their progress, and who agreed it and when."""
    today = timezone.localdate()
    actions = list(assessment.actions.all())
    for action in actions:
        action.clock = selectors.action_clock(action, today)
    return render_pdf(
        TEMPLATE,
        {
            "assessment": assessment,
            "rows": selectors.standard_rows(assessment),
            "actions": actions,
            "evidence": list(assessment.evidence.all()),
            "generated_at": timezone.localtime(),
        },
    )
