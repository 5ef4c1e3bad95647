"""Verifying a badge: valid, revoked, expired, changed since signing, signed by someone else, or not a badge
at all; signed by an older key after a newer one was added; the keys' setting read with clear errors and
required in production."""

import base64
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import jwt
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from lms.badges import credentials, keys, verification
from lms.badges.checks import badge_keys_readable
from lms.badges.sources import COURSE
from lms.certificates import services as certificate_services

from .helpers import payload_of

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_fresh_badge_is_valid_with_what_it_says(course_certificate):
    verdict = verification.verify(credentials.badge_for(COURSE, course_certificate))
    assert verdict.status == verification.VALID
    assert verdict.facts["name"] == "Anna Lindqvist" and verdict.facts["achievement"] == "Demokrati i vardagen"
    assert verdict.facts["valid_from"] == course_certificate.completed_on
    assert verdict.facts["valid_until"] == course_certificate.valid_until


def test_revoked_after_the_certificate_is(course_certificate):
    token = credentials.badge_for(COURSE, course_certificate)
    certificate_services.certificate_revoke(certificate=course_certificate, reason="Utfärdat av misstag")
    assert verification.verify(token).status == verification.REVOKED


def test_expired_after_the_last_valid_day(course_certificate):
    token = credentials.badge_for(COURSE, course_certificate)
    last_day = credentials.start_of(course_certificate.valid_until)
    assert verification.verify(token, now=last_day + timedelta(hours=23)).status == verification.VALID
    assert verification.verify(token, now=last_day + timedelta(days=1)).status == verification.EXPIRED


def test_unknown_once_the_certificate_is_gone(course_certificate):
    token = credentials.badge_for(COURSE, course_certificate)
    type(course_certificate).objects.filter(pk=course_certificate.pk).update(code="AAAAAAAAAAAAAAAA")
    assert verification.verify(token).status == verification.UNKNOWN


@pytest.mark.parametrize("change", ["name", "achievement", "valid_until"])
def test_any_change_breaks_the_signature(course_certificate, change):
    header, _payload, signature = credentials.badge_for(COURSE, course_certificate).split(".")
    payload = payload_of(credentials.badge_for(COURSE, course_certificate))
    if change == "name":
        payload["credentialSubject"]["identifier"][0]["identityHash"] = "Eva Ek"
    elif change == "achievement":
        payload["credentialSubject"]["achievement"]["name"] = "Avancerad demokrati"
    else:
        payload["exp"] += 10 * 365 * 86400
    verdict = verification.verify(f"{header}.{b64(payload)}.{signature}")
    assert verdict.status == verification.BAD_SIGNATURE and verdict.facts == {}


def test_the_algorithm_is_the_keys_not_the_tokens(course_certificate):
    """A token claiming HS256 with our public key as the secret (the classic confusion) is refused."""
    token = credentials.badge_for(COURSE, course_certificate)
    header = jwt.get_unverified_header(token)
    forged = jwt.api_jws.PyJWS().encode(
        json.dumps(payload_of(token)).encode(),
        key="not-our-key-but-long-enough-for-hs256-0123456789",
        algorithm="HS256",
        headers={"kid": header["kid"]},
    )
    assert verification.verify(forged).status == verification.BAD_SIGNATURE


def test_a_badge_signed_by_someone_else_is_not_ours(course_certificate, key_entries):
    other = keys.parse_entry(key_entries["p1"], 1)
    token = credentials.sign(credentials.credential_for(COURSE, course_certificate), key=other)
    assert verification.verify(token).status == verification.NOT_OURS


