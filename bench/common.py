"""What every benchmark needs: Django set up on a throwaway test database, and a timer.

Benchmarks are scripts, not tests: they print figures measured side by side with a
baseline in the same run, because these machines are too noisy for absolute targets.
Run them as ``.venv/bin/python bench/<name>.py``; DATABASE_URL picks the database
(SQLite by default, e.g. postgres://postgres@127.0.0.1:5432/lms_bench for PostgreSQL).
"""

import contextlib
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()


@contextlib.contextmanager
def test_database():
    """A fresh, migrated test database for the run, destroyed afterwards."""
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def median_ms(fn, repeat: int = 50, warmup: int = 5) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def interleaved_medians_ms(fns: dict, repeat: int = 50, warmup: int = 5) -> dict:
    """Median time of each function, sampled round-robin so that a noisy neighbour
    (another process on these two cores) slows every candidate alike."""
    for fn in fns.values():
        for _ in range(warmup):
            fn()
    samples: dict = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


def peak_rss_mb() -> float:
    """This process's peak resident memory. On Linux VmHWM, because ru_maxrss carries the parent's
    high-water mark across fork and exec (a child measuring itself would report its parent's)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def count_queries(fn) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)
