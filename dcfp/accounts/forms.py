from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm

INVALID_SIGN_IN = "Enter a correct email address and password"


class SignInForm(AuthenticationForm):
    """Email and password. Unknown, wrong and deactivated accounts all get the same message."""

    error_messages = {"invalid_login": INVALID_SIGN_IN, "inactive": INVALID_SIGN_IN}

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"class": "govuk-input", "autocomplete": "username", "spellcheck": "false"}
        )
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].widget.attrs.update({"class": "govuk-input", "autocomplete": "current-password"})
        self.fields["password"].error_messages["required"] = "Enter your password"

    def confirm_login_allowed(self, user):
        if not user.is_active:
            raise forms.ValidationError(INVALID_SIGN_IN, code="invalid_login")


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


class CodeForm(forms.Form):
    """A code from the authenticator app (or, where allowed, a recovery code)."""

    code = forms.CharField(
        label="Code",
        max_length=32,
        error_messages={"required": "Enter the code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input govuk-input--width-10",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
    )

    def clean_code(self) -> str:
        return _normalise(self.cleaned_data["code"])


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Name for the token",
        help_text="What it is for, so that you know which one to revoke, for example ‘Reporting script’.",
        max_length=100,
        error_messages={"required": "Enter a name for the token"},
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds", "autocomplete": "off"}),
    )


class SetupRequestForm(forms.Form):
    """The address to send a set-up link to."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"class": "govuk-input", "autocomplete": "email", "spellcheck": "false"}),
    )


class SetupPasswordForm(SetPasswordForm):
    """A new password, typed twice, checked against the password rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = "At least 12 characters, not only numbers and not a common password."
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].help_text = ""
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget.attrs.update({"class": "govuk-input", "autocomplete": "new-password"})

    def save(self, commit: bool = True):
        # The view sets the password through the audited service instead.
        raise NotImplementedError("Use dcfp.accounts.services.password_set_by_link")
