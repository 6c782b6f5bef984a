import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from almen.core.services import (
    DEMO_STAFF_EMAIL,
    DEMO_STAFF_PASSWORD,
    DEMO_STAFF_TOTP_SECRET,
    demo_staff_user_ensure,
)


class Command(BaseCommand):
    help = (
        "Set up a demo portal and serve it: migrate, load all content, add demo users and "
        "data, print the logins and run the development server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Prepare everything but do not start the server.",
        )

    def handle(self, *args, port: int, no_serve: bool, **options):
        if not settings.DEBUG:
            raise CommandError("The demo runs only with DEBUG on; it creates a known login.")
        url = f"http://127.0.0.1:{port}"
        if "PORTAL_BASE_URL" not in os.environ:
            # Personal links printed here and sent in emails must reach this server.
            settings.PORTAL_BASE_URL = url
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database migrated.")
        call_command("load_content", stdout=self.stdout)
        demo_staff_user_ensure()
        logins = [
            f"BL staff (admin): {DEMO_STAFF_EMAIL} / {DEMO_STAFF_PASSWORD}",
            f"  two-factor code: add the key {DEMO_STAFF_TOTP_SECRET} to an authenticator app,",
            f"  or run `uv run manage.py mfa_code {DEMO_STAFF_EMAIL}` for the current code",
        ]
        for dotted_path in settings.DEMO_DATA_BUILDERS:
            logins.extend(import_string(dotted_path)())
        self.stdout.write(self.style.SUCCESS("\nAlmen demo is ready.\n"))
        self.stdout.write(f"  Portal: {url}/\n  Admin:  {url}/admin/\n")
        for line in logins:
            self.stdout.write(f"  {line}")
        self.stdout.write(
            "\n  Sign in at /konto/login/ with email and password (or a one-time code by email)."
            "\n  BL staff and organisation administrators must use two-factor authentication:"
            "\n  at their first sign-in the portal shows a QR code and a key for an authenticator"
            "\n  app (or lets them add a security key). Without a phone, after setting it up,"
            "\n  `uv run manage.py mfa_code EMAIL` prints the current code of any demo login."
        )
        self.stdout.write("")
        if not no_serve:
            serve_like_production(port=port)


def serve_like_production(*, port: int) -> None:
    """Run the development server with DEBUG off, so visitors see the portal's own error
    pages (404, 500) instead of Django's debug pages; WhiteNoise still serves the static
    files straight from the source folders, so no collectstatic is needed. Settings were
    read with DEBUG on (the development key, plain static storage), which the demo needs."""
    settings.DEBUG = False
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)
