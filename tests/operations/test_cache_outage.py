"""A cache that hangs or vanishes costs a page one timeout at most, and is logged once per outage.

The site runs under gunicorn on production's settings (site_settings.py), its cache on a redis-server of
the test's own, which the test freezes with SIGSTOP (it keeps its port and answers nothing, as behind a
stuck network) or kills. The breaker's return to the cache after the outage is shown in the test process
itself, with the breaker's clock moved by the test instead of waiting for it."""

import http.client
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pytest
import redis
from django.conf import settings
from django.db import connection
from django.urls import reverse

from lms.access.roles import HR_GROUP, ensure_roles
from lms.core import sitecache
from lms.core.rediscache import cache_breaker
from tests.certificates.factories import make_certificate_course, make_learner
from tests.config.test_settings import BADGE_KEY

from .conftest import breaking_cache, free_port, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres, pytest.mark.redis]

PASSWORD = "ett-bra-losenord-42"
SECRET = "cache-outage-test-only-" + "x" * 40
PAGE_BUDGET = 2.0  # seconds: what the issue allows a page with the cache frozen
# What the frozen cache may add to a page over its time with the cache answering, measured in the same run
# (a busy machine slows both): one half-second timeout and a margin, within the budget.
FROZEN_EXTRA = PAGE_BUDGET - 0.5
OUTAGE_WARNING = "cannot be reached"


@dataclass
class Site:
    """gunicorn on production settings, asked over plain HTTP (no TLS proxy in front)."""

    port: int
    log: Path
    process: subprocess.Popen
    cookies: dict[str, dict[str, str]] = field(default_factory=dict)

    def request(self, method: str, path: str, user: str | None = None, body: str = "") -> tuple[int, bytes]:
        jar = self.cookies.setdefault(user, {}) if user else {}
        headers = {"Host": f"127.0.0.1:{self.port}"}
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15)
        try:
            conn.request(method, path, body=body or None, headers=headers)
            response = conn.getresponse()
            content = response.read()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie" and user:
                    name, _, rest = value.partition("=")
                    jar[name] = rest.split(";", 1)[0]
            return response.status, content
        finally:
            conn.close()

    def get(self, path: str, user: str | None = None) -> tuple[int, float]:
        started = time.perf_counter()
        status, _ = self.request("GET", path, user)
        return status, time.perf_counter() - started

    def sign_in(self, username: str) -> None:
        login = reverse("accounts:login")
        status, page = self.request("GET", login, username)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        form = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
        status, _ = self.request("POST", login, username, form)
        assert status == 302 and "sessionid" in self.cookies[username], f"{username} could not sign in ({status})"

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@pytest.fixture
def start_site(redis_server, require_postgres, media_root, tmp_path):
    started = []
    db = connection.settings_dict

    def start(workers: int) -> Site:
        port = free_port()
        log = tmp_path / f"gunicorn-{port}.log"
        env = {
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "tests.operations.site_settings",
            "SECRET_KEY": SECRET,
            "LMS_OPEN_BADGE_KEYS": BADGE_KEY,  # production signs Open Badges with its own key
            "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}",
            "CELERY_BROKER_URL": redis_server.url,  # the cache: the database after the broker's, as in production
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "False",
            "MEDIA_ROOT": str(media_root),
        }
        command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"]
        command += ["--workers", str(workers), "--worker-class", "sync", "--timeout", "30"]
        with open(log, "wb") as out:
            process = subprocess.Popen(  # noqa: S603 - this interpreter, our own project
                command, cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT
            )
        site = Site(port=port, log=log, process=process)
        started.append(site)
        assert wait_for(lambda: process.poll() is not None or site_answers(port), seconds=90), site.output()
        assert process.poll() is None, f"gunicorn did not start:\n{site.output()[-3000:]}"
        return site

    yield start
    for site in started:
        site.process.terminate()
        site.process.wait(30)


