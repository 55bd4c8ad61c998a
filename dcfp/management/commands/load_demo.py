from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.management.base import BaseCommand

from dcfp.demo import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, PEOPLE, demo_email, load_demo
from dcfp.models import User
from dcfp.roles import Role


def demo_accounts() -> tuple[list[User], list[User]]:
    """Every demo account, whichever app's demo made it: those who can sign in (the core people in
    their listed order, then the rest by address) and those added but not yet set up."""
    listed = {demo_email(handle): position for position, (handle, *_rest) in enumerate(PEOPLE)}
    people = sorted(
        User.objects.filter(is_demo=True, email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
        .select_related("organisation")
        .prefetch_related("groups"),
        key=lambda person: (listed.get(person.email, len(listed)), person.email),
    )
    waiting = [person for person in people if person.password.startswith(UNUSABLE_PASSWORD_PREFIX)]
    return [person for person in people if person not in waiting], waiting


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
        can_sign_in, waiting = demo_accounts()
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for person in can_sign_in:
            self.stdout.write(self._row(person))
        if waiting:
            self.stdout.write("Added but not yet set up (they cannot sign in until their set-up link is used):")
            for person in waiting:
                self.stdout.write(self._row(person))

    @staticmethod
    def _row(person: User) -> str:
        roles = ", ".join(sorted(group.name for group in person.groups.all() if group.name in Role.values))
        return f"  {person.email:38} {person.full_name}, {person.organisation} ({roles})"
