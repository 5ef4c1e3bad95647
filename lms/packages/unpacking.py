"""The checks an uploaded package passes before anything of it is stored: a zip (a SCORM package or an
H5P file) read in memory only, every refusal a ``PackageRefused`` with a message the editor can act on.

What is refused: not a zip; too large (compressed or unpacked), too many files, one file too large, a
compression ratio only a zip bomb has; a path outside the package root (absolute, ``..``, a drive
letter), a symlink, a duplicate path after normalising; no ``imsmanifest.xml`` / ``h5p.json`` at the root,
one that does not parse, names no launch file, or names one that is not in the zip."""

import json
import posixpath
import stat
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.utils.translation import gettext as _

from .models import PackageKind

MANIFEST = "imsmanifest.xml"
H5P_MANIFEST = "h5p.json"


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def max_upload_bytes() -> int:
    return _limit("LMS_PACKAGE_MAX_UPLOAD_BYTES", 200 * 1024 * 1024)


def max_unpacked_bytes() -> int:
    return _limit("LMS_PACKAGE_MAX_UNPACKED_BYTES", 500 * 1024 * 1024)


def max_files() -> int:
    return _limit("LMS_PACKAGE_MAX_FILES", 5000)


MAX_RATIO = 100  # unpacked/compressed per file: text compresses ~10x; only a bomb reaches 100x
RATIO_FLOOR = 1024 * 1024  # files smaller than this unpacked are not judged by their ratio


class PackageRefused(ValueError):
    """An upload refused, with a message for the editor."""


@dataclass
class PackageContents:
    kind: str
    title: str
    launch_path: str
    members: dict[str, zipfile.ZipInfo] = field(default_factory=dict)  # normalised path -> entry
    mastery_score: Decimal | None = None

    @property
    def total_bytes(self) -> int:
        return sum(info.file_size for info in self.members.values())