@pytest.mark.parametrize(
    "text,status",
    [
        ("", verification.UNREADABLE),
        ("hej", verification.UNREADABLE),
        ("a.b.c", verification.UNREADABLE),
        ("eyJ.eyJ.x", verification.UNREADABLE),
        ('{"type": ["VerifiableCredential", "OpenBadgeCredential"]}', verification.UNSIGNED),
        ("\x00\x01" * 50, verification.UNREADABLE),
        (b64({"alg": "none", "kid": "x"}) + "." + b64({}) + ".", verification.UNREADABLE),
        (b64({"alg": "ES256"}) + "." + b64({}) + ".c2ln", verification.NOT_OURS),
        (b64([1, 2]) + "." + b64({}) + ".c2ln", verification.UNREADABLE),
    ],
)
def test_garbage_gets_an_answer(text, status):
    assert verification.verify(text).status == status


def test_signed_by_us_but_not_a_badge_is_malformed(course_certificate):
    key = keys.signing_key()
    token = jwt.encode(
        {"iss": "x", "sub": "y"}, key.private_key, algorithm=key.alg, headers={"kid": credentials.key_url(key.kid)}
    )
    assert verification.verify(token).status == verification.MALFORMED


def test_rotation_keeps_old_badges_verifying(settings, course_certificate, key_entries):
    settings.LMS_OPEN_BADGE_KEYS = [key_entries["rsa"]]
    old = credentials.badge_for(COURSE, course_certificate)
    assert jwt.get_unverified_header(old)["alg"] == "RS256"
    settings.LMS_OPEN_BADGE_KEYS = [key_entries["rsa"], key_entries["p1"]]  # a new key added: it signs
    new = credentials.badge_for(COURSE, course_certificate)
    assert jwt.get_unverified_header(new)["kid"].endswith("/p1/")
    assert verification.verify(old).status == verification.VALID
    assert verification.verify(new).status == verification.VALID
    settings.LMS_OPEN_BADGE_KEYS = [key_entries["p1"]]  # the old key withdrawn (it leaked): its badges stop
    assert verification.verify(old).status == verification.NOT_OURS


@pytest.mark.parametrize(
    "entry,message",
    [
        ("no-colon", "write it as kid:key"),
        ("bad kid:AAAA", "write it as kid:key"),
        ("k1:not base64!", "not base64 of a PKCS#8 DER private key"),
        ("k1:" + base64.b64encode(b"junk").decode(), "not base64 of a PKCS#8 DER private key"),
    ],
)
def test_a_malformed_entry_is_named_without_its_key(entry, message):
    with pytest.raises(ImproperlyConfigured, match=message) as raised:
        keys.parse_entry(entry, 2)
    assert "entry 2" in str(raised.value)


def test_the_check_reports_unreadable_keys(settings, key_entries):
    settings.LMS_OPEN_BADGE_KEYS = [key_entries["p1"], key_entries["p1"]]
    assert [e.id for e in badge_keys_readable()] == ["badges.E001"]
    settings.LMS_OPEN_BADGE_KEYS = [key_entries["p1"], key_entries["p2"]]
    assert badge_keys_readable() == []


def production(**extra):
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "VIRTUAL_ENV"}}
    env = {
        **keep,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "deploy-test-" + "x" * 60,
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "ALLOWED_HOSTS": "utbildning.example.se",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_production_refuses_to_start_without_keys(key_entries):
    refused = production()
    assert refused.returncode != 0 and "LMS_OPEN_BADGE_KEYS must be set in production" in refused.stderr
    assert production(LMS_OPEN_BADGE_KEYS=key_entries["rsa"]).returncode == 0


def test_the_key_command_prints_an_entry_the_setting_reads():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("open_badge_key", "--kid", "2027-01", "--type", "p256", stdout=out)
    key = keys.parse_entry(out.getvalue().strip(), 1)
    assert key.kid == "2027-01" and key.alg == "ES256"


def test_not_valid_before_its_first_day(course_certificate):
    token = credentials.badge_for(COURSE, course_certificate)
    before = credentials.start_of(course_certificate.completed_on) - timedelta(hours=1)
    assert verification.verify(token, now=before).status == verification.NOT_YET_VALID
    assert verification.verify(token, now=timezone.now()).status == verification.VALID
