"""HTML → PDF for certificates with WeasyPrint. Pure apart from reading images and fonts:
it takes a template and plain values, and returns bytes; it writes nothing."""

import base64
import io
import logging
import os
import threading
from dataclasses import dataclass
from datetime import date

import qrcode
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from .codes import format_code
from .placeholders import fill

PDF_TEMPLATE = "certificates/pdf/certificate.html"
PDF_STYLESHEET = "certificates/pdf/certificate.css"
FONT_DIR = "/usr/share/fonts/truetype/dejavu"  # Debian's fonts-dejavu-core (see README)
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf")  # certificate.css
BASE_URL = f"file://{FONT_DIR}/"

logger = logging.getLogger(__name__)


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
        },
    )


class _Renderer:
    """What every render in one process (and thread) shares, made once instead of per certificate:

    * the WeasyPrint font configuration. Making one loads Fontconfig's configuration and the
      system's fonts, and with a fresh one Pango looks up and loads each face at each size again:
      that was a third of a certificate's time;
    * the certificate's stylesheet (``certificate.css``), parsed once;
    * the URL fetcher, which allows only local files and embedded images: a certificate never
      reaches out to the network.

    Pango's font map is not thread-safe and must not be shared across a fork, so each thread of
    each process makes its own (Celery's prefork children, gunicorn's threads)."""

    def __init__(self):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcher

        self.pid = os.getpid()
        if missing := [name for name in FONT_FILES if not os.path.exists(os.path.join(FONT_DIR, name))]:
            logger.warning("Certificate fonts missing (%s): install fonts-dejavu-core.", ", ".join(missing))
        self.url_fetcher = URLFetcher(allowed_protocols={"file", "data"})
        self.font_config = FontConfiguration()
        self.stylesheet = CSS(
            string=render_to_string(PDF_STYLESHEET),
            base_url=BASE_URL,
            url_fetcher=self.url_fetcher,
            font_config=self.font_config,
        )


_local = threading.local()


def _renderer() -> _Renderer:
    renderer = getattr(_local, "renderer", None)
    if renderer is None or renderer.pid != os.getpid():
        _local.inherited = renderer  # a forked child keeps the parent's, unused, rather than free its objects
        renderer = _local.renderer = _Renderer()
    return renderer


def html_to_pdf(html: str, *, stylesheets=()) -> bytes:
    """HTML to PDF bytes with this process's font configuration and fetcher; the certificate adds its stylesheet.
    (HTML with @font-face rules leaves a temporary folder of fonts until the process ends.)"""
    from weasyprint import HTML

    renderer = _renderer()
    out = io.BytesIO()
    HTML(string=html, url_fetcher=renderer.url_fetcher, base_url=BASE_URL).write_pdf(
        out, font_config=renderer.font_config, stylesheets=list(stylesheets)
    )
    return out.getvalue()


def render_pdf(*, template, data: CertificateData) -> bytes:
    html = certificate_html(template=template, data=data)
    return html_to_pdf(html, stylesheets=[_renderer().stylesheet])
