"""Render the public pages cold and warm and print timings. See bench/README.md."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{database}"
os.environ.pop("REDIS_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almen.settings")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

PAGES = [
    "/",
    "/maal/",
    "/maal/2026-2028/",
    "/maal/2024-2026/",
    "/maal/2022-2024/",
    "/maal/soeg/?q=klima",
    "/kommuner/",
    "/kommuner/kalundborg/",
    "/kommuner/herning/",
    "/api/v1/municipalities/?page_size=100",
    "/api/v1/programmes/2026-2028/",
]
ROUNDS = 30
GOAL_WARM_MS = 5
GOAL_COLD_MS = 100


class QueryCounter(list):
    def __call__(self, execute, sql, params, many, context):
        self.append(sql)
        return execute(sql, params, many, context)


def timed(client: Client, path: str, *, cold: bool) -> list[float]:
    samples = []
    for _ in range(ROUNDS):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return samples


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    print(f"{'page':45} {'queries':>7} {'cold p50':>9} {'cold p95':>9} {'warm p50':>9}")
    failures = []
    for path in PAGES:
        cache.clear()
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            first = client.get(path)
        if first.status_code != 200:
            print(f"{path:45} status {first.status_code}, skipped")
            continue
        cold = timed(client, path, cold=True)
        client.get(path)
        warm = timed(client, path, cold=False)
        cold_p50, warm_p50 = statistics.median(cold), statistics.median(warm)
        cold_p95 = statistics.quantiles(cold, n=20)[18]
        print(
            f"{path:45} {len(queries):>7} {cold_p50:>8.1f}ms {cold_p95:>8.1f}ms {warm_p50:>8.1f}ms"
        )
        if cold_p50 > GOAL_COLD_MS or (not path.startswith("/api/") and warm_p50 > GOAL_WARM_MS):
            failures.append(path)
    if failures:
        print("Over the goal:", ", ".join(failures))


if __name__ == "__main__":
    main()
