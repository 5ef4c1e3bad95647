"""The migrated test database, built once and copied: migrating an empty database takes half a
minute (Django re-renders its model states for each of some 250 migrations), and every pytest
process did it again (SQLite's test database lives in memory, so ``--reuse-db`` keeps nothing).

The first process to need it migrates a template file (``manage.py migrate`` in a subprocess) named
by a hash of what the migrations and the post-migrate rows are made from; every process, each
pytest-xdist worker included, copies it into its own in-memory database (SQLite's backup API, as
Django's parallel runner clones), and Django's own set-up then finds every migration applied and
only sends post_migrate. A change to any migration, any app's ``apps.py`` (the roles' grants), the
roles or a project module a migration imports makes a new hash, so a new template.

On PostgreSQL the template is a database on the server (lms_template_<hash>), copied with
``CREATE DATABASE … TEMPLATE`` into each process's test database, which Django is then told to keep
(pytest-django's ``django_db_keepdb``): ``--create-db`` still gets a fresh copy. LMS_TEST_TEMPLATES
names the folder of the SQLite templates and the locks (default: the system's temporary folder);
"off" migrates every test database as before."""

from __future__ import annotations

import ast
import fcntl
import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def template_folder() -> Path | None:
    configured = os.environ.get("LMS_TEST_TEMPLATES", "")
    if configured == "off":
        return None
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "lms-test-templates"


def _project_modules_imported(source: str) -> set[Path]:
    """The project's own modules a migration imports (model moves, fields, storages …)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:  # the module, or its submodules
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    found = set()
    for name in names:
        if name.split(".")[0] in ("lms", "home", "config"):
            base = ROOT.joinpath(*name.split("."))
            found |= {p for p in (base.with_suffix(".py"), base / "__init__.py") if p.is_file()}
    return found


def hashed_files() -> list[Path]:
    """Every installed app's migrations, the project modules they import, every project app's
    ``apps.py`` and the roles (what post_migrate writes)."""
    files: set[Path] = {ROOT / "lms" / "access" / "roles.py"}
    for config in apps.get_app_configs():
        app_path = Path(config.path)
        ours = ROOT in app_path.parents
        if ours and (app_path / "apps.py").is_file():
            files.add(app_path / "apps.py")
        for migration in (app_path / "migrations").glob("*.py"):
            files.add(migration)
            if ours:
                files |= _project_modules_imported(migration.read_text())
    return sorted(files)


def files_hash(files: list[Path], engine: str) -> str:
    digest = hashlib.sha256(engine.encode())
    for path in files:
        digest.update(str(path.relative_to(ROOT) if ROOT in path.parents else path.name).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def migrations_hash() -> str:
    return files_hash(hashed_files(), settings.DATABASES["default"]["ENGINE"])


def _migrate(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True)


@contextmanager
def _locked(folder: Path, name: str):
    """One process at a time builds or copies a template; the others wait for it."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def sqlite_template(folder: Path) -> Path:
    """The template file for today's migrations: made here, or by another process while we wait."""
    template = folder / f"lms-{migrations_hash()}.sqlite3"
    with _locked(folder, template.name):
        if not template.exists():
            building = template.with_suffix(f".{os.getpid()}.building")
            _migrate(f"sqlite:///{building}")
            building.replace(template)  # whole, or not at all
    return template


def in_memory_test_name(connection) -> str | None:
    """The name Django gives an SQLite test database kept in memory (its documented default:
    no TEST NAME, or ":memory:"), or None for a test database in a file."""
    if (connection.settings_dict.get("TEST", {}).get("NAME") or ":memory:") != ":memory:":
        return None
    return f"file:memorydb_{connection.alias}?mode=memory&cache=shared"


def copy_into_test_database(connection, test_name: str, template: Path) -> None:
    """Opens Django's connection on its in-memory test database with the template's contents.
    Django never closes an in-memory database's connection, so they stay for its own set-up."""
    source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
    target = sqlite3.connect(test_name, uri=True)  # keeps the shared in-memory database alive meanwhile
    source.backup(target)
    source.close()
    connection.close()
    connection.settings_dict["NAME"] = test_name
    connection.connect()
    target.close()


def prepare(connection) -> bool:
    """Before Django creates the test database: fill it from the template. True if it was."""
    if connection.vendor == "postgresql":
        return prepare_postgresql(connection)
    folder = template_folder()
    test_name = in_memory_test_name(connection) if connection.vendor == "sqlite" else None
    if folder is None or test_name is None:
        return False
    copy_into_test_database(connection, test_name, sqlite_template(folder))
    return True


# --- PostgreSQL: a template database on the server, copied with CREATE DATABASE … TEMPLATE --------


def _server(settings_dict):
    """A connection to the server's maintenance database, outside any transaction."""
    import psycopg

    params = {
        "dbname": "postgres",
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
    }
    return psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True)


def _database_url(settings_dict, name: str) -> str:
    user = settings_dict.get("USER") or ""
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{user}{password}{'@' if user else ''}{host}{port}/{name}"


def prepare_postgresql(connection) -> bool:
    """Before Django creates the test database: copy it from the template database (built first if
    missing). Django is then told to keep it (keepdb), so it migrates nothing."""
    folder = template_folder()
    if folder is None or connection.vendor != "postgresql":
        return False
    settings_dict = connection.settings_dict
    test_name = settings_dict.get("TEST", {}).get("NAME") or f"test_{settings_dict['NAME']}"
    template = f"lms_template_{migrations_hash()}"
    with _locked(folder, template), _server(settings_dict) as server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template]).fetchone()
        if not exists:
            building = f"{template}_building"
            server.execute(f'DROP DATABASE IF EXISTS "{building}"')
            server.execute(f'CREATE DATABASE "{building}"')
            _migrate(_database_url(settings_dict, building))
            server.execute(f'ALTER DATABASE "{building}" RENAME TO "{template}"')
        server.execute(f'DROP DATABASE IF EXISTS "{test_name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template}"')
    return True
