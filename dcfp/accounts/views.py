"""Sign-in, the second factor, the account page and the session keep-alive."""

import base64
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.models import AuthToken

from dcfp.accounts import drafts, middleware, services
from dcfp.accounts.forms import ApiTokenForm, CodeForm, SetupPasswordForm, SetupRequestForm, SignInForm
from dcfp.roles import Role, roles_of

INVALID_CODE = "Enter a correct code"
# django-otp waits longer after each wrong code (1, 2, 4... seconds) before it checks another.
WAIT_FOR_CODE = "You entered a wrong code. Wait a few seconds, then enter the code your app shows now"


def _next_url(request, default: str = "") -> str:
    """The safe `next` of this request (query or form), or the dashboard."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class SignInView(auth_views.LoginView):
    """Email and password. With multi-factor sign-in on, the person goes on to set up or enter a code.

    Lockout (django-axes, by account) answers with the same page whatever the account, known or not.
    """

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    http_method_names = ["get", "head", "post"]

    def form_valid(self, form):
        response = super().form_valid(form)  # signs in on a new session key
        middleware.stamp_session(self.request)
        user = form.get_user()
        next_url = _next_url(self.request)
        if services.has_confirmed_device(user):
            return redirect(_with_next("mfa-verify", next_url))
        if settings.MFA_REQUIRED:
            return redirect(_with_next("mfa-setup", next_url))
        return response


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4)
    svg = image.to_string(encoding="unicode")
    # Decorative for screen readers: the same secret is given as text beside it.
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" class="dcfp-qr" ', 1))  # noqa: S308


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mfa_setup(request):
    """First sign-in: scan the QR code (or type the key), then confirm with a code from the app."""
    next_url = _next_url(request)
    if services.has_confirmed_device(request.user):
        return redirect(next_url if request.user.is_verified() else _with_next("mfa-verify", next_url))
    device = services.totp_device_for_enrolment(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_is_allowed()[0]:
            form.add_error("code", WAIT_FOR_CODE)
        elif device.verify_token(form.cleaned_data["code"]):
            codes = services.mfa_enrol(user=request.user, device=device)
            otp_login(request, device)
            request.session.cycle_key()
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next_url": next_url, "first_time": True},
            )
        else:
            form.add_error("code", INVALID_CODE)
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "accounts/mfa_setup.html",
        {"form": form, "qr_svg": _qr_svg(device.config_url), "secret": _grouped(secret), "next_url": next_url},
    )


def _device_for(user, code: str):
    """The one device a code is for: app codes are digits, recovery codes are not. Trying only that one
    keeps a recovery code from counting as a wrong app code (which would slow the app down)."""
    if code.isdigit():
        return TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def mfa_verify(request):
    """Every sign-in after the first: a code from the app, or one of the recovery codes."""
    next_url = _next_url(request)
    if request.user.is_verified():
        return redirect(next_url)
    if not services.has_confirmed_device(request.user):
        return redirect(_with_next("mfa-setup", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        candidate = _device_for(request.user, form.cleaned_data["code"])
        throttled = candidate is not None and not candidate.verify_is_allowed()[0]
        device = candidate and verify_token(request.user, candidate.persistent_id, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            if device.persistent_id.startswith("otp_static"):
                left = services.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    f"You used a recovery code. You have {left} left: make new ones from your account page.",
                )
            return redirect(next_url)
        form.add_error("code", WAIT_FOR_CODE if throttled else INVALID_CODE)
    return render(request, "accounts/mfa_verify.html", {"form": form, "next_url": next_url})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account(request):
    """The person's own account: who they are, their second factor and their API tokens.

    POST makes an API token and shows it once, in that response only (it is stored hashed).
    """
    if request.method != "POST":
        return _account_page(request, ApiTokenForm(initial=drafts.restore_initial(request, ApiTokenForm)))
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        try:
            instance, token = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        except ValidationError as exc:
            form.add_error("name", exc.messages[0])
        else:
            return render(request, "accounts/token_created.html", {"instance": instance, "token": token})
    return _account_page(request, form, status=400)


def _account_page(request, token_form, status=200):
    roles = sorted(roles_of(request.user))
    context = {
        "person": request.user,
        "role_labels": [Role(r).label for r in roles],
        "has_device": services.has_confirmed_device(request.user),
        "recovery_codes_left": services.recovery_codes_left(request.user),
        "tokens": services.api_tokens_of(request.user),
        "form": token_form,
    }
    return render(request, "accounts/account.html", context, status=status)


@login_required
@require_POST
def recovery_codes_regenerate(request):
    try:
        codes = services.recovery_codes_regenerate(user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("account")
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next_url": reverse("account")})


@login_required
@require_POST
def token_revoke(request, token_key: str):
    """Revoke one of the person's own tokens. Anyone else's token is 404."""
    token = AuthToken.objects.filter(user=request.user, token_key=token_key).select_related("label").first()
    if token is None:
        raise Http404
    services.api_token_revoke(user=request.user, token=token)
    messages.success(request, f"Token ‘{getattr(getattr(token, 'label', None), 'name', token_key[:8])}’ revoked.")
    return redirect("account")


@require_POST
def keep_alive(request):
    """The timeout warning's ‘Stay signed in’: the middleware has just renewed the session."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False}, status=401)
    return JsonResponse({"signed_in": True, "expires_in": middleware.seconds_left(request)})


# Set-up links: a new account's first password, and everyone's password reset ------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def setup_request(request):
    """Ask for a set-up link by email address. The answer is the same whether or not the address has an
    account, and whether or not the link was throttled."""
    form = SetupRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.setup_link_request(email=form.cleaned_data["email"])
        return redirect("setup-sent")
    return render(request, "accounts/setup_request.html", {"form": form}, status=400 if form.errors else 200)


@require_safe
def setup_sent(request):
    return render(request, "accounts/setup_sent.html")


class SetupPasswordView(auth_views.PasswordResetConfirmView):
    """Set your own password from a one-time link (Django's token check; the link works once)."""

    form_class = SetupPasswordForm
    template_name = "accounts/setup_password.html"
    reset_url_token = "set-password"  # noqa: S105 - a URL segment, not a secret
    http_method_names = ["get", "head", "post"]

    def dispatch(self, request, *args, **kwargs):
        # Django's view answers a link that does not work before it looks at the method; refuse first.
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        services.password_set_by_link(user=self.user, password=form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return redirect("setup-done")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


@require_safe
def setup_done(request):
    return render(request, "accounts/setup_done.html")
