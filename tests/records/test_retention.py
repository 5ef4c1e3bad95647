"""Retention by decision: nothing without a decision, exactly the rows a decision names with one,
every run logged; bad decisions refused with a message; erasure keeps what a decision keeps."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from lms.certificates.models import Certificate
from lms.courses.models import Enrolment, LessonProgress
from lms.imports.models import ImportRun
from lms.organisation import services as organisation_services
from lms.organisation.models import Person
from lms.quizzes.models import Attempt
from lms.records import services
from lms.records.models import PeriodUnit, RetentionDecision, RetentionRun, RunStatus
from lms.records.registry import RetentionEvent, record_types
from lms.reports.models import ExportJob

from .factories import RetentionDecisionFactory

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    """Every record type's rows still holding what a decision may remove (any app's, surveys too)."""
    return {rt.key: rt.rows().count() for rt in record_types()}


def test_the_apps_declare_the_record_types_of_the_plan():
    assert {"enrolments", "quiz_attempts", "certificates", "people", "import_files", "report_exports", "audit_log"} <= {
        rt.key for rt in record_types()
    }


def test_without_a_decision_nothing_of_any_record_type_is_removed(world):
    before = counts()
    assert all(before[key] for key in ("quiz_attempts", "certificates", "people", "import_files"))
    assert before["report_exports"] and before["audit_log"]
    enrolments = Enrolment.objects.count()
    assert services.retention_apply() == []
    assert counts() == before and Enrolment.objects.count() == enrolments == 3
    assert Person.objects.get(pk=world.leaver.pk).erased_at is None
    assert bytes(ImportRun.objects.get(pk=world.import_run.pk).content) == b"names"
    assert not RetentionRun.objects.exists()


def test_decisions_to_keep_permanently_remove_nothing(world):
    before = counts()
    for rt in record_types():
        RetentionDecisionFactory(record_type=rt.key, permanent=True)
    assert services.retention_apply() == []
    assert counts() == before


def test_decisions_out_of_force_remove_nothing(world):
    before = counts()
    RetentionDecisionFactory(record_type="quiz_attempts", keep_for=0, in_force=False)
    assert services.retention_apply() == []
    assert counts() == before


def test_attempts_go_two_years_after_the_cycle_ended_and_only_those(world):
    decision = RetentionDecisionFactory(
        record_type="quiz_attempts", keep_for=2, keep_unit=PeriodUnit.YEARS, counted_from=RetentionEvent.CYCLE_ENDED
    )
    before = counts()
    (run,) = services.retention_apply()
    # The old learner's cycle ended three years ago; the recent one's a year ago; the running one's not at all.
    assert set(Attempt.objects.values_list("pk", flat=True)) == {world.recent.attempt.pk, world.running.attempt.pk}
    assert {k: v for k, v in counts().items() if v != before[k]} == {"quiz_attempts": before["quiz_attempts"] - 1}
    assert Enrolment.objects.filter(pk=world.old.enrolment.pk).exists()  # the enrolment is its own record type
    assert (run.decision, run.decision_reference, run.record_type, run.rows) == (
        decision,
        decision.reference,
        "quiz_attempts",
        1,
    )
    assert run.status == RunStatus.DONE and run.started_at <= run.finished_at
    # The next night finds nothing more to do, and says so.
    (again,) = services.retention_apply()
    assert again.rows == 0 and RetentionRun.objects.count() == 2


def test_a_cycle_ends_when_the_person_leaves(world):
    RetentionDecisionFactory(
        record_type="quiz_attempts", keep_for=2, keep_unit=PeriodUnit.YEARS, counted_from=RetentionEvent.CYCLE_ENDED
    )
    Person.objects.filter(pk=world.running.person.pk).update(
        is_active=False, deactivated_at=world.running.attempt.started_at
    )
    (run,) = services.retention_apply()
    assert run.rows == 2  # the old learner's, and the running cycle of the one who left
    assert list(Attempt.objects.values_list("pk", flat=True)) == [world.recent.attempt.pk]


def test_certificates_go_with_their_pdf_and_enrolments_only_when_nothing_points_at_them(
    world, django_capture_on_commit_callbacks
):
    RetentionDecisionFactory(record_type="certificates", keep_for=2, counted_from=RetentionEvent.CREATED)
    RetentionDecisionFactory(record_type="quiz_attempts", keep_for=2, counted_from=RetentionEvent.CREATED)
    RetentionDecisionFactory(record_type="enrolments", keep_for=2, counted_from=RetentionEvent.CREATED)
    with django_capture_on_commit_callbacks(execute=True):
        runs = services.retention_apply()
    # Attempts and certificates first, then the enrolments they pointed at.
    assert [(r.record_type, r.rows) for r in runs] == [("quiz_attempts", 2), ("certificates", 1), ("enrolments", 2)]
    assert not Enrolment.objects.filter(pk__in=[world.old.enrolment.pk, world.running.enrolment.pk]).exists()
    assert Enrolment.objects.filter(pk=world.recent.enrolment.pk).exists()
    assert list(Certificate.objects.values_list("pk", flat=True)) == [world.recent.certificate.pk]
    assert not LessonProgress.objects.filter(enrolment_id=world.old.enrolment.pk).exists()


def test_an_enrolment_whose_certificate_is_kept_stays(world):
    RetentionDecisionFactory(record_type="certificates", permanent=True)
    RetentionDecisionFactory(record_type="quiz_attempts", keep_for=2)
    RetentionDecisionFactory(record_type="enrolments", keep_for=2)
    runs = services.retention_apply()
    assert [(r.record_type, r.rows) for r in runs] == [("quiz_attempts", 2), ("enrolments", 1)]
    assert Enrolment.objects.filter(pk=world.old.enrolment.pk).exists()  # its certificate is kept
    assert not Enrolment.objects.filter(pk=world.running.enrolment.pk).exists()


def test_people_who_left_are_anonymised_and_the_others_untouched(world):
    RetentionDecisionFactory(record_type="people", keep_for=2, counted_from=RetentionEvent.PERSON_LEFT)
    (run,) = services.retention_apply()
    assert run.rows == 1
    assert list(Person.objects.filter(erased_at__isnull=False).values_list("pk", flat=True)) == [world.leaver.pk]
    entry = ModelLogEntry.objects.get(action="lms.erase")
    assert entry.user is None and entry.data["reason"]


def test_import_files_exports_and_the_audit_log(world):
    RetentionDecisionFactory(record_type="import_files", keep_for=2)
    RetentionDecisionFactory(record_type="report_exports", keep_for=2)
    RetentionDecisionFactory(record_type="audit_log", keep_for=2)
    recent_entry = ModelLogEntry.objects.log_action(world.leaver, "wagtail.edit")
    runs = {r.record_type: r.rows for r in services.retention_apply()}
    assert runs["import_files"] == 1 and runs["report_exports"] == 1 and runs["audit_log"] >= 1
    run = ImportRun.objects.get(pk=world.import_run.pk)
    assert bytes(run.content) == b"" and run.report == {}
    assert not ExportJob.objects.exists()
    assert ModelLogEntry.objects.filter(pk=recent_entry.pk).exists()
    assert not ModelLogEntry.objects.filter(timestamp__lt=world.recent.enrolment.created_at).exists()


def test_a_failing_decision_is_logged_and_the_others_still_run(world, monkeypatch):
    from lms.records import registry

    broken = registry.record_type("import_files")
    monkeypatch.setitem(
        registry._record_types, "import_files", type(broken)(**{**broken.__dict__, "dispose": lambda rows: 1 / 0})
    )
    RetentionDecisionFactory(record_type="import_files", keep_for=2)
    RetentionDecisionFactory(record_type="quiz_attempts", keep_for=2)
    runs = {r.record_type: r for r in services.retention_apply()}
    assert runs["import_files"].status == RunStatus.FAILED and "ZeroDivisionError" in runs["import_files"].error
    assert runs["import_files"].rows == 0 and bytes(ImportRun.objects.get().content) == b"names"
    assert runs["quiz_attempts"].status == RunStatus.DONE and runs["quiz_attempts"].rows == 2


# --- Bad decisions ------------------------------------------------------------------


def decision(**fields) -> RetentionDecision:
    values = {
        "reference": "KS 2026/9",
        "decided_on": "2026-03-01",
        "decided_by": "Kommunstyrelsen",
        "record_type": "certificates",
        **fields,
    }
    return RetentionDecision(**values)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({}, "keep_for", "Give how long"),
        ({"keep_for": -1, "keep_unit": "years", "counted_from": "created"}, "keep_for", "cannot be negative"),
        ({"keep_for": 2, "counted_from": "created"}, "keep_unit", "Choose days, months or years"),
        ({"keep_for": 2, "keep_unit": "years"}, "counted_from", "Choose the event"),
        (
            {"keep_permanently": True, "keep_for": 2, "keep_unit": "years", "counted_from": "created"},
            "keep_permanently",
            "has no period",
        ),
        ({"record_type": "nonsense", "keep_permanently": True}, "record_type", "no record type"),
        (
            {"record_type": "import_files", "keep_for": 2, "keep_unit": "years", "counted_from": "person_left"},
            "counted_from",
            "cannot be counted from that event",
        ),
    ],
)
def test_a_bad_decision_is_refused_with_a_message(fields, field, message):
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            decision(**fields).full_clean()
        assert message in " ".join(error.value.message_dict[field])


def test_two_decisions_in_force_for_one_record_type_are_refused():
    first = RetentionDecisionFactory(record_type="certificates", permanent=True)
    with pytest.raises(ValidationError) as error:  # names the decision in force, in any language
        decision(keep_permanently=True).full_clean()
    assert first.reference in " ".join(error.value.message_dict["in_force"])
    decision(keep_permanently=True, in_force=False).full_clean()  # a replaced or future one may be entered
    with pytest.raises(IntegrityError), transaction.atomic():  # and the database says so too
        decision(keep_permanently=True).save()


def test_the_database_refuses_a_decision_without_a_period():
    with pytest.raises(IntegrityError), transaction.atomic():
        decision().save()
    with pytest.raises(IntegrityError), transaction.atomic():
        decision(keep_for=-1, keep_unit="years", counted_from="created").save()
    assert not RetentionDecision.objects.exists()


# --- Erasure --------------------------------------------------------------------------


def test_erasure_keeps_what_a_decision_keeps_and_logs_the_reason(world, django_user_model):
    learner = world.old.person
    RetentionDecisionFactory(record_type="certificates", permanent=True)
    RetentionDecisionFactory(record_type="report_exports", keep_for=2)  # nothing of hers: not in the log
    hr = django_user_model.objects.create_superuser("hr-admin", "hr@example.se", "x")
    organisation_services.person_erase(person=learner, by=hr, reason="Begäran 2026-11-30")
    learner.refresh_from_db()
    assert learner.erased_at is None and learner.user.first_name != ""  # no decision for names: kept
    certificate = Certificate.objects.get(pk=world.old.certificate.pk)
    assert certificate.revoked_at is None  # kept as it was: still valid
    entry = ModelLogEntry.objects.get(action="lms.erase")
    assert entry.user == hr and entry.data["reason"] == "Begäran 2026-11-30"
    assert entry.data["kept"] == {"quiz_attempts": 1, "certificates": 1, "enrolments": 1, "people": 1}
    assert entry.data["kept_without_decision"] == ["enrolments", "people", "quiz_attempts"]  # not certificates
    assert entry.data["removed"] == {}


def test_erasure_without_a_reason_from_a_person_is_refused(world, django_user_model):
    hr = django_user_model.objects.create_superuser("hr-admin", "hr@example.se", "x")
    with pytest.raises(organisation_services.ErasureReasonRequired):
        organisation_services.person_erase(person=world.old.person, by=hr, reason="  ")
    assert Person.objects.get(pk=world.old.person.pk).erased_at is None


def test_erasure_keeps_names_a_decision_keeps_and_only_closes_the_account(world):
    RetentionDecisionFactory(record_type="people", keep_for=2, counted_from=RetentionEvent.PERSON_LEFT)
    learner = world.recent.person
    first_name = learner.user.first_name
    organisation_services.person_erase(person=learner, reason="Begäran")
    learner.refresh_from_db()
    assert learner.erased_at is None and learner.user.first_name == first_name
    assert not learner.is_active and not learner.user.is_active and not learner.user.has_usable_password()
    # Two years after leaving, the nightly run anonymises them under the decision.
    with time_machine.travel(timezone.now() + timedelta(days=800)):
        services.retention_apply()
    learner.refresh_from_db()
    assert learner.erased_at is not None


def test_the_erasure_page_tells_hr_what_is_kept_and_why(world, client, django_user_model):
    decision = RetentionDecisionFactory(record_type="certificates", permanent=True)
    client.force_login(django_user_model.objects.create_superuser("hr-admin", "hr@example.se", "x"))
    html = client.get(f"/admin/organisation/people/{world.old.person.pk}/erase/").content.decode()
    assert f"Sparas enligt beslut {decision.reference} (Kommunstyrelsen): bevaras för alltid (gallras ej)." in html
    assert (
        "Sparas vid radering: 1 av 1." in html and "Sparas: inget gallringsbeslut gäller för informationstypen" in html
    )
    response = client.post(
        f"/admin/organisation/people/{world.old.person.pk}/erase/", {"confirm": "yes", "reason": "Begäran 2026-12-01"}
    )
    assert response.status_code == 302
    assert ModelLogEntry.objects.get(action="lms.erase").data["reason"] == "Begäran 2026-12-01"
