"""Personal data: the register extract, erasure that keeps the figures, and the retention decisions\nabout people and HR uploads (the organisation app's record types)."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.db.models import Count
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.access import privacy
from lms.courses import services as course_services
from lms.courses.models import Enrolment
from lms.organisation import services
from lms.organisation.models import Person
from lms.records.models import PeriodUnit
from lms.records.registry import RetentionEvent
from lms.records.tasks import apply_retention_decisions_task
from tests.courses.factories import make_course
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory, hr_user
from tests.helpers import status_and_location
from tests.records.factories import RetentionDecisionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner():
    unit = OrgUnitFactory(name="Ekskolan", code="EK1")
    manager = PersonFactory(org_unit=unit, user__first_name="Karin", user__last_name="Berg")
    person = PersonFactory(
        org_unit=unit,
        manager=manager,
        employee_number="4711",
        user__username="anna",
        user__first_name="Anna",
        user__last_name="Lind",
        user__email="anna@example.se",
    )
    course, lessons = make_course(lessons=2)
    for lesson in lessons:
        course_services.lesson_mark_done(person=person, lesson=lesson)
    return person


def section(extract, key):
    return next(s for s in extract["sections"] if s["key"] == key)


def test_extract_has_every_section(learner):
    extract = privacy.person_extract(learner)
    json.dumps(extract)  # JSON-able throughout
    org = section(extract, "organisation")["data"]
    assert org["person"]["employee_number"] == "4711"
    assert org["user"]["email"] == "anna@example.se" and org["user"]["first_name"] == "Anna"
    assert org["org_unit"]["code"] == "EK1"
    assert org["manager"]["name"] == "Karin Berg"
    courses = section(extract, "courses")["data"]
    (enrolment,) = courses["enrolments"]
    assert enrolment["course"] == "Demokrati i vardagen" and enrolment["completed_at"]
    assert [lesson["lesson"] for lesson in enrolment["lessons_done"]] == ["Lektion 1", "Lektion 2"]


def test_a_new_section_can_be_registered(learner):
    privacy.register_personal_data_section("extra", "Extra", lambda person: {"id": person.pk})
    try:
        assert section(privacy.person_extract(learner), "extra")["data"] == {"id": learner.pk}
    finally:
        privacy._sections.pop("extra")


def test_the_person_downloads_their_own_data(client, learner):
    client.force_login(learner.user)
    page = client.get("/konto/mina-uppgifter/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "anna@example.se" in html and "Lektion 2" in html and "Ekskolan" in html
    download = client.get("/konto/mina-uppgifter.json")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]
    data = json.loads(download.content)
    assert section(data, "organisation")["data"]["user"]["username"] == "anna"


def test_my_data_needs_sign_in(client):
    assert client.get("/konto/mina-uppgifter.json").status_code == 302


def test_someone_else_cannot_see_it(client, learner):
    other = PersonFactory()
    client.force_login(other.user)
    data = json.loads(client.get("/konto/mina-uppgifter.json").content)
    assert "anna@example.se" not in json.dumps(data)


def completed_per_unit():
    return dict(
        Enrolment.objects.completed()
        .values("person__org_unit")
        .annotate(n=Count("pk"))
        .values_list("person__org_unit", "n")
    )


def test_erasure_without_decisions_keeps_the_records_and_closes_the_account(learner):
    """Fail safe: no decision for people's names, enrolments or the audit log, so all stay as they are."""
    from axes.models import AccessAttempt

    from lms.accounts.models import SignInIdentity

    hr = UserFactory(is_superuser=True)  # the learner is also a democracy guide: a staff account
    ModelLogEntry.objects.log_action(learner, "wagtail.edit", user=hr)
    learner.user.groups.add(Group.objects.get_or_create(name="Democracy guides")[0])
    SignInIdentity.objects.create(user=learner.user, issuer="https://idp.example", subject="abc")
    AccessAttempt.objects.create(
        username="anna", ip_address="10.0.0.1", failures_since_start=3, get_data="", post_data=""
    )
    before = completed_per_unit()
    services.person_erase(person=learner, by=hr, reason="Begäran 2026-11-30")
    person = Person.objects.select_related("user").get(pk=learner.pk)
    user = person.user
    assert (user.username, user.first_name, user.email, person.employee_number) == (
        "anna",
        "Anna",
        "anna@example.se",
        "4711",
    )
    assert not user.has_usable_password() and not user.is_active and not user.groups.exists()
    assert not person.is_active and person.deactivated_at and person.erased_at is None
    assert person.enrolments.count() == 1 and completed_per_unit() == before
    assert not SignInIdentity.objects.exists() and not AccessAttempt.objects.exists()  # no public documents
    labels = set(
        ModelLogEntry.objects.filter(object_id=str(person.pk))
        .exclude(action="lms.erase")
        .values_list("label", flat=True)
    )
    assert labels == {"Anna Lind"}  # the audit log is a record type without a decision: kept as it is
    entry = ModelLogEntry.objects.get(action="lms.erase", user=hr)
    assert entry.data == {
        "reason": "Begäran 2026-11-30",
        "kept": {"enrolments": 1, "people": 1, "audit_log": 1},
        "kept_without_decision": ["audit_log", "enrolments", "people"],
        "removed": {},
    }


