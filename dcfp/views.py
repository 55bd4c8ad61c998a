"""Pages of the partnership core: dashboard, health check and the server error page."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from dcfp.alerts.health import clock_sweep_ok
from dcfp.celery import app as celery_app
from dcfp.dashboard import panels_for as dashboard_panels


@login_required
@require_safe
def dashboard(request):
    """Who I am, my organisation and roles, and the panels the apps register for me (dcfp.dashboard):
    what I must do, what is due soon, what is overdue."""
    panels = dashboard_panels(request.user, timezone.localdate())
    return render(request, "dcfp/dashboard.html", {"person": request.user, "panels": panels})


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return False
    return True


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0.5, timeout=2)
    except Exception:
        return False
    return True


# What /healthz checks, by the name it reports. Each check answers True when healthy and never raises;
# add a check by adding an entry.
HEALTH_CHECKS: dict[str, Callable[[], bool]] = {
    "database": _database_ok,
    "broker": _broker_ok,
    "clock_sweep": clock_sweep_ok,
}


@never_cache
@require_safe
def healthz(request):
    """JSON health of every check in HEALTH_CHECKS: 200 when all are healthy, 503 otherwise.

    It names states only, never hosts or errors, since it answers without signing in.
    """
    checks = {name: check() for name, check in HEALTH_CHECKS.items()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "fail", **{k: "ok" if v else "fail" for k, v in checks.items()}}
    return JsonResponse(body, status=200 if healthy else 503)


def server_error(request, *args, **kwargs):
    """The 500 page, rendered without the request: whatever failed (the database, a context processor)
    must not break the page that says something failed."""
    template = loader.get_template("500.html")
    context = {"service_name": settings.SERVICE_NAME, "partnership_name": settings.PARTNERSHIP_NAME}
    return HttpResponseServerError(template.render(context))


def page_not_found(request, exception=None):
    """404: for the API, DRF's JSON answer (as its own views give), so that an address matching no
    route still answers in the content type the schema declares; for pages, Django's page."""
    if request.path_info.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)
