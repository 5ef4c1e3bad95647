"""HTML → PDF for certificates with WeasyPrint. Pure apart from reading images (the site's logo from its
settings where the template has none) and fonts:
it takes a template and plain values, and returns bytes; it writes nothing.

The PDF is one file for the learner and for the archive: PDF/A-2a (archival, and level "a" means
tagged, with Unicode text and a language) that also meets and declares PDF/UA-1 (accessible: a
structure tree, alternative text for every image, the title shown instead of the file name).
Two files, one PDF/UA and one PDF/A, would render twice and could drift apart; both standards are
built on PDF 1.7 and level "a" already asks for the tags, so one file can claim both. PDF/A-2
rather than -3: a certificate has no attachments, and -3 differs only in allowing any."""

import base64
import io
import logging
import os
import threading
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import qrcode
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from lms.core.addresses import absolute_url
from lms.languages.content import Language, as_language, interface_language
from lms.languages.display import lang_attributes

from .codes import format_code
from .placeholders import fill

PDF_TEMPLATE = "certificates/pdf/certificate.html"
PDF_STYLESHEET = "certificates/pdf/certificate.css"
FONT_DIR = "/usr/share/fonts/truetype/dejavu"  # Debian's fonts-dejavu-core (see README)
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf")  # certificate.css
# WeasyPrint writes one standard's identification per file: PDF/A-2a's, and declare_pdf_ua adds PDF/UA-1's.
PDF_VARIANT = "pdf/a-2a"
PDF_A = ("2", "A")  # pdfaid:part, pdfaid:conformance
PDF_UA_PART = "1"

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
    registered: bool = False  # a completion from elsewhere: "registered", not "completed" (models.REGISTERED_ROUTES)
    score: Decimal | None = None  # the quiz attempt that counts, by the quiz's grading method (lms.quizzes)
    language: str = ""  # what the certificate is in (its ``lang``); empty: the source's
    course_language: str = ""  # what ``course`` is in (the course's translation, else its source); empty: the source's


def verification_url(code: str) -> str:
    """The absolute public URL of the verification page, the QR code's payload."""
    path = reverse("certificates:verify_code", kwargs={"code": format_code(code)})
    return absolute_url(path)  # the site setup_platform --hostname set (lms/core/addresses.py)


def qr_png_data_uri(payload: str) -> str:
    """The QR code as a PNG data URI, one pixel per module, scaled up crisply by the PDF viewer.
    (An SVG path costs WeasyPrint about 30 ms more per certificate; a tiny PNG almost nothing.)"""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, box_size=1)
    qr.add_data(payload)
    qr.make(fit=True)
    out = io.BytesIO()
    qr.make_image().save(out)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


# Data URIs of the logos and signatures this process has embedded: the same few images are on every
# certificate of a re-render batch. Keyed by the file's name and hash, so a replaced image is read anew.
_image_uris: dict[tuple, str] = {}
IMAGE_URIS_KEPT = 8  # a site has a logo and a few signatures; more are read again


def image_data_uri(image, spec: str = "max-800x300") -> str | None:
    """A Wagtail image embedded as a data URI, whatever storage it lives in."""
    if image is None:
        return None
    key = (image.pk, image.file.name, image.file_hash, image.file_size, spec)
    if (uri := _image_uris.get(key)) is None:
        uri = _read_image_data_uri(image, spec)
        if uri is not None:  # a missing file is looked for again next time
            if len(_image_uris) >= IMAGE_URIS_KEPT:
                _image_uris.clear()
            _image_uris[key] = uri
    return uri


def _read_image_data_uri(image, spec: str) -> str | None:
    try:
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as fh:
            data = fh.read()
    except (OSError, ValueError):
        return None  # a missing file should not stop the certificate; the logo is decoration
    if image.is_svg():
        mime = "image/svg+xml"  # drawn by WeasyPrint itself; what it refers to goes through fetcher.py
    else:
        mime = "image/png" if data[:4] == b"\x89PNG" else "image/jpeg" if data[:2] == b"\xff\xd8" else "image/gif"
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def site_logo():
    """The organisation's logo from the default site's settings: the certificate's when its template has none.
    One query, the image included (a certificate is rendered many times over in a re-render batch)."""
    from lms.core.models import SiteSettings

    site_settings = SiteSettings.objects.filter(site__is_default_site=True).select_related("logo").first()
    return site_settings.logo if site_settings else None


