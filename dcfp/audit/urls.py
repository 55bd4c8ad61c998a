from django.urls import path

from dcfp.audit import views

app_name = "audit"

urlpatterns = [
    path("records/<str:target_type>/<str:target_id>/", views.record_trail, name="record_trail"),
]
