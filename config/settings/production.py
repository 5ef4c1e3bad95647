"""Production: every secret and host from the environment; refuses to start without them."""

from config.env import ConfigurationError, database_config, next_redis_database

from .base import *  # noqa: F403
from .base import (
    BASE_DIR,
    CELERY_BROKER_URL,
    CELERY_REDBEAT_REDIS_URL,
    CELERY_TASK_ALWAYS_EAGER,
    LMS_OPEN_BADGE_KEYS,
    LOGGING,
    SECRET_KEY,
    env,
)

DEBUG = False
LMS_DEMO_ALLOWED = False  # load_demo creates accounts with a public password

if not SECRET_KEY or len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "test-", "django-insecure")):
    raise ConfigurationError("SECRET_KEY must be set to a random value of at least 50 characters in production.")
if not LMS_OPEN_BADGE_KEYS:  # the development key is derived from SECRET_KEY: never in production
    raise ConfigurationError(
        "LMS_OPEN_BADGE_KEYS must be set in production: the keys that sign Open Badges "
        "(make one with `DJANGO_SETTINGS_MODULE=config.settings.dev manage.py open_badge_key --kid 2027-01`; "
        "see deploy/lms.env.example)."
    )
if CELERY_TASK_ALWAYS_EAGER:  # no CELERY_BROKER_URL in the environment
    raise ConfigurationError("CELERY_BROKER_URL must be set in production (e.g. redis://127.0.0.1:6379/0).")

# --- Database -------------------------------------------------------------------
# Persistent connections: opening one costs PostgreSQL a new backend process and the request a
# round of authentication (bench/load.py: up to ~20 % at 50 users). Each gunicorn worker keeps its own for up to
# ten minutes, checked (CONN_HEALTH_CHECKS) before a request reuses it, so a restarted database
# costs one failed check, not an error page. DATABASE_CONN_MAX_AGE=0 goes back to one per request.
DATABASES = {"default": database_config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=600)}

# --- HTTPS and cookies ----------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True


# --- Cache --------------------------------------------------------------------
# Redis by default, so rate limits hold across gunicorn workers: the broker's server, but the
# database after the broker's (redis://host:6379/0 → /1), so neither flushes or crowds the other.
# A cache that cannot be reached is a miss, never an error (django-redis IGNORE_EXCEPTIONS), and after
# one timeout or lost connection the process stops asking it for LMS_CACHE_RETRY_SECONDS (a circuit
# breaker, lms/core/rediscache.py): a frozen or vanished Redis costs a page one timeout at most, and is
# logged once per outage. docs/architecture.md, "When Redis or a worker fails".
# (The broker's database is asked for only without CACHE_URL: a RabbitMQ broker with a Redis cache is fine.)
CACHES = {"default": env.cache_url_config(env.str("CACHE_URL", default="") or next_redis_database(CELERY_BROKER_URL))}
if str(CACHES["default"].get("LOCATION", "")).startswith(("redis://", "rediss://", "unix://")):
    CACHES["default"]["BACKEND"] = "django_redis.cache.RedisCache"
    CACHES["default"]["OPTIONS"] = {
        "IGNORE_EXCEPTIONS": True,
        "REDIS_CLIENT_CLASS": "lms.core.rediscache.BreakingRedis",
        # A cache call answers in about a millisecond; half a second is an outage, not a slow answer.
        "SOCKET_CONNECT_TIMEOUT": 0.5,
        "SOCKET_TIMEOUT": 0.5,
        **CACHES["default"].get("OPTIONS", {}),
    }
# The one beat's lock and schedule (base.py) live in Redis: the broker's, else the cache's (a RabbitMQ broker).
if not CELERY_REDBEAT_REDIS_URL.startswith(("redis://", "rediss://")):
    if CACHES["default"]["BACKEND"] != "django_redis.cache.RedisCache":
        raise ConfigurationError("LMS_BEAT_REDIS_URL must be set when neither the broker nor the cache is Redis.")
    CELERY_REDBEAT_REDIS_URL = CACHES["default"]["LOCATION"]
LMS_CACHE_RETRY_SECONDS = env.float("LMS_CACHE_RETRY_SECONDS", default=30)
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True  # other ignored errors; an outage is logged once (the filter)
LOGGING["filters"] = {**LOGGING.get("filters", {}), "cache_outage": {"()": "lms.core.rediscache.CacheOutageLoggedOnce"}}
LOGGING["loggers"]["django_redis.cache"] = {"filters": ["cache_outage"]}  # where it logs them
# Sessions read from the cache and written through to the database: one query less on every signed-in
# page, and with the cache away they are read from the database as before.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# /healthz is asked over plain HTTP by monitoring inside the network: no redirect to HTTPS for it.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Logging ------------------------------------------------------------------
ADMINS = [("Admin", a) for a in env.list("ADMIN_EMAILS", default=[])]
