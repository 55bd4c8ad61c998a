from django.urls import path

from walkabouts.api import scrutiny, secure_home, views

P = "walkabouts/assessments/<int:pk>/"

urlpatterns = [
    path("walkabouts/standards/", views.StandardsApi.as_view(), name="walkabouts-standards"),
    path("walkabouts/cycles/", views.CycleListApi.as_view(), name="walkabouts-cycles"),
    path("walkabouts/assessments/", views.AssessmentListApi.as_view(), name="walkabouts-assessment-list"),
    path(
        "walkabouts/assessments/assessed-elsewhere/",
        views.AssessmentElsewhereApi.as_view(),
        name="walkabouts-assessment-elsewhere",
    ),
    path(P, views.AssessmentDetailApi.as_view(), name="walkabouts-assessment-detail"),
    path(P + "returned/", views.AssessmentReturnedApi.as_view(), name="walkabouts-assessment-returned"),
    path(P + "fieldwork/", views.AssessmentFieldworkApi.as_view(), name="walkabouts-assessment-fieldwork"),
    path(
        P + "submit-findings/",
        views.AssessmentSubmitFindingsApi.as_view(),
        name="walkabouts-assessment-submit-findings",
    ),
    path(P + "agency-agree/", views.AssessmentAgencyAgreeApi.as_view(), name="walkabouts-assessment-agency-agree"),
    path(P + "agree/", views.AssessmentAgreeApi.as_view(), name="walkabouts-assessment-agree"),
    path(P + "return-findings/", views.AssessmentReturnApi.as_view(), name="walkabouts-assessment-return-findings"),
    path(P + "complete/", views.AssessmentCompleteApi.as_view(), name="walkabouts-assessment-complete"),
    path(P + "findings/<int:standard_pk>/", views.FindingApi.as_view(), name="walkabouts-finding"),
    path(P + "actions/", views.ActionCreateApi.as_view(), name="walkabouts-action-create"),
    path(P + "actions/<int:action_pk>/progress/", views.ActionProgressApi.as_view(), name="walkabouts-action-progress"),
    path(P + "expectations/", views.ExpectationListApi.as_view(), name="walkabouts-expectations"),
    path(P + "evidence/", views.EvidenceCreateApi.as_view(), name="walkabouts-evidence-create"),
    path(P + "evidence/<int:evidence_pk>/file/", views.EvidenceFileApi.as_view(), name="walkabouts-evidence-file"),
    path("walkabouts/comparison/", views.ComparisonApi.as_view(), name="walkabouts-comparison"),
    path("walkabouts/scrutiny/", scrutiny.ScrutinyListApi.as_view(), name="walkabouts-scrutiny-list"),
    path(
        "walkabouts/scrutiny/<int:pk>/items/",
        scrutiny.ScrutinyItemCreateApi.as_view(),
        name="walkabouts-scrutiny-item-create",
    ),
    path(
        "walkabouts/scrutiny/<int:pk>/items/<int:item_pk>/outcome/",
        scrutiny.ScrutinyItemOutcomeApi.as_view(),
        name="walkabouts-scrutiny-item-outcome",
    ),
    path(
        "walkabouts/scrutiny/<int:pk>/endorse/",
        scrutiny.ScrutinyEndorseApi.as_view(),
        name="walkabouts-scrutiny-endorse",
    ),
    path(
        "walkabouts/secure-home/risk-assessments/",
        secure_home.SecureHomeRiskListApi.as_view(),
        name="walkabouts-secure-home-risks",
    ),
    path(
        "walkabouts/secure-home/risk-assessments/<int:pk>/walkabout/",
        secure_home.SecureHomeWalkaboutApi.as_view(),
        name="walkabouts-secure-home-walkabout",
    ),
    path(
        "walkabouts/secure-home/reports/",
        secure_home.SecureHomeReportListApi.as_view(),
        name="walkabouts-secure-home-reports",
    ),
    path(
        "walkabouts/secure-home/reports/<int:pk>/file/",
        secure_home.SecureHomeReportFileApi.as_view(),
        name="walkabouts-secure-home-report-file",
    ),
]
