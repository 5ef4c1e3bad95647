"""Reading the environment in one place.

Every setting that comes from the environment is read through ``env`` here, and
a value that cannot be used stops start-up with one clear line instead of a
traceback deep inside Django.
"""

import sys
import warnings
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


class ConfigurationError(SystemExit):
    """Start-up stops: the message is printed as one line, with exit status 1."""

    def __init__(self, message: str):
        sys.stderr.write(f"Configuration error: {message}\n")
        super().__init__(1)


def database_config(default: str) -> dict:
    """``DATABASE_URL`` as Django's DATABASES entry; a malformed URL stops start-up."""
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
    config.setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
    return config
