"""Where a page's time goes: function calls, queries and the costliest functions per request.

Runs in-process with Django's test client on production settings against a database that already
holds the demo (by default bench/load.py's database for this tree, so run ``bench/load.py --prepare``
first). Function calls per request are deterministic, unlike times on a shared machine, so they are
the figure to compare before and after a change; the top of the cProfile listing says where to look.

    .venv/bin/python bench/profile_pages.py [--page lesson] [--top 25] [--sort tottime]

PROFILE_DATABASE_URL and PROFILE_STATIC_ROOT name another database and static folder (bench/load.py's
with a BENCH_TAG), BENCH_REDIS_DB the Redis database of the broker (the cache is the next one, emptied).
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
from pathlib import Path

from common import ROOT

PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379")


def setup() -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=os.environ.get("PROFILE_DATABASE_URL", f"{PG}/lms_bench_load_1"),
        SECRET_KEY="bench-profile-only-" + "x" * 48,
        ALLOWED_HOSTS="testserver",
        CELERY_BROKER_URL=f"{REDIS}/{os.environ.get('BENCH_REDIS_DB', '14')}",  # the cache in the next database
        SECURE_SSL_REDIRECT="False",
        STATIC_ROOT=os.environ.get(
            "PROFILE_STATIC_ROOT", str(Path(tempfile.gettempdir()) / "lms_bench_load_static_1")
        ),  # bench/load.py's
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def pages() -> dict:
    from django.urls import reverse

    from lms.courses.models import LessonPage
    from lms.quizzes.models import QuizPage

    return {
        "home": ("anna", "/"),
        "Mina kurser": ("anna", reverse("courses:my_courses")),
        "lesson": ("anna", LessonPage.objects.live().order_by("path").first().url),
        "quiz form": ("anna", QuizPage.objects.live().order_by("path").first().url),
        "HR overview": ("hr", reverse("reports_overview")),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--page", action="append", help="only these pages (default: all)")
    parser.add_argument("--top", type=int, default=0, help="print the costliest functions")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    setup()
    from django.core.cache import cache

    cache.clear()  # its own Redis database: nothing left by an earlier run of other code
    from django.contrib.auth import get_user_model
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    clients = {}
    for name, (username, path) in pages().items():
        if args.page and name not in args.page:
            continue
        if username not in clients:
            clients[username] = Client(SERVER_NAME="testserver")
            clients[username].force_login(get_user_model().objects.get(username=username))
        client = clients[username]
        for _ in range(3):  # warm: caches, templates, the connection
            assert client.get(path).status_code == 200, (name, path)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(args.repeat):
            client.get(path)
        profile.disable()
        with override_settings(DEBUG=True):
            reset_queries()
            client.get(path)
            queries = len(connection.queries)
        stats = pstats.Stats(profile)
        print(f"{name:12} {path:45} calls/request {stats.total_calls // args.repeat:7d}  queries {queries}")
        if args.top:
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats(args.sort).print_stats(args.top)
            print(out.getvalue())


if __name__ == "__main__":
    main()
