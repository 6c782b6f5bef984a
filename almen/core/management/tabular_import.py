"""The shared shape of the CSV/XLSX import commands (``import_observations``,
``import_organisations``): read the file, report every row and its errors, save nothing
when any row is invalid, and say what was (or in a dry run would be) saved."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from almen.core.tabular import TabularFileError


class TabularImportCommand(BaseCommand):
    """Subclasses define ``run_import(filename, content, dry_run)`` (the import service)
    and ``row_line(row)`` (how a row is reported), and may extend ``after_save(result)``."""

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report, but save nothing."
        )

    def run_import(self, *, filename: str, content: bytes, dry_run: bool):
        raise NotImplementedError

    def row_line(self, row) -> str:
        raise NotImplementedError

    def after_save(self, result) -> None:
        """Anything more to report after a real (not dry) run."""

    def handle(self, *args, file: Path, dry_run: bool, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            result = self.run_import(filename=file.name, content=file.read_bytes(), dry_run=dry_run)
        except TabularFileError as error:
            raise CommandError(str(error)) from error
        for row in result.rows:
            self.stdout.write(f"line {row.line}: {row.action} {self.row_line(row)}")
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
            self.after_save(result)
