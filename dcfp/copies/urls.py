from django.urls import path

from dcfp.copies import views

app_name = "copies"

urlpatterns = [
    path("", views.copy_list, name="list"),
]
