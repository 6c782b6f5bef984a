from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from municipalities.organisation_imports import ImportFileError, organisations_import


class Command(BaseCommand):
    help = (
        "Import housing organisations (BL's member list) from a CSV or XLSX file with the "
        "header name,cvr,municipality_codes,website,email (codes separated by ';'). "
        "Idempotent by CVR number; nothing is saved when any row is invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but save nothing."
        )

    def handle(self, *args, file: Path, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            result = organisations_import(
                filename=file.name, content=file.read_bytes(), dry_run=dry_run
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        for row in result.rows:
            codes = ";".join(row.municipality_codes)
            self.stdout.write(f"line {row.line}: {row.action} {row.cvr} {row.name} {codes}")
            for message in row.errors:
                self.stdout.write(f"    {message}")
        if result.error_rows:
            lines = ", ".join(str(row.line) for row in result.error_rows)
            raise CommandError(f"Nothing saved: invalid rows on lines {lines}.")
        counts = ", ".join(
            f"{result.count(action)} {action}" for action in ("create", "update", "unchanged")
        )
        if dry_run:
            self.stdout.write(f"Dry run, nothing saved: {counts}.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Saved: {counts}."))
