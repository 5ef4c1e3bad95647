"""A ZIP of 5,000 certificates (each a real rendered PDF) with its index, as the reports' background
export writes it (``lms.certificates.archive``): its peak memory, against a baseline in the same run
that builds the same ZIP in memory (what a naive view would do).

Target: peak memory under 200 MB for 5,000 certificates. Measured twice: Python's allocations traced
during the write (tracemalloc), and the peak resident size of a fresh process that does only what the
worker does (``reports.services.export_job_run`` of a ZIP job: the access rule, the archive, the scratch
file, private storage), beside that of one building the ZIP in memory; each child also says its size
before the write (Django, the apps and WeasyPrint loaded, as in a worker).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench .venv/bin/python bench/certificate_zip.py --certificates 5000
"""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile

from common import peak_rss_mb, setup_django, test_database

setup_django()


def traced(fn):
    tracemalloc.start()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, peak / 1024 / 1024


def child(mode: str, job_id: str) -> None:
    """One measurement in this fresh process, on the database and files the parent made: prints JSON."""
    import weasyprint  # noqa: F401 - a worker renders certificates too: loaded before the write

    from lms.certificates import archive
    from lms.certificates.models import Certificate
    from lms.reports import services

    before = peak_rss_mb()
    start = time.perf_counter()
    if mode == "worker":
        job = services.export_job_run(job_id=job_id)
        held = job.rows_done
        job.file.delete(save=False)
    else:  # the baseline: the whole ZIP built in memory
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            held = 0
            for cert in archive.archive_certificates(Certificate.objects.all()):
                with cert.pdf.open("rb") as source:
                    zf.writestr(f"intyg-{cert.code}.pdf", source.read())
                held += 1
    print(json.dumps({"seconds": time.perf_counter() - start, "before": before, "peak": peak_rss_mb(), "held": held}))


def in_child(mode: str, job_id: str, env: dict) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--job", job_id],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--certificates", type=int, default=5000)
    parser.add_argument("--child", choices=["worker", "naive"], help=argparse.SUPPRESS)
    parser.add_argument("--job", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.job)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from bench.generate import make_courses, make_people, make_units
    from lms.certificates import archive, rendering
    from lms.certificates.codes import generate_code
    from lms.certificates.models import Certificate, CertificateTemplate, RenderStatus, certificate_pdf_path
    from lms.core.storage import private_storage
    from lms.courses.models import Enrolment
    from lms.reports.models import ExportJob
    from lms.reports.services import CERTIFICATES_ZIP

    settings.LMS_PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-zip-")
    scratch = tempfile.mkdtemp(prefix="bench-zip-db-")
    if connection.vendor == "sqlite":  # a file, not memory: the children open the same database
        connection.settings_dict["TEST"]["NAME"] = os.path.join(scratch, "bench.sqlite3")
    with test_database():
        t = time.perf_counter()
        units = make_units(50)
        person_ids = make_people(units, args.certificates)
        (course,) = make_courses(1, lessons=1)
        template = CertificateTemplate.objects.create(name="Bench", body="{name} har genomfört {course}.")
        now = timezone.now()
        Enrolment.objects.bulk_create(
            [Enrolment(person_id=pk, course=course, completed_at=now) for pk in person_ids], batch_size=2000
        )
        enrolments = dict(Enrolment.objects.filter(course=course).values_list("person_id", "pk"))
        pdf = rendering.render_pdf(
            template=template,
            data=rendering.CertificateData(
                name="Anna Lindqvist",
                course=course.title,
                completed_on=now.date(),
                valid_until=None,
                organisation="Kommunen",
                code="7KQ4M2XD9RTFH3PA",
            ),
        )
        storage = private_storage()
        certificates = []
        for pk in person_ids:
            cert = Certificate(
                person_id=pk,
                course=course,
                enrolment_id=enrolments[pk],
                template=template,
                code=generate_code(),
                completed_on=now.date(),
                render_status=RenderStatus.RENDERED,
            )
            name = certificate_pdf_path(cert)
            os.makedirs(os.path.dirname(storage.path(name)), exist_ok=True)
            with open(storage.path(name), "wb") as out:
                out.write(pdf)
            cert.pdf.name = name
            certificates.append(cert)
        Certificate.objects.bulk_create(certificates, batch_size=2000)
        total_mb = len(pdf) * len(certificates) / 1024 / 1024
        print(
            f"database: {connection.vendor}; {len(certificates)} certificates, PDF {len(pdf) / 1024:.0f} KB each "
            f"({total_mb:.0f} MB in all); made in {time.perf_counter() - t:.1f} s"
        )

        queryset = Certificate.objects.all()

        def naive():  # the baseline: the whole ZIP built in memory
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w") as zf:
                for cert in archive.archive_certificates(queryset):
                    with cert.pdf.open("rb") as source:
                        zf.writestr(f"intyg-{cert.code}.pdf", source.read())
            return buffer.getbuffer().nbytes

        def streamed():
            with tempfile.TemporaryFile() as out:
                held = archive.write_certificate_archive(certificates=queryset, out=out)
                out.seek(0, os.SEEK_END)
                return held, out.tell()

        (held, size), stream_s, stream_peak = traced(streamed)
        naive_size, naive_s, naive_peak = traced(naive)
        print(f"{'in this process':40} {'seconds':>8} {'peak MB (traced)':>17} {'ZIP MB':>7}")
        print(f"{'baseline: the ZIP built in memory':40} {naive_s:8.1f} {naive_peak:17.1f} {naive_size / 2**20:7.0f}")
        print(f"{'archive.write_certificate_archive':40} {stream_s:8.1f} {stream_peak:17.1f} {size / 2**20:7.0f}")

        # A fresh process each, as a worker: what the operating system sees (resident size, at its peak).
        hr = get_user_model().objects.create_superuser("bench-hr", "hr@example.se", None)
        job = ExportJob.objects.create(user=hr, report="certificates", params={}, export_format=CERTIFICATES_ZIP)
        env = {
            **os.environ,
            "DATABASE_URL": database_url(connection.settings_dict),
            "LMS_PRIVATE_MEDIA_ROOT": settings.LMS_PRIVATE_MEDIA_ROOT,
        }
        worker = in_child("worker", str(job.pk), env)
        baseline = in_child("naive", "", env)
        print(f"{'a fresh process (peak resident size)':40} {'seconds':>8} {'before MB':>10} {'peak MB':>8}")
        for label, figures in (("baseline: the ZIP built in memory", baseline), ("the worker's export job", worker)):
            print(f"{label:40} {figures['seconds']:8.1f} {figures['before']:10.0f} {figures['peak']:8.0f}")
        ok = held == worker["held"] == len(certificates) and stream_peak < 200 and worker["peak"] < 200
        print(
            f"ratio worker/baseline peak resident size {worker['peak'] / baseline['peak']:.2f}, traced "
            f"{stream_peak / naive_peak:.2f}; target: {worker['held']} certificates with peak < 200 MB "
            f"{'OK' if ok else 'MISSED'}"
        )


def database_url(db: dict) -> str:
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


if __name__ == "__main__":
    main()
