"""Apps import each other only downwards (see LEVEL: core, records, organisation, polls, courses and its
neighbours, then quizzes, certificates and requirements side by side, then reports, then the apps built
on the reports, and operations, which watches the work of all); no app imports the site's pages (home);
nobody names another app's tasks as strings."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LEVEL = {
    "core": 0,
    # The access rule, the viewset base, roles, the register extract's registry and staff scopes: below
    # organisation, whose own models declare RowAccess and whose views ask the rule (docs/architecture.md).
    "access": 0.75,
    "organisation": 1,
    # Sign-in: single sign-on makes people in the tree, lockouts list them; nothing below signs anyone in.
    "accounts": 1.2,
    # The HR import: writes people and units through organisation's services; politics adds a kind to it.
    "imports": 1.3,
    # Above access (the access rule, the privacy registry), below courses (whose lesson body holds its block).
    "polls": 1.5,
    "courses": 2,
    "quizzes": 3,
    "certificates": 3,
    "requirements": 3,
    "reports": 4,
    "surveys": 5,
    "accessibility": 2,
    "politics": 2,
    "operations": 5,
    "plans": 6,
    "records": 0.5,
    "public_documents": 5,
}

# No lms app imports the site's pages: site-wide settings live in lms.core.models.
SITE_IMPORTS: set[tuple[str, str]] = set()


def modules():
    for path in sorted((ROOT / "lms").rglob("*.py")):
        if "migrations" not in path.parts:
            yield path.relative_to(ROOT), ast.parse(path.read_text())


def imported(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_every_app_has_a_level():
    assert {p.name for p in (ROOT / "lms").iterdir() if (p / "apps.py").exists()} == set(LEVEL)


def test_apps_import_only_downwards_and_not_the_site():
    wrong = []
    for path, tree in modules():
        app = path.parts[1]
        for name in imported(tree):
            parts = name.split(".")
            if parts[0] == "home" and (path.as_posix(), name) not in SITE_IMPORTS:
                wrong.append(f"{path}: {name}")
            if parts[0] == "lms" and len(parts) > 1 and parts[1] != app and LEVEL[parts[1]] >= LEVEL[app]:
                wrong.append(f"{path}: {name}")
    assert wrong == []


# Tasks that moved keep their old names, so that one queued before an upgrade still runs after it.
KEPT_TASK_NAMES = {
    ("lms/imports/tasks.py", "lms.organisation.tasks.import_run_check_task"),
    ("lms/imports/tasks.py", "lms.organisation.tasks.import_run_apply_task"),
}


def test_no_app_names_another_apps_tasks_as_strings():
    task_name = re.compile(r"^lms\.(\w+)\.tasks\.")
    wrong = [
        f"{path}: {node.value}"
        for path, tree in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and (m := task_name.match(node.value))
        and m.group(1) != path.parts[1]
        and (path.as_posix(), node.value) not in KEPT_TASK_NAMES
    ]
    assert wrong == []
