from django.urls import path

from walkabouts.views import assessments, comparison, cycles, scrutiny, secure_home, standards

app_name = "walkabouts"

urlpatterns = [
    path("", assessments.assessment_list, name="list"),
    path("plan/", assessments.assessment_plan, name="plan"),
    path("assessed-elsewhere/", assessments.assessment_record_elsewhere, name="record_elsewhere"),
    path("compare/", comparison.comparison, name="comparison"),
    path("standards/", standards.standards, name="standards"),
    path("standards/new/", standards.standards_publish, name="standards_publish"),
    path("cycles/", cycles.cycle_list, name="cycles"),
    path("cycles/new/", cycles.cycle_open, name="cycle_open"),
    path("<int:pk>/", assessments.assessment_detail, name="detail"),
    path("<int:pk>/fieldwork/", assessments.assessment_start_fieldwork, name="fieldwork"),
    path("<int:pk>/findings/<int:standard_pk>/", assessments.finding_record, name="finding"),
    path("<int:pk>/returned/", assessments.assessment_record_return, name="record_return"),
    path("<int:pk>/submit-findings/", assessments.assessment_submit_findings, name="submit_findings"),
    path("<int:pk>/agency-agree/", assessments.assessment_agency_agree, name="agency_agree"),
    path("<int:pk>/return/", assessments.assessment_return_findings, name="return_findings"),
    path("<int:pk>/agree/", assessments.assessment_agree, name="agree"),
    path("<int:pk>/complete/", assessments.assessment_complete, name="complete"),
    path("<int:pk>/actions/new/", assessments.action_add, name="action_add"),
    path("<int:pk>/actions/<int:action_pk>/", assessments.action_progress, name="action_progress"),
    path("<int:pk>/evidence/new/", assessments.evidence_add, name="evidence_add"),
    path("<int:pk>/evidence/<int:evidence_pk>/", assessments.evidence_download, name="evidence_download"),
    path("<int:pk>/report.pdf", assessments.report_pdf, name="report_pdf"),
    path("secure-home/", secure_home.secure_home_list, name="secure_home"),
    path("secure-home/<int:home_pk>/reports/new/", secure_home.report_add, name="secure_home_report_add"),
    path("secure-home/reports/<int:report_pk>/", secure_home.report_download, name="secure_home_report_download"),
    path("secure-home/<int:home_pk>/risk/new/", secure_home.risk_add, name="secure_home_risk_add"),
    path("secure-home/risk/<int:risk_pk>/walkabout/", secure_home.walkabout_from_risk, name="secure_home_walkabout"),
    path("scrutiny/", scrutiny.programme_list, name="scrutiny_list"),
    path("scrutiny/<int:pk>/", scrutiny.programme_detail, name="scrutiny_detail"),
    path("scrutiny/<int:pk>/items/new/", scrutiny.item_add, name="scrutiny_item_add"),
    path("scrutiny/<int:pk>/endorse/", scrutiny.programme_endorse, name="scrutiny_endorse"),
    path("scrutiny/<int:pk>/items/<int:item_pk>/outcome/", scrutiny.item_outcome, name="scrutiny_item_outcome"),
]
