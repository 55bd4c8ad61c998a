"""The Django admin: only the admin role (is_staff) gets in, and then only to people, organisations and
reference data. Case content is never registered (separation of duties); other registered models
(tokens, devices, lockouts) answer 403 to the admin role unless it is given their permissions."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from dcfp.models import Area, AssessmentGroup, LocalityPartnership, PartnershipGroup
from tests.authz.matrix import Context, Entry, expect

STAFF_ONLY = 302  # the admin site sends anyone who is not staff to its sign-in page

# The partnership's reference data: the admin role may view, add and change, never delete.
MANAGED = ["dcfp_area", "dcfp_assessmentgroup", "dcfp_organisation", "dcfp_localitypartnership"]
MANAGED += ["dcfp_partnershipgroup", "dcfp_user"]
# Third-party records the admin role has no permission on.
UNMANAGED = ["knox_authtoken", "otp_totp_totpdevice", "otp_static_staticdevice"]
UNMANAGED += ["axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"]

_AXES = {"username": "someone@example.org", "ip_address": "192.0.2.1", "user_agent": "test", "http_accept": "*/*"}
MAKERS = {
    "dcfp_area": lambda ctx: Area.objects.get(code="devon"),
    "dcfp_assessmentgroup": lambda ctx: AssessmentGroup.objects.create(name="District councils"),
    "dcfp_organisation": lambda ctx: ctx.csprg.organisation,
    "dcfp_localitypartnership": lambda ctx: LocalityPartnership.objects.create(name="Exeter"),
    "dcfp_partnershipgroup": lambda ctx: PartnershipGroup.objects.create(name="Neglect", kind="thematic"),
    "dcfp_user": lambda ctx: ctx.csprg,
    "auth_group": lambda ctx: Group.objects.get(name="csprg"),
    "knox_authtoken": lambda ctx: AuthToken.objects.create(ctx.csprg)[0],
    "otp_totp_totpdevice": lambda ctx: TOTPDevice.objects.create(user=ctx.csprg, name="Phone", confirmed=True),
    "otp_static_staticdevice": lambda ctx: StaticDevice.objects.create(user=ctx.csprg, name="Backup codes"),
    "axes_accessattempt": lambda ctx: AccessAttempt.objects.create(
        **_AXES, get_data="", post_data="", path_info="/sign-in/", failures_since_start=1
    ),
    "axes_accesslog": lambda ctx: AccessLog.objects.create(**_AXES, path_info="/sign-in/"),
    "axes_accessfailurelog": lambda ctx: AccessFailureLog.objects.create(
        **_AXES, path_info="/sign-in/", locked_out=False
    ),
}


def _model_of(ctx: Context) -> str:
    """ "admin:dcfp_user_change" -> "dcfp_user"."""
    name = ctx.route.removeprefix("admin:")
    return next(m for m in sorted(MAKERS, key=len, reverse=True) if name.startswith(m + "_"))


def _object(ctx: Context):
    model = _model_of(ctx)
    return ctx.once(model, lambda: MAKERS[model](ctx))


def _old_style_object(ctx: Context):
    """The object of an old-style admin URL such as "admin/dcfp/area/<path:object_id>/"."""
    _, app_label, model_name, _ = ctx.route.split("/", 3)
    model = f"{app_label}_{model_name}"
    return ctx.once(model, lambda: MAKERS[model](ctx))


def _object_id(ctx: Context) -> dict:
    return {"object_id": _object(ctx).pk}


def _family(models: list[str], suffixes: str) -> str:
    return rf"admin:({'|'.join(models)})_({suffixes})"


def _admin_only(status: int, **personas: int) -> dict[str, int]:
    return expect(STAFF_ONLY, admin_user=status, **personas)


# A superuser (Django's emergency account) holds every admin permission: where the admin role is refused
# (403), the superuser is let in. It still reaches no case content, which is never registered here.
EVERY_PERMISSION = {"superuser": 200}


ROUTES = [
    Entry("admin:index", expect=_admin_only(200)),
    Entry("admin:login", expect=expect(200, anonymous=302, admin_user=302), why="Staff go to the index; others on."),
    Entry("admin:logout", methods=("POST",), expect=expect(302), why="Signing out of the admin ends the session."),
    Entry("admin:logout", expect=_admin_only(405)),
    Entry(
        "admin:login",
        methods=("POST",),
        expect=expect(200, anonymous=302),
        why="An empty sign-in form shows the page again, to staff too.",
    ),
    Entry("admin:password_change", methods=("GET", "POST"), expect=_admin_only(200)),
    Entry("admin:password_change_done", expect=_admin_only(200)),
    Entry("admin:autocomplete", expect=_admin_only(403), why="Without a field to complete, even staff get 403."),
    Entry("admin:jsi18n", expect=_admin_only(200)),
    Entry(
        "admin:view_on_site",
        kwargs=lambda ctx: {
            "content_type_id": ContentType.objects.get_for_model(ctx.csprg).pk,
            "object_id": ctx.csprg.pk,
        },
        expect=_admin_only(404),
        why="Only staff reach Django's shortcut view. No model of ours has get_absolute_url, so it finds "
        "nothing; a case model that gained one would confirm to anyone that a record exists.",
    ),
    Entry("admin:app_list", kwargs=lambda ctx: {"app_label": "dcfp"}, expect=_admin_only(200)),
    Entry(r"admin/\(\?P<url>\.\*\)\$", regex=True, url=lambda ctx: "/admin/no-such-page/", expect=_admin_only(404)),
    Entry(
        r"admin/\w+/\w+/<path:object_id>/",
        regex=True,
        url=lambda ctx: f"/{ctx.route.replace('<path:object_id>', str(_old_style_object(ctx).pk))}",
        expect=expect(302),
        why="Old-style object URLs redirect (to the change page or to sign in); each tried on its own model.",
    ),
    # The partnership's reference data.
    Entry(
        _family(MANAGED, "changelist|add"),
        regex=True,
        methods=("GET", "POST"),
        expect=_admin_only(200),
        why="An empty form posted shows the page again with what is missing.",
    ),
    Entry(_family(MANAGED, "change"), regex=True, kwargs=_object_id, methods=("GET", "POST"), expect=_admin_only(200)),
    Entry(_family(MANAGED, "history"), regex=True, kwargs=_object_id, expect=_admin_only(200)),
    Entry(
        _family(MANAGED, "delete"),
        regex=True,
        kwargs=_object_id,
        methods=("GET", "POST"),
        expect=_admin_only(403, **EVERY_PERMISSION),
    ),
    # Roles and organisation groups: the admin role may look, never change (roles are set through people).
    Entry(_family(["auth_group"], "changelist"), regex=True, methods=("GET", "POST"), expect=_admin_only(200)),
    Entry(
        _family(["auth_group"], "add"),
        regex=True,
        methods=("GET", "POST"),
        expect=_admin_only(403, **EVERY_PERMISSION),
    ),
    Entry(_family(["auth_group"], "change"), regex=True, kwargs=_object_id, expect=_admin_only(200)),
    Entry(
        _family(["auth_group"], "change"),
        regex=True,
        kwargs=_object_id,
        methods=("POST",),
        expect=_admin_only(403, **EVERY_PERMISSION),
        why="The admin role may look at a group, never change it.",
    ),
    Entry(_family(["auth_group"], "history"), regex=True, kwargs=_object_id, expect=_admin_only(200)),
    Entry(
        _family(["auth_group"], "delete"),
        regex=True,
        kwargs=_object_id,
        methods=("GET", "POST"),
        expect=_admin_only(403, **EVERY_PERMISSION),
    ),
    # Tokens, authenticator devices and sign-in lockout records.
    Entry(
        _family(UNMANAGED, "changelist"),
        regex=True,
        methods=("GET", "POST"),
        expect=_admin_only(403, **EVERY_PERMISSION),
    ),
    Entry(
        _family(UNMANAGED[:3], "add"),
        regex=True,
        methods=("GET", "POST"),
        expect=_admin_only(403, **EVERY_PERMISSION),
    ),
    Entry(
        _family(UNMANAGED[3:], "add"),
        regex=True,
        methods=("GET", "POST"),
        expect=_admin_only(403),
        why="Lockout records are written by sign-in alone: nobody adds one, not even a superuser.",
    ),
    Entry(
        _family(UNMANAGED, "change|delete"), regex=True, kwargs=_object_id, expect=_admin_only(403, **EVERY_PERMISSION)
    ),
    Entry(
        _family(UNMANAGED[:3], "change") + "|" + _family(UNMANAGED, "delete"),
        regex=True,
        kwargs=_object_id,
        methods=("POST",),
        expect=_admin_only(403, **EVERY_PERMISSION),
    ),
    Entry(
        _family(UNMANAGED[3:], "change"),
        regex=True,
        kwargs=_object_id,
        methods=("POST",),
        expect=_admin_only(403, superuser=302),
        why="Lockout records have no field to change: a superuser's save changes nothing and goes back.",
    ),
    Entry(
        _family(UNMANAGED, "history"),
        regex=True,
        kwargs=_object_id,
        expect=_admin_only(403, **EVERY_PERMISSION),
    ),
    Entry(
        _family(["otp_totp_totpdevice"], "config|qrcode"),
        regex=True,
        kwargs=lambda ctx: {"pk": _object(ctx).pk},
        expect=_admin_only(403),
    ),
]
