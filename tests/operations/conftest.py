"""Real services for the fault tests: a redis-server of the test's own that it can stop and start,
Celery pointed at it, and workers as threads (mail and signals visible to the test) or as processes
(that can be killed hard)."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import _reset_celery_pools, service_missing

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"
# Seconds instead of minutes, so that a redelivery is seen while the test waits.
TEST_VISIBILITY_TIMEOUT = 3
FAST_RESTORE = {"unacked_restore_interval": 1, "unacked_restore_throttle": 1}


def wait_for(condition, seconds=30.0, every=0.1) -> bool:
    """Poll until ``condition()`` holds or the deadline passes; no fixed sleeps."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return bool(condition())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


class RedisServer:
    """A redis-server process on a free port, without persistence: stop() is the outage."""

    def __init__(self, directory: Path):
        self.port = free_port()
        self.directory = directory
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - a fixed local binary
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            cwd=self.directory,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_for(lambda: answers(self.port), seconds=10), "redis-server did not start"

    def freeze(self):
        """SIGSTOP: the server keeps its port and accepts connections but answers nothing, as behind a
        stuck network or on a swapping machine."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None
        assert not answers(self.port)


def breaking_cache(url: str) -> dict:
    """CACHES as production.py makes them (django-redis, the breaker, half-second timeouts), on ``url``."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "REDIS_CLIENT_CLASS": "lms.core.rediscache.BreakingRedis",
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


@pytest.fixture
def redis_server(tmp_path):
    if not os.path.exists(REDIS_SERVER):
        service_missing(f"needs redis-server ({REDIS_SERVER}) to start and stop a Redis of the test's own")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def celery_on(redis_server, require_postgres):
    """The project's Celery app sending to the test's Redis (tasks no longer eager), with a visibility
    timeout of seconds. Needs PostgreSQL: workers must see what the test committed."""
    from config.celery_app import app

    keys = ("broker_url", "task_always_eager", "result_backend", "broker_transport_options")
    saved = {k: app.conf[k] for k in keys}
    app.conf.update(
        broker_url=redis_server.url,
        task_always_eager=False,
        result_backend=None,
        broker_transport_options={
            **settings.CELERY_BROKER_TRANSPORT_OPTIONS,
            "visibility_timeout": TEST_VISIBILITY_TIMEOUT,
            **FAST_RESTORE,
        },
    )
    _reset_celery_pools(app)
    yield app
    app.conf.update(saved)
    _reset_celery_pools(app)


@contextmanager
def thread_worker(app):
    """A worker in a thread of the test process: its mail lands in mail.outbox."""
    from celery.contrib.testing.worker import start_worker

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10, loglevel="WARNING"):
        yield


class WorkerProcess:
    """``celery worker`` as its own process (and process group), so it can be killed with SIGKILL."""

    def __init__(self, broker_url: str, media_root: Path, log: Path, **extra_env):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.operations.worker_settings",
            "LMS_TEST_BROKER_URL": broker_url,
            "LMS_TEST_VISIBILITY_TIMEOUT": str(TEST_VISIBILITY_TIMEOUT),
            "LMS_TEST_DATABASE_NAME": connection.settings_dict["NAME"],
            "LMS_TEST_MEDIA_ROOT": str(media_root),
            **extra_env,
        }
        self.log = log
        with open(log, "wb") as out:
            self.process = subprocess.Popen(  # noqa: S603 - this interpreter, our own project
                [
                    sys.executable,
                    *("-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=WARNING"),
                    *("--without-heartbeat", "--without-gossip", "--without-mingle", "-n", f"fault-{id(self)}@%h"),
                ],
                cwd=settings.BASE_DIR,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def kill_hard(self):
        """kill -9 of the whole worker: no warm shutdown, no ack, no rollback by the worker itself."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process.poll() is None:
            self.kill_hard()  # at the end of a test nothing it holds matters any more

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


@pytest.fixture
def worker_processes(tmp_path, media_root):
    started = []

    def start(broker_url: str, **extra_env) -> WorkerProcess:
        worker = WorkerProcess(broker_url, media_root, tmp_path / f"worker-{len(started)}.log", **extra_env)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()
