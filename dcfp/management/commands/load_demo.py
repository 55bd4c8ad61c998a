from django.core.management.base import BaseCommand

from dcfp.demo import DEMO_PASSWORD, PEOPLE, demo_email, load_demo


class Command(BaseCommand):
    help = "Load the Devon partnership demo data and one demo account per role. Safe to run again."

    def handle(self, *args, **options):
        created = load_demo()
        from notifications.demo import load_notification_demo, load_referral_demo

        created["serious incidents"] = load_notification_demo()
        created["referrals"] = load_referral_demo()
        from thresholds.demo import load_threshold_demo

        created.update(load_threshold_demo())
        from walkabouts.demo import load_walkabout_demo

        created.update(load_walkabout_demo())
        from rapid_reviews.demo import load_rapid_review_demo

        created["rapid reviews"] = load_rapid_review_demo()
        summary = ", ".join(f"{count} {what}" for what, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded (created this time: {summary})."))
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for handle, full_name, org, roles, _ in PEOPLE:
            self.stdout.write(f"  {demo_email(handle):38} {full_name}, {org} ({', '.join(roles)})")
