from django.urls import path

from rapid_reviews.api import local, views

urlpatterns = [
    path("rapid-reviews/", views.ReviewListApi.as_view(), name="rapid-review-list"),
    path("rapid-reviews/<int:pk>/", views.ReviewDetailApi.as_view(), name="rapid-review-detail"),
    path("rapid-reviews/<int:pk>/sections/<slug:key>/", views.SectionApi.as_view(), name="rapid-review-section"),
    path("rapid-reviews/<int:pk>/outcome/", views.OutcomeApi.as_view(), name="rapid-review-outcome"),
    path(
        "rapid-reviews/<int:pk>/send-for-sign-off/",
        views.SendForSignOffApi.as_view(),
        name="rapid-review-send-for-sign-off",
    ),
    path("rapid-reviews/<int:pk>/sign-off/", views.SignOffApi.as_view(), name="rapid-review-sign-off"),
    path("rapid-reviews/<int:pk>/endorse/", views.EndorseApi.as_view(), name="rapid-review-endorse"),
    path("rapid-reviews/<int:pk>/decline/", views.DeclineApi.as_view(), name="rapid-review-decline"),
    path("rapid-reviews/<int:pk>/sent/", views.SentApi.as_view(), name="rapid-review-sent"),
    path("rapid-reviews/<int:pk>/panel-reply/", views.PanelReplyApi.as_view(), name="rapid-review-panel-reply"),
    path("rapid-reviews/<int:pk>/agencies/", views.AddAgencyApi.as_view(), name="rapid-review-add-agency"),
    path("rapid-reviews/summaries/", views.SummaryListApi.as_view(), name="agency-summary-list"),
    path("rapid-reviews/summaries/<int:pk>/", views.SummaryDetailApi.as_view(), name="agency-summary-detail"),
    path("rapid-reviews/summaries/<int:pk>/submit/", views.SummarySubmitApi.as_view(), name="agency-summary-submit"),
    path("rapid-reviews/summaries/<int:pk>/return/", views.SummaryReturnApi.as_view(), name="agency-summary-return"),
    path("local-reviews/", local.LocalReviewListApi.as_view(), name="local-review-list"),
    path("local-reviews/<int:pk>/", local.LocalReviewDetailApi.as_view(), name="local-review-detail"),
    path("local-reviews/<int:pk>/reviewer/", local.AppointApi.as_view(), name="local-review-appoint"),
    path("local-reviews/<int:pk>/extensions/", local.ExtensionRequestApi.as_view(), name="local-review-extension"),
    path("local-reviews/<int:pk>/sent/", local.LocalSentApi.as_view(), name="local-review-sent"),
    path("local-reviews/<int:pk>/publication/", local.PublicationApi.as_view(), name="local-review-publication"),
    path(
        "local-reviews/extensions/<int:pk>/decide/",
        local.ExtensionDecideApi.as_view(),
        name="local-review-extension-decide",
    ),
    path("local-reviews/requests/<int:pk>/reply/", local.RequestReplyApi.as_view(), name="local-review-reply"),
    path("review-actions/", local.ActionListApi.as_view(), name="review-action-list"),
    path("review-actions/<int:pk>/", local.ActionDetailApi.as_view(), name="review-action-detail"),
]
