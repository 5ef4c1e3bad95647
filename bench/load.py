"""Throughput under load: gunicorn on production settings, signed-in learners and HR, two checkouts side by side.

Each checkout (by default today's main, cloned to /tmp/main_before, and this working tree) gets its own
PostgreSQL database with the demo loaded by its own code (the working tree may have migrations main
lacks), its own collected static files and its own gunicorn (3 sync workers, as in the README's
deployment command) on 127.0.0.1. Learners (anna, chef, politiker) and HR sign in through the sign-in
form; a bounded asyncio client then asks for the learner pages (home, Mina kurser, a lesson, the quiz
form), HR's completion overview and a static file (the baseline) at concurrency 1, 10 and 50. The two
servers take turns, cell by cell and round by round, so both meet the machine's noise alike.

    git clone -q /work/main /tmp/main_before     # today's main: the last commit
    .venv/bin/python bench/load.py --prepare      # once: databases, demo, static files
    .venv/bin/python bench/load.py [--seconds 5] [--rounds 2] [--concurrency 1 10 50] [--page "static file"]
        [--static css/reports.css]

Needs PostgreSQL and Redis on 127.0.0.1 (BENCH_PG, BENCH_REDIS). On a machine shared with others,
BENCH_TAG names this run's databases, static folders and ports apart from theirs, and BENCH_REDIS_DB
keeps both servers in one Redis database pair (broker there, caches in the next, each under its own key
prefix) instead of databases 10-13. Only the standard library on the
client side: gunicorn's sync workers close every connection, so HTTP/1.1 with Connection: close is all
the client needs to speak.
"""

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from common import ROOT

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PASSWORD = "Demokrati2026!"  # the demo's public password (README)
LOGIN = "/konto/logga-in/"
LEARNERS = ["anna", "chef", "politiker"]
SECRET = "bench-load-only-" + "x" * 48
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))
TAG = os.environ.get("BENCH_TAG", "")
REDIS_DB = os.environ.get("BENCH_REDIS_DB")  # e.g. 10: broker there, caches in 11 under key prefixes


