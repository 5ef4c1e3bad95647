"""The migrated template the test databases are copied from (tests/template_db.py): named by what
makes it, so a changed migration never meets an old template."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import template_db
from tests.template_db import ROOT


def test_the_hash_covers_migrations_what_they_import_and_the_roles():
    files = set(template_db.hashed_files())
    for config in apps.get_app_configs():  # Wagtail's and Django's as well as ours
        for migration in (template_db.Path(config.path) / "migrations").glob("0*.py"):
            assert migration in files, migration
    assert ROOT / "lms" / "core" / "model_moves.py" in files  # imported by access's, accounts' and imports' 0001
    assert ROOT / "lms" / "access" / "roles.py" in files
    assert ROOT / "lms" / "certificates" / "apps.py" in files  # grants to the roles from ready()


def test_the_hash_changes_with_any_file_and_the_engine(tmp_path):
    first, second = tmp_path / "0001_initial.py", tmp_path / "0002_more.py"
    first.write_text("operations = []\n")
    second.write_text("operations = []\n")
    before = template_db.files_hash([first, second], "sqlite3")
    second.write_text("operations = ['changed']\n")
    assert template_db.files_hash([first, second], "sqlite3") != before
    assert template_db.files_hash([first, second], "postgresql") != template_db.files_hash([first, second], "sqlite3")


def test_project_imports_are_found_in_a_migration():
    source = "from lms.core.model_moves import content_type_move\nimport django.db\nfrom home import models\n"
    assert template_db._project_modules_imported(source) == {
        ROOT / "lms" / "core" / "model_moves.py",
        ROOT / "home" / "__init__.py",
        ROOT / "home" / "models.py",
    }


@pytest.mark.django_db
def test_the_test_database_has_every_migration_applied():
    """Copied from the template or migrated, the test database is where the migrations lead."""
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert connection.introspection.table_names()  # and has tables, not just the record
