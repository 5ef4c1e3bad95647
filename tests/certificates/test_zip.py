"""Certificates as one ZIP from the certificates' list: the list's filters (unit, course, period), only
the certificates the user may see (the access rule, asked again by the worker), made in Celery with
progress, an index that spreadsheets cannot run, stored privately and expiring like report exports."""

import csv
import io
import re
import zipfile
from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from lms.certificates.codes import generate_code
from lms.certificates.models import Certificate, RenderStatus, certificate_pdf_path
from lms.core.storage import private_storage
from lms.courses.models import Enrolment
from lms.reports import services as report_services
from lms.reports.models import ExportJob
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory, hr_user

from .factories import CertificateTemplateFactory, make_certificate_course

pytestmark = pytest.mark.django_db
LIST = "/admin/certificates/issued/"
ZIP = "/admin/reports/certificates-zip/"


def certificate(person, course, completed_on):
    """A rendered certificate with a small stand-in PDF (rendering has its own tests)."""
    enrolment = Enrolment.objects.create(person=person, course=course, completed_at=timezone.now())
    cert = Certificate.objects.create(
        person=person,
        course=course,
        enrolment=enrolment,
        template=CertificateTemplateFactory(name="Mall"),
        code=generate_code(),
        completed_on=completed_on,
    )
    cert.pdf.save(certificate_pdf_path(cert), ContentFile(b"%PDF-1.7 " + cert.code.encode()), save=False)
    cert.render_status = RenderStatus.RENDERED
    cert.save()
    return cert


@pytest.fixture
def world(home_page):
    root = OrgUnitFactory(name="Kommun")
    a = OrgUnitFactory(name="Enhet A", parent=root)
    b = OrgUnitFactory(name="Enhet B", parent=root)
    course, _ = make_certificate_course(title="Likabehandling")
    other, _ = make_certificate_course(title="Demokrati", template=CertificateTemplateFactory(name="Mall"))
    anna = PersonFactory(org_unit=a, user__first_name="Anna", user__last_name='=HYPERLINK("http://x")')
    bo = PersonFactory(org_unit=b, user__first_name="Bo", user__last_name="Berg")
    return {
        "root": root,
        "a": a,
        "b": b,
        "course": course,
        "anna_2025": certificate(anna, course, date(2025, 5, 1)),
        "anna_other": certificate(anna, other, date(2025, 6, 1)),
        "bo_2024": certificate(bo, course, date(2024, 3, 1)),
        "bo_2025": certificate(bo, other, date(2025, 9, 1)),
    }


def make_zip(client, params, django_capture_on_commit_callbacks):
    confirm = client.get(ZIP, params)
    assert confirm.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ZIP, params)
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/reports/completion/exports/{job.pk}/"
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.export_format == "zip"
    download = client.get(f"/admin/reports/completion/exports/{job.pk}/download/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    return confirm, job, archive


def index_of(archive):
    text = archive.read("index.csv").decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_list_s_filters_make_the_zip(client, world, django_capture_on_commit_callbacks):
    client.force_login(hr_user())
    params = {"course": world["course"].pk, "completed_on_from": "2025-01-01", "completed_on_to": "2025-12-31"}
    listing = client.get(LIST, params).content.decode()
    button = re.search(r'href="(/admin/reports/certificates-zip/\?[^"]+)"', listing).group(1).replace("&amp;", "&")
    assert f"course={world['course'].pk}" in button and "completed_on_from=2025-01-01" in button

    confirm, job, archive = make_zip(client, params, django_capture_on_commit_callbacks)
    assert confirm.context["count"] == 1
    pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
    assert pdfs == [f"likabehandling/intyg-{world['anna_2025'].code}.pdf"]
    assert archive.read(pdfs[0]) == b"%PDF-1.7 " + world["anna_2025"].code.encode()
    heading, row = index_of(archive)
    assert heading[0] == "Kontrollkod" and row[0] == world["anna_2025"].display_code
    assert row[1] == '\'=HYPERLINK("http://x")'  # a formula in a name is quoted, not run
    assert job.rows_done == job.rows_total == 1 and job.user.username


def test_a_unit_filter_takes_the_units_below(client, world, django_capture_on_commit_callbacks):
    client.force_login(hr_user())
    _confirm, _job, archive = make_zip(client, {"unit": world["b"].pk}, django_capture_on_commit_callbacks)
    codes = {row[0] for row in index_of(archive)[1:]}
    assert codes == {world["bo_2024"].display_code, world["bo_2025"].display_code}


def test_only_the_certificates_in_the_user_s_scope(client, world, django_capture_on_commit_callbacks):
    client.force_login(hr_user(scope=world["a"]))
    # Even asking for another unit's people by the unit filter gives nothing outside the scope.
    confirm, _job, archive = make_zip(client, {}, django_capture_on_commit_callbacks)
    assert confirm.context["count"] == 2
    codes = {row[0] for row in index_of(archive)[1:]}
    assert codes == {world["anna_2025"].display_code, world["anna_other"].display_code}
    outside = client.get(ZIP, {"unit": world["b"].pk})
    assert outside.context["count"] == 0


def test_the_worker_asks_the_access_rule_again(world, django_capture_on_commit_callbacks):
    hr = hr_user()
    job = report_services.certificate_archive_create(user=hr, params={})
    from lms.access.models import StaffScope

    StaffScope.objects.create(user=hr, org_unit=world["b"])  # narrowed before the job ran
    done = report_services.export_job_run(job_id=job.pk)
    with zipfile.ZipFile(private_storage().open(done.file.name)) as archive:
        assert {row[0] for row in index_of(archive)[1:]} == {
            world["bo_2024"].display_code,
            world["bo_2025"].display_code,
        }


def test_without_the_rights_no_zip(client, world):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(ZIP).status_code in (302, 403)
    assert client.post(ZIP, {}).status_code in (302, 403)
    assert not ExportJob.objects.exists()


def test_the_zip_is_private_and_expires_like_report_exports(
    client, world, settings, django_capture_on_commit_callbacks
):
    client.force_login(hr_user())
    _confirm, job, _archive = make_zip(client, {}, django_capture_on_commit_callbacks)
    path = private_storage().path(job.file.name)
    assert not job.file.name.startswith(str(settings.MEDIA_ROOT)) and private_storage().exists(job.file.name)
    client.force_login(hr_user())  # another HR user: not theirs
    assert client.get(f"/admin/reports/completion/exports/{job.pk}/download/").status_code == 404
    later = timezone.now() + timedelta(days=settings.LMS_REPORTS_EXPORT_KEEP_DAYS + 1)
    with django_capture_on_commit_callbacks(execute=True):
        report_services.export_jobs_expire(now=later)
    assert not ExportJob.objects.exists() and not private_storage().exists(job.file.name), path