def _date(value: date | None, forever: str) -> str:
    return value.isoformat() if value else forever


def placeholder_values(data: CertificateData) -> dict[str, str]:
    """The placeholders' values, in the active language (a certificate valid "until further notice")."""
    return {
        "name": data.name,
        "course": data.course,
        "completed_on": _date(data.completed_on, ""),
        "valid_until": _date(data.valid_until, translation.gettext("until further notice")),
        "organisation": data.organisation,
        "code": format_code(data.code),
    }


def pdf_language() -> str:
    """The language of the organisation's own PDFs (LANGUAGE_CODE): their labels are translated to it and
    the PDF declares it. A certificate is in its own language (``certificate_html``)."""
    return settings.LANGUAGE_CODE


def certificate_html(*, template, data: CertificateData) -> str:
    """The certificate's HTML in ``data.language`` (the PDF's ``lang`` and /Lang): the template's words
    are in its own locale's language (the translation the caller chose, ``CertificateTemplate.in_language``),
    the course's title in ``data.course_language``, and the labels (Completed, Valid until …) in the
    interface language nearest the certificate's (ours are Swedish and English). Each part whose language
    differs from the document's says so with its own ``lang``, so a reader pronounces it right."""
    document = as_language(data.language)
    labels = interface_language(document.code)
    text = as_language(template.language_code)
    url = verification_url(data.code)
    with translation.override(interface_language(text.code).code):
        text_values = placeholder_values(data)  # filled into the template's words: in their language
    with translation.override(labels.code):
        values = placeholder_values(data)
        parts = {"document": document, "labels": labels, "text": text, "course": as_language(data.course_language)}
        return _certificate_html(template, data, values, text_values, url, parts)


