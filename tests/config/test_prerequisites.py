"""A fresh machine: the README's prerequisites are exactly what the system check checks, the check says
in one line what is missing, and no test needs a system tool the README does not name."""

import importlib.util
import io
import re
import sys
from pathlib import Path

import pytest
from pypdf import PdfWriter
from pypdf.generic import BooleanObject, DictionaryObject, NameObject

from tests.helpers import pdf_facts

ROOT = Path(__file__).resolve().parents[2]


def _check_system():
    spec = importlib.util.spec_from_file_location("check_system", ROOT / "scripts" / "check_system.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def readme_prerequisites() -> list[str]:
    """The packages of the README's one prerequisite line (before its first section)."""
    intro = (ROOT / "README.md").read_text().split("\n## ", 1)[0]
    (command,) = re.findall(r"`apt-get install ([^`]+)`", intro)
    return command.split()


def test_the_readme_names_exactly_what_the_system_check_checks():
    checked = [p.package for p in _check_system().PREREQUISITES]
    assert readme_prerequisites() == checked


def test_everything_missing_is_said_in_one_line(monkeypatch, capsys):
    check = _check_system()
    absent = [check.Prerequisite(p.package, p.why, lambda: False, p.required) for p in check.PREREQUISITES]
    monkeypatch.setattr(check, "PREREQUISITES", absent)
    assert check.main() == 1  # Pango missing: the site cannot run
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1
    assert "cannot continue" in lines[0]
    assert "apt-get install " + " ".join(readme_prerequisites()) in lines[0]


def test_a_missing_harfbuzz_subset_is_said_and_the_command_goes_on(monkeypatch, capsys):
    check = _check_system()
    (subset,) = [p for p in check.PREREQUISITES if p.package == "libharfbuzz-subset0"]
    monkeypatch.setattr(check, "missing", lambda prerequisites: [subset])
    assert check.main() == 0
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "libharfbuzz-subset0" in line and "continuing" in line and "apt-get install libharfbuzz-subset0" in line


def test_nothing_missing_says_nothing(monkeypatch, capsys):
    check = _check_system()
    monkeypatch.setattr(check, "missing", lambda prerequisites: [])
    assert check.main() == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("folder", ["tests", "lms", "home", "bench", "scripts"])
def test_no_code_runs_a_poppler_tool(folder):
    """poppler-utils is not a prerequisite: PDFs are read with pypdf (tests.helpers.pdf_facts)."""
    runs = re.compile(r"""(which|run|Popen|check_output)\(\s*\[?\s*["'](pdfinfo|pdftoppm|pdftotext)""")
    found = [
        str(path.relative_to(ROOT)) for path in (ROOT / folder).rglob("*.py") if runs.search(path.read_text("utf-8"))
    ]
    assert not found


def test_pdf_facts_tells_an_untagged_pdf_from_a_tagged_one():
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": "Utkast"})
    out = io.BytesIO()
    writer.write(out)
    facts = pdf_facts(out.getvalue())
    assert (facts["tagged"], facts["encrypted"], facts["title"], facts["pages"]) == (False, False, "Utkast", 1)
    writer.root_object[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    out = io.BytesIO()
    writer.write(out)
    assert pdf_facts(out.getvalue())["tagged"] is True


def test_weasyprints_fallback_without_harfbuzz_subset_is_said_once(caplog):
    """Without libharfbuzz-subset0 WeasyPrint warns for every font of every PDF: the first only."""
    import logging

    from lms.core.log_filters import OncePerProcess

    weasyprint = logging.getLogger("weasyprint")
    assert any(isinstance(f, OncePerProcess) for f in weasyprint.filters)  # wired by settings.LOGGING
    once = OncePerProcess("Using fontTools instead of HarfBuzz-Subset")
    logger = logging.getLogger("tests.weasyprint_like")
    logger.addFilter(once)
    try:
        with caplog.at_level(logging.WARNING, logger=logger.name):
            for family in ("DejaVu Sans", "DejaVu Serif", "DejaVu Sans"):
                logger.warning('Using fontTools instead of HarfBuzz-Subset for font "%s". …', family)
            logger.warning("Something else")
            logger.warning("Something else")
    finally:
        logger.removeFilter(once)
    assert [r.getMessage()[:40] for r in caplog.records] == [
        "Using fontTools instead of HarfBuzz-Subs",
        "Something else",
        "Something else",
    ]
