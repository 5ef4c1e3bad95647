"""Backup and restore, rehearsed as deploy/backup.md says: pg_dump of the database and a copy of every
object in the bucket, restored into a fresh database and an empty bucket; then every certificate still
downloads, verifies by its code and matches the checksum stored with it."""

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from config.env import file_storages
from lms.certificates.models import Certificate, RenderStatus
from tests.certificates.factories import complete, make_certificate_course, make_learner

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


def test_a_backup_restores_into_a_fresh_database_and_an_empty_bucket(
    settings, bucket_settings, seaweedfs, monkeypatch, tmp_path, require_postgres, home_page
):
    course, lessons = make_certificate_course(title="Demokrati att återställa")
    for n in range(3):
        complete(make_learner(username=f"backup-{n}"), lessons)  # rendered on commit (eager tasks)
    rendered = list(Certificate.objects.filter(render_status=RenderStatus.RENDERED).order_by("pk"))
    assert len(rendered) == 3

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
    finally:
        connection.close()
        connection.settings_dict["NAME"] = db["NAME"]
        _pg(["dropdb", "--if-exists", restored_db], db)
