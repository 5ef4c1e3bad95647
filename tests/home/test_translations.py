"""The Swedish catalogues: complete, and no word translated two ways.

Django merges every app's catalogue into one, the first app in INSTALLED_APPS winning, so the
same English text translated differently in two apps shows one app's word in the other's page
("Expired" on a certificate reading "Tiden ute"). Such words need a context (pgettext)."""

from collections import defaultdict
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(p for p in ROOT.glob("**/locale/sv/LC_MESSAGES/django.po") if ".venv" not in p.parts)


def test_catalogues_are_found():
    assert len(CATALOGUES) >= 8


def test_every_entry_is_translated():
    missing = [
        f"{path.relative_to(ROOT)}: {entry.msgid!r}"
        for path in CATALOGUES
        for entry in polib.pofile(str(path))
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert missing == []


def test_no_text_is_translated_two_ways():
    translations = defaultdict(dict)
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                translations[(entry.msgctxt, entry.msgid)][str(path.relative_to(ROOT))] = entry.msgstr
    clashes = {key: where for key, where in translations.items() if len(set(where.values())) > 1}
    assert clashes == {}
