"""Send a campaign's invitations: ``manage.py send_invitations --campaign kv25 [--dry-run]``.

The same service as the admin's "Send invitations" button: only recipients not yet invited
(and not unsubscribed or erased) are emailed, so running it again after a late import sends
to the new ones only. A campaign with no webinar session left open is refused with the
reason (also with ``--dry-run``); when some sessions have passed it says which are offered.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import formats, timezone, translation

from campaigns.models import Campaign
from campaigns.selectors import campaign_invitation_sessions
from campaigns.services.sending import (
    CampaignNotSendable,
    campaign_progress,
    campaign_send,
    campaign_send_block_reason,
    campaign_send_preview,
)


class Command(BaseCommand):
    help = "Email the invitations of a campaign to every recipient not yet invited."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", required=True, help="the campaign's slug, e.g. kv25")
        parser.add_argument("--dry-run", action="store_true", help="print the counts, send nothing")
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="also try the permanently failed invitations again",
        )

    def handle(self, *args, campaign, dry_run, retry_failed, **options):
        found = Campaign.objects.filter(slug=campaign).first()
        if found is None:
            raise CommandError(f"No campaign with the slug {campaign!r}.")
        preview = campaign_send_preview(campaign=found, retry_failed=retry_failed)
        self.stdout.write(
            f"Campaign {found.slug}: {preview.to_invite} to email, "
            f"{preview.already_invited} already invited, "
            f"{preview.excluded} unsubscribed or erased, "
            f"{preview.failed} failed, {preview.waiting} waiting."
        )
        with translation.override("en"):  # the command speaks English, as its other output
            reason = campaign_send_block_reason(campaign=found)
        if reason is not None:
            raise CommandError(f"Not sent: {reason}")
        sessions = campaign_invitation_sessions(campaign=found)
        if sessions.closed:
            with translation.override("en"):
                self.stdout.write(
                    "The invitation offers only the open sessions: "
                    f"{_session_list(sessions.open)}; not those that have taken place or were "
                    f"cancelled: {_session_list(sessions.closed)}."
                )
        if dry_run:
            self.stdout.write("Dry run: nothing sent.")
            return
        try:
            result = campaign_send(campaign=found, retry_failed=retry_failed)
        except CampaignNotSendable as error:
            raise CommandError(str(error)) from error
        progress = campaign_progress(campaign=found)
        self.stdout.write(
            self.style.SUCCESS(
                f"Queued {result.created + result.requeued} invitations. "
                f"Now: {progress.queued} queued, {progress.sending} sending, "
                f"{progress.sent} sent, {progress.failed} failed."
            )
        )


def _session_list(sessions) -> str:
    return ", ".join(
        formats.date_format(timezone.localtime(session.starts_at), "DATETIME_FORMAT")
        for session in sessions
    )
