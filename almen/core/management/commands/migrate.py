"""``manage.py migrate`` that waits for any other ``migrate`` on the same PostgreSQL
database: two containers starting at once on a fresh database would otherwise both apply
the same migrations and one fail (e.g. on a unique constraint a migration creates). The
lock is a session-level advisory lock, released when the command ends or its connection
drops. Other databases migrate as before."""

from django.core.management.commands.migrate import Command as DjangoMigrateCommand
from django.db import connections

# Any fixed 64-bit number that no other code uses as an advisory lock key.
MIGRATE_LOCK_KEY = 7_215_002_026


class Command(DjangoMigrateCommand):
    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            return super().handle(*args, **options)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK_KEY])
        try:
            return super().handle(*args, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK_KEY])
