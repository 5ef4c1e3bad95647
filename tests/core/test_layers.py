"""Apps import each other only downwards (see LEVEL: core, records, organisation, polls, courses and its
neighbours, then quizzes, certificates and requirements side by side, then reports, then the apps built
on the reports, and operations, which watches the work of all); no app imports the site's pages (home);
nobody names another app's tasks as strings. Foreign keys, page types and migration dependencies name
only the app itself, one at its level or one below (read from the model registry and the migration
files); models never import their views."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LEVEL = {
    "core": 0,
    # The access rule, the viewset base, roles, the register extract's registry and staff scopes: below
    # organisation, whose own models declare RowAccess and whose views ask the rule (docs/architecture.md).
    "access": 0.75,
    "organisation": 1,
    # Sign-in: single sign-on makes people in the tree, lockouts list them; nothing below signs anyone in.
    "accounts": 1.2,
    # The learner's content language and a page's translations: above access (roles, the access rule) and
    # organisation (a person's choice), below the HR import (whose language column names a configured one)
    # and courses (which show them).
    "languages": 1.25,
    # The HR import: writes people and units through organisation's services; politics adds a kind to it.
    "imports": 1.3,
    "polls": 1.5,
    "courses": 2,
    # SCORM and H5P packages: a lesson type of courses (a LessonPage), registered as a course child page.
    "packages": 2.5,
    "quizzes": 3,
    "certificates": 3,
    "requirements": 3,
    # Completions from elsewhere: completes enrolments (courses), asks certificates and requirements to
    # follow, and adds a kind to the HR import; the reports count its routes from the enrolment alone.
    "completions": 3.5,
    "reports": 4,
    # Learning paths: order courses, issue a certificate through certificates' pipeline, require paths
    # through requirements; above reports, whose registries it may fill.
    "paths": 4.5,
    "surveys": 5,
    "accessibility": 2,
    "politics": 2,
    "operations": 5,
    "plans": 6,
    "records": 0.5,
    "public_documents": 5,
    # Group sessions complete enrolments (courses) and print certificates; HR's overview sits beside the reports.
    "group_training": 5,
    # The active-measures annex: reads the reports' roll-up, group sessions' split, surveys' released results
    # and the democracy plan's activities, and is made by the plan's report machinery.
    "active_measures": 7,
    # Open Badges beside every certificate: a course's (certificates) and a path's (through certificates.kinds).
    "badges": 5,
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


# --- What the code names besides its imports: foreign keys, page types, migrations ------------------
#
# A foreign key, a page type in `subpage_types`/`parent_page_types` and a migration dependency each make
# an app depend on another as surely as an import does. Each names only its own app, an app at its level
# or one below; the site (home) is above every app. Page trees: an upper app's page under a lower app's
# page names the lower one as its parent (quizzes' QuizPage: `parent_page_types = ["courses.CoursePage"]`),
# and the lower admits it through a registry its upper apps fill from `ready()`
# (`courses.extensions.register_course_child_page`); an app's landing page under the site's home page
# is `lms.core.pages.UnderTheSiteHome`, which the site registers. A migration's `run_before` names the
# other app as a dependency does. An edge that must name upwards is listed here with its reason.

SITE = "home"
ALLOWED_UPWARD: dict[str, str] = {
    # Applied history: the site settings moved from home to core by taking over home's table, which must
    # exist first. Editing an applied migration's operations would leave applied databases out of step.
    "core.0001_initial -> home.0001_initial": "core took over home's site-settings table",
    # Applied history: courses' first migration made the page's certificate_template foreign key;
    # certificates 0003 copies it into CourseCertificate and courses 0004 removes it.
    "courses.0001_initial -> certificates.0001_template": "the link courses 0004 removes",
    # A staff scope names the unit whose subtree it limits a user to. The rule sits below organisation
    # because organisation's own models declare RowAccess; the scope's link up to the tree is data named
    # by string ("organisation.OrgUnit"), and the rule reads only its tree path, never organisation's code.
    "access.StaffScope.org_unit -> organisation.OrgUnit": "the unit a scope limits to",
    "access.0001_initial -> organisation.0006_import_run_confirmed_at": "the scope's unit table must exist first",
}


def lms_app(label_or_module: str) -> str | None:
    """The lms app (its directory) of an app label, or "home"; None for Django's and libraries' apps."""
    from django.apps import apps

    if label_or_module == SITE:
        return SITE
    try:
        name = apps.get_app_config(label_or_module).name
    except LookupError:
        return None
    parts = name.split(".")
    return parts[1] if parts[0] == "lms" and len(parts) == 2 else None


def names_upwards(edges) -> list[str]:
    """Of the edges (app, app it names, what), those naming an app above it (or the site) and not allowed."""
    wrong = []
    for source, target, what in edges:
        if source is None or target is None or source == target or source == SITE:
            continue
        if (target == SITE or LEVEL[target] > LEVEL[source]) and what not in ALLOWED_UPWARD:
            wrong.append(what)
    return wrong


def foreign_key_edges():
    from django.apps import apps

    for model in apps.get_models():
        source = lms_app(model._meta.app_label)
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is not None:
                target = lms_app(field.related_model._meta.app_label)
                yield source, target, f"{model._meta.label}.{field.name} -> {field.related_model._meta.label}"


def page_type_edges():
    from django.apps import apps
    from wagtail.models import Page

    for model in apps.get_models():
        if not issubclass(model, Page) or model is Page:
            continue
        source = lms_app(model._meta.app_label)
        for attribute in ("subpage_types", "parent_page_types"):
            for name in model.__dict__.get(attribute) or ():  # what the class itself declares
                label = name if isinstance(name, str) else name._meta.label
                target = lms_app(label.split(".")[0])
                yield source, target, f"{model._meta.label}.{attribute}: {label}"


# wagtail-localize's first migration asks the database a question when its module is imported (whether
# wagtailcore's revision rename ran), so the tests that read the migration files may use the database.
reads_migrations = pytest.mark.django_db


def migration_edges():
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)  # the files only, no database
    for (label, name), migration in loader.disk_migrations.items():
        for dependency_label, dependency in [*migration.dependencies, *migration.run_before]:
            yield lms_app(label), lms_app(dependency_label), f"{label}.{name} -> {dependency_label}.{dependency}"


def test_foreign_keys_point_downwards():
    assert names_upwards(foreign_key_edges()) == []


def test_page_types_name_only_pages_below():
    assert names_upwards(page_type_edges()) == []


@reads_migrations
def test_migrations_depend_only_on_apps_at_their_level_or_below():
    assert names_upwards(migration_edges()) == []


@reads_migrations
def test_the_allowed_edges_still_exist():
    # An allowance outlives nothing: one whose edge is gone must be taken out.
    edges = [*foreign_key_edges(), *page_type_edges(), *migration_edges()]
    assert set(ALLOWED_UPWARD) <= {what for _source, _target, what in edges}


@reads_migrations
def test_the_checks_read_something_and_see_a_wrong_edge():
    # Not vacuous: each reader finds edges between lms apps, and an upward one is reported.
    for edges in (foreign_key_edges(), page_type_edges(), migration_edges()):
        assert any(source and target and source != target for source, target, _what in edges)
    assert names_upwards(
        [("courses", "certificates", "up"), ("courses", "home", "site"), ("quizzes", "courses", "down")]
    ) == [
        "up",
        "site",
    ]
    assert names_upwards([("quizzes", "certificates", "sideways"), ("courses", "courses", "own")]) == []


# --- Page logic on the page: models never import their views ------------------------------------------

VIEW_MODULES = ("views", "admin_views", "wagtail_hooks")


def imports_of_views(tree) -> list[str]:
    """The project's view modules a module imports (relative or ``lms.…``), at the top or in a function."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("lms.")):
            module = "." * node.level + (node.module or "")
            for alias in node.names:
                name = f"{module}.{alias.name}" if node.module else f"{module}{alias.name}"
                if set(name.strip(".").split(".")) & set(VIEW_MODULES):
                    found.append(name)
        elif isinstance(node, ast.Import):
            found += [
                a.name for a in node.names if a.name.startswith("lms.") and set(a.name.split(".")) & set(VIEW_MODULES)
            ]
    return found


def test_models_do_not_import_views():
    wrong = [
        f"{path}: {name}"
        for path, tree in modules()
        if path.name == "models.py" or "models" in path.parts[:-1]
        for name in imports_of_views(tree)
    ]
    assert wrong == []


def test_an_import_of_views_is_seen():
    assert imports_of_views(ast.parse("def f():\n    from .views import quiz_overview\n")) == [".views.quiz_overview"]
    assert imports_of_views(ast.parse("from . import views")) == [".views"]
    assert imports_of_views(ast.parse("import lms.courses.views")) == ["lms.courses.views"]
    assert imports_of_views(ast.parse("from . import selectors\nfrom django.contrib.auth.views import x")) == []
