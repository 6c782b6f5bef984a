from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError

from almen.editorial.history import history_collect, history_comment
from municipalities.services import SheetFileError, sheet_import


class Command(BaseCommand):
    help = (
        "Import a kommuneark with its text sections, facts and figures from a YAML file in "
        "the format of content/municipalities/sheets/*.yaml (see README). Nothing is saved "
        "when the file has an error."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, yaml.YAMLError) as error:
            raise CommandError(f"Not a readable YAML file: {error}") from error
        try:
            # The rows it creates or changes are one revision in the history.
            with history_collect(comment=history_comment("sheet_import", filename=file.name)):
                sheet, summary = sheet_import(data=data)
        except SheetFileError as error:
            raise CommandError(f"Nothing saved: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"{sheet}: {summary}."))
