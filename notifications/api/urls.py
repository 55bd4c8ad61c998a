from django.urls import path

from notifications.api import referrals, transitions, views

urlpatterns = [
    path("notifications/incidents/", views.IncidentListApi.as_view(), name="incident-list"),
    path("notifications/incidents/<int:pk>/", views.IncidentDetailApi.as_view(), name="incident-detail"),
    path("notifications/incidents/<int:pk>/submit/", transitions.IncidentSubmitApi.as_view(), name="incident-submit"),
    path("notifications/incidents/<int:pk>/agree/", transitions.IncidentAgreeApi.as_view(), name="incident-agree"),
    path(
        "notifications/incidents/<int:pk>/disagree/",
        transitions.IncidentDisagreeApi.as_view(),
        name="incident-disagree",
    ),
    path(
        "notifications/incidents/<int:pk>/record-notified/",
        transitions.IncidentRecordNotifiedApi.as_view(),
        name="incident-record-notified",
    ),
    path(
        "notifications/incidents/<int:pk>/conclude/",
        transitions.IncidentConcludeApi.as_view(),
        name="incident-conclude",
    ),
    path(
        "notifications/incidents/<int:pk>/withdraw/",
        transitions.IncidentWithdrawApi.as_view(),
        name="incident-withdraw",
    ),
    path("notifications/incidents/<int:pk>/refer/", transitions.IncidentReferApi.as_view(), name="incident-refer"),
    path("notifications/referrals/", referrals.ReferralListApi.as_view(), name="referral-list"),
    path("notifications/referrals/<int:pk>/", referrals.ReferralDetailApi.as_view(), name="referral-detail"),
    path("notifications/referrals/<int:pk>/close/", referrals.ReferralCloseApi.as_view(), name="referral-close"),
    path(
        "notifications/referrals/<int:pk>/make-draft/",
        referrals.ReferralMakeDraftApi.as_view(),
        name="referral-make-draft",
    ),
]
