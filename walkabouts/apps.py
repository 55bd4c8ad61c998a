from django.apps import AppConfig


class WalkaboutsConfig(AppConfig):
    name = "walkabouts"
    verbose_name = "Walkabouts and Section 11"
