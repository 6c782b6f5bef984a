"""Throughput and p99 of the portal under gunicorn, beside a bare Django view, with and
without the nginx proxy of deploy/nginx/. See bench/README.md.

    uv run python bench/http_throughput.py --database almen_bench --redis-db 7 --port 8700

Needs PostgreSQL and Redis (as in production), wrk and Debian's nginx (/usr/sbin/nginx).
Creates the database if missing (migrate, load_content), then, with DEBUG=false:
gunicorn (5 sync workers) with the portal and with bench/bare_wsgi.py; wrk (2 threads,
32 connections, 10 s) against the bare view, each page and API read (served from the cache
after one warm-up request), a page while its content is published (the version bumped)
and while the whole cache is flushed; then nginx with deploy/nginx/almen-proxy.conf in
front, against the same pages, each beside a static file of its own size that nginx serves
itself (and a 20 KiB file, the issue's yardstick); and how long a publish takes to show
through the proxy.
"""

import argparse
import getpass
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/",
    "/maal/2026-2028/",
    "/kommuner/kalundborg/",
    "/api/v1/programmes/2026-2028/",
    "/api/v1/municipalities/326/profile/",
    "/api/v1/municipalities/?page_size=100",
]
PUBLISH_PAGE = "/maal/2026-2028/"
WRK = ["wrk", "-t2", "-c32", "-d10s", "--latency"]
WARM_UP = ["wrk", "-t2", "-c32", "-d2s"]  # every gunicorn worker imports and renders once
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def cpu_seconds(master: int) -> float:
    """CPU time (user and system) used so far by the gunicorn workers of ``master``."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def wrk(url: str, *, master: int | None = None, during=None, warm_up: bool = True) -> dict:
    """Requests per second, per CPU second of the gunicorn workers (the machine is shared:
    wall-clock rates move with everyone else's load, CPU per request much less), p99 in ms
    and the number of non-2xx/3xx answers."""
    if warm_up:
        subprocess.run([*WARM_UP, url], capture_output=True, check=True)  # noqa: S603
    timer = threading.Timer(3.0, during) if during else None
    if timer:
        timer.start()
    cpu_before = cpu_seconds(master) if master else 0.0
    out = subprocess.run([*WRK, url], capture_output=True, text=True, check=True).stdout  # noqa: S603
    cpu = cpu_seconds(master) - cpu_before if master else 0.0
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", out).groups()
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "per_cpu": requests / cpu if cpu else 0.0,
        "p99": float(value) * UNITS[unit],
        "errors": int(errors.group(1)) if errors else 0,
    }


def paired(yardstick_url: str, url: str, *, rounds: int, masters=(None, None), during=None):
    """``rounds`` alternating runs of the yardstick and the address, so that each ratio
    compares two runs seconds apart; the medians of the rates, ratios and p99s, and the
    worst p99 of the address and of the yardstick."""
    pairs = []
    for number in range(rounds):
        yardstick = wrk(yardstick_url, master=masters[0], warm_up=number == 0)
        run = wrk(url, master=masters[1], during=during, warm_up=number == 0)
        pairs.append((yardstick, run))

    def middle(value) -> float:
        return statistics.median(value(yardstick, run) for yardstick, run in pairs)

    return {
        "rps": middle(lambda _y, r: r["rps"]),
        "per_cpu": middle(lambda _y, r: r["per_cpu"]),
        "rps_ratio": middle(lambda y, r: r["rps"] / y["rps"]),
        "per_cpu_ratio": middle(lambda y, r: r["per_cpu"] / y["per_cpu"] if y["per_cpu"] else 0),
        "p99": middle(lambda _y, r: r["p99"]),
        "worst_p99": max(run["p99"] for _yardstick, run in pairs),
        "errors": sum(run["errors"] for _yardstick, run in pairs),
        "yardstick_rps": middle(lambda y, _r: y["rps"]),
        "yardstick_per_cpu": middle(lambda y, _r: y["per_cpu"]),
        "yardstick_worst_p99": max(yardstick["p99"] for yardstick, _run in pairs),
    }


def static_body(size: int) -> bytes:
    """An HTML file of exactly ``size`` bytes for nginx to serve itself."""
    line = b"<p>" + b"x" * 1000 + b"</p>\n"
    return (line * (size // len(line) + 1))[:size]


def wait_until_up(url: str) -> None:
    for _ in range(120):
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310
            return
        except Exception:  # noqa: BLE001
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer")


def fetch(url: str) -> bytes:
    return urllib.request.urlopen(url, timeout=10).read()  # noqa: S310


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="almen_bench")
    parser.add_argument("--redis-db", type=int, default=7)
    parser.add_argument("--port", type=int, default=8700, help="uses this port and the next 3")
    parser.add_argument("--rounds", type=int, default=3, help="alternating runs per address")
    args = parser.parse_args()
    portal_port, bare_port, proxy_port = args.port, args.port + 1, args.port + 2
    redis_cli = ["redis-cli", "-n", str(args.redis_db)]
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "REDIS_URL": f"redis://127.0.0.1:6379/{args.redis_db}",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "API_ANON_RATE": "",  # one client address: the per-IP throttle would refuse wrk
        "LOG_LEVEL": "WARNING",
    }
    exists = subprocess.run(  # noqa: S603
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",  # noqa: S607
         f"SELECT 1 FROM pg_database WHERE datname='{args.database}'"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", args.database], check=True)  # noqa: S603, S607
    manage = [sys.executable, "manage.py"]
    for command in (
        ["migrate", "-v0"],
        ["load_content", "-v0"],
        ["collectstatic", "--noinput", "-v0"],
    ):
        subprocess.run(
            [*manage, *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )  # noqa: S603
    subprocess.run([*redis_cli, "FLUSHDB"], check=True, stdout=subprocess.DEVNULL)  # noqa: S603

    work = Path(tempfile.mkdtemp())
    processes = []
    try:
        gunicorn = [sys.executable, "-m", "gunicorn", "--workers", "5", "--log-level", "warning"]
        processes.append(subprocess.Popen(  # noqa: S603
            [*gunicorn, "--bind", f"127.0.0.1:{portal_port}", "almen.wsgi:application"],
            cwd=ROOT, env=env))  # fmt: skip
        processes.append(subprocess.Popen(  # noqa: S603
            [*gunicorn, "--bind", f"127.0.0.1:{bare_port}", "bench.bare_wsgi:application"],
            cwd=ROOT, env=env))  # fmt: skip
        portal, bare = f"http://127.0.0.1:{portal_port}", f"http://127.0.0.1:{bare_port}/"
        wait_until_up(portal + "/healthz")
        wait_until_up(bare)

        for page in PAGES:  # every worker imports everything and renders each page once
            subprocess.run([*WARM_UP, portal + page], capture_output=True, check=True)  # noqa: S603
        print("## gunicorn (5 sync workers), no proxy")
        print(
            f"The bare view and each address alternate, {args.rounds} runs each: medians (p99: "
            "median and worst)."
        )
        print("| address | req/s | × bare | req/CPU-s | × bare | p99 (median, worst) "
              "| bare: req/s, req/CPU-s, worst p99 | errors |\n"
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")  # fmt: skip

        def measured(page: str, label: str, during=None) -> None:
            run = paired(bare, portal + page, rounds=args.rounds, during=during,
                         masters=(processes[1].pid, processes[0].pid))  # fmt: skip
            print(f"| {label} | {run['rps']:.0f} | {run['rps_ratio']:.2f} | "
                  f"{run['per_cpu']:.0f} | {run['per_cpu_ratio']:.2f} | "
                  f"{run['p99']:.1f} ms, {run['worst_p99']:.1f} ms | "
                  f"{run['yardstick_rps']:.0f}, {run['yardstick_per_cpu']:.0f}, "
                  f"{run['yardstick_worst_p99']:.1f} ms | {run['errors']} |")  # fmt: skip

        for page in PAGES:
            measured(page, f"`{page}`")

        def publish():
            subprocess.run([*redis_cli, "INCR", "almen:1:content-version:goals"], check=True,  # noqa: S603
                           stdout=subprocess.DEVNULL)  # fmt: skip

        def flush():
            subprocess.run([*redis_cli, "FLUSHDB"], check=True, stdout=subprocess.DEVNULL)  # noqa: S603

        measured(PUBLISH_PAGE, f"`{PUBLISH_PAGE}`, published (version bumped) at 3 s", publish)
        measured(PUBLISH_PAGE, f"`{PUBLISH_PAGE}`, whole cache flushed at 3 s", flush)

        print("\n## nginx (deploy/nginx/almen-proxy.conf) in front")
        static = work / "static"
        static.mkdir()
        (static / "bench-20k.html").write_bytes(static_body(20 * 1024))
        (work / "cache").mkdir()
        # Workers run as this user (as root nginx would switch to nobody, who cannot read the
        # private temporary directory).
        (work / "nginx.conf").write_text(f"""
user {getpass.getuser()};
worker_processes 2;
pid {work}/nginx.pid;
error_log {work}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {work}/client;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    include {ROOT}/deploy/nginx/almen-http.conf;
    proxy_cache_path {work}/cache levels=1:2 keys_zone=almen:10m max_size=200m inactive=10m
                     use_temp_path=off;
    upstream almen_web {{ server 127.0.0.1:{portal_port}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{proxy_port};
        include {ROOT}/deploy/nginx/almen-proxy.conf;
        location /bench-static/ {{ root {work}; }}
        location = /bench-20k.html {{ root {static}; }}
    }}
}}
""")
        processes.append(subprocess.Popen(  # noqa: S603
            ["/usr/sbin/nginx", "-p", str(work), "-c", str(work / "nginx.conf"),
             "-g", "daemon off;", "-e", str(work / "error.log")]))  # fmt: skip
        proxy = f"http://127.0.0.1:{proxy_port}"
        wait_until_up(proxy + "/bench-20k.html")
        file_run = wrk(proxy + "/bench-20k.html")
        print(f"static 20 KiB file: {file_run['rps']:.0f} req/s, p99 {file_run['p99']:.1f} ms")
        print(
            f"Each address and a static file of its own size alternate, {args.rounds} runs "
            "each: medians (p99: median and worst)."
        )
        print("| address | size | req/s | static file: req/s, worst p99 | × static file "
              "| p99 (median, worst) | errors |")  # fmt: skip
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        (work / "bench-static").mkdir()
        for number, page in enumerate(PAGES):
            size = len(fetch(proxy + page))
            (work / "bench-static" / f"{number}.html").write_bytes(static_body(size))
            run = paired(f"{proxy}/bench-static/{number}.html", proxy + page, rounds=args.rounds)
            print(f"| `{page}` | {size / 1024:.1f} KiB | {run['rps']:.0f} | "
                  f"{run['yardstick_rps']:.0f}, {run['yardstick_worst_p99']:.1f} ms | "
                  f"{run['rps_ratio']:.2f} | {run['p99']:.1f} ms, {run['worst_p99']:.1f} ms | "
                  f"{run['errors']} |")  # fmt: skip

        marker = f"Bench {secrets.token_hex(4)}"
        sql = "UPDATE goals_programme SET title = %s WHERE slug = '2026-2028'"
        title = subprocess.run(  # noqa: S603
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", args.database, "-tAc",  # noqa: S607
             "SELECT title FROM goals_programme WHERE slug = '2026-2028'"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip

        def title_set(value: str) -> None:
            subprocess.run(  # noqa: S603
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", args.database, "-qc",  # noqa: S607
                 sql.replace("%s", "'" + value.replace("'", "''") + "'")], check=True)  # fmt: skip
            publish()

        title_set(marker)
        published = time.monotonic()
        while marker.encode() not in fetch(proxy + PUBLISH_PAGE):
            time.sleep(0.1)
        print(f"\na publish shows through the proxy after {time.monotonic() - published:.1f} s")
        title_set(title)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
