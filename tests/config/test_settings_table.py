"""The README's settings table lists every environment variable production reads, and nothing else."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What production reads: config/env.py (the database), the production settings and what they import.
PRODUCTION_MODULES = [
    "config/env.py",
    "config/settings/base.py",
    "config/settings/sso.py",
    "config/settings/production.py",
]
# Read outside the settings: which settings (manage.py, wsgi, Celery).
OUTSIDE_SETTINGS = {"DJANGO_SETTINGS_MODULE"}


def variables_read(path: Path) -> set[str]:
    """Names passed to ``env(...)``, ``env.str(...)``, ``env.bool(...)`` … (django-environ) in a module."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func, first = node.func, node.args[0]
        reads_env = (isinstance(func, ast.Name) and func.id == "env") or (
            isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "env"
        )
        if reads_env and isinstance(first, ast.Constant) and isinstance(first.value, str):
            names.add(first.value)
    return names


def readme_table() -> set[str]:
    """The variables named in the first column of the README's settings table."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("Settings come from the environment", 1)[1]
    rows = []
    for line in section.splitlines()[1:]:
        if line.startswith("|"):
            rows.append(line)
        elif rows:
            break
    names = set()
    for row in rows[2:]:  # after the header and its rule
        names |= set(re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1]))
    return names


def test_the_readme_table_and_the_production_settings_name_the_same_variables():
    read = set().union(*(variables_read(ROOT / module) for module in PRODUCTION_MODULES)) | OUTSIDE_SETTINGS
    table = readme_table()
    assert sorted(read - table) == [], "read by the settings, missing from the README's table"
    assert sorted(table - read) == [], "in the README's table, read by no production setting"


def test_the_scan_sees_every_kind_of_read(tmp_path):
    module = tmp_path / "settings.py"
    module.write_text('A = env("ONE", default="")\nB = env.bool("TWO", default=True)\nC = other("THREE")\n')
    assert variables_read(module) == {"ONE", "TWO"}
    assert "SECURE_SSL_REDIRECT" in variables_read(ROOT / "config/settings/production.py")
