from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from municipalities.imports import ImportFileError, observations_import


class Command(BaseCommand):
    help = (
        "Import municipality figures (observations) from a CSV or XLSX file; see "
        "municipalities/data/observations-sample.csv for the format. Nothing is saved when "
        "any row is invalid."
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
            result = observations_import(
                filename=file.name, content=file.read_bytes(), dry_run=dry_run
            )
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        for row in result.rows:
            value = "" if row.value is None else row.value
            line = f"line {row.line}: {row.action} {row.municipality} {row.indicator} "
            line += f"{row.period} {value}"
            self.stdout.write(line)
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
            for sheet in result.sheets_created:
                self.stdout.write(f"New kommuneark with the shared sections: {sheet}")