def normalised_path(name: str) -> str:
    """The member's path inside the package, or PackageRefused when it would land outside the root."""
    raw = name.replace("\\", "/")
    if raw.startswith("/") or (len(raw) > 1 and raw[1] == ":") or "\x00" in raw:
        raise PackageRefused(_("The package holds a file outside its own folder: %(name)s") % {"name": name[:200]})
    path = posixpath.normpath(raw)
    if path == ".." or path.startswith("../") or path.startswith("/"):
        raise PackageRefused(_("The package holds a file outside its own folder: %(name)s") % {"name": name[:200]})
    return path


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def read_package(upload) -> tuple[zipfile.ZipFile, PackageContents]:
    """Check an uploaded file (Django's UploadedFile or any binary file object). Returns the open zip and
    what it holds; reads nothing but the zip's directory and the manifest."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_upload_bytes():
        raise PackageRefused(_("The file is larger than %(mb)s MB.") % {"mb": max_upload_bytes() // (1024 * 1024)})
    try:
        archive = zipfile.ZipFile(upload)
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise PackageRefused(
            _("The file is not a zip file: upload a SCORM package (.zip) or an H5P file (.h5p).")
        ) from None
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        if _is_symlink(info):
            raise PackageRefused(
                _("The package holds a symbolic link (%(name)s): links are not allowed.")
                % {"name": info.filename[:200]}
            )
        path = normalised_path(info.filename)
        if info.is_dir() or path == ".":
            continue
        if path in members:
            raise PackageRefused(_("The package holds the same file twice: %(name)s") % {"name": path[:200]})
        if info.flag_bits & 0x1:
            raise PackageRefused(_("The package holds an encrypted file: %(name)s") % {"name": path[:200]})
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageRefused(
                _("The package looks like a zip bomb: %(name)s unpacks to over %(ratio)s times its size.")
                % {"name": path[:200], "ratio": MAX_RATIO}
            )
        total += info.file_size
        members[path] = info
        if len(members) > max_files():
            raise PackageRefused(_("The package holds more than %(n)s files.") % {"n": max_files()})
        if total > max_unpacked_bytes():
            raise PackageRefused(
                _("The package unpacks to more than %(mb)s MB.") % {"mb": max_unpacked_bytes() // (1024 * 1024)}
            )
    if MANIFEST in members:
        contents = _scorm(archive, members)
    elif H5P_MANIFEST in members:
        contents = _h5p(archive, members)
    else:
        raise PackageRefused(
            _("Neither imsmanifest.xml (SCORM) nor h5p.json (H5P) is at the top of the package: is it the right file?")
        )
    contents.members = members
    if contents.launch_path not in members:
        raise PackageRefused(
            _("The launch file the manifest names is not in the package: %(name)s")
            % {"name": contents.launch_path[:200]}
        )
    return archive, contents


def _read_small(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int = 5 * 1024 * 1024) -> bytes:
    if info.file_size > limit:
        raise PackageRefused(_("%(name)s is too large to be a manifest.") % {"name": info.filename[:200]})
    with archive.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise PackageRefused(_("%(name)s is too large to be a manifest.") % {"name": info.filename[:200]})
    return data


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _scorm(archive: zipfile.ZipFile, members: dict) -> PackageContents:
    data = _read_small(archive, members[MANIFEST])
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:  # no entity expansion (billion laughs) or external entities
        raise PackageRefused(_("imsmanifest.xml declares a document type or entities, which is not allowed."))
    try:
        root = fromstring(data)  # defusedxml: no entities, no external references, whatever slips past above
    except DefusedXmlException:
        raise PackageRefused(_("imsmanifest.xml declares a document type or entities, which is not allowed.")) from None
    except ParseError as error:
        raise PackageRefused(_("imsmanifest.xml is not valid XML: %(error)s") % {"error": error}) from None
    if _local(root.tag) != "manifest":
        raise PackageRefused(_("imsmanifest.xml does not start with a <manifest> element."))
    version = ""
    for element in root.iter():
        if _local(element.tag) == "schemaversion" and element.text:
            version = element.text.strip()
            break
    namespaces = " ".join([root.tag, *(str(v) for v in root.attrib.values())])
    is_2004 = version.startswith("2004") or version.startswith("CAM 1.3") or "adlcp_v1p3" in namespaces
    kind = PackageKind.SCORM2004 if is_2004 else PackageKind.SCORM12
    # The first item of the default organisation that names a SCO resource is what we launch.
    resources = {}
    for element in root.iter():
        if _local(element.tag) == "resource":
            resources[element.get("identifier")] = element
    organisations = [e for e in root.iter() if _local(e.tag) == "organizations"]
    org = None
    if organisations:
        default = organisations[0].get("default")
        orgs = [e for e in organisations[0] if _local(e.tag) == "organization"]
        org = next((o for o in orgs if o.get("identifier") == default), orgs[0] if orgs else None)
    title = ""
    launch = None
    mastery = None
    if org is not None:
        title = next((e.text or "" for e in org if _local(e.tag) == "title"), "").strip()
        for item in org.iter():
            if _local(item.tag) != "item" or not item.get("identifierref"):
                continue
            resource = resources.get(item.get("identifierref"))
            if resource is None or not resource.get("href"):
                continue
            launch = resource.get("href")
            base = resource.get("{http://www.w3.org/XML/1998/namespace}base") or ""
            launch = base + launch
            for child in item:
                if _local(child.tag) == "masteryscore" and child.text:  # 1.2: 0-100
                    mastery = _decimal(child.text)
                if _local(child.tag) == "sequencing":  # 2004: minNormalizedMeasure, -1..1
                    for objective in child.iter():
                        if _local(objective.tag) == "minNormalizedMeasure" and objective.text:
                            scaled = _decimal(objective.text)
                            mastery = scaled * 100 if scaled is not None else None
            break
    if launch is None:
        raise PackageRefused(_("imsmanifest.xml names no launch file (an item pointing at a resource with an href)."))
    launch_path = normalised_path(launch.split("?", 1)[0].split("#", 1)[0])
    return PackageContents(kind=kind, title=title[:255], launch_path=launch_path, mastery_score=mastery)


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() and 0 <= value <= 100 else None


def _h5p(archive: zipfile.ZipFile, members: dict) -> PackageContents:
    try:
        manifest = json.loads(_read_small(archive, members[H5P_MANIFEST]).decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise PackageRefused(_("h5p.json is not valid JSON: %(error)s") % {"error": error}) from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("mainLibrary"), str):
        raise PackageRefused(_("h5p.json names no main library (mainLibrary)."))
    dependencies = manifest.get("preloadedDependencies")
    if not isinstance(dependencies, list):
        raise PackageRefused(_("h5p.json lists no libraries (preloadedDependencies)."))
    if "content/content.json" not in members:
        raise PackageRefused(_("The H5P file has no content/content.json."))
    for dependency in dependencies:
        if not isinstance(dependency, dict):
            raise PackageRefused(_("h5p.json lists a library it does not name."))
        folder = f"{dependency.get('machineName')}-{dependency.get('majorVersion')}.{dependency.get('minorVersion')}"
        if f"{folder}/library.json" not in members:
            raise PackageRefused(
                _("The H5P file lacks the library %(name)s: export it with its libraries.") % {"name": folder[:200]}
            )
    title = manifest.get("title") if isinstance(manifest.get("title"), str) else ""
    # h5p-standalone plays the package from h5p.json; "launching" it means reading that.
    return PackageContents(kind=PackageKind.H5P, title=title[:255], launch_path=H5P_MANIFEST)
