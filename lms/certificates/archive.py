"""Many certificates as one ZIP: each rendered PDF and an index (CSV) of them all, for an audit.

Written to a file in chunks, one PDF at a time (``ZIP_STORED``: PDFs are compressed already), so
memory stays flat however many certificates there are; the index is written last, from the rows
gathered on the way (a few hundred bytes each). Who may have which certificates, and where the file
goes, is the caller's: lms.reports' background export (``export_job_run``) asks the access rule for
the user's certificates and writes into private storage. Index cells that a spreadsheet would run as
formulas are quoted (``lms.core.spreadsheets``)."""

import csv
import io
import shutil
import zipfile
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.spreadsheets import SafeCsvWriter

from .models import Certificate, CertificateStatus

CHUNK = 500  # certificates read per query
INDEX_NAME = "index.csv"


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
    rows: list[list] = []
    done = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for certificate in archive_certificates(certificates).iterator(chunk_size=CHUNK):
            filename = f"{certificate.course.slug}/intyg-{certificate.code}.pdf"
            try:
                source = certificate.pdf.open("rb")
            except FileNotFoundError:
                continue  # removed by hand since it was rendered: listed nowhere rather than broken
            with source, archive.open(filename, "w") as target:
                shutil.copyfileobj(source, target, 64 * 1024)
            rows.append(_index_row(certificate, filename, today))
            done += 1
            if progress is not None and done % CHUNK == 0:
                progress(done)
        with (
            archive.open(INDEX_NAME, "w") as target,
            io.TextIOWrapper(target, encoding="utf-8-sig", newline="") as text,
        ):
            writer = SafeCsvWriter(csv.writer(text, delimiter=";"))
            writer.writerow(index_headings())
            writer.writerows(rows)
    return done
