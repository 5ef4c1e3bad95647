"""The README's "Going live" commands, run as written on an empty PostgreSQL database with
production settings, give the platform's own home page: no Wagtail welcome page, no demo accounts."""

import os
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from lms.badges.keys import new_entry
from tests.conftest import service_missing

ROOT = Path(__file__).resolve().parents[2]
UNSET = {
    "LMS_OPEN_BADGE_KEYS",
    "DATABASE_URL",
    "SECRET_KEY",
    "CELERY_BROKER_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "ALLOWED_HOSTS",
    "CACHE_URL",
}
UNSET |= {"WAGTAILADMIN_BASE_URL", "EMAIL_URL"}

CHECK_HOME = """
import django; django.setup()
from django.contrib.auth import get_user_model
from django.test import Client
body = Client(HTTP_HOST="utbildning.example.se", secure=True).get("/", follow=True).content.decode()
print("platform" if "Demokrati och likabehandling" in body and "Welcome to your new Wagtail site" not in body else body[:500])
users = get_user_model().objects
print(sorted(users.values_list("username", flat=True)), users.filter(is_superuser=True).count())
"""


def readme_commands() -> list[list[str]]:
    """The shell lines of the README's Going live section, each as arguments."""
    section = (ROOT / "README.md").read_text().split("## Going live", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [shlex.split(line) for line in block.splitlines() if line.strip()]


@pytest.fixture
def empty_postgres():
    """A new, empty PostgreSQL database on the test database's server, dropped afterwards."""
    settings = connection.settings_dict
    if connection.vendor != "postgresql":
        service_missing("needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms")
    import psycopg

    name = f"lms_going_live_{secrets.token_hex(4)}"
    host, port, user = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432, settings["USER"]
    server = psycopg.connect(
        host=host, port=port, user=user, password=settings["PASSWORD"] or None, dbname="postgres", autocommit=True
    )
    server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{user}@{host}:{port}/{name}"
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


def test_the_readmes_going_live_commands_give_the_platform_without_demo_accounts(empty_postgres, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=empty_postgres,
        SECRET_KEY=secrets.token_urlsafe(60),
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        ALLOWED_HOSTS="utbildning.example.se",
        WAGTAILADMIN_BASE_URL="https://utbildning.example.se",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_SUPERUSER_PASSWORD=secrets.token_urlsafe(16),
        LMS_OPEN_BADGE_KEYS=new_entry("going-live", kind="p256"),  # as open_badge_key makes it
    )
    commands = readme_commands()
    assert [c[2] for c in commands] == ["migrate", "compile_translations", "collectstatic", "setup_platform", "check"]
    for command in commands:
        args = [sys.executable, *command[1:]]
        if command[2] == "setup_platform":
            # As written, in a deploy script (no terminal): it must not report success with no administrator.
            blind = subprocess.run(
                args, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=600
            )
            assert blind.returncode == 1 and "manage.py createsuperuser" in blind.stderr, blind.stdout + blind.stderr
            assert "is set up" not in blind.stdout
            args.append("--no-input")  # no terminal here: the password comes from the environment
        result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, f"{' '.join(command)}:\n{result.stderr[-3000:]}"
    again = subprocess.run([sys.executable, *commands[3][1:], "--no-input"], cwd=ROOT, env=env, capture_output=True)
    assert again.returncode == 0, "setup_platform is safe to run again"
    shown = subprocess.run([sys.executable, "-c", CHECK_HOME], cwd=ROOT, env=env, capture_output=True, text=True)
    assert shown.stdout.splitlines() == ["platform", "['admin'] 1"], shown.stdout + shown.stderr[-2000:]
    demo = subprocess.run([sys.executable, "manage.py", "load_demo"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert demo.returncode != 0 and "not for production" in demo.stderr
