"""What the PDF renderer may read (lms/certificates/fetcher.py): embedded images and the platform's own
static files and images, never a file on the worker's disk or anything on the network."""

import io
import logging
import socket
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import StreamObject
from wagtail.images import get_image_model

from lms.certificates import rendering
from lms.certificates.demo import TEMPLATE
from lms.certificates.fetcher import PlatformURLFetcher, RefusedURL
from lms.certificates.models import CertificateTemplate

pytestmark = pytest.mark.django_db

DATA = rendering.CertificateData(
    name="Åsa Öberg",
    course="Likabehandling i praktiken",
    completed_on=date(2026, 3, 14),
    valid_until=None,
    organisation="Ekbacka kommun",
    code="7KQ4M2XD9RTFH3PA",
)
SITE = "https://utbildning.example.se"
# A size no image of the certificate has: the logo's, the signature's and the QR code's are others.
SECRET_SIZE = (37, 23)
AVATAR = "wagtailadmin/images/default-user-avatar.png"  # a static file of an installed app


@pytest.fixture(autouse=True)
def site(settings, media_root):
    settings.WAGTAILADMIN_BASE_URL = SITE
    rendering._image_uris.clear()  # logos are kept per process by their key; each test makes its own


def png_bytes(size, colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="PNG")
    return out.getvalue()


def image_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """The size of every image in the file, wherever it sits (a page, an SVG's form, a pattern)."""
    reader = PdfReader(io.BytesIO(pdf))
    sizes = []
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001,S112 free entries of the cross-reference table
            continue
        if isinstance(obj, StreamObject) and obj.get("/Subtype") == "/Image":
            sizes.append((int(obj["/Width"]), int(obj["/Height"])))
    return sizes


def svg_logo(inner: str):
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="200" height="60" viewBox="0 0 200 60"><rect width="200" height="60" fill="#1d4f6e"/>{inner}</svg>'
    )
    image = get_image_model()(title="Logotyp", file=ImageFile(io.BytesIO(svg.encode()), name="logo.svg"))
    image._set_image_file_metadata()
    image.save()
    return image


def certificate_pdf(logo) -> bytes:
    template = CertificateTemplate.objects.create(**TEMPLATE, logo=logo)
    return rendering.render_pdf(template=template, data=DATA)


def test_an_svg_logo_cannot_embed_a_file_from_the_workers_disk(tmp_path, caplog):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes(SECRET_SIZE))
    logo = svg_logo(f'<image href="{secret.as_uri()}" x="0" y="0" width="37" height="23"/>')
    with caplog.at_level(logging.WARNING, logger="lms.certificates.fetcher"):
        pdf = certificate_pdf(logo)
    # The certificate is made, the logo drawn, and the file on the disk is not in it.
    assert pdf.startswith(b"%PDF-") and "Åsa Öberg" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert SECRET_SIZE not in image_sizes(pdf)
    assert f"refused to read {secret.as_uri()}" in caplog.text


def test_nor_by_xlink_or_a_relative_path(tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes(SECRET_SIZE))
    logo = svg_logo(
        f'<image xlink:href="{secret.as_uri()}" width="37" height="23"/>'
        f'<image href="../../../../../../..{secret}" width="37" height="23"/>'
    )
    assert SECRET_SIZE not in image_sizes(certificate_pdf(logo))


def test_nothing_from_the_network(monkeypatch, caplog):
    connections = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connections.append(a) or 1 / 0)
    logo = svg_logo(
        '<image href="http://169.254.169.254/latest/meta-data/logo.png" width="37" height="23"/>'
        '<image href="https://other.example.org/media/original_images/x.png" width="37" height="23"/>'
        '<image href="ftp://files.example.org/x.png" width="37" height="23"/>'
    )
    with caplog.at_level(logging.WARNING, logger="lms.certificates.fetcher"):
        pdf = certificate_pdf(logo)
    assert pdf.startswith(b"%PDF-") and connections == []
    assert caplog.text.count("refused to read") == 3


def test_an_svg_logo_may_show_another_image_of_the_platform_through_the_storage():
    other = get_image_model()(title="Vapen", file=ImageFile(io.BytesIO(png_bytes(SECRET_SIZE)), name="vapen.png"))
    other._set_image_file_metadata()
    other.save()
    logo = svg_logo(f'<image href="{SITE}/media/{other.file.name}" width="37" height="23"/>')
    assert SECRET_SIZE in image_sizes(certificate_pdf(logo))


def test_media_at_another_address_is_still_read_through_the_storage(settings, monkeypatch):
    """MEDIA_URL on a bucket's or CDN's address: the image's bytes come from the storage API, not the network."""
    settings.MEDIA_URL = "https://cdn.example.net/lms-media/"
    connections = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connections.append(a) or 1 / 0)
    other = get_image_model()(title="Vapen", file=ImageFile(io.BytesIO(png_bytes(SECRET_SIZE)), name="vapen.png"))
    other._set_image_file_metadata()
    other.save()
    logo = svg_logo(f'<image href="https://cdn.example.net/lms-media/{other.file.name}" width="37" height="23"/>')
    assert SECRET_SIZE in image_sizes(certificate_pdf(logo)) and connections == []


def test_other_media_files_are_not_images_of_the_platform():
    """A file in the media storage that is no Wagtail image (a document, an upload) is not read."""
    name = default_storage.save("documents/plan.png", ContentFile(png_bytes(SECRET_SIZE)))
    logo = svg_logo(f'<image href="{SITE}/media/{name}" width="37" height="23"/>')
    assert SECRET_SIZE not in image_sizes(certificate_pdf(logo))


@pytest.mark.parametrize("src", [f"/static/{AVATAR}", f"{SITE}/static/{AVATAR}"])
def test_the_platforms_static_files_by_their_address(src):
    avatar = Image.open(io.BytesIO(PlatformURLFetcher().fetch(f"{SITE}/static/{AVATAR}").read())).size
    html = f'<html lang="sv"><body><img src="{src}" alt="x"></body></html>'
    assert image_sizes(rendering.html_to_pdf(html)) == [avatar]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        f"{SITE}/static/../../etc/passwd",
        f"{SITE}/static/%2e%2e/%2e%2e/etc/passwd",
        f"{SITE}/static/",
        f"{SITE}/media/../private_media/x.pdf",
        f"{SITE}/konto/logga-in/",
        f"http://utbildning.example.se/static/{AVATAR}",  # another origin: the site is https
        f"{SITE}.evil.example/static/{AVATAR}",
        f"{SITE}@evil.example/static/{AVATAR}",
    ],
)
def test_refused(url):
    with pytest.raises(RefusedURL):
        PlatformURLFetcher().fetch(url)


def test_data_urls_are_read():
    assert PlatformURLFetcher().fetch("data:text/plain;base64,aGVq").read() == b"hej"
