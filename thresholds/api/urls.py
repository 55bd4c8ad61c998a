from django.urls import path

from thresholds.api import views

urlpatterns = [
    path("thresholds/tool/", views.ToolCurrentApi.as_view(), name="threshold-tool"),
    path("thresholds/tool/versions/", views.ToolVersionListApi.as_view(), name="threshold-tool-version-list"),
    path(
        "thresholds/tool/versions/<int:pk>/", views.ToolVersionDetailApi.as_view(), name="threshold-tool-version-detail"
    ),
    path(
        "thresholds/tool/versions/<int:pk>/publish/",
        views.ToolVersionPublishApi.as_view(),
        name="threshold-tool-version-publish",
    ),
    path("thresholds/decisions/", views.DecisionListApi.as_view(), name="threshold-decision-list"),
    path("thresholds/decisions/breakdown/", views.DecisionBreakdownApi.as_view(), name="threshold-decision-breakdown"),
    path("thresholds/decisions/<int:pk>/", views.DecisionDetailApi.as_view(), name="threshold-decision-detail"),
    path("thresholds/disagreements/", views.DisagreementListApi.as_view(), name="disagreement-list"),
    path("thresholds/disagreements/report/", views.DisagreementReportApi.as_view(), name="disagreement-report"),
    path("thresholds/disagreements/<int:pk>/", views.DisagreementDetailApi.as_view(), name="disagreement-detail"),
    path(
        "thresholds/disagreements/<int:pk>/respond/",
        views.DisagreementRespondApi.as_view(),
        name="disagreement-respond",
    ),
    path(
        "thresholds/disagreements/<int:pk>/parties/",
        views.DisagreementPartyAddApi.as_view(),
        name="disagreement-party-add",
    ),
    path(
        "thresholds/disagreements/<int:pk>/escalate/",
        views.DisagreementEscalateApi.as_view(),
        name="disagreement-escalate",
    ),
    path(
        "thresholds/disagreements/<int:pk>/resolve/",
        views.DisagreementResolveApi.as_view(),
        name="disagreement-resolve",
    ),
]
