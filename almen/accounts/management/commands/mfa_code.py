from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from almen.accounts.mfa import totp_code, totp_secret_of


class Command(BaseCommand):
    help = (
        "Demo and development only: print the code a user's authenticator app shows now, "
        "so the demo logins can pass two-factor authentication without a phone."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        if not settings.DEBUG:
            raise CommandError("mfa_code runs only with DEBUG on: it reads a user's secret.")
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No user with the email address {email}.")
        secret = totp_secret_of(user=user)
        if secret is None:
            raise CommandError(
                f"{email} has no authenticator app yet: sign in and set one up first "
                "(the portal shows a QR code and the key)."
            )
        self.stdout.write(totp_code(secret=secret))
