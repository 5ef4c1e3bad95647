"""HTML → PDF for certificates with WeasyPrint. Pure apart from reading images and fonts:
it takes a template and plain values, and returns bytes; it writes nothing."""

import base64
import io
from dataclasses import dataclass
from datetime import date
from functools import cache

import qrcode
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from .codes import format_code
from .placeholders import fill

PDF_TEMPLATE = "certificates/pdf/certificate.html"


@dataclass(frozen=True)
class CertificateData:
    """What a certificate says, independent of the database (the admin preview uses sample data)."""

    name: str
    course: str
    completed_on: date
    valid_until: date | None
    organisation: str
    code: str  # normalised


def verification_url(code: str) -> str:
    """The absolute public URL of the verification page, the QR code's payload."""
    path = reverse("certificates:verify_code", kwargs={"code": format_code(code)})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def qr_png_data_uri(payload: str) -> str:
    """The QR code as a PNG data URI, one pixel per module, scaled up crisply by the PDF viewer.
    (An SVG path costs WeasyPrint about 30 ms more per certificate; a tiny PNG almost nothing.)"""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, box_size=1)
    qr.add_data(payload)
    qr.make(fit=True)
    out = io.BytesIO()
    qr.make_image().save(out)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def image_data_uri(image, spec: str = "max-800x300") -> str | None:
    """A Wagtail image embedded as a data URI, whatever storage it lives in."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as fh:
            data = fh.read()
    except (OSError, ValueError):
        return None  # a missing file should not stop the certificate; the logo is decoration
    mime = "image/png" if data[:4] == b"\x89PNG" else "image/jpeg" if data[:2] == b"\xff\xd8" else "image/gif"
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def _date(value: date | None, forever: str) -> str:
    return value.isoformat() if value else forever


def placeholder_values(data: CertificateData) -> dict[str, str]:
    return {
        "name": data.name,
        "course": data.course,
        "completed_on": _date(data.completed_on, ""),
        "valid_until": _date(data.valid_until, "tills vidare"),  # the PDF's language is the template's: Swedish
        "organisation": data.organisation,
        "code": format_code(data.code),
    }


def certificate_html(*, template, data: CertificateData) -> str:
    values = placeholder_values(data)
    url = verification_url(data.code)
    return render_to_string(
        PDF_TEMPLATE,
        {
            "heading": fill(template.heading, values),
            "body_html": mark_safe(linebreaks(fill(template.body, values), autoescape=True)),  # noqa: S308 escaped here
            "values": values,
            "data": data,
            "accent": template.accent_colour,
            "logo": image_data_uri(template.logo),
            "signature": image_data_uri(template.signature_image, "max-500x160"),
            "signatory_name": template.signatory_name,
            "signatory_title": template.signatory_title,
            "qr": qr_png_data_uri(url),
            "verification_url": url,
            "font_dir": FONT_DIR,
        },
    )


FONT_DIR = "/usr/share/fonts/truetype/dejavu"  # Debian's fonts-dejavu-core (see README)


@cache
def _fetcher():
    from weasyprint.urls import URLFetcher

    # Only local fonts and embedded images: a certificate never reaches out to the network.
    return URLFetcher(allowed_protocols={"file", "data"})


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    out = io.BytesIO()
    HTML(string=html, url_fetcher=_fetcher(), base_url=f"file://{FONT_DIR}/").write_pdf(out, font_config=font_config)
    return out.getvalue()


def render_pdf(*, template, data: CertificateData) -> bytes:
    return html_to_pdf(certificate_html(template=template, data=data))
