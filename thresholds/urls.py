from django.urls import path

from thresholds.views import decisions, disagreements, drafts, tool

app_name = "thresholds"

urlpatterns = [
    path("", decisions.decision_log, name="decision_log"),
    path("decisions/new/", decisions.decision_record, name="decision_record"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision_detail"),
    path("breakdown/", decisions.decision_breakdown, name="breakdown"),
    path("tool/", tool.tool_versions, name="tool_versions"),
    path("tool/new/", tool.tool_version_new, name="tool_version_new"),
    path("tool/<int:pk>/", tool.tool_version, name="tool_version"),
    path("tool/<int:pk>/publish/", tool.tool_version_publish, name="tool_version_publish"),
    path("tool/<int:pk>/indicators/", tool.tool_indicator_add, name="tool_indicator_add"),
    path("tool/<int:pk>/edit/", drafts.tool_version_edit, name="tool_version_edit"),
    path("tool/<int:pk>/domains/new/", drafts.tool_domain_add, name="tool_domain_add"),
    path("tool/<int:pk>/domains/<int:item>/", drafts.tool_domain_edit, name="tool_domain_edit"),
    path("tool/<int:pk>/indicators/<int:item>/", drafts.tool_indicator_edit, name="tool_indicator_edit"),
    path("tool/<int:pk>/strengths/new/", drafts.tool_strength_add, name="tool_strength_add"),
    path("tool/<int:pk>/strengths/<int:item>/", drafts.tool_strength_edit, name="tool_strength_edit"),
    path("disagreements/", disagreements.disagreement_list, name="disagreement_list"),
    path("disagreements/new/", disagreements.disagreement_raise, name="disagreement_raise"),
    path("disagreements/report/", disagreements.disagreement_report, name="disagreement_report"),
    path("disagreements/<int:pk>/", disagreements.disagreement_detail, name="disagreement_detail"),
    path("disagreements/<int:pk>/respond/", disagreements.disagreement_respond, name="disagreement_respond"),
    path("disagreements/<int:pk>/parties/", disagreements.disagreement_party_add, name="disagreement_party_add"),
    path("disagreements/<int:pk>/escalate/", disagreements.disagreement_escalate, name="disagreement_escalate"),
    path("disagreements/<int:pk>/resolve/", disagreements.disagreement_resolve, name="disagreement_resolve"),
]
