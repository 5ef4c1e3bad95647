"""Packages built from source files in the repository (the demo's, the tests'): a folder zipped with a
SCORM manifest written for the version asked for, or an H5P folder zipped as it is. No zip is committed."""

import io
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

MANIFEST_12 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{ident}" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>{title}</title>
    <item identifier="item" identifierref="sco"><title>{title}</title>{mastery}</item>
  </organization></organizations>
  <resources><resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="{launch}">{files}</resource></resources>
</manifest>
"""

MANIFEST_2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{ident}" version="1.0" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3" xmlns:imsss="http://www.imsglobal.org/xsd/imsss">
  <metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>{title}</title>
    <item identifier="item" identifierref="sco"><title>{title}</title></item>
  </organization></organizations>
  <resources><resource identifier="sco" type="webcontent" adlcp:scormType="sco" href="{launch}">{files}</resource></resources>
</manifest>
"""


def scorm_zip(folder: Path, *, version: str = "1.2", title: str, launch: str = "index.html") -> io.BytesIO:
    """The folder as a SCORM package of ``version`` ("1.2" or "2004"). The launch page's ``<html>`` gets
    ``data-scorm="<version>"``, so one source speaks either version."""
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    files = "".join(f'<file href="{escape(name)}"/>' for name in names)
    template = MANIFEST_2004 if version == "2004" else MANIFEST_12
    manifest = template.format(
        ident=f"lms-{folder.name}-{version}", title=escape(title), launch=escape(launch), files=files, mastery=""
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("imsmanifest.xml", manifest)
        for name in names:
            data = (folder / name).read_bytes()
            if name == launch:
                data = data.replace(b'<html lang="sv">', f'<html lang="sv" data-scorm="{version}">'.encode(), 1)
            archive.writestr(name, data)
    buffer.seek(0)
    buffer.name = f"{folder.name}-{version}.zip"
    return buffer


def folder_zip(folder: Path, *, name: str) -> io.BytesIO:
    """The folder zipped as it is (an H5P file's layout: h5p.json, content/, the libraries' folders)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.writestr(path.relative_to(folder).as_posix(), path.read_bytes())
    buffer.seek(0)
    buffer.name = name
    return buffer