def _certificate_html(template, data, values: dict[str, str], text_values: dict[str, str], url: str, parts) -> str:
    document: Language = parts["document"]
    return render_to_string(
        PDF_TEMPLATE,
        {
            "heading": fill(template.heading, text_values),
            "body_html": mark_safe(linebreaks(fill(template.body, text_values), autoescape=True)),  # noqa: S308 escaped here
            "values": values,
            "data": data,
            "language": document,
            # The parts in another language than the document's say which (`` lang="sv" dir="ltr"``).
            "lang": {part: "" if lang.code == document.code else lang_attributes(lang) for part, lang in parts.items()},
            "accent": template.accent_colour,
            "logo": image_data_uri(template.logo or site_logo()),
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
    * the URL fetcher (fetcher.py): embedded images and the platform's own static files and
      images, read through the storages; no path on the disk and no network.

    Pango's font map is not thread-safe and must not be shared across a fork, so each thread of
    each process makes its own (Celery's prefork children, gunicorn's threads)."""

    def __init__(self):
        from weasyprint.text.fonts import FontConfiguration

        from .fetcher import PlatformURLFetcher

        self.pid = os.getpid()
        if missing := [name for name in FONT_FILES if not os.path.exists(os.path.join(FONT_DIR, name))]:
            logger.warning("Certificate fonts missing (%s): install fonts-dejavu-core.", ", ".join(missing))
        self.url_fetcher = PlatformURLFetcher()
        self.font_config = FontConfiguration()
        self.stylesheet = self.css(render_to_string(PDF_STYLESHEET))

    def css(self, string: str):
        """A stylesheet that reads what it refers to through this renderer's fetcher."""
        from weasyprint import CSS

        from .fetcher import site_base_url

        return CSS(string=string, base_url=site_base_url(), url_fetcher=self.url_fetcher, font_config=self.font_config)


_local = threading.local()


def _renderer() -> _Renderer:
    renderer = getattr(_local, "renderer", None)
    if renderer is None or renderer.pid != os.getpid():
        _local.inherited = renderer  # a forked child keeps the parent's, unused, rather than free its objects
        renderer = _local.renderer = _Renderer()
    return renderer


XMP_NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}

for _prefix, _uri in XMP_NS.items():
    ElementTree.register_namespace(_prefix, _uri)  # serialised with the usual prefixes, as validators show them


def _xmp(prefix: str, name: str) -> str:
    return f"{{{XMP_NS[prefix]}}}{name}"


def declare_pdf_ua(document, pdf) -> None:
    """A WeasyPrint finisher: the XMP metadata of the PDF/A-2a file, plus the PDF/UA-1 identification
    (pdfuaid:part) and, because PDF/A-2 allows only properties of known or described schemas, the
    extension schema that describes pdfuaid. Written uncompressed, so archive tools that look for the
    XMP packet by its bytes find it."""
    own_xml = document.metadata.generate_rdf_metadata("a", int(PDF_A[0]), PDF_A[1])
    rdf = ElementTree.fromstring(own_xml)  # noqa: S314 WeasyPrint's, from our template's values, escaped
    identification = rdf.find(_xmp("rdf", "Description"))  # WeasyPrint's first: pdfaid:part and conformance
    identification.set(_xmp("pdfuaid", "part"), PDF_UA_PART)

    description = ElementTree.SubElement(rdf, _xmp("rdf", "Description"), {_xmp("rdf", "about"): ""})
    bag = ElementTree.SubElement(
        ElementTree.SubElement(description, _xmp("pdfaExtension", "schemas")), _xmp("rdf", "Bag")
    )
    schema = ElementTree.SubElement(bag, _xmp("rdf", "li"), {_xmp("rdf", "parseType"): "Resource"})
    for name, text in (
        ("schema", "PDF/UA Universal Accessibility Schema"),
        ("namespaceURI", XMP_NS["pdfuaid"]),
        ("prefix", "pdfuaid"),
    ):
        ElementTree.SubElement(schema, _xmp("pdfaSchema", name)).text = text
    seq = ElementTree.SubElement(ElementTree.SubElement(schema, _xmp("pdfaSchema", "property")), _xmp("rdf", "Seq"))
    part = ElementTree.SubElement(seq, _xmp("rdf", "li"), {_xmp("rdf", "parseType"): "Resource"})
    for name, text in (
        ("name", "part"),
        ("valueType", "Integer"),
        ("category", "internal"),
        ("description", "Indicates which part of ISO 14289 the document conforms to"),
    ):
        ElementTree.SubElement(part, _xmp("pdfaProperty", name)).text = text

    packet = (
        b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        + ElementTree.tostring(rdf, encoding="utf-8", xml_declaration=False)
        + b'</x:xmpmeta>\n<?xpacket end="r"?>'
    )
    stream = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
    stream.stream = [packet]
    stream.compress = False


def html_to_pdf(html: str, *, stylesheets=(), **options) -> bytes:
    """HTML to PDF bytes with this process's font configuration and fetcher; the certificate adds its stylesheet.
    (HTML with @font-face rules leaves a temporary folder of fonts until the process ends.)"""
    from weasyprint import HTML

    from .fetcher import site_base_url

    renderer = _renderer()
    out = io.BytesIO()
    HTML(string=html, url_fetcher=renderer.url_fetcher, base_url=site_base_url()).write_pdf(
        out, font_config=renderer.font_config, stylesheets=list(stylesheets), **options
    )
    return out.getvalue()


def stylesheet(string: str):
    """A WeasyPrint stylesheet for html_to_pdf, read through the same fetcher (the council report's)."""
    return _renderer().css(string)


def render_pdf(*, template, data: CertificateData) -> bytes:
    """The certificate as a tagged PDF/A-2a and PDF/UA-1 file (see the module's docstring)."""
    html = certificate_html(template=template, data=data)
    return html_to_pdf(html, stylesheets=[_renderer().stylesheet], pdf_variant=PDF_VARIANT, finisher=declare_pdf_ua)
