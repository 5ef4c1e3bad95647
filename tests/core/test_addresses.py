"""Absolute URLs come from one function, and production refuses to write them to this machine."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from wagtail.models import Site

from lms.badges.keys import new_entry
from lms.core.addresses import absolute_url, base_url, is_this_machine, site_address
from lms.core.checks import absolute_urls_check

ROOT = Path(__file__).resolve().parents[2]
# Where the setting or the request's host may still be read other than by lms.core.addresses: the
# setting's definition and its check; setup_platform and the demo, which give the site its address (by
# default the setting's); the request's site in the cache (keyed by host, no URL written); the feedback
# form, which compares a referer with the host; and the single sign-on's post-logout address, which must
# be the one registered at the provider for the address the person used (lms/accounts/oidc.py); and
# the PDF renderer's base for the relative URLs of our own templates, which it maps back to the storages
# and never writes into a PDF (lms/certificates/fetcher.py: it is kept in the per-process renderer, so it
# is the setting, which the deploy check holds equal to the site's address, not a query).
ALLOWED = {
    "lms/core/addresses.py",
    "lms/core/checks.py",
    "config/settings/base.py",
    "home/management/commands/setup_platform.py",
    "home/demo.py",
    "lms/core/sitecache.py",
    "lms/accessibility/forms.py",
    "lms/accounts/oidc.py",
    "lms/certificates/fetcher.py",
    "lms/packages/views.py",  # the page's own origin (ALLOWED_HOSTS-checked), the sandboxed player's postMessage target
}


def test_no_code_makes_an_absolute_url_of_its_own():
    pattern = re.compile(r"settings\.WAGTAILADMIN_BASE_URL|build_absolute_uri|\.root_url|full_url|get_host\(\)")
    makers = {
        str(path.relative_to(ROOT))
        for folder in ("lms", "home", "config")
        for path in (ROOT / folder).rglob("*.py")
        if "/migrations/" not in str(path) and pattern.search(path.read_text("utf-8"))
    }
    assert makers - ALLOWED == set()


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost", True),
        ("https://app.localhost/", True),
        ("http://[::1]:8000", True),
        ("http://0.0.0.0", True),
        ("", True),
        ("https://utbildning.example.se", False),
        ("https://10.1.2.3", False),  # an intranet address reaches the site from the intranet
    ],
)
def test_is_this_machine(url, local):
    assert is_this_machine(url) is local


def test_site_address():
    assert site_address("utbildning.example.se") == ("utbildning.example.se", 443)
    assert site_address("http://utbildning.example.se") == ("utbildning.example.se", 80)
    with pytest.raises(ValueError, match="path"):
        site_address("https://utbildning.example.se/lms")


@pytest.mark.django_db
def test_base_url_is_the_default_sites(home_page):
    Site.objects.filter(is_default_site=True).update(hostname="utbildning.example.se", port=443)
    assert base_url() == "https://utbildning.example.se"
    assert absolute_url("/intyg/") == "https://utbildning.example.se/intyg/"
    with pytest.raises(ValueError):
        absolute_url("intyg/")


@pytest.mark.django_db
def test_the_deploy_check_with_the_database(settings, home_page):
    settings.WAGTAILADMIN_BASE_URL = "https://utbildning.example.se"
    site = Site.objects.get(is_default_site=True)
    assert [e.id for e in absolute_urls_check(databases=["default"])] == ["core.E002"]  # still localhost
    assert absolute_urls_check() == []  # without --database: the setting only
    site.hostname, site.port = "utbildning.example.se", 443
    site.save()
    assert absolute_urls_check(databases=["default"]) == []
    settings.WAGTAILADMIN_BASE_URL = "https://annan.example.se"
    assert [e.id for e in absolute_urls_check(databases=["default"])] == ["core.E003"]  # they would disagree
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    assert [e.id for e in absolute_urls_check()] == ["core.E001"]


UNSET = {"DATABASE_URL", "WAGTAILADMIN_BASE_URL", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_URL"}
UNSET |= {"LMS_OPEN_BADGE_KEYS"}


def deploy_check(**env) -> subprocess.CompletedProcess:
    """CI's command (.ci/run), on production settings, in a fresh environment."""
    clean = {k: v for k, v in os.environ.items() if k not in UNSET}
    clean.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        LMS_OPEN_BADGE_KEYS=new_entry("addresses-test", kind="p256"),
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        ALLOWED_HOSTS="utbildning.example.se",
        **env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_a_base_url_fails_the_deploy_check():
    refused = deploy_check()
    assert refused.returncode == 1
    assert "core.E001" in refused.stderr and "http://127.0.0.1:8000" in refused.stderr
    passed = deploy_check(WAGTAILADMIN_BASE_URL="https://utbildning.example.se")
    assert passed.returncode == 0, passed.stderr


def test_ci_sets_the_base_url_for_its_deploy_check():
    ci = (ROOT / ".ci" / "run").read_text()
    command = ci[ci.rindex("echo", 0, ci.rindex("check --deploy")) : ci.rindex("check --deploy")]
    assert 'WAGTAILADMIN_BASE_URL="https://utbildning.example.se"' in command
