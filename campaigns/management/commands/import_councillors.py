from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.models import Campaign
from campaigns.services.recipients import ImportFileError, councillors_import


class Command(BaseCommand):
    help = (
        "Import councillors into a campaign from a CSV (comma or semicolon, UTF-8) or XLSX "
        "file with the header name,email,municipality_code,party,role. Nothing is saved when "
        "any row is invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--campaign", required=True, help="The campaign's slug, e.g. kv25.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and save nothing."
        )

    def handle(self, *args, file: Path, campaign: str, dry_run: bool, **options):
        found = Campaign.objects.filter(slug=campaign).first()
        if found is None:
            raise CommandError(f"No campaign with the slug {campaign!r}.")
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        try:
            result = councillors_import(
                campaign=found, file_name=file.name, content=content, dry_run=dry_run
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        if not result.is_valid:
            for error in result.errors:
                self.stderr.write(f"Row {error.row}: {error.message}")
            raise CommandError(f"{len(result.errors)} errors in {file.name}; nothing was imported.")
        if dry_run:
            self.stdout.write(
                f"Dry run: {len(result.rows)} councillors in {file.name} would be imported "
                f"into {found.slug}; nothing was saved."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(f"Imported {result.created} councillors into {found.slug}.")
        )
