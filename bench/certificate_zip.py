"""A ZIP of 5,000 certificates (each a real rendered PDF) with its index, as the reports' background
export writes it (``lms.certificates.archive``): its peak memory, against a baseline in the same run
that builds the same ZIP in memory (what a naive view would do).

Target: peak memory under 200 MB for 5,000 certificates. Python's allocations are traced
(tracemalloc, peak during the write); the process's peak resident size is printed too.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench .venv/bin/python bench/certificate_zip.py --certificates 5000
"""

import argparse
import io
import os
import resource
import tempfile
import time
import tracemalloc
import zipfile

from common import setup_django, test_database

setup_django()


def traced(fn):
    tracemalloc.start()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, peak / 1024 / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--certificates", type=int, default=5000)
    args = parser.parse_args()
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from bench.generate import make_courses, make_people, make_units
    from lms.certificates import archive, rendering
    from lms.certificates.codes import generate_code
    from lms.certificates.models import Certificate, CertificateTemplate, RenderStatus, certificate_pdf_path
    from lms.core.storage import private_storage
    from lms.courses.models import Enrolment

    settings.LMS_PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="bench-zip-")
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

        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Django, Wagtail, WeasyPrint loaded
        (held, size), stream_s, stream_peak = traced(streamed)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the baseline runs
        naive_size, naive_s, naive_peak = traced(naive)
        print(f"{'run':40} {'seconds':>8} {'peak MB (traced)':>17} {'ZIP MB':>7}")
        print(f"{'baseline: the ZIP built in memory':40} {naive_s:8.1f} {naive_peak:17.1f} {naive_size / 2**20:7.0f}")
        print(f"{'archive.write_certificate_archive':40} {stream_s:8.1f} {stream_peak:17.1f} {size / 2**20:7.0f}")
        print(
            f"the process's peak resident size: {rss_before:.0f} MB before the write (the loaded platform), "
            f"{rss:.0f} MB after it (+{rss - rss_before:.0f} MB)"
        )
        ok = held == len(certificates) and stream_peak < 200
        print(
            f"ratio streamed/baseline peak {stream_peak / naive_peak:.2f}; target: {held} certificates with peak "
            f"< 200 MB {'OK' if ok else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
