from django.urls import path

from rapid_reviews.views import documents, local, reviews, summaries

app_name = "rapid_reviews"

urlpatterns = [
    path("", reviews.review_list, name="list"),
    path("start/<int:incident_pk>/", reviews.review_start, name="start"),
    path("<int:pk>/", reviews.review_detail, name="detail"),
    path("<int:pk>/report/<slug:key>/", reviews.section_edit, name="section"),
    path("<int:pk>/report.pdf", documents.report_pdf, name="report_pdf"),
    path("<int:pk>/executive-copy.pdf", documents.executive_copy_pdf, name="executive_copy_pdf"),
    path("<int:pk>/outcome/", reviews.outcome, name="outcome"),
    path("<int:pk>/send-for-sign-off/", reviews.send_for_sign_off, name="send_for_sign_off"),
    path("<int:pk>/sign-off/", reviews.sign_off, name="sign_off"),
    path("<int:pk>/endorse/", reviews.endorse, name="endorse"),
    path("<int:pk>/sent/", reviews.record_sent, name="sent"),
    path("<int:pk>/panel-reply/", reviews.panel_reply, name="panel_reply"),
    path("<int:pk>/agencies/add/", reviews.add_agency, name="add_agency"),
    path("summaries/", summaries.summary_list, name="summaries"),
    path("summaries/<int:pk>/", summaries.summary_detail, name="summary"),
    path("summaries/<int:pk>/return/", summaries.summary_return, name="summary_return"),
    path("<int:pk>/local-review/", local.commission, name="commission"),
    path("<int:pk>/recommendations/add/", local.recommendation_add, {"kind": "rapid"}, name="recommendation_add"),
    path("local/", local.local_review_list, name="local_list"),
    path("local/<int:pk>/", local.local_review_detail, name="local"),
    path("local/<int:pk>/reviewer/", local.appoint, name="local_appoint"),
    path("local/<int:pk>/terms/", local.terms, name="local_terms"),
    path("local/<int:pk>/terms.pdf", documents.local_terms_pdf, name="local_terms_pdf"),
    path("local/<int:pk>/milestones/add/", local.milestone_add, name="local_milestone_add"),
    path("local/<int:pk>/extensions/add/", local.extension_add, name="local_extension_add"),
    path("local/extensions/<int:pk>/decide/", local.extension_decide, name="local_extension_decide"),
    path("local/<int:pk>/requests/add/", local.request_add, name="local_request_add"),
    path("local/requests/<int:pk>/reply/", local.request_reply, name="local_request_reply"),
    path("local/<int:pk>/sent/", local.local_sent, name="local_sent"),
    path("local/<int:pk>/publication/", local.publication, name="local_publication"),
    path("local/<int:pk>/not-published/", local.not_publishing, name="local_not_published"),
    path(
        "local/<int:pk>/recommendations/add/",
        local.recommendation_add,
        {"kind": "local"},
        name="local_recommendation_add",
    ),
    path(
        "<int:pk>/recommendations/<int:recommendation>/actions/add/",
        local.action_add,
        {"kind": "rapid"},
        name="action_add",
    ),
    path(
        "local/<int:pk>/recommendations/<int:recommendation>/actions/add/",
        local.action_add,
        {"kind": "local"},
        name="local_action_add",
    ),
    path("actions/", local.action_list, name="actions"),
    path("actions/<int:pk>/", local.action_detail, name="action"),
]
