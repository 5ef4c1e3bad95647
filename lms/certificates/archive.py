"""Many certificates as one ZIP: each rendered PDF and an index (CSV) of them all, for an audit.

Written to a file in chunks, one PDF at a time (``ZIP_STORED``: PDFs are compressed already), so
memory stays flat however many certificates there are; the index is written last, copied from a
scratch file its rows went to on the way (kept in memory up to ``INDEX_IN_MEMORY``). Who may have which certificates, and where the file
goes, is the caller's: lms.reports' background export (``export_job_run``) asks the access rule for
the user's certificates and writes into private storage. Index cells that a spreadsheet would run as
formulas are quoted (``lms.core.spreadsheets``)."""

import csv
import io
import shutil
import tempfile
import zipfile
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.spreadsheets import SafeCsvWriter

from .models import Certificate, CertificateStatus

CHUNK = 500  # certificates read per query
INDEX_NAME = "index.csv"
INDEX_IN_MEMORY = 1024 * 1024  # bytes of the index kept in memory while written; more spill to a temporary file


def archive_certificates(queryset):
    """The certificates a ZIP holds: rendered ones (others have no PDF yet), in a stable order."""
    return (
        queryset.filter(render_status="rendered")
        .select_related("person__user", "person__org_unit", "course", "enrolment")
        .order_by("course__title", "person__user__last_name", "person__user__first_name", "pk")
    )


def _index_row(certificate: Certificate, filename: str, today) -> list:
    person = certificate.person
    return [
        certificate.display_code,
        person.user.last_name,
        person.user.first_name,
        person.employee_number or "",
        person.org_unit.name if person.org_unit_id else "",
        certificate.course.title,
        certificate.completed_on.isoformat(),
        certificate.valid_until.isoformat() if certificate.valid_until else "",
        str(CertificateStatus(certificate.status_on(today)).label),
        str(certificate.enrolment.get_completed_via_display()),
        filename,
    ]


def index_headings() -> list[str]:
    return [
        _("Verification code"),
        _("Last name"),
        _("First name"),
        _("Employee number"),
        _("Unit"),
        _("Course"),
        _("Completed"),
        _("Valid until"),
        _("Status"),
        _("Completed via"),
        _("File"),
    ]


def write_certificate_archive(*, certificates, out, progress: Callable[[int], None] | None = None) -> int:
    """Write the ZIP of ``certificates`` (a queryset) to the binary file ``out``; returns how many
    PDFs it holds. ``progress(done)`` is called every ``CHUNK`` certificates."""
    today = timezone.localdate()
    done = 0
    with (
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive,
        tempfile.SpooledTemporaryFile(INDEX_IN_MEMORY, mode="w+", encoding="utf-8", newline="") as index,
    ):
        writer = SafeCsvWriter(csv.writer(index, delimiter=";"))
        writer.writerow(index_headings())
        for certificate in archive_certificates(certificates).iterator(chunk_size=CHUNK):
            filename = f"{certificate.course.slug}/intyg-{certificate.code}.pdf"
            try:
                source = certificate.pdf.open("rb")
            except FileNotFoundError:
                continue  # removed by hand since it was rendered: listed nowhere rather than broken
            with source, archive.open(filename, "w") as target:
                shutil.copyfileobj(source, target, 64 * 1024)
            writer.writerow(_index_row(certificate, filename, today))
            done += 1
            if progress is not None and done % CHUNK == 0:
                progress(done)
        index.seek(0)
        with (
            archive.open(INDEX_NAME, "w") as target,
            io.TextIOWrapper(target, encoding="utf-8-sig", newline="") as text,
        ):
            shutil.copyfileobj(index, text, 64 * 1024)
    return done
