"""Every refusal of an upload (issue 31 item 1), each with its message, and nothing stored after one."""

import stat
import zipfile

import pytest
from django.utils import translation

from lms.core.storage import private_storage
from lms.packages import services
from lms.packages.building import scorm_zip
from lms.packages.demo import SCORM_SOURCE
from lms.packages.models import ContentPackage, PackageKind
from lms.packages.unpacking import PackageRefused, normalised_path, read_package

from .helpers import zip_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    """The messages are asserted as written in the source (Swedish is the default language)."""
    with translation.override("en"):
        yield


MANIFEST = """<?xml version="1.0"?>
<manifest identifier="m" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2">
<metadata><schemaversion>1.2</schemaversion></metadata>
<organizations default="o"><organization identifier="o"><title>T</title>
<item identifier="i" identifierref="r"><title>T</title></item></organization></organizations>
<resources><resource identifier="r" href="{href}"/></resources></manifest>"""


def stored_files(folder: str = "packages") -> list[str]:
    """Every file under the folder, through the storage API (a folder left empty on disk is no file)."""
    storage = private_storage()
    if not storage.exists(folder):
        return []
    folders, files = storage.listdir(folder)
    return [f"{folder}/{f}" for f in files] + [f for sub in folders for f in stored_files(f"{folder}/{sub}")]


def refused(upload) -> str:
    with pytest.raises(PackageRefused) as caught:
        services.package_store(upload=upload)
    assert ContentPackage.objects.count() == 0
    assert stored_files() == []
    return str(caught.value)


def test_a_scorm_12_package_is_read_and_stored_whole():
    package = services.package_store(upload=scorm_zip(SCORM_SOURCE, version="1.2", title="Titeln"))
    assert (package.kind, package.title, package.launch_path) == (PackageKind.SCORM12, "Titeln", "index.html")
    assert set(package.files) == {"imsmanifest.xml", "index.html", "kurs.js", "stil.css"}
    with private_storage().open(package.stored_name("kurs.js")) as fh:
        assert b"SCORM" in fh.read()


def test_a_scorm_2004_package_is_told_apart():
    assert services.package_store(upload=scorm_zip(SCORM_SOURCE, version="2004", title="T")).kind == "scorm2004"


def test_not_a_zip():
    assert "not a zip file" in refused(_bytes(b"hello"))


def _bytes(data: bytes):
    import io

    buffer = io.BytesIO(data)
    buffer.name = "x.zip"
    return buffer


def test_no_manifest():
    assert "Neither imsmanifest.xml" in refused(zip_of({"index.html": "<p>"}))


def test_manifest_not_xml():
    assert "not valid XML" in refused(zip_of({"imsmanifest.xml": "<manifest", "index.html": "x"}))


def test_manifest_with_entities_is_refused():
    evil = '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">]><manifest>&a;</manifest>'
    assert "entities" in refused(zip_of({"imsmanifest.xml": evil}))


def test_launch_file_missing():
    assert "launch file" in refused(zip_of({"imsmanifest.xml": MANIFEST.format(href="start.html")}))


def test_no_launch_item():
    manifest = '<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"><organizations/></manifest>'
    assert "names no launch file" in refused(zip_of({"imsmanifest.xml": manifest}))


@pytest.mark.parametrize("name", ["../utanfor.html", "/etc/passwd", "a/../../b.html", "C:/windows.html", "..\\x.html"])
def test_paths_outside_the_root(name):
    files = {"imsmanifest.xml": MANIFEST.format(href="index.html"), "index.html": "x", name: "x"}
    assert "outside its own folder" in refused(zip_of(files))


def test_paths_are_normalised():
    assert normalised_path("a/./b//c.html") == "a/b/c.html"
    assert normalised_path("a\\b.html") == "a/b.html"


def test_a_launch_outside_the_root():
    files = {"imsmanifest.xml": MANIFEST.format(href="../index.html"), "index.html": "x"}
    assert "outside its own folder" in refused(zip_of(files))


def test_symlinks():
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", MANIFEST.format(href="index.html"))
        archive.writestr("index.html", "x")
        link = zipfile.ZipInfo("lank.html")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    buffer.seek(0)
    assert "symbolic link" in refused(buffer)


def test_zip_bomb():
    files = {
        "imsmanifest.xml": MANIFEST.format(href="index.html"),
        "index.html": "x",
        "noll.bin": b"\0" * (20 * 1024 * 1024),
    }
    assert "zip bomb" in refused(zip_of(files))


def test_too_many_files(settings):
    settings.LMS_PACKAGE_MAX_FILES = 3
    files = {"imsmanifest.xml": MANIFEST.format(href="index.html"), "index.html": "x", "a.js": "1", "b.js": "2"}
    assert "more than 3 files" in refused(zip_of(files))


def test_too_large_unpacked(settings):
    settings.LMS_PACKAGE_MAX_UNPACKED_BYTES = 1024 * 1024
    files = {"imsmanifest.xml": MANIFEST.format(href="index.html"), "index.html": "x", "a.js": "y" * (1024 * 1024)}
    assert "unpacks to more than 1 MB" in refused(zip_of(files))


def test_too_large_upload(settings):
    settings.LMS_PACKAGE_MAX_UPLOAD_BYTES = 10
    upload = zip_of({"imsmanifest.xml": MANIFEST.format(href="index.html"), "index.html": "x"})
    upload.size = 1000
    assert "larger than" in refused(upload)


def test_the_same_file_twice():
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("imsmanifest.xml", MANIFEST.format(href="index.html"))
        archive.writestr("index.html", "x")
        archive.writestr("./index.html", "y")
    buffer.seek(0)
    assert "same file twice" in refused(buffer)


def test_a_damaged_file_leaves_nothing_stored():
    upload = scorm_zip(SCORM_SOURCE, version="1.2", title="T")
    data = bytearray(upload.getvalue())
    archive = zipfile.ZipFile(upload)
    info = archive.getinfo("kurs.js")
    offset = info.header_offset + 30 + len(info.filename) + len(info.extra) + 5
    data[offset] ^= 0xFF  # a byte of kurs.js's deflated data: an inflate or CRC error when stored
    import io

    assert "The package is damaged" in refused(io.BytesIO(bytes(data)))


def test_h5p_without_its_libraries():
    h5p = '{"title": "X", "mainLibrary": "H5P.LmsFraga", "preloadedDependencies": [{"machineName": "H5P.LmsFraga", "majorVersion": 1, "minorVersion": 0}]}'
    assert "lacks the library H5P.LmsFraga-1.0" in refused(zip_of({"h5p.json": h5p, "content/content.json": "{}"}))


def test_h5p_json_not_json():
    assert "not valid JSON" in refused(zip_of({"h5p.json": "{", "content/content.json": "{}"}))


def test_read_package_reads_the_mastery_score():
    manifest = MANIFEST.format(href="index.html").replace(
        "<title>T</title></item>", "<title>T</title><adlcp:masteryscore xmlns:adlcp='x'>80</adlcp:masteryscore></item>"
    )
    _archive, contents = read_package(zip_of({"imsmanifest.xml": manifest, "index.html": "x"}))
    assert contents.mastery_score == 80
