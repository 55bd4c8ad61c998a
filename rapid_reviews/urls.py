from django.urls import path

from rapid_reviews.views import reviews, summaries

app_name = "rapid_reviews"

urlpatterns = [
    path("", reviews.review_list, name="list"),
    path("start/<int:incident_pk>/", reviews.review_start, name="start"),
    path("<int:pk>/", reviews.review_detail, name="detail"),
    path("<int:pk>/report/<slug:key>/", reviews.section_edit, name="section"),
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
]
