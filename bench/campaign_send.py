"""2,500 invitations through one real Celery worker (concurrency 2), Redis and an SMTP sink,
with CAMPAIGN_SEND_RATE_LIMIT=100/s: how long until all are sent, and exactly once each.
See bench/README.md.

    uv run python bench/campaign_send.py --database almen_bench --redis-db 9 --smtp-port 8705

Needs PostgreSQL and Redis. Uses (and creates if missing) the database, flushes the Redis
database number given, and removes its campaign afterwards.
"""

import argparse
import csv
import io
import logging
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
COUNCILLORS = 2500
RATE = "100/s"
GOAL_SECONDS = 60


class Sink:
    def __init__(self) -> None:
        self.recipients: list[str] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        with self.lock:
            self.recipients.extend(envelope.rcpt_tos)
        return "250 2.0.0 OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="almen_bench")
    parser.add_argument("--redis-db", type=int, default=9)  # http_throughput.py uses 7
    parser.add_argument("--smtp-port", type=int, default=8705)
    args = parser.parse_args()
    env = {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
        "EMAIL_URL": f"smtp://127.0.0.1:{args.smtp_port}",
        "CAMPAIGN_SEND_RATE_LIMIT": RATE,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        # Production-like: no query log in the worker.
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "almen.settings")
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", args.database],  # noqa: S603, S607
        capture_output=True,
    )  # fmt: skip  (exists already: fine)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)  # noqa: S603
    subprocess.run(["redis-cli", "-n", str(args.redis_db), "FLUSHDB"], check=True)  # noqa: S603, S607

    import django

    django.setup()
    from aiosmtpd.controller import Controller
    from django.utils import timezone

    from campaigns.models import Campaign, Invitation, Webinar, WebinarSession
    from campaigns.services.recipients import councillors_import
    from campaigns.services.sending import campaign_send
    from municipalities.models import Municipality

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command log
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=args.smtp_port)
    controller.start()
    log = Path(tempfile.mkdtemp()) / "worker.log"
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "almen", "worker", "--concurrency=2",
         "--loglevel=INFO", "--without-gossip", "--without-mingle", "--hostname=bench@%h"],
        cwd=ROOT, env={**os.environ, **env}, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    # A session a month ahead, whenever the bench runs: a campaign whose sessions are over
    # cannot be sent.
    starts_at = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    starts_at += timedelta(days=30)
    webinar, _ = Webinar.objects.get_or_create(slug="bench-webinar", defaults={"title": "Bench"})
    WebinarSession.objects.update_or_create(
        webinar=webinar,
        key="bench",
        defaults={"starts_at": starts_at, "ends_at": starts_at + timedelta(hours=1)},
    )
    Campaign.objects.filter(slug="bench-send").delete()
    campaign = Campaign.objects.create(
        slug="bench-send", name="Bench", status=Campaign.Status.READY, webinar=webinar,
        sender_line="Boligorganisationerne i {municipality} Kommune",
    )  # fmt: skip
    codes = list(Municipality.objects.order_by("code").values_list("code", flat=True))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["name", "email", "municipality_code", "party", "role"])
    for number in range(COUNCILLORS):
        writer.writerow(
            [f"Bench {number}", f"bench{number}@example.org", codes[number % 98], "", ""]
        )
    result = councillors_import(
        campaign=campaign, file_name="bench.csv", content=out.getvalue().encode()
    )
    assert result.created == COUNCILLORS, result.errors[:3]
    try:
        while "ready." not in log.read_text(errors="replace"):
            if worker.poll() is not None:
                raise SystemExit(log.read_text())
            time.sleep(0.5)
        started = time.monotonic()
        campaign_send(campaign=campaign)
        while True:
            sent = Invitation.objects.filter(recipient__campaign=campaign, status="sent").count()
            if sent >= COUNCILLORS and len(sink.recipients) >= COUNCILLORS:
                break
            if time.monotonic() - started > 600:
                raise SystemExit(f"only {sent} sent after 600 s")
            time.sleep(0.2)
        took = time.monotonic() - started
        time.sleep(2)
        counts = Counter(sink.recipients)
        once = len(counts) == COUNCILLORS and set(counts.values()) == {1}
        verdict = "exactly once each" if once else "NOT exactly once"
        print(f"{COUNCILLORS} invitations, one worker (concurrency 2), {RATE}: {took:.1f} s, "
              f"{COUNCILLORS / took:.0f}/s; {len(sink.recipients)} messages at the sink, "
              f"{verdict}; goal < {GOAL_SECONDS} s")  # fmt: skip
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        controller.stop()
        Campaign.objects.filter(slug="bench-send").delete()


if __name__ == "__main__":
    main()