class Checkout:
    def __init__(self, name: str, path: Path, slot: int):
        self.name, self.path, self.slot = name, path, slot
        self.db = f"lms_bench_load{TAG}_{slot}"
        self.port = 8470 + slot + (10 * (1 + sum(map(ord, TAG)) % 50) if TAG else 0)
        self.static_root = Path(tempfile.gettempdir()) / f"lms_bench_load{TAG}_static_{slot}"
        if REDIS_DB is None:
            self.broker = f"{REDIS}/{10 + 2 * slot}"  # cache on the next database
            self.cache, self.cache_prefix = f"{REDIS}/{11 + 2 * slot}", ""
        else:
            self.broker = f"{REDIS}/{REDIS_DB}"
            self.cache, self.cache_prefix = f"{REDIS}/{int(REDIS_DB) + 1}", f"bench{TAG}{slot}"

    def env(self, settings: str = "config.settings.production") -> dict:
        return {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "CACHE_"))},
            "PYTHONPATH": str(self.path),
            "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": f"{PG}/{self.db}",
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CELERY_BROKER_URL": self.broker,
            "CACHE_URL": self.cache + (f"?key_prefix={self.cache_prefix}" if self.cache_prefix else ""),
            "SECURE_SSL_REDIRECT": "False",  # plain HTTP on the loopback; no TLS proxy in front
            "STATIC_ROOT": str(self.static_root),
        }

    def manage(self, *args: str, settings: str = "config.settings.production") -> str:
        result = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=self.path, env=self.env(settings), capture_output=True, text=True
        )
        if result.returncode:
            sys.exit(f"{self.name}: manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout


def prepare(checkout: Checkout) -> None:
    """A fresh database with the demo loaded by the checkout's own code, and its static files collected."""
    admin = PG.rsplit("/", 1)[0] if PG.count("/") > 2 else PG
    subprocess.run(["psql", f"{admin}/postgres", "-qc", f"DROP DATABASE IF EXISTS {checkout.db}"], check=True)
    subprocess.run(["psql", f"{admin}/postgres", "-qc", f"CREATE DATABASE {checkout.db}"], check=True)
    checkout.manage("migrate", "--no-input", settings="config.settings.dev")
    checkout.manage("load_demo", settings="config.settings.dev")
    checkout.manage("collectstatic", "--no-input", "-v0")
    print(f"{checkout.name}: {checkout.db} and {checkout.static_root} ready")


FIND_URLS = """
import json
from django.templatetags.static import static
from django.urls import reverse
from lms.courses.models import LessonPage
from lms.quizzes.models import QuizPage
lesson = LessonPage.objects.live().order_by("path").first()
quiz = QuizPage.objects.live().order_by("path").first()
print(json.dumps({
    "home": "/",
    "Mina kurser": reverse("courses:my_courses"),
    "lesson": lesson.url,
    "quiz form": quiz.url,
    "HR overview": reverse("reports_overview"),
    "static file": static(STATIC_FILE),
}))
"""


def page_urls(checkout: Checkout, static_file: str = "css/site.css") -> dict:
    code = f"STATIC_FILE = {static_file!r}\n{FIND_URLS}"
    return json.loads(checkout.manage("shell", "-c", code).strip().splitlines()[-1])


@contextmanager
def gunicorn(checkout: Checkout):
    import redis

    # The checkout's cache, emptied: entries an earlier run of other code left are not this code's.
    cache = redis.Redis.from_url(checkout.cache)
    if checkout.cache_prefix:
        for key in cache.scan_iter(f"{checkout.cache_prefix}:*"):
            cache.delete(key)
    else:
        cache.flushdb()
    command = [PYTHON, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{checkout.port}"]
    command += ["--workers", str(WORKERS), "--worker-class", "sync", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=checkout.path, env=checkout.env())
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", checkout.port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    sys.exit(f"{checkout.name}: gunicorn did not start")
                time.sleep(0.2)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


async def request(port: int, method: str, path: str, cookies: dict, body: str = "") -> tuple[int, dict, bytes]:
    """One HTTP/1.1 request on a fresh connection: status, Set-Cookie values, body."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    headers = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    if cookies:
        headers.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
    if body:
        headers += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body.encode())}"]
    writer.write(("\r\n".join(headers) + "\r\n\r\n" + body).encode())
    await writer.drain()
    raw = await reader.read()
    writer.close()
    head, _, content = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    set_cookies = {}
    for line in lines[1:]:
        if line.lower().startswith("set-cookie:"):
            name, _, rest = line.split(":", 1)[1].strip().partition("=")
            set_cookies[name] = rest.split(";", 1)[0]
    return status, set_cookies, content


async def sign_in(port: int, username: str) -> dict:
    from urllib.parse import urlencode

    status, cookies, content = await request(port, "GET", LOGIN, {})
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()
    form = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD, "next": "/"})
    status, new, _ = await request(port, "POST", LOGIN, cookies, form)
    cookies.update(new)
    if status != 302 or "sessionid" not in cookies:
        sys.exit(f"sign-in as {username} on port {port} failed ({status})")
    return {"sessionid": cookies["sessionid"]}


async def drive(port: int, path: str, sessions: list, concurrency: int, seconds: float) -> dict:
    """``concurrency`` clients asking for ``path`` back to back for ``seconds``; each a signed-in user."""
    latencies, errors = [], 0
    stop = time.perf_counter() + seconds

    async def client(n: int):
        nonlocal errors
        cookies = sessions[n % len(sessions)] if sessions else {}
        while time.perf_counter() < stop:
            start = time.perf_counter()
            try:
                status, _, _ = await request(port, "GET", path, cookies)
            except OSError:
                status = 0
            if status != 200:
                errors += 1
            latencies.append(time.perf_counter() - start)

    began = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(concurrency)))
    return {"elapsed": time.perf_counter() - began, "latencies": latencies, "errors": errors}


def summary(runs: list) -> dict:
    latencies = sorted(x for r in runs for x in r["latencies"])
    q = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else latencies * 99
    return {
        "rps": len(latencies) / sum(r["elapsed"] for r in runs),
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "p99": q[98] * 1000,
        "n": len(latencies),
        "errors": sum(r["errors"] for r in runs),
    }


async def measure(checkouts, urls, sessions, concurrencies, seconds, rounds) -> dict:
    results = {}
    for concurrency in concurrencies:
        for page in urls[checkouts[0].name]:
            for _ in range(rounds):
                for checkout in checkouts:  # side by side: the two servers take turns
                    who = sessions[checkout.name]["hr" if page == "HR overview" else "learners"]
                    run = await drive(checkout.port, urls[checkout.name][page], who, concurrency, seconds)
                    results.setdefault((concurrency, page, checkout.name), []).append(run)
    return {key: summary(runs) for key, runs in results.items()}


def report(checkouts, urls, results, concurrencies) -> None:
    before, after = (c.name for c in checkouts)
    print(
        f"\n{'page':13} {'conc':>4} | {'checkout':13} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'n':>6} {'err':>4} | {'speed-up':>8}"
    )
    for concurrency in concurrencies:
        for page in urls[before]:
            for name in (before, after):
                s = results[(concurrency, page, name)]
                speedup = s["rps"] / results[(concurrency, page, before)]["rps"]
                print(
                    f"{page:13} {concurrency:4d} | {name:13} {s['rps']:7.1f} {s['p50']:8.1f} {s['p95']:8.1f} "
                    f"{s['p99']:8.1f} {s['n']:6d} {s['errors']:4d} | "
                    f"{(f'{speedup:7.2f}x' if name == after else ''):>8}"
                )
    slower = [
        f"{page} at {concurrency} ({results[(concurrency, page, after)]['rps'] / results[(concurrency, page, before)]['rps']:.2f}x)"
        for concurrency in concurrencies
        for page in urls[before]
        if results[(concurrency, page, after)]["rps"] < 0.9 * results[(concurrency, page, before)]["rps"]
    ]
    print(f"\ncells under 0.90x (issue 28: every cell within 10 %): {', '.join(slower) or 'none'}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--before", type=Path, default=Path(tempfile.gettempdir()) / "main_before", help="checkout of today's main"
    )
    parser.add_argument("--after", type=Path, default=ROOT, help="the checkout to compare (this tree)")
    parser.add_argument("--prepare", action="store_true", help="(re)create databases, demo and static files")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of one run of one cell")
    parser.add_argument("--rounds", type=int, default=2, help="runs per cell and checkout, alternating")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument(
        "--static", default="css/site.css", help="the static file (one of the same bytes in both, to compare serving)"
    )
    parser.add_argument("--page", action="append", help="only these pages (default: all), e.g. 'static file'")
    args = parser.parse_args()
    if not (args.before / "manage.py").exists():
        sys.exit(f"no checkout at {args.before}: git clone -q {ROOT} {args.before}")
    checkouts = [Checkout("main (before)", args.before.resolve(), 0), Checkout("this tree", args.after.resolve(), 1)]
    if args.prepare:
        for checkout in checkouts:
            prepare(checkout)
    every_url = {c.name: page_urls(c, args.static) for c in checkouts}
    urls = {
        name: {page: path for page, path in found.items() if not args.page or page in args.page}
        for name, found in every_url.items()
    }
    for c in checkouts:
        print(f"{c.name}: {c.path} db={c.db} port={c.port} workers={WORKERS} {urls[c.name]}")
    with ExitStack() as stack:
        for checkout in checkouts:
            stack.enter_context(gunicorn(checkout))

        async def run():
            sessions = {}
            for c in checkouts:
                sessions[c.name] = {
                    "learners": [await sign_in(c.port, u) for u in LEARNERS],
                    "hr": [await sign_in(c.port, "hr")],
                }
                for page, path in every_url[c.name].items():  # warm every worker a little, and check
                    who = sessions[c.name]["hr" if page == "HR overview" else "learners"]
                    status = (await request(c.port, "GET", path, who[0]))[0]
                    if status != 200:
                        sys.exit(f"{c.name}: {page} {path} answered {status}")
                await drive(c.port, every_url[c.name]["home"], sessions[c.name]["learners"], 6, 1.0)
            return await measure(checkouts, urls, sessions, args.concurrency, args.seconds, args.rounds)

        results = asyncio.run(run())
    report(checkouts, urls, results, args.concurrency)


if __name__ == "__main__":
    main()
