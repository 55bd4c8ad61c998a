"""Email a person a one-time link to set their own password (the first administrator's, for one)."""

from django.core.management.base import BaseCommand, CommandError

from dcfp.accounts.services import setup_link_send
from dcfp.models import User, normalise_email


class Command(BaseCommand):
    help = "Email a person a one-time link to set their own password. Nobody else sees the link."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The person's email address.")

    def handle(self, *args, email: str, **options):
        person = User.objects.filter(email=normalise_email(email)).first()
        if person is None or not person.is_active:
            raise CommandError(f"No active person has the address {email}.")
        if not setup_link_send(user=person):
            raise CommandError("Not sent: this person was sent several links recently. Try again in 15 minutes.")
        self.stdout.write(f"Sent a set-up link to {person.email}.")