def test_erasure_under_a_decision_for_names_anonymises_and_keeps_the_figures(learner):
    RetentionDecisionFactory(
        record_type="people", keep_for=30, keep_unit=PeriodUnit.DAYS, counted_from=RetentionEvent.PERSON_LEFT
    )
    RetentionDecisionFactory(record_type="audit_log", keep_for=30, keep_unit=PeriodUnit.DAYS)
    hr = UserFactory()
    with time_machine.travel(timezone.now() - timedelta(days=40)):
        ModelLogEntry.objects.log_action(learner, "wagtail.edit", user=hr)
        services.person_deactivate(person=learner)
    before = completed_per_unit()
    services.person_erase(person=learner, by=hr, reason="Begäran 2026-11-30")
    person = Person.objects.select_related("user").get(pk=learner.pk)
    user = person.user
    assert (user.first_name, user.last_name, user.email) == ("", "", "")
    assert user.username == f"anonymised-{person.pk}" and not user.has_usable_password() and not user.is_active
    assert person.employee_number is None and person.manager is None and person.erased_at
    assert person.org_unit.code == "EK1" and person.enrolments.count() == 1
    assert completed_per_unit() == before
    # The audit-log entries whose period has run out went, as the decision says.
    assert list(ModelLogEntry.objects.filter(object_id=str(person.pk)).values_list("action", flat=True)) == [
        "lms.erase"
    ]
    entry = ModelLogEntry.objects.get(action="lms.erase", user=hr)
    assert entry.data["removed"] == {"audit_log": 1} and entry.data["kept_without_decision"] == ["enrolments"]
    extract = json.dumps(privacy.person_extract(person))
    # (the employee number quoted: a timestamp's microseconds may hold the digits 4711)
    assert "Anna" not in extract and "anna@example.se" not in extract and '"4711"' not in extract


@pytest.fixture
def hr_client(client):
    client.force_login(hr_user(username="hr-user"))
    return client


def test_hr_produces_an_extract_and_erases_with_confirmation(hr_client, learner):
    page = hr_client.get(f"/admin/organisation/people/{learner.pk}/personal-data/")
    assert page.status_code == 200 and "anna@example.se" in page.content.decode()
    download = hr_client.get(f"/admin/organisation/people/{learner.pk}/personal-data/?format=json")
    assert section(json.loads(download.content), "organisation")["data"]["user"]["username"] == "anna"
    confirm = hr_client.get(f"/admin/organisation/people/{learner.pk}/erase/")
    assert confirm.status_code == 200 and 'name="confirm"' in confirm.content.decode()
    unticked = hr_client.post(f"/admin/organisation/people/{learner.pk}/erase/", {})
    assert unticked.status_code == 200
    assert Person.objects.get(pk=learner.pk).erased_at is None
    no_reason = hr_client.post(f"/admin/organisation/people/{learner.pk}/erase/", {"confirm": "yes", "reason": " "})
    assert no_reason.status_code == 200 and "Ange skälet till raderingen" in no_reason.content.decode()
    assert Person.objects.get(pk=learner.pk).erased_at is None
    done = hr_client.post(
        f"/admin/organisation/people/{learner.pk}/erase/",
        {"confirm": "yes", "reason": "Begäran 2026-11-30"},
        follow=True,
    )
    assert done.status_code == 200
    html = done.content.decode()
    assert "Sparas eftersom inget gallringsbeslut gäller" in html and "Kursdeltagande och genomförda kurser" in html
    person = Person.objects.select_related("user").get(pk=learner.pk)
    assert not person.user.is_active and person.erased_at is None  # no decision for names: kept


def test_without_permission_no_extract_and_no_erasure(client, learner):
    from django.contrib.auth.models import Permission

    editor = UserFactory(username="editor")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    extract = client.get(f"/admin/organisation/people/{learner.pk}/personal-data/")
    assert status_and_location(extract) == (302, "/admin/")  # Wagtail's "no permission": back to the dashboard
    erase = client.post(f"/admin/organisation/people/{learner.pk}/erase/", {"confirm": "yes"})
    assert status_and_location(erase) == (302, "/admin/")
    assert Person.objects.get(pk=learner.pk).erased_at is None


def test_retention_decision_anonymises_leavers_after_the_period(learner):
    RetentionDecisionFactory(
        record_type="people", keep_for=730, keep_unit=PeriodUnit.DAYS, counted_from=RetentionEvent.PERSON_LEFT
    )
    recent = PersonFactory()
    with time_machine.travel(timezone.now() - timedelta(days=800)):
        services.person_deactivate(person=learner)
    with time_machine.travel(timezone.now() - timedelta(days=100)):
        services.person_deactivate(person=recent)
    still_here = PersonFactory()
    assert apply_retention_decisions_task.delay().get() == 1
    assert Person.objects.get(pk=learner.pk).erased_at is not None
    assert Person.objects.get(pk=recent.pk).erased_at is None
    assert Person.objects.get(pk=still_here.pk).erased_at is None
    # A year later the second leaver's time is up too; the first is not erased twice.
    with time_machine.travel(timezone.now() + timedelta(days=700)):
        assert apply_retention_decisions_task() == 1
    assert Person.objects.get(pk=recent.pk).erased_at is not None


def test_retention_decision_clears_old_hr_uploads_and_their_reports():
    from lms.imports.models import ImportRun

    RetentionDecisionFactory(record_type="import_files", keep_for=7, keep_unit=PeriodUnit.DAYS)
    with time_machine.travel(timezone.now() - timedelta(days=8)):
        old = ImportRun.objects.create(
            filename="old.csv", content=b"names", report={"created": [{"name": "Anna"}]}, counts={"created": 1}
        )
    new = ImportRun.objects.create(filename="new.csv", content=b"names", report={"created": []})
    apply_retention_decisions_task()
    old.refresh_from_db()
    new.refresh_from_db()
    assert bytes(old.content) == b"" and old.report == {} and old.counts == {"created": 1}
    assert bytes(new.content) == b"names"
