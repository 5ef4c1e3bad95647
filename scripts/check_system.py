"""Check the system packages the site needs, and say in one line what is missing.

``make run`` and ``make test`` run it. PREREQUISITES names the same Debian/Ubuntu packages as the
README's prerequisite line (``apt-get install …``); tests/config/test_prerequisites.py fails when the
two disagree. Nothing else is needed: the tests read PDFs with pypdf, not poppler's command-line tools.

A missing package that the site cannot run without (Pango, the fonts) stops the command; a missing
package it can run without (HarfBuzz's subsetter: WeasyPrint falls back to fontTools, slower, with a
warning for every font of every PDF) is said in the same one line and the command goes on.
"""

from __future__ import annotations

import ctypes.util
import importlib.util
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Prerequisite:
    package: str  # the Debian/Ubuntu package, as the README names it
    why: str
    present: Callable[[], bool]
    required: bool = True  # False: the site works without it, worse


def _library(*names: str) -> Callable[[], bool]:
    # The names WeasyPrint itself tries (weasyprint/text/ffi.py) on Linux and macOS.
    return lambda: any(ctypes.util.find_library(name) for name in names)


def _font(*paths: str) -> Callable[[], bool]:
    return lambda: any(Path(path).is_file() for path in paths)


PREREQUISITES = [
    Prerequisite(
        "python3-venv", "Python's venv module with ensurepip", lambda: bool(importlib.util.find_spec("ensurepip"))
    ),
    Prerequisite("libpango-1.0-0", "Pango, WeasyPrint's text layout", _library("pango-1.0", "pango-1.0-0")),
    Prerequisite("libpangoft2-1.0-0", "Pango's FreeType fonts", _library("pangoft2-1.0", "pangoft2-1.0-0")),
    Prerequisite(
        "libharfbuzz-subset0",
        "HarfBuzz's font subsetter: without it WeasyPrint warns about every font of every PDF",
        _library("harfbuzz-subset", "harfbuzz-subset-0"),
        required=False,
    ),
    Prerequisite(
        "fonts-dejavu-core",
        "the DejaVu fonts of the certificates",
        _font(
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",  # Debian, Ubuntu
            "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",  # Fedora
            "/opt/homebrew/share/fonts/DejaVuSans.ttf",  # macOS, brew install font-dejavu
            str(Path.home() / "Library/Fonts/DejaVuSans.ttf"),
        ),
    ),
    Prerequisite(
        "npm",
        "the SCORM and H5P players of package lessons, installed from the npm registry (make runtime)",
        lambda: shutil.which("npm") is not None,
    ),
]


def missing(prerequisites=PREREQUISITES) -> list[Prerequisite]:
    return [p for p in prerequisites if not p.present()]


def one_line(absent: list[Prerequisite]) -> str:
    """Everything missing in one line, with the one command that installs it."""
    if not absent:
        return ""
    packages = " ".join(p.package for p in absent)
    reasons = "; ".join(f"{p.package}: {p.why}" for p in absent)
    verdict = "cannot continue" if any(p.required for p in absent) else "continuing without it"
    return (
        f"Missing system packages ({verdict}): {reasons}. "
        f"Debian/Ubuntu: apt-get install {packages} (macOS: brew install pango harfbuzz font-dejavu node)."
    )


def main() -> int:
    absent = missing(PREREQUISITES)
    if absent:
        print(one_line(absent), file=sys.stderr)
    return 1 if any(p.required for p in absent) else 0


if __name__ == "__main__":
    sys.exit(main())
