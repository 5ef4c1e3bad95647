"""scripts/verify_badge.py: a badge verified offline with nothing but the published keys (run as a process
without Django), a changed one refused, another issuer's refused."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from lms.badges import credentials, keys
from lms.badges.sources import COURSE

pytestmark = pytest.mark.django_db
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "verify_badge.py"


def run(tmp_path, token: str, jwks: bytes):
    (tmp_path / "badge.jwt").write_text(token)
    (tmp_path / "jwks.json").write_bytes(jwks)
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path / "badge.jwt"), str(tmp_path / "jwks.json")],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_offline_with_the_published_keys(client, tmp_path, course_certificate, settings, key_entries):
    settings.LMS_OPEN_BADGE_KEYS = [key_entries["rsa"], key_entries["p1"]]
    old = credentials.sign(credentials.credential_for(COURSE, course_certificate), key=keys.published_keys()[0])
    new = credentials.badge_for(COURSE, course_certificate)
    jwks = client.get(reverse("badges:jwks")).content
    for token in (old, new):
        result = run(tmp_path, token, jwks)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "VALID" in result.stdout and "Anna Lindqvist" in result.stdout
    header, payload, signature = new.split(".")
    changed = run(tmp_path, f"{header}.{payload[:-2]}xx.{signature}", jwks)
    assert changed.returncode == 1 and "NOT VALID" in changed.stdout
    settings.LMS_OPEN_BADGE_KEYS = [key_entries["p2"]]
    stranger = run(tmp_path, new, client.get(reverse("badges:jwks")).content)
    assert stranger.returncode == 1 and "not issued by this platform" in stranger.stdout
    assert run(tmp_path, "garbage", b"not json").returncode == 2
