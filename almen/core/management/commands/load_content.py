from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from almen.editorial.history import history_collect, history_comment


class Command(BaseCommand):
    help = (
        "Load all published content (goal programmes, municipality figures, campaigns) from "
        "the files in content/. Safe to run again: nothing is duplicated and rows edited by "
        "staff in admin are kept as they are."
    )

    def handle(self, *args, **options):
        # The rows created or updated (not those unchanged or kept) are one revision.
        with history_collect(comment=history_comment("load_content")):
            for dotted_path in settings.CONTENT_LOADERS:
                loader = import_string(dotted_path)
                with transaction.atomic():
                    summary = loader()
                self.stdout.write(f"{dotted_path.split('.')[0]}: {summary}")
        self.stdout.write(self.style.SUCCESS("Content loaded."))
