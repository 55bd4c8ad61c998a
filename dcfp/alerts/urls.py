from django.urls import path

from dcfp.alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.message_list, name="message_list"),
    path("<int:pk>/", views.message_detail, name="message_detail"),
    path("emails/", views.email_list, name="email_list"),
]
