"""Backup and restore, rehearsed as deploy/backup.md says: pg_dump of the database and a copy of every
object in the bucket, restored into a fresh database and an empty bucket; then every certificate still
downloads, verifies by its code and matches the checksum stored with it, and HR's reports give the same
figures (read from the restored database, the caches emptied)."""

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse

from config.env import file_storages
from lms.certificates.models import Certificate, RenderStatus
from lms.courses.services import enrolment_assign
from lms.reports.selectors import headline, live_figures, scope_for_user, unit_breakdown
from lms.reports.services import summary_refresh
from tests.certificates.factories import complete, make_certificate_course, make_learner
from tests.factories import hr_user

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def _pg(args: list[str], db: dict) -> None:
    tool = shutil.which(args[0])
    assert tool, f"{args[0]} is missing (Debian: postgresql-client)"
    host = ["-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432), "-U", db["USER"] or "postgres"]
    subprocess.run([tool, *host, *args[1:]], check=True, capture_output=True)  # noqa: S603 - PostgreSQL's tools


def copy_bucket(seaweedfs, source: str, folder: Path | None = None, target: str | None = None) -> None:
    """To a folder (the backup), or from one into a bucket (the restore): what `rclone sync` does."""
    client = seaweedfs.client()
    if target is None:
        for key in seaweedfs.keys(source):
            path = folder / key
            path.parent.mkdir(parents=True, exist_ok=True)
            client.download_file(source, key, str(path))
    else:
        for path in folder.rglob("*"):
            if path.is_file():
                client.upload_file(str(path), target, str(path.relative_to(folder)))


def report_figures(hr_username: str):
    """What HR's overview shows, from the database (not from a cache): the roll-up's headline and units,
    and the live figures per course and audience."""
    from django.contrib.auth import get_user_model

    cache.clear()
    scope = scope_for_user(user=get_user_model().objects.get(username=hr_username))
    breakdown = unit_breakdown(scope=scope)
    return (
        headline(scope=scope)[0],
        breakdown.total,
        [(row.unit.pk, row.is_direct, row.figures, row.by_course) for row in breakdown.rows],
        live_figures(scope=scope, by=("course_id", "person__audience")),
    )


def test_a_backup_restores_into_a_fresh_database_and_an_empty_bucket(
    settings, bucket_settings, seaweedfs, monkeypatch, tmp_path, require_postgres, home_page
):
    course, lessons = make_certificate_course(title="Demokrati att återställa")
    for n in range(3):
        complete(make_learner(username=f"backup-{n}"), lessons)  # rendered on commit (eager tasks)
    rendered = list(Certificate.objects.filter(render_status=RenderStatus.RENDERED).order_by("pk"))
    assert len(rendered) == 3
    enrolment_assign(person=make_learner(username="backup-not-yet"), course=course)  # required, not completed
    hr_user(username="backup-hr")
    summary_refresh()
    figures = report_figures("backup-hr")
    assert (figures[0].required, figures[0].cert_valid) == (1, 3)  # something to lose

    db = dict(connection.settings_dict)
    dump, files = tmp_path / "lms.dump", tmp_path / "files"
    _pg(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", db["NAME"]], db)
    copy_bucket(seaweedfs, bucket_settings, folder=files)

    restored_db = f"{db['NAME']}_restored"
    _pg(["dropdb", "--if-exists", restored_db], db)
    _pg(["createdb", restored_db], db)
    empty_bucket = seaweedfs.new_bucket("restored")
    try:
        _pg(["pg_restore", "--no-owner", f"--dbname={restored_db}", str(dump)], db)
        copy_bucket(seaweedfs, bucket_settings, folder=files, target=empty_bucket)
        monkeypatch.setenv("LMS_S3_BUCKET", empty_bucket)
        settings.STORAGES = file_storages(staticfiles_backend=settings.STORAGES["staticfiles"]["BACKEND"])
        connection.close()
        connection.settings_dict["NAME"] = restored_db
        for certificate in rendered:
            again = Certificate.objects.select_related("person__user").get(pk=certificate.pk)
            assert (again.code, again.pdf.name, again.pdf_sha256) == (
                certificate.code,
                certificate.pdf.name,
                certificate.pdf_sha256,
            )
            client = Client()
            client.force_login(again.person.user)
            response = client.get(reverse("certificates:download", args=[again.pk]))
            assert response.status_code == 200
            assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == again.pdf_sha256
            verified = Client().get(reverse("certificates:verify_code", args=[again.display_code]))
            assert verified.status_code == 200 and again.person.full_name in verified.content.decode()
        assert report_figures("backup-hr") == figures
    finally:
        connection.close()
        connection.settings_dict["NAME"] = db["NAME"]
        _pg(["dropdb", "--if-exists", restored_db], db)
