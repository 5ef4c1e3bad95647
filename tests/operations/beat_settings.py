"""Settings of the beat processes the one-beat test starts (test_one_beat.py): the project's scheduler and
lock (base.py) on the test's Redis, with a one-second schedule and a lock of seconds instead of minutes."""

import os

from config.settings.test import *  # noqa: F403

CELERY_BROKER_URL = os.environ["LMS_TEST_BROKER_URL"]
CELERY_TASK_ALWAYS_EAGER = False
CELERY_REDBEAT_REDIS_URL = CELERY_BROKER_URL
CELERY_REDBEAT_KEY_PREFIX = os.environ["LMS_TEST_BEAT_PREFIX"]
CELERY_BEAT_MAX_LOOP_INTERVAL = 1  # renew the lock, and ask for it again, every second
CELERY_REDBEAT_LOCK_TIMEOUT = 5
CELERY_BEAT_SCHEDULE = {
    # Sent by name to a queue of the test's own; no worker takes it, the test reads who sent each one.
    "tick": {"task": "tests.one_beat.tick", "schedule": 1.0, "options": {"queue": os.environ["LMS_TEST_BEAT_QUEUE"]}},
}
