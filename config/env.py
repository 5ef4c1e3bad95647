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


def file_storages(*, staticfiles_backend: str) -> dict:
    """``STORAGES``: local folders, or an S3-compatible bucket when ``LMS_S3_BUCKET`` is set.

    In the bucket public media lie under ``media/`` and private files under ``private/``, or in
    ``LMS_S3_PRIVATE_BUCKET`` when set (a bucket of its own, e.g. with other backup or lifecycle
    rules). Nothing there is public or has an ACL (lms/core/storage.py says how files reach a browser).
    Credentials: ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY``, the names every S3 tool reads."""
    static = {"BACKEND": staticfiles_backend}
    bucket = env.str("LMS_S3_BUCKET", default="")
    if not bucket:
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {"BACKEND": "lms.core.storage.PrivateStorage"},
            "staticfiles": static,
        }
    from botocore.config import Config

    endpoint = env.str("LMS_S3_ENDPOINT_URL", default="")
    if endpoint and urlsplit(endpoint).scheme not in ("http", "https"):
        raise ConfigurationError(f"LMS_S3_ENDPOINT_URL {endpoint!r} must be an http(s):// address.")
    shared = {
        "endpoint_url": endpoint or None,
        "region_name": env.str("LMS_S3_REGION", default="us-east-1"),
        "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
        # Path-style (https://s3.example.se/bucket/key): Ceph RGW, SeaweedFS and Garage need no wildcard DNS.
        "addressing_style": env.str("LMS_S3_ADDRESSING_STYLE", default="path"),
        "signature_version": "s3v4",
        "default_acl": None,  # no per-object ACLs: the bucket's own policy (private) holds for every file
        "file_overwrite": False,  # Wagtail's advice: two uploads of one name never replace each other
        "querystring_auth": True,
        # A bucket that does not answer is an outage, not a slow file: fail within seconds, retry once.
        "client_config": Config(
            connect_timeout=env.float("LMS_S3_CONNECT_TIMEOUT", default=3.0),
            read_timeout=env.float("LMS_S3_READ_TIMEOUT", default=30.0),
            retries={"max_attempts": 2, "mode": "standard"},
        ),
    }
    return {
        "default": {
            "BACKEND": "lms.core.storage.MediaBucketStorage",
            "OPTIONS": {**shared, "bucket_name": bucket, "location": "media"},
        },
        "private": {
            "BACKEND": "lms.core.storage.PrivateBucketStorage",
            "OPTIONS": {
                **shared,
                "bucket_name": env.str("LMS_S3_PRIVATE_BUCKET", default="") or bucket,
                "location": "private",
            },
        },
        "staticfiles": static,
    }


# wagtail-localize's machine translators this platform may use: a self-hosted LibreTranslate (the text stays
# on the municipality's own server) or DeepL (a service abroad: the municipality's own decision).
MACHINE_TRANSLATORS = {
    "libretranslate": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
    "deepl": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
}


def machine_translator() -> dict | None:
    """``WAGTAILLOCALIZE_MACHINE_TRANSLATOR`` from ``LMS_MACHINE_TRANSLATOR`` (unset or ``off``: none, the
    default): ``libretranslate`` with ``LMS_LIBRETRANSLATE_URL`` (and ``LMS_LIBRETRANSLATE_API_KEY`` if the
    server asks for one), or ``deepl`` with ``LMS_DEEPL_AUTH_KEY``; ``LMS_MACHINE_TRANSLATOR_TIMEOUT`` seconds
    per request. Its output is unreviewed until an editor approves it (lms/languages/wagtail_hooks.py); a bad
    value stops start-up."""
    name = env.str("LMS_MACHINE_TRANSLATOR", default="").strip().lower()
    if name in ("", "off"):
        return None
    if name not in MACHINE_TRANSLATORS:
        raise ConfigurationError(
            f"LMS_MACHINE_TRANSLATOR {name!r} is not a machine translator: use libretranslate, deepl or off."
        )
    timeout = env.str("LMS_MACHINE_TRANSLATOR_TIMEOUT", default="10").strip()
    if not timeout.isdigit() or not 1 <= int(timeout) <= 300:
        raise ConfigurationError(
            f"LMS_MACHINE_TRANSLATOR_TIMEOUT {timeout!r} must be a whole number of seconds, 1–300."
        )
    if name == "libretranslate":
        url = env.str("LMS_LIBRETRANSLATE_URL", default="").strip()
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigurationError(
                f"LMS_LIBRETRANSLATE_URL {url!r} must be the http(s):// address of the LibreTranslate server "
                "when LMS_MACHINE_TRANSLATOR=libretranslate."
            )
        options = {
            "LIBRETRANSLATE_URL": url.rstrip("/"),
            "API_KEY": env.str("LMS_LIBRETRANSLATE_API_KEY", default=""),
        }
    else:
        key = env.str("LMS_DEEPL_AUTH_KEY", default="").strip()
        if not key:
            raise ConfigurationError("LMS_DEEPL_AUTH_KEY must be set when LMS_MACHINE_TRANSLATOR=deepl.")
        options = {"AUTH_KEY": key}
    return {"CLASS": MACHINE_TRANSLATORS[name], "OPTIONS": {**options, "TIMEOUT": int(timeout)}}
