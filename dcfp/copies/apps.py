from django.apps import AppConfig


class CopiesConfig(AppConfig):
    name = "dcfp.copies"
    label = "copies"
    verbose_name = "Copies to the Executive"
