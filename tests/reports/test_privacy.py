"""The reports app's section of the register extract (an HR user's export jobs and report scope,
never the files' contents), and erasure: the person's export jobs and their files go, on commit."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override

from lms.access import privacy
from lms.access.models import StaffScope
from lms.core.storage import private_storage
from lms.organisation import services
from lms.records.models import PeriodUnit
from lms.reports import services as report_services
from lms.reports.models import ExportJob, export_file_name
from tests.factories import OrgUnitFactory, PersonFactory, hr_user
from tests.records.factories import RetentionDecisionFactory

pytestmark = pytest.mark.django_db


def section(extract, key):
    return next(s for s in extract["sections"] if s["key"] == key)


# A row of the exported file no random name can be (the extract must not hold what the file holds).
FILE_ROW = "Filradsson-7QX"


def job_with_file(user, report="enrolments", export_format="csv", rows=2) -> ExportJob:
    job = ExportJob.objects.create(
        user=user, report=report, export_format=export_format, status=ExportJob.Status.DONE, rows_total=rows
    )
    name = private_storage().save(
        export_file_name(job, f"{report}.{export_format}"), ContentFile(f"Efternamn\n{FILE_ROW}\n".encode())
    )
    ExportJob.objects.filter(pk=job.pk).update(file=name)
    job.refresh_from_db()
    return job


@pytest.fixture
def hr_person():
    unit = OrgUnitFactory(name="Personalavdelningen")
    return PersonFactory(org_unit=unit, user=hr_user(username="hr-anna", scope=unit))


def test_the_extract_lists_the_export_jobs_not_the_files_and_the_staff_scope(hr_person):
    job = job_with_file(hr_person.user, rows=2)
    ExportJob.objects.create(user=hr_person.user, report="overdue", export_format="xlsx")
    PersonFactory()  # someone else, with nothing in reports
    with override("sv"):
        extract = privacy.person_extract(hr_person)
    json.dumps(extract)
    data = section(extract, "reports")["data"]
    assert section(extract, "organisation")["data"]["staff_scope"] == {"org_unit": "Personalavdelningen"}
    assert data["export_jobs"] == [
        {"created_at": job.created_at.isoformat(), "kind": "Per kurs (CSV)", "status": "Klar", "rows": 2},
        {
            "created_at": ExportJob.objects.get(report="overdue").created_at.isoformat(),
            "kind": "Försenade (XLSX)",
            "status": "Väntar",
            "rows": None,
        },
    ]
    assert FILE_ROW not in json.dumps(extract) and job.file.name not in json.dumps(extract)


def test_someone_who_never_exported_has_an_empty_section():
    data = section(privacy.person_extract(PersonFactory()), "reports")["data"]
    assert data == {"export_jobs": []}


def test_the_section_reads_in_swedish(hr_person):
    # Its place among the sections: tests/access/test_privacy_sections.py.
    job_with_file(hr_person.user)
    with override("sv"):
        extract = privacy.person_extract(hr_person)
        shown = next(s for s in privacy.display_sections(extract) if s["key"] == "reports")
        organisation = next(s for s in privacy.display_sections(extract) if s["key"] == "organisation")
    assert shown["label"] == "Rapportexporter"
    (jobs,) = shown["rows"]
    assert jobs["label"] == "Rapportexporter"
    scope = next(row for row in organisation["rows"] if row["label"] == "Personalbehörighet")
    assert scope["children"][0] == {"label": "Organisatorisk enhet", "value": "Personalavdelningen", "children": []}
    labels = [row["label"] for row in jobs["children"][0]["children"]]
    assert labels == ["Skapad", "Typ", "Status", "Rader"]


def after_the_decisions_period():
    """A decision for report exports (30 days), and a moment 40 days on: erasure may dispose of them."""
    RetentionDecisionFactory(record_type="report_exports", keep_for=30, keep_unit=PeriodUnit.DAYS)
    return time_machine.travel(timezone.now() + timedelta(days=40))


def test_without_a_decision_erasure_keeps_the_export_jobs(hr_person, django_capture_on_commit_callbacks):
    job = job_with_file(hr_person.user)
    with django_capture_on_commit_callbacks(execute=True):
        services.person_erase(person=hr_person)
    assert ExportJob.objects.filter(pk=job.pk).exists() and private_storage().exists(job.file.name)


def test_under_a_decision_erasure_deletes_the_export_jobs_and_their_files_on_commit(
    hr_person, django_capture_on_commit_callbacks
):
    mine = [job_with_file(hr_person.user), job_with_file(hr_person.user, report="overdue")]
    pending = ExportJob.objects.create(user=hr_person.user, report="enrolments", export_format="csv")
    other = PersonFactory()
    theirs = job_with_file(other.user)
    with after_the_decisions_period(), django_capture_on_commit_callbacks(execute=True):
        services.person_erase(person=hr_person)
    assert not ExportJob.objects.filter(pk__in=[job.pk for job in [*mine, pending]]).exists()
    for job in mine:
        assert not private_storage().exists(job.file.name)
        assert not private_storage().exists(job.file.name.rsplit("/", 1)[0])  # its random folder too
    assert ExportJob.objects.filter(pk=theirs.pk).exists() and private_storage().exists(theirs.file.name)
    # The scope stays: without one an account with the HR role would see the whole group.
    assert StaffScope.objects.filter(user=hr_person.user).exists()
    assert section(privacy.person_extract(hr_person), "reports")["data"]["export_jobs"] == []


def test_a_rolled_back_erasure_keeps_the_files(hr_person, django_capture_on_commit_callbacks):
    job = job_with_file(hr_person.user)
    with after_the_decisions_period(), django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            services.person_erase(person=hr_person)
            raise RuntimeError
    assert callbacks == []
    assert ExportJob.objects.filter(pk=job.pk).exists() and private_storage().exists(job.file.name)


def test_a_job_erased_while_its_file_is_written_leaves_no_file(hr_person, refreshed, monkeypatch):
    job = ExportJob.objects.create(user=hr_person.user, report="enrolments", export_format="csv")
    written = []
    counting = report_services._counting

    def erased_meanwhile(rows, job_pk):
        ExportJob.objects.filter(pk=job_pk).delete()
        yield from counting(rows, job_pk)

    save = report_services.export_file_name
    monkeypatch.setattr(report_services, "_counting", erased_meanwhile)
    monkeypatch.setattr(report_services, "export_file_name", lambda *a: written.append(save(*a)) or written[-1])
    assert report_services.export_job_run(job_id=job.pk) is None
    assert written and not private_storage().exists(written[0])
    assert report_services.export_job_run(job_id=job.pk) is None  # a job gone before it ran
