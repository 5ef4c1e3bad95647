"""One scheduler: a second `celery beat` started by mistake sends nothing while the first runs, and takes
over when the first stops. Two real beat processes on the real Redis, with the project's scheduler and lock
(config/settings/base.py), a one-second schedule (beat_settings.py) and a queue no worker reads: each message
names the process that sent it (Celery's `origin` header), so a tick sent twice shows as a second sender."""

import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis

from tests.operations.conftest import wait_for

ROOT = Path(__file__).resolve().parents[2]


class Beat:
    def __init__(self, env: dict, log: Path):
        self.log = log
        self.process = subprocess.Popen(  # noqa: S603 - the project's own celery
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config.celery_app",
                "beat",
                "--loglevel",
                "debug",
                "--pidfile",
                "",
                "--schedule",
                str(log.with_suffix(".db")),
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        self.origin = f"gen{self.process.pid}@"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def beats(redis_url, tmp_path):
    queue, prefix = f"one-beat-{uuid.uuid4().hex}", f"test-beat-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.operations.beat_settings",
        "LMS_TEST_BROKER_URL": redis_url,
        "LMS_TEST_BEAT_QUEUE": queue,
        "LMS_TEST_BEAT_PREFIX": prefix,
    }
    client = redis.Redis.from_url(redis_url)
    started = []

    def start(name: str) -> Beat:
        beat = Beat(env, tmp_path / f"{name}.log")
        started.append(beat)
        return beat

    def senders() -> list[str]:
        """The origin of every message sent so far, oldest first."""
        return [json.loads(raw)["headers"]["origin"] for raw in reversed(client.lrange(queue, 0, -1))]

    yield start, senders
    for beat in started:
        beat.stop()
    client.delete(queue, *client.keys(f"{prefix}*"))


def test_a_second_beat_sends_nothing_while_the_first_runs_and_takes_over_after(beats):
    start, senders = beats
    first = start("first")
    assert wait_for(lambda: len(senders()) >= 2, seconds=60), first.output()

    second = start("second")
    # The second beat is up (it logs this before it asks for the lock or would schedule anything).
    assert wait_for(lambda: "beat: Starting" in second.output(), seconds=60), second.output()
    assert second.process.poll() is None, second.output()
    seen = len(senders())
    assert wait_for(lambda: len(senders()) >= seen + 4, seconds=30), first.output()
    assert all(origin.startswith(first.origin) for origin in senders()), (senders(), first.origin, second.origin)
    assert "Acquired lock" not in second.output()

    # The first stops (a restart, a node taken out): the second takes over within seconds.
    first.stop()
    handed_over = len(senders())
    assert wait_for(lambda: any(o.startswith(second.origin) for o in senders()), seconds=30), second.output()
    assert all(origin.startswith(second.origin) for origin in senders()[handed_over:])
