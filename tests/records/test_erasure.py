"""Erasure fails safe like the nightly run: a record type without a decision in force is kept whole
(public documents), and HR is told which and why; under a decision erasure disposes of what the
decision lets go and keeps the rest. The erasure page and the register extract say the same."""

import re

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.access import privacy
from lms.accounts.models import SignInIdentity
from lms.certificates.models import Certificate
from lms.courses.models import Enrolment, LessonProgress
from lms.organisation import services as organisation_services
from lms.organisation.models import Person
from lms.quizzes.models import Attempt
from lms.records.registry import record_types

from .factories import RetentionDecisionFactory

pytestmark = pytest.mark.django_db


def erase_page(client, person) -> str:
    return client.get(f"/admin/organisation/people/{person.pk}/erase/").content.decode()


def retention_table(html: str) -> str:
    """The retention rows of a page (the shared include), whitespace folded."""
    match = re.search(r'<dl class="retention-rows">.*?</dl>', html, re.S)
    assert match, "no retention rows on the page"
    return " ".join(match.group(0).split())


def signed_in_session(user) -> str:
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session.create()
    return session.session_key


def test_without_a_decision_erasure_keeps_every_record_and_tells_hr(world, admin_client, admin_user):
    learner = world.old.person
    SignInIdentity.objects.create(user=learner.user, issuer="https://idp.example", subject="s-1")
    type(learner.user).objects.filter(pk=learner.user.pk).update(last_login=timezone.now())  # signed in today
    key = signed_in_session(learner.user)
    other_session = signed_in_session(world.recent.person.user)
    progress = LessonProgress.objects.filter(enrolment=world.old.enrolment).count()

    html = erase_page(admin_client, learner)
    table = retention_table(html)
    for label in ("Försök på kunskapstest", "Intyg", "Kursdeltagande och genomförda kurser"):
        assert label in table
    assert table.count("Sparas: inget gallringsbeslut gäller för informationstypen") >= 4
    assert "Namn, e-post, användarnamn och anställningsnummer sparas" in html

    response = admin_client.post(
        f"/admin/organisation/people/{learner.pk}/erase/", {"confirm": "yes", "reason": "Begäran"}, follow=True
    )
    told = response.content.decode()
    assert "Sparas eftersom inget gallringsbeslut gäller" in told and "Intyg" in told

    # Every record is there as it was: the attempt, the certificate (valid, PDF and all), the enrolment.
    assert Attempt.objects.filter(pk=world.old.attempt.pk).exists()
    certificate = Certificate.objects.get(pk=world.old.certificate.pk)
    assert certificate.revoked_at is None and certificate.code == world.old.certificate.code
    assert Enrolment.objects.filter(pk=world.old.enrolment.pk).exists()
    assert LessonProgress.objects.filter(enrolment=world.old.enrolment).count() == progress
    # What is no public document went, and the account is closed.
    person = Person.objects.select_related("user").get(pk=learner.pk)
    assert not person.user.is_active and not person.user.has_usable_password() and person.erased_at is None
    assert not SignInIdentity.objects.exists()
    assert not Session.objects.filter(session_key=key).exists()
    assert Session.objects.filter(session_key=other_session).exists()
    entry = ModelLogEntry.objects.get(action="lms.erase")
    assert entry.user == admin_user and entry.data["removed"] == {}
    assert set(entry.data["kept_without_decision"]) >= {"quiz_attempts", "certificates", "enrolments", "people"}
    assert entry.data["kept"]["certificates"] == 1 and entry.data["kept"]["quiz_attempts"] == 1


def test_under_decisions_erasure_disposes_as_decided_and_keeps_the_rest(world, django_capture_on_commit_callbacks):
    """Attempts, certificates and enrolments go two years after they were made: the three-year-old
    course goes (the certificate's disposal deletes its PDF too: tests/records/test_retention.py);
    last year's stays."""
    for key in ("quiz_attempts", "certificates", "enrolments"):
        RetentionDecisionFactory(record_type=key, keep_for=2)
    old, recent = world.old, world.recent
    with django_capture_on_commit_callbacks(execute=True):
        organisation_services.person_erase(person=old.person, reason="Begäran")
        organisation_services.person_erase(person=recent.person, reason="Begäran")
    assert not Attempt.objects.filter(pk=old.attempt.pk).exists()
    assert not Certificate.objects.filter(pk=old.certificate.pk).exists()
    assert not Enrolment.objects.filter(pk=old.enrolment.pk).exists()
    assert Attempt.objects.filter(pk=recent.attempt.pk).exists()
    assert Certificate.objects.get(pk=recent.certificate.pk).revoked_at is None
    assert Enrolment.objects.filter(pk=recent.enrolment.pk).exists()
    entries = {e.object_id: e.data for e in ModelLogEntry.objects.filter(action="lms.erase")}
    assert entries[str(old.person.pk)]["removed"] == {"quiz_attempts": 1, "certificates": 1, "enrolments": 1}
    assert entries[str(recent.person.pk)]["removed"] == {}
    assert entries[str(recent.person.pk)]["kept"]["certificates"] == 1
    assert "certificates" not in entries[str(recent.person.pk)]["kept_without_decision"]


def test_the_erasure_page_and_the_register_extract_say_the_same(world, admin_client):
    RetentionDecisionFactory(record_type="certificates", permanent=True)
    RetentionDecisionFactory(record_type="quiz_attempts", keep_for=2)  # the old attempt's period has run out
    learner = world.old.person
    on_erase_page = retention_table(erase_page(admin_client, learner))
    extract_page = admin_client.get(f"/admin/organisation/people/{learner.pk}/personal-data/").content.decode()
    assert retention_table(extract_page) == on_erase_page
    assert "1 av 1 raderas vid raderingen" in on_erase_page and "Sparas enligt beslut" in on_erase_page
    assert "Sparas vid radering: 0 av 1." in on_erase_page
    # The JSON extract holds the same rows, in words the same as on both pages.
    rows = privacy.person_extract(learner)["retention"]
    assert [r["explanation"] for r in rows] == [
        r["explanation"] for r in privacy.retention_rows(learner)
    ]  # (one selector)
    for row in rows:
        assert row["label"] in on_erase_page and row["explanation"].split(":")[0] in on_erase_page
    by_type = {r["record_type"]: r for r in rows}
    assert by_type["quiz_attempts"]["kept_at_erasure"] == 0 and by_type["certificates"]["kept_at_erasure"] == 1
    assert by_type["enrolments"]["decision"] is None and by_type["certificates"]["decision"]
    # And the person reads the same on their own page.
    admin_client.force_login(learner.user)
    own = admin_client.get("/konto/mina-uppgifter/").content.decode()
    assert retention_table(own) == on_erase_page


def test_every_record_type_about_people_is_in_the_plan_of_someone_who_has_its_rows(world):
    keys = {row["record_type"] for row in privacy.retention_rows(world.old.person)}
    assert {"quiz_attempts", "certificates", "enrolments", "people"} <= keys
    assert keys <= {rt.key for rt in record_types() if rt.person_rows is not None}
