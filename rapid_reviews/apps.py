from django.apps import AppConfig


class RapidReviewsConfig(AppConfig):
    name = "rapid_reviews"
    verbose_name = "Rapid reviews and local reviews"

    def ready(self) -> None:
        from dcfp.copies.registry import register
        from rapid_reviews.models import RapidReview
        from rapid_reviews.pdf import render_executive_copy

        # A report signed off by every Safeguarding Partner is copied to the Executive: their read
        # access is the copy rule.
        register(RapidReview, noun="rapid review report", render_pdf=render_executive_copy)
