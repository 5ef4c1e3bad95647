"""One term for each thing, as Swedish public-sector texts use them (issue 34): "medarbetare" (not anställd,
tjänsteperson, personalen), "förtroendevald" (not politiker), "e-post" (not mejl), in the demo's course
texts, the demo's other content and every Swedish catalogue of the interface. The law's own word where
a text states the law's rule ("25 eller fler arbetstagare") and a proper name (Brå's "Politikernas
trygghetsundersökning") are not the thing named."""

import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
OTHER_TERMS = re.compile(r"\b(anställda?|tjänsteperson\w*|tjänstem[aä]n\w*|personalen|politiker\w*|mejl\w*)\b", re.I)
PROPER_NAMES = re.compile(r"Politikernas trygghetsundersökning")


def other_terms(text: str) -> list[str]:
    return [m.group(0) for m in OTHER_TERMS.finditer(PROPER_NAMES.sub("", text))]


def test_the_demo_uses_one_term_for_each_thing():
    files = [*sorted((ROOT / "lms/courses/demo_content").glob("*.yaml")), ROOT / "home/demo.py"]
    files += sorted((ROOT / "lms").glob("*/demo.py"))
    found = {}
    for path in files:
        text = path.read_text()
        if path.name == "demo.py":  # its texts, not the demo accounts' user names ("politiker")
            text = re.sub(r'"politiker"', "", text)
        if terms := other_terms(text):
            found[str(path.relative_to(ROOT))] = terms
    assert found == {}


def test_the_interface_uses_one_term_for_each_thing():
    found = {}
    for path in sorted(ROOT.glob("**/locale/sv/LC_MESSAGES/django.po")):
        if ".venv" in path.parts:
            continue
        for entry in polib.pofile(str(path)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if terms := other_terms(text):
                    found.setdefault(str(path.relative_to(ROOT)), []).extend(terms)
    assert found == {}


def test_another_term_is_seen():
    assert other_terms("Som anställd i kommunen, och politiker, får du mejl.") == ["anställd", "politiker", "mejl"]
    assert other_terms("Brå gör Politikernas trygghetsundersökning; anställningsnummer.") == []
