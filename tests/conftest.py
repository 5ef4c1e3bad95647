"""Fixtures shared by every test: media in a temporary folder, real services, the browser."""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings
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
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def require_postgres(db):
    if connection.vendor != "postgresql":
        service_missing("needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms")


@pytest.fixture(scope="session")
def redis_url():
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
    parsed = urlparse(url)
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


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", accept_downloads=True)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def home_page(db):
    from home.demo import _home_page

    return _home_page()
