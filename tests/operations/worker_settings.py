"""Settings of the worker processes the fault tests start (test_faults.py): the test settings, on the
test's own Redis broker and test database, with a visibility timeout of seconds instead of minutes."""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES

CELERY_BROKER_URL = os.environ["LMS_TEST_BROKER_URL"]
CELERY_TASK_ALWAYS_EAGER = False
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(os.environ["LMS_TEST_VISIBILITY_TIMEOUT"]),
    "unacked_restore_interval": 1,  # look for abandoned messages every second, not every 100
    "unacked_restore_throttle": 1,
}
DATABASES["default"]["NAME"] = os.environ["LMS_TEST_DATABASE_NAME"]  # pytest-django's test database
MEDIA_ROOT = os.environ["LMS_TEST_MEDIA_ROOT"]
CELERY_IMPORTS = ["tests.operations.blocked_render"]
