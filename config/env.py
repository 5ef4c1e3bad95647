"""Reading the environment in one place.

Every setting that comes from the environment is read through ``env`` here, and
a value that cannot be used stops start-up with one clear line instead of a
traceback deep inside Django.
"""

import sys
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


class ConfigurationError(SystemExit):
    """Start-up stops: the message is printed as one line, with exit status 1."""

    def __init__(self, message: str):
        sys.stderr.write(f"Configuration error: {message}\n")
        super().__init__(1)


def database_config(default: str, conn_max_age: int = 0) -> dict:
    """``DATABASE_URL`` as Django's DATABASES entry; a malformed URL stops start-up.

    ``conn_max_age`` is how long a connection is kept for the next request unless
    DATABASE_CONN_MAX_AGE says otherwise; a kept connection is checked before it is reused."""
    url = env.str("DATABASE_URL", default=default)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # django-environ warns, then we say it once, clearly
            config = environ.Env.db_url_config(url)
    except Exception as exc:  # django-environ raises several kinds for bad URLs
        raise ConfigurationError(f"DATABASE_URL is not a valid database URL ({exc}).") from None
    engine = config.get("ENGINE", "")
    if not engine or not config.get("NAME"):
        raise ConfigurationError(
            f"DATABASE_URL {url.split('@')[-1]!r} names no known database engine and name; "
            "use e.g. postgres://user@host:5432/dbname or sqlite:///path/to/db.sqlite3."
        )
    config.setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=conn_max_age))
    config.setdefault("CONN_HEALTH_CHECKS", True)
    # Behind PgBouncer in transaction mode a transaction may land on another server connection than the
    # cursor it left open: .iterator() fetches all rows at once instead (deploy/README.md, "PostgreSQL").
    config.setdefault("DISABLE_SERVER_SIDE_CURSORS", env.bool("DATABASE_PGBOUNCER", default=False))
    return config


def next_redis_database(broker_url: str) -> str:
    """The Redis URL of the database after the broker's (``redis://h:6379/0`` → ``redis://h:6379/1``),
    for the cache; a broker that is not Redis leaves nothing to derive: CACHE_URL must be set."""
    parts = urlsplit(broker_url)
    if parts.scheme not in ("redis", "rediss"):
        raise ConfigurationError(f"CACHE_URL must be set when CELERY_BROKER_URL is not Redis ({parts.scheme}://).")
    db = parts.path.strip("/") or "0"
    if not db.isdigit():
        raise ConfigurationError(f"CELERY_BROKER_URL names no Redis database number ({db!r}); set CACHE_URL.")
    return urlunsplit(parts._replace(path=f"/{int(db) + 1}"))
