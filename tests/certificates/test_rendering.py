"""Placeholders, codes, the PDF's text and the QR code."""

import base64
import io
import multiprocessing
import os
import re
import threading
from datetime import date

import pytest
import qrcode
from django.utils import translation
from pypdf import PdfReader
from wagtail.models import Site

from lms.certificates import rendering
from lms.certificates.codes import CODE_LENGTH, format_code, generate_code, normalise_code
from lms.certificates.demo import TEMPLATE
from lms.certificates.models import CertificateTemplate
from lms.certificates.placeholders import PlaceholderError, fill, placeholders_in

DATA = rendering.CertificateData(
    name="Åsa Öberg",
    course="Likabehandling i praktiken",
    completed_on=date(2026, 3, 14),
    valid_until=date(2029, 3, 14),
    organisation="Ekbacka kommun",
    code="7KQ4M2XD9RTFH3PA",
)


def test_placeholders_are_filled():
    values = rendering.placeholder_values(DATA)
    text = fill(
        "{name} klarade {course} {completed_on}, giltigt till {valid_until} ({organisation}, {code}) {{ok}}", values
    )
    assert text == (
        "Åsa Öberg klarade Likabehandling i praktiken 2026-03-14, giltigt till 2029-03-14 "
        "(Ekbacka kommun, 7KQ4-M2XD-9RTF-H3PA) {ok}"
    )


def test_no_expiry_reads_as_until_further_notice_in_the_language_asked_for():
    data = rendering.CertificateData(**{**DATA.__dict__, "valid_until": None})
    with translation.override("sv"):
        assert rendering.placeholder_values(data)["valid_until"] == "tills vidare"
    with translation.override("en"):  # an English certificate (tests/languages/test_certificates.py)
        assert rendering.placeholder_values(data)["valid_until"] == "until further notice"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Hej {namn}", "{namn}"),
        ("{name.__class__}", "{name.__class__}"),
        ("{name!r}", "{name!r}"),
        ("{course:>30}", "{course:>30}"),
    ],
)
def test_unknown_placeholder_is_named(text, named):
    with pytest.raises(PlaceholderError) as exc:
        placeholders_in(text)
    assert named in str(exc.value)
    assert "{name}" in str(exc.value)  # and says what is allowed


@pytest.mark.parametrize("text", ["Hej {name", "Hej name}", "{"])
def test_broken_braces_are_rejected(text):
    with pytest.raises(PlaceholderError, match="braces|Klamrarna"):
        placeholders_in(text)


@pytest.mark.django_db
def test_model_clean_rejects_unknown_placeholder():
    from django.core.exceptions import ValidationError

    template = CertificateTemplate(name="X", heading="Intyg", body="Grattis {förnamn}!")
    with pytest.raises(ValidationError) as exc:
        template.full_clean()
    assert "{förnamn}" in " ".join(exc.value.message_dict["body"])


def test_codes_are_80_bits_and_normalise():
    codes = {generate_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(c) == CODE_LENGTH and normalise_code(c) == c for c in codes)
    assert CODE_LENGTH * 5 >= 80
    assert format_code("7KQ4M2XD9RTFH3PA") == "7KQ4-M2XD-9RTF-H3PA"
    assert normalise_code(" 7kq4-m2xd 9rtf-h3pa ") == "7KQ4M2XD9RTFH3PA"
    assert normalise_code("7KQ4M2XD9RTFH3PO") == "7KQ4M2XD9RTFH3P0"  # Crockford: O reads as 0
    assert normalise_code("7KQ4") is None
    assert normalise_code("7KQ4-M2XD-9RTF-H3P!") is None


def set_site_address(hostname: str, port: int = 443) -> None:
    """The address setup_platform --hostname gives the default site, where absolute URLs come from."""
    Site.objects.filter(is_default_site=True).update(hostname=hostname, port=port)


@pytest.mark.django_db
def test_verification_url_is_absolute():
    set_site_address("utbildning.example.se")
    assert rendering.verification_url(DATA.code) == "https://utbildning.example.se/intyg/verifiera/7KQ4-M2XD-9RTF-H3PA/"


