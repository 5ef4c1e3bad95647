"""The credential beside a certificate: an Open Badges 3.0 OpenBadgeCredential valid against 1EdTech's JSON
schema, signed as a VC-JWT whose claims mirror it, naming the person by name only, dated from the certificate,
with a status a verifier can ask; and the documents verifiers fetch (issuer, keys, status)."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from lms.badges import credentials, keys, verification
from lms.badges.sources import COURSE, source_by_key
from lms.certificates import services as certificate_services
from lms.completions import services as completion_services  # noqa: F401 - the registered route's app is installed

from .helpers import header_of, payload_of, verify_with_jwks

pytestmark = pytest.mark.django_db


def test_a_course_badge_is_valid_against_1edtechs_schema(course_certificate, schema_validator):
    token = credentials.badge_for(COURSE, course_certificate)
    payload = payload_of(token)
    errors = sorted(schema_validator.iter_errors(payload), key=str)
    assert errors == []
    assert payload["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    achievement = payload["credentialSubject"]["achievement"]
    assert achievement["name"] == "Demokrati i vardagen" and achievement["achievementType"] == "Course"
    assert achievement["id"].endswith(course_certificate.course.url)
    assert course_certificate.display_code in achievement["criteria"]["narrative"]


def test_a_path_badge_is_valid_against_the_schema_too(path_certificate, schema_validator):
    token = credentials.badge_for(source_by_key("path"), path_certificate)
    payload = payload_of(token)
    assert sorted(schema_validator.iter_errors(payload), key=str) == []
    assert payload["credentialSubject"]["achievement"]["achievementType"] == "LearningProgram"
    assert payload["credentialSubject"]["achievement"]["description"] == "Tre kurser i följd."
    assert "validUntil" not in payload and "exp" not in payload  # a path certificate does not expire


def test_the_schema_refuses_what_is_not_a_credential(course_certificate, schema_validator):
    """The vendored schema checks something: without a subject's achievement or validFrom it fails."""
    payload = payload_of(credentials.badge_for(COURSE, course_certificate))
    del payload["credentialSubject"]["achievement"]
    del payload["validFrom"]
    messages = {error.message for error in schema_validator.iter_errors(payload)}
    assert "'achievement' is a required property" in messages and "'validFrom' is a required property" in messages


def test_the_person_is_named_and_nothing_more(course_certificate):
    payload = payload_of(credentials.badge_for(COURSE, course_certificate))
    subject = payload["credentialSubject"]
    assert subject["identifier"] == [
        {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": "Anna Lindqvist"}
    ]
    assert subject["id"].startswith("urn:uuid:") and subject["id"] != payload["id"]
    text = str(payload)
    person = course_certificate.person
    for private in ("anna.lindqvist@kommun.example.se", "anna", str(person.pk), person.employee_number or "∅"):
        assert f"'{private}'" not in text and f"/{private}/" not in text


def test_dates_and_claims_mirror_the_certificate(course_certificate):
    course_certificate.completed_on = date(2026, 3, 14)
    course_certificate.valid_until = date(2029, 3, 14)
    payload = payload_of(credentials.badge_for(COURSE, course_certificate))
    # Midnight in Stockholm (CET, +01:00) starts the first day; the first day after the last one ends it.
    assert payload["validFrom"] == "2026-03-13T23:00:00Z"
    assert payload["validUntil"] == "2029-03-14T23:00:00Z"
    assert payload["nbf"] == datetime(2026, 3, 13, 23, tzinfo=UTC).timestamp()
    assert payload["exp"] == datetime(2029, 3, 14, 23, tzinfo=UTC).timestamp()
    assert payload["iss"] == payload["issuer"]["id"] and payload["jti"] == payload["id"]
    assert payload["sub"] == payload["credentialSubject"]["id"]
    facts = verification.facts_of(payload)
    assert (facts["valid_from"], facts["valid_until"]) == (date(2026, 3, 14), date(2029, 3, 14))


def test_the_same_certificate_gives_the_same_credential(course_certificate):
    """Nothing is stored: the ids derive from the certificate's code, so a second download is the same badge."""
    assert credentials.credential_for(COURSE, course_certificate) == credentials.credential_for(
        COURSE, course_certificate
    )
    assert credentials.credential_id(COURSE, course_certificate.code) != credentials.credential_id(
        source_by_key("path"), course_certificate.code
    )


def test_registered_completions_say_so(course_certificate, monkeypatch):
    monkeypatch.setattr(type(course_certificate), "is_registered", property(lambda self: True))
    narrative = payload_of(credentials.badge_for(COURSE, course_certificate))["credentialSubject"]["achievement"]
    assert "registrerad" in narrative["criteria"]["narrative"]


def test_published_keys_verify_the_badge_and_hold_no_private_part(client, course_certificate):
    token = credentials.badge_for(COURSE, course_certificate)
    response = client.get(reverse("badges:jwks"))
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    jwks = response.json()
    assert all(not {"d", "p", "q", "dp", "dq", "qi"} & set(k) for k in jwks["keys"])
    assert verify_with_jwks(token, jwks)["jti"] == payload_of(token)["id"]
    # The header's kid is a URL that gives the key alone (Open Badges 3.0 §8.2.4).
    one = client.get(header_of(token)["kid"].removeprefix("http://localhost"))
    assert one.status_code == 200 and one.json() == jwks["keys"][-1]
    assert client.get(reverse("badges:key", args=["no-such-key"])).status_code == 404


def test_the_issuer_profile_is_served_at_its_id(client, course_certificate):
    payload = payload_of(credentials.badge_for(COURSE, course_certificate))
    profile = client.get(payload["issuer"]["id"].removeprefix("http://localhost")).json()
    assert profile["id"] == payload["issuer"]["id"] and profile["type"] == ["Profile"]
    assert profile["name"] == payload["issuer"]["name"]


def test_the_status_list_names_the_credential_once_revoked(client, course_certificate):
    payload = payload_of(credentials.badge_for(COURSE, course_certificate))
    status = payload["credentialStatus"]
    assert status["type"] == "1EdTechRevocationList"
    url = status["id"].removeprefix("http://localhost")
    listed = client.get(url).json()
    assert listed["revokedCredentials"] == [] and listed["issuer"] == payload["issuer"]["id"]
    certificate_services.certificate_revoke(certificate=course_certificate, reason="Fel person")
    listed = client.get(url).json()
    assert listed["revokedCredentials"] == [{"id": payload["id"]}]
    assert "Fel person" not in client.get(url).content.decode()
    assert client.get(reverse("badges:status", args=["ZZZZZZZZZZZZZZZZ"])).status_code == 404


def test_the_development_key_is_derived_from_the_secret_key(settings):
    settings.LMS_OPEN_BADGE_KEYS = []
    first = keys.signing_key()
    assert first.alg == "ES256" and first.kid.startswith("dev-")
    assert keys.signing_key().kid == first.kid  # the same on every start
    settings.SECRET_KEY = "another-test-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    assert keys.signing_key().kid != first.kid