def site_answers(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        conn.request("GET", "/healthz")
        conn.getresponse().read()
        conn.close()
        return True
    except OSError:
        return False


@pytest.fixture
def people_and_pages(home_page):
    ensure_roles()
    course, lessons = make_certificate_course(title="Demokrati när cachen hänger", lessons=2)
    for username in ("learner-frozen", "hr-frozen"):
        person = make_learner(username=username)
        person.user.set_password(PASSWORD)
        person.user.save()
    from django.contrib.auth.models import Group

    person.user.groups.add(Group.objects.get(name=HR_GROUP))
    return [
        ("home", "/", None),
        ("home, signed in", "/", "learner-frozen"),
        ("a lesson", lessons[0].url, "learner-frozen"),
        ("Mina kurser", reverse("courses:my_courses"), "learner-frozen"),
        ("HR's overview", reverse("reports_overview"), "hr-frozen"),
    ]


def timed(site: Site, pages) -> dict[str, tuple[int, float]]:
    return {name: site.get(path, user) for name, path, user in pages}


def report(title: str, timings: dict[str, tuple[int, float]]) -> None:
    print(
        f"\n{title}: " + ", ".join(f"{name} {status} in {seconds:.2f} s" for name, (status, seconds) in timings.items())
    )


def test_a_frozen_cache_costs_each_page_one_timeout_at_most(start_site, redis_server, people_and_pages):
    site = start_site(workers=2)
    for user in ("learner-frozen", "hr-frozen"):
        site.sign_in(user)
    for _ in range(2):  # both workers, caches filled: the pages now read them
        warm = timed(site, people_and_pages)
    report("cache answering", warm)
    assert all(status == 200 for status, _ in warm.values()), warm
    assert redis.Redis.from_url(redis_server.url.replace("/0", "/1")).dbsize() > 0  # the cache is in use

    redis_server.freeze()
    try:
        rounds = [timed(site, people_and_pages) for _ in range(3)]
    finally:
        redis_server.thaw()
    for n, timings in enumerate(rounds, 1):
        report(f"cache frozen, round {n}", timings)
    for timings in rounds:
        for name, (status, seconds) in timings.items():
            assert status == 200, f"{name} answered {status} with the cache frozen"
            extra = seconds - warm[name][1]
            assert extra < FROZEN_EXTRA, f"{name} took {seconds:.1f} s with the cache frozen ({extra:.1f} s more)"
    log = site.output()
    assert 1 <= log.count(OUTAGE_WARNING) <= 2, log[-3000:]  # once per worker that met the outage
    assert "Traceback" not in log, log[-3000:]


def test_b_a_vanished_cache_is_logged_once_not_per_call(start_site, redis_server, people_and_pages):
    site = start_site(workers=1)
    for user in ("learner-frozen", "hr-frozen"):
        site.sign_in(user)
    redis_server.stop()
    rounds = [timed(site, people_and_pages) for _ in range(4)]
    report("cache gone, first round", rounds[0])
    assert [status for timings in rounds for status, _ in timings.values()] == [200] * 20
    log = site.output()
    assert log.count(OUTAGE_WARNING) == 1, log[-3000:]
    assert "Traceback" not in log and "Exception ignored" not in log, log[-3000:]


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_c_after_the_outage_the_probe_finds_the_cache_and_it_is_used_again(redis_server, settings, caplog):
    settings.CACHES = breaking_cache(redis_server.url)  # production's cache, on the test's own Redis
    from django.core.cache import cache
    from django.test import RequestFactory
    from django_ratelimit.core import is_ratelimited
    from django_redis import get_redis_connection

    server = redis.Redis.from_url(redis_server.url)
    # One timeout a call, not one a retry (redis-py's own client retries three times by default).
    assert get_redis_connection().connection_pool.make_connection().retry.get_retries() == 0
    breaker = cache_breaker()
    breaker.clock = clock = Clock()
    caplog.set_level("INFO", logger="lms.core.rediscache")
    cache.set("before", "kept")
    cache.set("signed-out", "a session")
    version_before = sitecache.content_version()
    assert server.exists(":1:before")

    redis_server.freeze()
    assert cache.get("before") is None  # one timeout: the breaker opens
    assert breaker.is_open
    cache.set("during", 1)  # dropped without asking: not even queued on a socket for later
    cache.delete("signed-out")  # dropped too, but remembered
    assert cache.get_many(["before", "during"]) == {}
    cache.set_many({"during-many": 1})
    computed, kept = [], dict(sitecache.site_content._copies)
    request = RequestFactory().get("/")
    assert sitecache.content_version(request) is None  # no version, so nothing is stored or kept
    for _ in range(2):
        assert sitecache.cached("figure", request, lambda: computed.append(1) or len(computed)) == len(computed)
    assert computed == [1, 1] and sitecache.site_content._copies == kept
    limited = is_ratelimited(request, group="outage", key="ip", rate="1/m", increment=True)
    assert limited is False  # the rate limit fails open (RATELIMIT_FAIL_OPEN)

    redis_server.thaw()
    cache.set("before-the-probe", 1)  # still within the breaker's wait: not asked
    clock.now += breaker.retry_seconds
    assert cache.get("before") == "kept"  # the probe: answered, so the breaker closes
    assert not breaker.is_open
    assert not server.exists(":1:signed-out")  # the delete the outage dropped is sent now
    cache.set("after", 1)
    cache.set_many({"after-many": 1})  # a pipeline, through the breaker too
    assert server.exists(":1:after") and server.exists(":1:after-many")
    assert not any(server.exists(f":1:{key}") for key in ("during", "during-many", "before-the-probe"))
    # Writes during the outage could not move the versions: they move now.
    assert sitecache.content_version() not in (None, version_before)

    records = [(r.levelname, r.getMessage()) for r in caplog.records if r.name == "lms.core.rediscache"]
    assert [level for level, _ in records] == ["WARNING", "INFO"], records
    assert OUTAGE_WARNING in records[0][1] and "answers again" in records[1][1]
