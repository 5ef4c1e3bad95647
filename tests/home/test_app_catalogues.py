"""Each app translates its own strings: every text the access rule, sign-in and the HR import mark
for translation (in their code and templates) is in that app's own Swedish catalogue, translated,
found by Django's makemessages (GNU gettext, as `msgfmt --check` needs it too) over a copy of the app."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("app", ["access", "accounts", "imports", "languages", "organisation"])
def test_every_string_of_the_app_is_in_its_own_catalogue(app, tmp_path):
    assert shutil.which("xgettext"), "GNU gettext is needed to check the catalogues"
    copy = tmp_path / app
    shutil.copytree(ROOT / "lms" / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "migrations"))
    cwd = os.getcwd()
    os.chdir(copy)
    try:
        call_command("makemessages", locale=["sv"], no_obsolete=True, verbosity=0)
    finally:
        os.chdir(cwd)
    catalogue = polib.pofile(str(copy / "locale/sv/LC_MESSAGES/django.po"))
    missing = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert len(catalogue) > 0
    assert missing == []
