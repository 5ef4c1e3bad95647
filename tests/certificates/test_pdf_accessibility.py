"""The certificate PDF is tagged (PDF/UA-1) and archivable (PDF/A-2a) in one file.

No PDF/UA or PDF/A validator can be installed here (veraPDF is a Java program from Maven, which these
machines cannot reach; PAC is Windows-only), so these tests check, with pypdf, the machine-checkable
parts of both standards that a template or a WeasyPrint upgrade could break: the declarations, the
structure tree, alternative text, language, title, metadata, fonts and colour. They say nothing about
whether the alternative text is good or the reading order sensible to a person: see docs/certificates
in the lead's note."""

import io
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.core.files import File
from django.core.files.images import ImageFile
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
from wagtail.images import get_image_model
from wagtail.models import Site

from lms.certificates import rendering
from lms.certificates.demo import TEMPLATE
from lms.certificates.models import CertificateTemplate
from lms.core.models import SiteSettings
from tests.helpers import pdf_facts

DEMO_LOGO = Path(__file__).resolve().parents[2] / "home" / "demo_assets" / "ekbacka-logo.svg"
DATA = rendering.CertificateData(
    name="Åsa Öberg",
    course="Likabehandling i praktiken",
    completed_on=date(2026, 3, 14),
    valid_until=date(2029, 3, 14),
    organisation="Ekbacka kommun",
    code="7KQ4M2XD9RTFH3PA",
)
XMP = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
}
# ISO 32000-1, 14.8.4: the standard structure types; any other needs an entry in the RoleMap.
STANDARD_TYPES = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index", "NonStruct",
    "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH",
    "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot",
    "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}  # fmt: skip


@pytest.fixture
def site_logo(home_page):
    """The demo's SVG logo as the site's logo: the certificate's when its template has none."""
    with DEMO_LOGO.open("rb") as fh:
        logo = get_image_model()(title="Ekbacka kommun – logotyp", file=File(fh, name=DEMO_LOGO.name))
        logo._set_image_file_metadata()
        logo.save()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.logo = logo
    settings.save()
    return logo


