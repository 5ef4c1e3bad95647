import json
from pathlib import Path

import pytest
from django.core.cache import cache

SCHEMA = Path(__file__).parent / "schema" / "ob_v3p0_achievementcredential_schema.json"


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()  # the verification rate limit counts in the cache
    yield
    cache.clear()


@pytest.fixture(scope="session")
def schema_validator():
    """1EdTech's AchievementCredential schema (vendored: tests/badges/schema/SOURCE.md), never fetched."""
    from jsonschema import Draft201909Validator

    schema = json.loads(SCHEMA.read_text("utf-8"))
    Draft201909Validator.check_schema(schema)
    return Draft201909Validator(schema, format_checker=Draft201909Validator.FORMAT_CHECKER)


@pytest.fixture(scope="session")
def key_entries():
    """Keys made once per run: an RSA key (what production uses) and two P-256 keys."""
    from lms.badges.keys import new_entry

    return {
        "rsa": new_entry("2026-12", kind="rsa"),
        "p1": new_entry("p1", kind="p256"),
        "p2": new_entry("p2", kind="p256"),
    }


@pytest.fixture
def course_certificate(home_page):
    from lms.certificates import services
    from tests.certificates.factories import complete, make_certificate_course, make_learner

    course, lessons = make_certificate_course(title="Demokrati i vardagen", validity_months=36)
    learner = make_learner(email="anna.lindqvist@kommun.example.se", username="anna")
    return services.certificate_issue(enrolment=complete(learner, lessons))


@pytest.fixture
def path_certificate(home_page):
    from lms.paths import services
    from tests.certificates.factories import complete, make_learner
    from tests.paths.factories import make_chain, make_path

    chain = make_chain(2)
    path = make_path(*(course for course, _ in chain), title="Introduktion")
    learner = make_learner(email="bo@kommun.example.se", username="bo", first_name="Bo", last_name="Berg")
    for _course, lessons in chain:
        complete(learner, lessons)
    return services.path_certificate_issue(person=learner, path=path)
