"""Time the admin observation import with an 86,000-row file (2 MB). See bench/README.md.

    uv run python bench/imports.py                      # a throw-away SQLite database
    BENCH_DATABASE_URL=postgres://…/almen_bench uv run python bench/imports.py

With BENCH_DATABASE_URL the database is migrated and its observations are deleted first.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{database}")
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almen.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from municipalities.imports import observations_import  # noqa: E402
from municipalities.models import Indicator, Municipality, Observation  # noqa: E402

ROWS = 86_000
INDICATORS = 10


def observations_file() -> bytes:
    """ROWS distinct figures: 98 municipalities × 10 indicators × as many years as needed,
    Danish format, semicolon separated, as staff would export them from Excel."""
    codes = list(Municipality.objects.order_by("code").values_list("code", flat=True))
    lines = ["kommunekode;indikator;periode;værdi;kilde\n"]
    for n in range(ROWS):
        year = 1900 + n // (len(codes) * INDICATORS)
        indicator = f"b{n // len(codes) % INDICATORS}"
        lines.append(f"{codes[n % len(codes)]};{indicator};{year};{n % 9000},5;\n")
    return "".join(lines).encode()


def timed(label: str, **kwargs) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    result = observations_import(filename="tal.csv", **kwargs)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    counts = ", ".join(f"{result.count(a)} {a}" for a in ("create", "update", "unchanged"))
    print(f"| {label} | {seconds:.1f} s | {cpu:.1f} s | {counts} |")


def main() -> None:
    call_command("migrate", verbosity=0)
    Observation.objects.all().delete()
    for number in range(INDICATORS):
        Indicator.objects.get_or_create(
            key=f"b{number}", defaults={"name": f"Bench {number}", "order": 100 + number}
        )
    content = observations_file()
    print(f"{ROWS} rows, {len(content) / 1024 / 1024:.2f} MB, {connection.vendor}\n")
    # Wall time, and the CPU time of this process (SQLite runs inside it; PostgreSQL's
    # own work is not counted there): the machine is shared, so wall time varies.
    print("| step | wall | CPU (this process) | rows |\n| --- | ---: | ---: | --- |")
    timed("dry run (the preview)", content=content, dry_run=True)
    timed("import, all new", content=content, dry_run=False)
    timed("import again, nothing changed", content=content, dry_run=False)
    changed = content.replace(b",5;\n", b",7;\n")
    timed("import, every value changed", content=changed, dry_run=False)
    Observation.objects.filter(indicator__key__startswith="b").delete()
    Indicator.objects.filter(key__startswith="b", name__startswith="Bench").delete()


if __name__ == "__main__":
    main()
