"""Every file through Django's storages: in an S3 bucket (SeaweedFS, tests/s3.py) as in local folders.

Public media (Wagtail's images and documents) and private files (certificate PDFs, report exports) land in
the bucket, under media/ and private/, and nowhere on this machine's disk; nothing in the bucket is public;
images reach a browser under this site's /media/, documents through Wagtail's serve view, private files
through their views after the access rule. With the bucket away, pages that need no file answer, a
download says "temporarily unavailable" (503), and the waiting-work sweep renders again what failed."""

import hashlib
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from config.env import file_storages
from lms.certificates.models import Certificate, RenderStatus
from lms.core.storage import StorageUnavailable, private_storage
from lms.operations import services as operations
from lms.reports import services as report_services
from lms.reports.models import ExportJob
from tests.certificates.factories import complete, make_certificate_course, make_learner
from tests.factories import hr_user
from tests.s3 import free_port

pytestmark = pytest.mark.django_db


def files_under(folder) -> list[Path]:
    return [p for p in Path(folder).rglob("*") if p.is_file()] if Path(folder).exists() else []


@pytest.fixture
def unreachable_bucket(settings, monkeypatch, bucket_settings):
    """The same settings, but the endpoint is a port nobody listens on: the bucket is away."""
    monkeypatch.setenv("LMS_S3_ENDPOINT_URL", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("LMS_S3_CONNECT_TIMEOUT", "0.5")
    return file_storages(staticfiles_backend=settings.STORAGES["staticfiles"]["BACKEND"])


@pytest.fixture
def certificate(home_page, django_capture_on_commit_callbacks):
    course, lessons = make_certificate_course(title="Demokrati i molnet")
    person = make_learner(username="moln", email="moln@example.se")
    person.user.set_password("ett-bra-losenord-42")
    person.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete(person, lessons)
    return Certificate.objects.get(enrolment=enrolment)


def test_a_certificate_is_rendered_into_the_bucket_and_downloads(bucket_settings, seaweedfs, client, media_root):
    course, lessons = make_certificate_course(title="Demokrati i molnet")
    person = make_learner(username="moln")
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        enrolment = complete(person, lessons)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.render_status == RenderStatus.RENDERED

    keys = seaweedfs.keys(bucket_settings)
    assert keys == [f"private/{certificate.pdf.name}"]
    assert files_under(Path(media_root).parent) == []  # nothing on this machine's disk

    client.force_login(person.user)
    response = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert response.status_code == 200
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF") and hashlib.sha256(pdf).hexdigest() == certificate.pdf_sha256

    # Not public in the bucket: an anonymous GET of the object is refused.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{seaweedfs.endpoint}/{bucket_settings}/{keys[0]}")  # noqa: S310 - our own test server
    assert refused.value.code == 403
    with pytest.raises(ValueError, match="no public URL"):
        private_storage().url(certificate.pdf.name)


def test_images_are_served_under_the_sites_media_url_documents_by_wagtail(
    bucket_settings, seaweedfs, client, media_root
):
    image = Image.objects.create(title="Logga", file=get_test_image_file())
    rendition = image.get_rendition("width-40")
    assert rendition.url.startswith("/media/images/")  # this site's address, not the bucket's
    response = client.get(rendition.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")

    document = Document.objects.create(title="Plan", file=ContentFile(b"%PDF-1.7 plan", name="plan.pdf"))
    assert client.get(f"/media/{document.file.name}").status_code == 404  # not past Wagtail's privacy rules
    served = client.get(document.url)
    assert served.status_code == 200 and b"".join(served.streaming_content) == b"%PDF-1.7 plan"

    keys = seaweedfs.keys(bucket_settings)
    assert {key.split("/")[1] for key in keys} == {"original_images", "images", "documents"}
    assert all(key.startswith("media/") for key in keys)
    assert files_under(Path(media_root).parent) == []
    # Nothing but images by that address, and never outside the media prefix.
    for path in ("/media/../private/x.pdf", "/media/images/../../private/x.pdf", "/media/images/missing.png"):
        assert client.get(path).status_code == 404, path


def test_a_report_export_is_stored_in_the_bucket_and_downloads(
    bucket_settings, seaweedfs, client, home_page, django_capture_on_commit_callbacks
):
    hr = hr_user()
    job = report_services.export_job_create(user=hr, report="enrolments", params={}, export_format="csv")
    job = report_services.export_job_run(job_id=job.pk)
    assert job.status == ExportJob.Status.DONE
    assert seaweedfs.keys(bucket_settings) == [f"private/{job.file.name}"]
    client.force_login(hr)
    response = client.get(reverse("reports_export_download", args=[job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).count(b"\r\n") == 1  # the headings: nobody is enrolled

    with django_capture_on_commit_callbacks(execute=True):
        report_services.export_jobs_expire(now=timezone.now() + timedelta(days=400))
    assert seaweedfs.keys(bucket_settings) == []


def test_with_the_bucket_away_pages_answer_downloads_say_try_again_and_the_sweep_renders_later(
    settings, bucket_settings, unreachable_bucket, client, home_page, django_capture_on_commit_callbacks
):
    course, lessons = make_certificate_course(title="Demokrati utan hink")
    person = make_learner(username="utan-hink")
    reachable = settings.STORAGES
    settings.STORAGES = unreachable_bucket

    with django_capture_on_commit_callbacks(execute=True):  # the task's retries fail too (eager here)
        complete(person, lessons)
    certificate = Certificate.objects.get(person=person)
    assert certificate.render_status == RenderStatus.FAILED and "StorageUnavailable" in certificate.render_error

    client.force_login(person.user)
    assert client.get(course.url).status_code == 200  # a page that needs no file
    assert client.get(reverse("certificates:mine")).status_code == 200

    settings.STORAGES = reachable  # rendered meanwhile by the sweep, once the bucket is back
    asked = operations.waiting_work_sweep(now=timezone.now() + timedelta(minutes=11))
    assert asked["certificates_rendered"] == 1
    certificate.refresh_from_db()
    assert certificate.render_status == RenderStatus.RENDERED

    settings.STORAGES = unreachable_bucket  # away again: the download is "temporarily unavailable", no 500
    response = client.get(reverse("certificates:download", args=[certificate.pk]))
    assert response.status_code == 503 and response["Retry-After"]
    assert "tillfälligt" in response.content.decode()


def test_an_export_that_could_not_store_its_file_waits_for_the_sweep(settings, unreachable_bucket, home_page):
    hr = hr_user()
    settings.STORAGES = unreachable_bucket
    job = report_services.export_job_create(user=hr, report="enrolments", params={}, export_format="xlsx")
    with pytest.raises(StorageUnavailable):
        report_services.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.PENDING and not job.file
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    assert operations.waiting_work_sweep()["export_jobs"] == 1


def test_local_folders_by_default(settings, media_root, home_page):
    assert settings.STORAGES["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    name = private_storage().save("certificates/ab/abc/intyg.pdf", ContentFile(b"%PDF"))
    assert (Path(media_root).parent / "private_media" / name).read_bytes() == b"%PDF"
    private_storage().delete(name)  # its own folder goes with it
    assert not (Path(media_root).parent / "private_media" / "certificates/ab/abc").exists()
    assert default_storage.url("images/x.png") == "/media/images/x.png"
