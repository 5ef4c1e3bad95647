"""The certificates of a session's present people as one PDF, for the manager to print for those
without a sign-in of their own: the certificates' own rendered files, joined, nothing rendered anew."""

import io

from pypdf import PdfWriter

from lms.certificates.models import Certificate


def session_certificates_pdf(*, attendances) -> bytes | None:
    """The ready, unrevoked certificates of these attendances' enrolments, in the list's order; None if none."""
    order = {a.enrolment_id: n for n, a in enumerate(attendances) if a.enrolment_id}
    certificates = sorted(
        (c for c in Certificate.objects.filter(enrolment_id__in=order, revoked_at__isnull=True) if c.is_ready),
        key=lambda c: order[c.enrolment_id],
    )
    if not certificates:
        return None
    writer = PdfWriter()
    for certificate in certificates:
        with certificate.pdf.open("rb") as fh:
            writer.append(io.BytesIO(fh.read()))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
