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

With --nodes, this tree alone runs as a group's IT would at a deadline: two gunicorn nodes on random ports
behind Debian's nginx (its own configuration, random port, deploy/nginx/lms_proxy_params), one database and
Redis; virtual learners go through the mix again and again (sign in through the form, Mina kurser, a lesson,
the quiz, Mina intyg, the certificate PDF, Mina kurser) at 10, 50 and 200 at once, against one node directly
and through nginx to both: req/s, p50, p95 (and the sign-in's p95, the password hash being the dearest step),
the throughput per core, and how many cores 2,000 learners at once would need at --think-seconds a page.

    BENCH_TAG=nd BENCH_REDIS_DB=9 .venv/bin/python bench/load.py --nodes --prepare   # once: database, demo
    BENCH_TAG=nd BENCH_REDIS_DB=9 .venv/bin/python bench/load.py --nodes [--seconds 10] [--think-seconds 10]

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


_badge_key: list[str] = []


def badge_key() -> str:
    """One Open Badge signing key for this run's servers (made as the README says, under dev settings)."""
    if not _badge_key:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        made = subprocess.run(
            [PYTHON, "manage.py", "open_badge_key", "--kid", "bench", "--type", "p256"],
            cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.dev"},
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        _badge_key.append(made.stdout.strip())
    return _badge_key[0]


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
            "LMS_OPEN_BADGE_KEYS": badge_key(),  # production refuses to start without one
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
def gunicorn(checkout: Checkout, port: int | None = None, empty_cache: bool = True, timeout: int = 30, **env):
    import redis

    port = port or checkout.port
    # The checkout's cache, emptied: entries an earlier run of other code left are not this code's.
    cache = redis.Redis.from_url(checkout.cache)
    if empty_cache and checkout.cache_prefix:
        for key in cache.scan_iter(f"{checkout.cache_prefix}:*"):
            cache.delete(key)
    elif empty_cache:
        cache.flushdb()
    command = [PYTHON, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += [
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
        "--timeout",
        str(timeout),
    ]
    process = subprocess.Popen(command, cwd=checkout.path, env={**checkout.env(), **env})
    try:
        wait_for_port(port, process, f"{checkout.name}: gunicorn")
        yield
    finally:
        stop(process)


def stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for_port(port: int, process, what: str) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                sys.exit(f"{what} did not start on port {port}")
            time.sleep(0.2)


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


# --- Two nodes behind nginx, a learner mix at a deadline (--nodes) ----------------------------------

NODES_MIX = ["sign in", "Mina kurser", "lesson", "quiz form", "Mina intyg", "certificate PDF", "Mina kurser"]
NGINX_SITE = """
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
    upstream lms_web {{ {servers} keepalive 32; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            include {params};
            proxy_pass http://lms_web;
        }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def nginx(node_ports: list[int], port: int):
    """Debian's nginx on ``port`` in front of the nodes, with the proxy headers of deploy/nginx/."""
    directory = Path(tempfile.mkdtemp(prefix="lms_bench_nginx_"))
    servers = " ".join(f"server 127.0.0.1:{p};" for p in node_ports)
    params = ROOT / "deploy" / "nginx" / "lms_proxy_params"
    (directory / "nginx.conf").write_text(NGINX_SITE.format(dir=directory, servers=servers, port=port, params=params))
    binary = "/usr/sbin/nginx"
    command = [binary, "-p", str(directory), "-e", str(directory / "error.log"), "-c", str(directory / "nginx.conf")]
    process = subprocess.Popen([*command, "-g", "daemon off;"])
    try:
        wait_for_port(port, process, "nginx")
        yield
    finally:
        stop(process)


async def learner(port: int, urls: dict, stop: float, results: dict) -> None:
    """One learner at a deadline, again and again until ``stop``: signs in (the form, then the POST),
    opens Mina kurser, a lesson, the quiz, Mina intyg, downloads the certificate, back to Mina kurser."""
    from urllib.parse import urlencode

    while time.perf_counter() < stop:
        cookies: dict = {}
        for step in NODES_MIX:
            start = time.perf_counter()
            if start >= stop:  # the cell is over: no new request, even in the middle of a session
                break
            try:
                if step == "sign in":
                    status, cookies, content = await request(port, "GET", LOGIN, {})
                    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1).decode()
                    form = urlencode({"csrfmiddlewaretoken": token, "username": "anna", "password": PASSWORD})
                    status, new, _ = await request(port, "POST", LOGIN, cookies, form)
                    cookies = {"sessionid": new.get("sessionid", "")}
                    ok = status == 302 and cookies["sessionid"]
                else:
                    status, _, _ = await request(port, "GET", urls[step], cookies)
                    ok = status == 200
            except (OSError, AttributeError, IndexError, ValueError):  # refused, cut off, no form
                ok = False
            results["latencies"].setdefault(step, []).append(time.perf_counter() - start)
            results["errors"] += not ok


async def drive_mix(port: int, urls: dict, concurrency: int, seconds: float) -> dict:
    results = {"latencies": {}, "errors": 0}
    began = time.perf_counter()
    await asyncio.gather(*(learner(port, urls, began + seconds, results) for _ in range(concurrency)))
    return {**results, "elapsed": time.perf_counter() - began}


def mix_summary(run: dict) -> dict:
    every = sorted(x for values in run["latencies"].values() for x in values)
    q = statistics.quantiles(every, n=100, method="inclusive")
    sign_in = sorted(run["latencies"].get("sign in", [0]))
    return {
        "rps": len(every) / run["elapsed"],
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "sign-in p95": statistics.quantiles(sign_in, n=100, method="inclusive")[94] * 1000 if len(sign_in) > 1 else 0,
        "n": len(every),
        "errors": run["errors"],
    }


# The demo's learner has no certificate yet: complete one of her courses that gives one, and render it.
NODES_CERTIFICATE = """
from django.db import transaction
from django.utils import timezone
from lms.certificates import services
from lms.certificates.models import Certificate, CourseCertificate
from lms.courses.models import Enrolment
if not Certificate.objects.filter(person__user__username="anna", pdf__gt="").exists():
    courses = CourseCertificate.objects.values_list("course_id", flat=True)
    enrolment = Enrolment.objects.filter(person__user__username="anna", course_id__in=courses).order_by("pk").first()
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=timezone.now(), started_at=timezone.now())
    with transaction.atomic():
        certificate = services.certificate_issue(enrolment=enrolment)
    services.certificate_render(certificate=certificate)
"""
NODES_URLS = """
import json
from django.urls import reverse
from lms.certificates.models import Certificate
from lms.courses.models import LessonPage
from lms.quizzes.models import QuizPage
lesson = LessonPage.objects.live().order_by("path").first()
quiz = QuizPage.objects.live().order_by("path").first()
certificate = Certificate.objects.filter(person__user__username="anna", pdf__gt="").first()
print(json.dumps({
    "Mina kurser": reverse("courses:my_courses"),
    "lesson": lesson.url,
    "quiz form": quiz.url,
    "Mina intyg": reverse("certificates:mine"),
    "certificate PDF": reverse("certificates:download", args=[certificate.pk]),
}))
"""


def nodes_main(args) -> None:
    """This tree on two gunicorn nodes (WORKERS sync workers each) behind nginx, one database and Redis:
    the learner mix at each concurrency against one node directly, then through nginx to both."""
    checkout = Checkout("this tree", args.after.resolve(), 2)
    if args.prepare:
        prepare(checkout)
    checkout.manage("shell", "-c", NODES_CERTIFICATE, settings="config.settings.dev")
    urls = json.loads(checkout.manage("shell", "-c", NODES_URLS).strip().splitlines()[-1])
    node_ports, front = [free_port(), free_port()], free_port()
    cores = os.cpu_count() or 1
    print(f"{checkout.db}; nodes on {node_ports} ({WORKERS} workers each), nginx on {front}; {cores} cores; {urls}")
    proxied = {"RATELIMIT_IP_META_KEY": "HTTP_X_REAL_IP"}  # behind nginx, as deploy/lms.env.example says
    with ExitStack() as stack:
        # A request waits up to two minutes before gunicorn gives up on its worker (a loaded shared machine).
        stack.enter_context(gunicorn(checkout, node_ports[0], timeout=120, **proxied))
        stack.enter_context(gunicorn(checkout, node_ports[1], empty_cache=False, timeout=120, **proxied))
        stack.enter_context(nginx(node_ports, front))

        async def run():
            await drive_mix(front, urls, 4, 2.0)  # warm both nodes; checks nothing fails
            out = {}
            for concurrency in args.concurrency:
                for target, port in (("one node", node_ports[0]), ("nginx, two nodes", front)):
                    out[(concurrency, target)] = mix_summary(await drive_mix(port, urls, concurrency, args.seconds))
            return out

        results = asyncio.run(run())
    print(f"\nlearner mix ({' → '.join(NODES_MIX)}), {args.seconds:.0f} s a cell; shared, noisy {cores}-core machine")
    print(
        f"{'users':>5} {'target':18} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'sign-in p95':>12} {'n':>6} {'err':>4}"
    )
    for (concurrency, target), r in results.items():
        print(
            f"{concurrency:5d} {target:18} {r['rps']:7.1f} {r['p50']:8.1f} {r['p95']:8.1f} {r['sign-in p95']:12.1f} "
            f"{r['n']:6d} {r['errors']:4d}"
        )
    best = max(r["rps"] for (c, t), r in results.items() if t == "one node")
    per_core = best / cores  # the client, nginx and both nodes share these cores: a floor, not a ceiling
    think = args.think_seconds
    need = 2000 / think / per_core
    print(
        f"\nper core: {per_core:.1f} req/s (one node's best {best:.1f} req/s over {cores} cores, the client included)."
        f"\n2,000 learners at once, each asking for a page every {think:.0f} s ({2000 / think:.0f} req/s): "
        f"about {need:.0f} cores of application nodes at this rate"
    )


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
    parser.add_argument(
        "--nodes", action="store_true", help="this tree on two nodes behind nginx, the learner mix (10 50 200 users)"
    )
    parser.add_argument("--think-seconds", type=float, default=10.0, help="--nodes: a learner's pace, for the cores")
    args = parser.parse_args()
    if args.nodes:
        if args.concurrency == [1, 10, 50]:
            args.concurrency = [10, 50, 200]
        return nodes_main(args)
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
