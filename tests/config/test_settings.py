"""Configuration comes from the environment; bad values stop start-up with one clear line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.env import database_config
from lms.badges.keys import new_entry

ROOT = Path(__file__).resolve().parents[2]
# What a fresh shell would have: none of the variables under test, nor the browser tests' async switch.
UNSET = {"DATABASE_URL", "SECRET_KEY", "CELERY_BROKER_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_URL", "ALLOWED_HOSTS"}
UNSET |= {"CACHE_URL", "SESSION_COOKIE_AGE", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "DATABASE_CONN_MAX_AGE"}
UNSET |= {"WAGTAILADMIN_BASE_URL", "LMS_OPEN_BADGE_KEYS"}


BADGE_KEY = new_entry("settings-test", kind="p256")  # production requires one (lms/badges/keys.py)


def clean_env(**env) -> dict:
    return {**{k: v for k, v in os.environ.items() if k not in UNSET}, **env}


def run_check(settings_module: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean_env(DJANGO_SETTINGS_MODULE=settings_module, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_database_url_is_parsed(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://lms:pw@db.example:5433/utbildning")
    config = database_config(default="sqlite:///x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == ("db.example", 5433, "utbildning", "lms")


def test_default_database_is_sqlite(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert database_config(default="sqlite:////tmp/lms.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"


@pytest.mark.parametrize("url", ["not a url", "mysqlish://", "postgres://host:notaport/db"])
def test_malformed_database_url_stops_with_one_line(url):
    result = run_check("config.settings.dev", DATABASE_URL=url)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Configuration error: DATABASE_URL")
    assert "Traceback" not in result.stderr


def test_production_without_secret_key_stops_with_one_line():
    result = run_check("config.settings.production", CELERY_BROKER_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: SECRET_KEY must be set to a random value of at least 50 characters in production."
    ]


def test_production_refuses_a_dev_key():
    result = run_check("config.settings.production", SECRET_KEY="dev-" + "x" * 60, CELERY_BROKER_URL="redis://x:1/0")
    assert result.returncode == 1 and "SECRET_KEY" in result.stderr


def test_production_with_real_values_passes_the_deploy_check():
    env = clean_env(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="k8#Vq2!pL0z" * 6,
        LMS_OPEN_BADGE_KEYS=BADGE_KEY,
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        ALLOWED_HOSTS="utbildning.example.se",
        WAGTAILADMIN_BASE_URL="https://utbildning.example.se",  # without it: core.E001 (tests/core/test_addresses.py)
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def test_celery_is_eager_without_a_broker_and_real_with_one():
    code = "from django.conf import settings; print(settings.CELERY_TASK_ALWAYS_EAGER)"
    base = clean_env(DJANGO_SETTINGS_MODULE="config.settings.dev")
    shell = [sys.executable, "-c", code]
    eager = subprocess.run(shell, cwd=ROOT, env=base, capture_output=True, text=True, timeout=60)
    real = subprocess.run(
        shell,
        cwd=ROOT,
        env={**base, "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert eager.stdout.strip() == "True"
    assert real.stdout.strip() == "False"


def test_email_and_hosts_come_from_the_environment():
    code = (
        "from django.conf import settings; "
        "print(settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, settings.ALLOWED_HOSTS)"
    )
    env = clean_env(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        EMAIL_URL="smtp+tls://user:pw@mail.example.se:587",
        ALLOWED_HOSTS="a.example.se,b.example.se",
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "smtp.EmailBackend mail.example.se 587 ['a.example.se', 'b.example.se']" in out


def settings_in_subprocess(settings_module: str, code: str, **env) -> str:
    """What ``code`` prints with the settings module read from this environment, as Django reads it at
    start-up. Without ``django.setup()``: loading the apps adds nothing to the settings and costs seconds
    (start-up itself is checked by ``run_check`` and the deploy check)."""
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; " + code],
        cwd=ROOT,
        env=clean_env(DJANGO_SETTINGS_MODULE=settings_module, **env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


SESSION = "print(settings.SESSION_COOKIE_AGE, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE)"


def test_sessions_last_eight_hours_and_end_with_the_browser_by_default():
    assert settings_in_subprocess("config.settings.dev", SESSION) == "28800 True"


def test_session_length_and_browser_close_come_from_the_environment():
    out = settings_in_subprocess(
        "config.settings.dev", SESSION, SESSION_COOKIE_AGE="3600", SESSION_EXPIRE_AT_BROWSER_CLOSE="false"
    )
    assert out == "3600 False"


def test_production_cache_and_broker_use_different_redis_databases():
    code = "print(settings.CACHES['default']['LOCATION'], settings.CELERY_BROKER_URL)"
    env = {
        "SECRET_KEY": "k8#Vq2!pL0z" * 6,
        "LMS_OPEN_BADGE_KEYS": BADGE_KEY,
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    }
    cache, broker = settings_in_subprocess("config.settings.production", code, **env).split()
    assert (broker, cache) == ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/1")
    env["CELERY_BROKER_URL"] = "redis://:secret@redis.example:6380/4"
    cache, broker = settings_in_subprocess("config.settings.production", code, **env).split()
    assert cache == "redis://:secret@redis.example:6380/5"
    env["CACHE_URL"] = "rediscache://cache.example:6379/2"
    cache, _broker = settings_in_subprocess("config.settings.production", code, **env).split()
    assert cache == "redis://cache.example:6379/2"  # an explicit CACHE_URL wins


CONNECTIONS = "db = settings.DATABASES['default']; print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])"


def test_production_keeps_database_connections_and_checks_them_before_reuse():
    env = {
        "SECRET_KEY": "k8#Vq2!pL0z" * 6,
        "LMS_OPEN_BADGE_KEYS": BADGE_KEY,
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    }
    assert settings_in_subprocess("config.settings.production", CONNECTIONS, **env) == "600 True"
    assert settings_in_subprocess("config.settings.dev", CONNECTIONS) == "0 True"  # dev: one per request
    env["DATABASE_CONN_MAX_AGE"] = "0"
    assert settings_in_subprocess("config.settings.production", CONNECTIONS, **env) == "0 True"


def test_public_policy_allows_no_inline_script():
    from django.conf import settings

    public = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    for directive in ("script-src", "script-src-elem", "script-src-attr", "default-src"):
        assert "'unsafe-inline'" not in public.get(directive, ()), directive
        assert "'unsafe-eval'" not in public.get(directive, ()), directive
    assert not any(source.startswith(("http", "*")) for sources in public.values() for source in map(str, sources))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/konto/logga-in/", "/admin/login/", "/admin/"])
def test_security_headers_on_public_and_admin_pages(client, admin_user, home_page, path):
    if path == "/admin/":
        client.force_login(admin_user)
    response = client.get(path)
    assert response.status_code == 200
    csp = dict((part.split(" ", 1) + [""])[:2] for part in response.headers["Content-Security-Policy"].split("; "))
    assert csp["default-src"] == "'self'" and csp["object-src"] == "'none'"
    if path.startswith("/admin/"):
        assert "'unsafe-inline'" in csp["script-src"]  # Wagtail's admin needs it, only there
    else:
        assert "'unsafe-inline'" not in csp["script-src"]
        assert csp["frame-ancestors"] == "'none'"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "microphone=()" in response.headers["Permissions-Policy"]
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_behind_pgbouncer_no_server_side_cursors(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://lms@pgbouncer.example:6432/lms")
    assert database_config(default="sqlite:///x.sqlite3")["DISABLE_SERVER_SIDE_CURSORS"] is False
    monkeypatch.setenv("DATABASE_PGBOUNCER", "true")
    assert database_config(default="sqlite:///x.sqlite3")["DISABLE_SERVER_SIDE_CURSORS"] is True