@pytest.mark.django_db
def test_html_has_qr_code_of_the_verification_url():
    set_site_address("utbildning.example.se")
    template = CertificateTemplate(name="T", heading="Intyg", body="{name}")
    html = rendering.certificate_html(template=template, data=DATA)
    qr = rendering.qr_png_data_uri("https://utbildning.example.se/intyg/verifiera/7KQ4-M2XD-9RTF-H3PA/")
    assert f'src="{qr}"' in html
    png = base64.b64decode(qr.split(",", 1)[1])
    assert png.startswith(b"\x89PNG")
    # The image is that URL's QR code: same modules as a QR made from the payload directly.
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("1")
    expected = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    expected.add_data("https://utbildning.example.se/intyg/verifiera/7KQ4-M2XD-9RTF-H3PA/")
    expected.make(fit=True)
    matrix = expected.get_matrix()
    assert image.size == (len(matrix), len(matrix))
    assert all((image.getpixel((x, y)) == 0) == matrix[y][x] for y in range(len(matrix)) for x in range(len(matrix)))


@pytest.mark.django_db
def test_pdf_text_is_selectable_and_a4_landscape():
    template = CertificateTemplate(
        name="T", heading="Intyg", body="{name} har genomfört {course} den {completed_on}. <b>inte html</b>"
    )
    pdf = rendering.render_pdf(template=template, data=DATA)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 842 and round(float(box.height)) == 595  # A4 landscape in points
    text = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Åsa Öberg har genomfört Likabehandling i praktiken den 2026-03-14" in text
    assert "<b>inte html</b>" in text  # editors' text is text, never markup
    assert "7KQ4-M2XD-9RTF-H3PA" in text
    fonts = {str(f) for f in _fonts(reader)}
    assert any("DejaVu" in f for f in fonts)


def _fonts(reader):
    resources = reader.pages[0]["/Resources"]
    for font in resources["/Font"].values():
        yield font.get_object()["/BaseFont"]


def test_renderer_is_made_once_per_process_and_thread():
    renderer = rendering._renderer()
    assert rendering._renderer() is renderer

    in_thread = []
    thread = threading.Thread(target=lambda: in_thread.append(rendering._renderer()))
    thread.start()
    thread.join()
    assert in_thread[0] is not renderer  # Pango's font map is not shared between threads


@pytest.mark.django_db
def test_forked_child_renders_with_its_own_fonts_and_leaves_the_parents():
    """A Celery prefork child (or any fork) makes its own font configuration; the parent's still works."""
    template = CertificateTemplate(name="T", heading="Intyg", body="{name}")
    parent = rendering._renderer()
    rendering.render_pdf(template=template, data=DATA)
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1) as pool:
        child_pid, child_renderer_pid, text = pool.apply(_render_in_child, (template,))
    assert child_pid == child_renderer_pid != parent.pid
    assert "Åsa Öberg" in text
    assert rendering._renderer() is parent
    assert (
        "Åsa Öberg" in PdfReader(io.BytesIO(rendering.render_pdf(template=template, data=DATA))).pages[0].extract_text()
    )


def _render_in_child(template):
    pdf = rendering.render_pdf(template=template, data=DATA)
    return os.getpid(), rendering._renderer().pid, PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


@pytest.mark.django_db
def test_pdf_has_the_four_dejavu_faces_and_the_accent_colour():
    template = CertificateTemplate(**{**TEMPLATE, "accent_colour": "#7a1d4f"})
    html = rendering.certificate_html(template=template, data=DATA)
    assert ".frame, .inner { border-color: #7a1d4f; } h1 { color: #7a1d4f; }" in html
    reader = PdfReader(io.BytesIO(rendering.render_pdf(template=template, data=DATA)))
    faces = {str(name).split("+", 1)[-1] for name in _fonts(reader)}
    assert faces == {"DejaVu-Sans", "DejaVu-Sans-Bold", "DejaVu-Serif", "DejaVu-Serif-Bold"}


@pytest.mark.django_db
def test_embedded_images_are_read_once_and_again_when_replaced(media_root):
    """The logo's data URI is kept per process (every certificate of a batch carries it); a new file is read."""
    from django.core.files.images import ImageFile
    from PIL import Image
    from wagtail.images import get_image_model

    def png(colour) -> ImageFile:
        out = io.BytesIO()
        Image.new("RGB", (40, 20), colour).save(out, format="PNG")
        return ImageFile(out, name="logo.png")

    image = get_image_model()(title="Logo", file=png("red"))
    image._set_image_file_metadata()
    image.save()
    first = rendering.image_data_uri(image)
    assert first.startswith("data:image/png;base64,")
    assert rendering.image_data_uri(image) is first  # from the process's cache, not read again

    image.file = png("blue")
    image._set_image_file_metadata()
    image.save()
    image.renditions.all().delete()
    assert rendering.image_data_uri(image) != first
