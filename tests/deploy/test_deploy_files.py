"""deploy/: the nginx site passes Debian's `nginx -t`, the environment template names every variable the
production settings read and gives values they accept, the units use only what it sets, and production keeps
no cache inside a process."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lms.badges.keys import new_entry
from tests.config.test_settings_table import OUTSIDE_SETTINGS, PRODUCTION_MODULES, variables_read
from tests.conftest import service_missing

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
TEMPLATE = DEPLOY / "lms.env.example"
SECRETS = ("SECRET_KEY", "LMS_HEALTHZ_TOKEN", "OIDC_RP_CLIENT_SECRET", "LMS_OPEN_BADGE_KEYS")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"


def template_names() -> set[str]:
    """Every variable the template names, set or shown commented out with its default."""
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", TEMPLATE.read_text("utf-8"), flags=re.MULTILINE))


def template_values() -> dict[str, str]:
    """The variables the template sets (not those commented out), as systemd's EnvironmentFile reads them."""
    values = {}
    for line in TEMPLATE.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name] = value
    return values


def test_the_template_names_every_variable_production_reads():
    read = set().union(*(variables_read(ROOT / module) for module in PRODUCTION_MODULES)) | OUTSIDE_SETTINGS
    assert sorted(read - template_names()) == [], "read by the production settings, missing from deploy/lms.env.example"


def test_the_template_holds_no_secret():
    values = template_values()
    assert {name: values.get(name, "") for name in SECRETS} == dict.fromkeys(SECRETS, "")
    assert not re.search(r"://[^/@\s]+:[^/@\s]+@", "\n".join(values.values())), "a password in a URL"


def test_the_units_use_only_variables_the_template_sets():
    for unit in sorted((DEPLOY / "systemd").glob("*.service")):
        text = unit.read_text("utf-8")
        assert "EnvironmentFile=/etc/lms/lms.env" in text, unit.name
        used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)\}", text))
        assert sorted(used - set(template_values())) == [], unit.name


def production_env(**extra) -> dict:
    """The template's values, with a secret key, over a shell without the test run's settings."""
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "VIRTUAL_ENV"}}
    badge_key = new_entry("deploy-test", kind="p256")  # a secret the template leaves empty, as SECRET_KEY
    return {
        **keep,
        **template_values(),
        "SECRET_KEY": "deploy-test-" + "x" * 60,
        "LMS_OPEN_BADGE_KEYS": badge_key,
        **extra,
    }


def test_production_settings_accept_the_template_and_pass_the_deploy_check():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("extra", [{}, {"CACHE_URL": "rediscache://redis.example.internal:6379/1"}])
def test_production_keeps_no_cache_inside_a_process(extra):
    """Every node must see the same rate limits, sessions and site caches: no local-memory, file or dummy cache."""
    script = "import django, json; django.setup(); from django.conf import settings; print(json.dumps(settings.CACHES))"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    backends = {name: cache["BACKEND"] for name, cache in json.loads(result.stdout.splitlines()[-1]).items()}
    assert set(backends.values()) == {"django_redis.cache.RedisCache"}, backends


def test_the_proxy_sets_the_header_the_rate_limits_read():
    meta_key = template_values()["RATELIMIT_IP_META_KEY"]
    header = meta_key.removeprefix("HTTP_").replace("_", "-").lower()
    params = (DEPLOY / "nginx" / "lms_proxy_params").read_text("utf-8").lower()
    assert f"proxy_set_header {header} $remote_addr;" in params
    assert "proxy_set_header x-forwarded-proto $scheme;" in params  # SECURE_PROXY_SSL_HEADER


def test_media_is_served_with_the_policy_the_readme_asks_for():
    site = (DEPLOY / "nginx" / "lms.conf").read_text("utf-8")
    media = site.split("location /media/ {", 1)[1].split("}", 1)[0]
    policy = re.search(r"`(Content-Security-Policy: [^`]+)`", (ROOT / "README.md").read_text("utf-8")).group(1)
    name, value = policy.split(": ", 1)
    assert f'add_header {name} "{value}" always;' in media


def test_the_nginx_site_passes_nginx_t(tmp_path):
    if not Path(NGINX).exists():
        service_missing("needs Debian's nginx (.ci/run installs it)")
    # The site as installed, with a throwaway certificate and this directory for everything nginx writes.
    subprocess.run(
        [OPENSSL, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=utbildning.example.se",
         "-keyout", str(tmp_path / "site.key"), "-out", str(tmp_path / "site.pem")],
        check=True,
        capture_output=True,
    )  # fmt: skip
    site = (DEPLOY / "nginx" / "lms.conf").read_text("utf-8")
    site = site.replace("/etc/nginx/lms_proxy_params", str(DEPLOY / "nginx" / "lms_proxy_params"))
    site = site.replace("/etc/ssl/certs/utbildning.example.se.pem", str(tmp_path / "site.pem"))
    site = site.replace("/etc/ssl/private/utbildning.example.se.key", str(tmp_path / "site.key"))
    (tmp_path / "lms.conf").write_text(site)
    temp_paths = "".join(
        f"    {kind}_temp_path {tmp_path / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\nevents {{}}\n"
        f"http {{\n    access_log off;\n{temp_paths}    include /etc/nginx/mime.types;\n"
        f"    include {tmp_path / 'lms.conf'};\n}}\n"
    )
    result = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


@pytest.mark.parametrize(
    ("extra", "lock_url"),
    [
        ({}, "redis://redis.example.internal:6379/0"),  # the broker's
        (
            {
                "CELERY_BROKER_URL": "amqp://rabbit.example.internal//",
                "CACHE_URL": "redis://cache.example.internal:6379/1",
            },
            "redis://cache.example.internal:6379/1",  # a RabbitMQ broker: the cache's Redis
        ),
        ({"LMS_BEAT_REDIS_URL": "redis://beat.example.internal:6379/2"}, "redis://beat.example.internal:6379/2"),
    ],
)
def test_the_beat_lock_lives_in_redis(extra, lock_url):
    script = "import django; django.setup(); from django.conf import settings; print(settings.CELERY_REDBEAT_REDIS_URL)"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == lock_url
