"""Imported by a fault test's worker process (CELERY_IMPORTS in worker_settings.py). With
LMS_TEST_RENDER_STARTED set, rendering a certificate says so in that file and then blocks, so the test
can kill the worker in the middle of a render; without it, nothing changes."""

import os
import threading
from pathlib import Path

from lms.certificates import rendering

STARTED = os.environ.get("LMS_TEST_RENDER_STARTED")

if STARTED:

    def render_until_killed(**kwargs):
        Path(STARTED).write_text(str(os.getpid()))
        threading.Event().wait(120)  # the test kills this process long before
        raise RuntimeError("the fault test should have killed this worker")

    rendering.render_pdf = render_until_killed
