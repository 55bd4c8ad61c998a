from django.contrib.auth import views as auth_views
from django.urls import path

from dcfp.accounts import views

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", views.account, name="account"),
    path("account/mfa/set-up/", views.mfa_setup, name="mfa-setup"),
    path("account/mfa/verify/", views.mfa_verify, name="mfa-verify"),
    path("account/recovery-codes/", views.recovery_codes_regenerate, name="recovery-codes-regenerate"),
    path("account/api-tokens/<str:token_key>/revoke/", views.token_revoke, name="api-token-revoke"),
    path("account/keep-alive/", views.keep_alive, name="keep-alive"),
    path("set-up/", views.setup_request, name="setup-request"),
    path("set-up/sent/", views.setup_sent, name="setup-sent"),
    path("set-up/done/", views.setup_done, name="setup-done"),
    path("set-up/<uidb64>/<token>/", views.SetupPasswordView.as_view(), name="setup-password"),
]