def _signature_image():
    """A scanned signature: a PNG with transparency (PDF/A-2 allows it with an output intent)."""
    picture = Image.new("RGBA", (200, 60), (0, 0, 0, 0))
    for x in range(20, 180):
        picture.putpixel((x, 30 + (x % 20) // 4), (20, 20, 60, 255))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    image = get_image_model()(title="Namnteckning", file=ImageFile(out, name="signature.png"))
    image._set_image_file_metadata()
    image.save()
    return image


@pytest.fixture
def pdf(site_logo) -> bytes:
    template = CertificateTemplate.objects.create(**TEMPLATE, signature_image=_signature_image())
    return rendering.render_pdf(template=template, data=DATA)


@pytest.fixture
def reader(pdf) -> PdfReader:
    return PdfReader(io.BytesIO(pdf), strict=True)


def _structure(element, depth=0):
    """(type, element) for every structure element under ``element``, in the tree's (reading) order."""
    element = element.get_object()
    yield element["/S"][1:], element
    kids = element.get("/K", [])
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        if isinstance(kid, IndirectObject) or isinstance(kid, DictionaryObject):
            child = kid.get_object()
            if "/S" in child:  # not a marked-content reference or an annotation's
                yield from _structure(child, depth + 1)


def _xmp(reader) -> ElementTree.Element:
    packet = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    return ElementTree.fromstring(packet.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])  # noqa: S314 our own PDF


def _xmp_attribute(rdf, prefix, name):
    values = [d.get(f"{{{XMP[prefix]}}}{name}") for d in rdf.iter(f"{{{XMP['rdf']}}}Description")]
    return [v for v in values if v is not None]


def test_pdf_says_tagged_unencrypted_1_7(pdf):
    # What ``pdfinfo`` was asked before, read with pypdf: the tests need no poppler-utils (README).
    facts = pdf_facts(pdf)
    assert (facts["tagged"], facts["encrypted"], facts["version"], facts["pages"]) == (True, False, "1.7", 1)


def test_catalog_declares_tagging_language_and_title_display(reader):
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "sv"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert "/Encrypt" not in reader.trailer
    assert len(reader.trailer["/ID"]) == 2  # PDF/A: a file identifier
    page = reader.pages[0]
    assert "/StructParents" in page  # the page's content is in the structure tree


def test_structure_tree_uses_standard_types_and_reads_in_order(reader):
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    role_map = root.get("/RoleMap", {})
    elements = [e for top in root["/K"] for e in _structure(top)]
    types = [kind for kind, _ in elements]
    assert types[0] == "Document"
    unknown = {t for t in types if t not in STANDARD_TYPES and role_map.get(f"/{t}", "/")[1:] not in STANDARD_TYPES}
    assert not unknown
    # One level-1 heading, the certificate's; the logo first, the QR code last, as on the page.
    assert types.count("H1") == 1
    (heading,) = [e for kind, e in elements if kind == "H1"]
    assert heading["/K"]  # not empty: it holds the heading's text
    figures = [e for kind, e in elements if kind == "Figure"]
    assert len(figures) == 3  # logo, signature, QR code
    assert types.index("Figure") < types.index("H1") < len(types) - 1 - types[::-1].index("Figure")


def test_every_image_has_alternative_text(reader):
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    alts = [str(e["/Alt"]) for top in root["/K"] for kind, e in _structure(top) if kind == "Figure"]
    assert alts == [
        "Ekbacka kommun",  # a logo's text alternative is the name it shows, as in the site's header
        "Namnteckning: Lena Ahlström",
        "QR-kod med adressen till sidan där intyget kan kontrolleras: " + rendering.verification_url(DATA.code),
    ]


def test_xmp_declares_pdf_a_2a_and_pdf_ua_1_with_title_author_subject(reader):
    rdf = _xmp(reader)
    assert _xmp_attribute(rdf, "pdfaid", "part") == ["2"]
    assert _xmp_attribute(rdf, "pdfaid", "conformance") == ["A"]
    assert _xmp_attribute(rdf, "pdfuaid", "part") == ["1"]
    # PDF/A-2 accepts pdfuaid only with its schema described as an extension.
    namespaces = [e.text for e in rdf.iter(f"{{{XMP['pdfaSchema']}}}namespaceURI")]
    assert namespaces == [XMP["pdfuaid"]]

    def text(element):
        return [li.text for li in rdf.iter(f"{{{XMP['dc']}}}{element}") for li in li.iter(f"{{{XMP['rdf']}}}li")]

    title = "Intyg – Likabehandling i praktiken – Åsa Öberg"
    assert text("title") == [title]
    assert text("creator") == ["Ekbacka kommun"]
    assert "Likabehandling i praktiken" in text("description")[0]
    # PDF/A: the document information dictionary says the same as the XMP.
    info = reader.metadata
    assert (info.title, info.author, info.subject) == (title, "Ekbacka kommun", text("description")[0])


def test_srgb_output_intent(reader):
    (intent,) = reader.trailer["/Root"]["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"].get_object()
    assert profile["/N"] == 3  # RGB
    assert b"sRGB" in profile.get_data()[:200] or "sRGB" in str(intent["/OutputConditionIdentifier"])


def _fonts(resources, seen):
    resources = resources.get_object()
    for font in resources.get("/Font", {}).values():
        font = font.get_object()
        if id(font) not in seen:
            seen.add(id(font))
            yield font
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if "/Resources" in xobject:
            yield from _fonts(xobject["/Resources"], seen)


def test_every_font_is_embedded_with_unicode_mapping(reader):
    fonts = list(_fonts(reader.pages[0]["/Resources"], set()))
    assert fonts
    for font in fonts:
        assert "/ToUnicode" in font, font["/BaseFont"]  # PDF/A level a and PDF/UA: text maps to Unicode
        descendants = font.get("/DescendantFonts") or [font]
        for descendant in descendants:
            descriptor = descendant.get_object()["/FontDescriptor"]
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]


def test_language_follows_the_organisations(settings, site_logo):
    settings.LANGUAGE_CODE = "en"
    template = CertificateTemplate(**TEMPLATE)
    reader = PdfReader(io.BytesIO(rendering.render_pdf(template=template, data=DATA)))
    assert reader.trailer["/Root"]["/Lang"] == "en"
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    alts = [str(e["/Alt"]) for top in root["/K"] for kind, e in _structure(top) if kind == "Figure"]
    assert alts[-1].startswith("QR code with the address of the page where this certificate can be verified: ")
