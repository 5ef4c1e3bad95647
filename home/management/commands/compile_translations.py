"""Compile every .po catalogue of the project into .mo, without GNU gettext.

Django's own compilemessages needs the msgfmt program; this uses polib so that
`make run` works on a machine without gettext. Only out-of-date files are compiled.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

SKIP_DIRS = {".venv", "node_modules", ".git", "staticfiles", "media"}


class Command(BaseCommand):
    help = "Compile the project's translation catalogues (.po to .mo)."

    def handle(self, *args, **options):
        base = Path(settings.BASE_DIR)
        compiled = 0
        for po_path in base.rglob("locale/*/LC_MESSAGES/*.po"):
            if SKIP_DIRS.intersection(po_path.relative_to(base).parts):
                continue
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            compiled += 1
        if compiled:
            self.stdout.write(f"Compiled {compiled} translation catalogue(s).")
