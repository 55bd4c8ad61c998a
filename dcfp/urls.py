from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView

from dcfp import views
from dcfp.accounts.api import MeApi, api_docs
from thresholds.views.public import levels_of_need

api_v1: list[URLPattern | URLResolver] = [
    path("me/", MeApi.as_view(), name="me"),
    path("", include("notifications.api.urls")),
    path("", include("thresholds.api.urls")),
    path("", include("walkabouts.api.urls")),
    path("", include("rapid_reviews.api.urls")),
]

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("messages/", include("dcfp.alerts.urls")),
    path("notifications/", include("notifications.urls")),
    path("thresholds/", include("thresholds.urls")),
    path("levels-of-need/", levels_of_need, name="levels_of_need"),
    path("walkabouts/", include("walkabouts.urls")),
    path("copies/", include("dcfp.copies.urls")),
    path("rapid-reviews/", include("rapid_reviews.urls")),
    path("", include("dcfp.accounts.urls")),
    path("admin/", admin.site.urls),
    path("audit/", include("dcfp.audit.urls")),
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file, so the content security policy needs no inline script.
    path("api/docs/", api_docs, name="api-docs"),
]

# The 500 page is rendered without the request, so it still shows when the database is what failed.
handler500 = "dcfp.views.server_error"
handler404 = "dcfp.views.page_not_found"
