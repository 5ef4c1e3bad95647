"""Settings shared by every environment. Values that differ between machines come from the environment (config/env.py)."""

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, database_config, env

# --- Core ---------------------------------------------------------------------
SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]
THIRD_PARTY_APPS = [
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
]
LOCAL_APPS = [
    "home",
    "lms.core",
    "lms.organisation",
    "lms.courses",
    "lms.quizzes",
    "lms.certificates",
    "lms.requirements",
    "lms.reports",
]
INSTALLED_APPS = LOCAL_APPS + THIRD_PARTY_APPS + DJANGO_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.core.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "lms.core.middleware.AdminIdListMiddleware",
]

X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views set SAMEORIGIN for themselves
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.footer_pages",
                "lms.courses.context_processors.navigation",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------
# Embedded default: a SQLite file in the project. Production and CI: DATABASE_URL.
DATABASES = {"default": database_config(default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -----------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# --- Language, time and formats -----------------------------------------------
# Swedish by default, complete English too. Dates as ÅÅÅÅ-MM-DD (config/formats/).
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "lms_language"
LANGUAGE_COOKIE_SECURE = False  # production sets it
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media files ----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Certificate PDFs and report exports: outside MEDIA_ROOT, never served by the web server, only
# by the download views after their checks (lms/core/storage.py). Unset: "private_media" beside MEDIA_ROOT.
LMS_PRIVATE_MEDIA_ROOT = env("LMS_PRIVATE_MEDIA_ROOT", default="") or None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail -------------------------------------------------------------------
# Default: printed to the console. Production: EMAIL_URL, e.g. smtp+tls://user:pass@host:587.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)  # EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, …
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Utbildningsportalen <noreply@example.se>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Cache --------------------------------------------------------------------
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# --- Rate limits (django-ratelimit, counted in the cache above) -----------------
# Public certificate verification, per client address: enough for people, too few to guess codes.
LMS_CERTIFICATE_VERIFY_RATE = env.str("LMS_CERTIFICATE_VERIFY_RATE", default="20/m")
# Behind a reverse proxy every request comes from the proxy's address: name the header the
# proxy sets with the client's address (e.g. HTTP_X_REAL_IP), or everyone shares one limit.
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="REMOTE_ADDR")

# --- Celery -------------------------------------------------------------------
# No broker configured: tasks run eagerly in the calling process (the embedded default).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# Eager calls still take a producer from the pool; the in-memory transport keeps that local
# (no "No hostname was supplied" warning, no attempt at an AMQP server on localhost).
CELERY_BROKER_URL = CELERY_BROKER_URL or "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE: dict = {
    # Nightly re-assignment catches new people, renewals coming due and anything a save hook missed.
    "assign-required-training": {
        "task": "lms.requirements.tasks.assign_all_task",
        "schedule": crontab(hour=2, minute=15),
    },
    "anonymise-leavers": {"task": "lms.organisation.tasks.anonymise_leavers", "schedule": crontab(hour=3, minute=30)},
    "refresh-report-summary": {"task": "lms.reports.tasks.refresh_summary_task", "schedule": crontab(minute="*/5")},
    "snapshot-public-figures": {
        "task": "lms.reports.tasks.snapshot_public_figures_task",
        "schedule": crontab(hour=3, minute=0),
    },
    "send-reminders": {"task": "lms.requirements.tasks.send_reminders_task", "schedule": crontab(hour=7, minute=0)},
    "expire-report-exports": {
        "task": "lms.reports.tasks.expire_export_jobs_task",
        "schedule": crontab(hour=3, minute=45),
    },
}

# --- Wagtail ------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Demokrati och likabehandling"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAIL_MODERATION_ENABLED = True

# --- Logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "lms": {"level": env.str("LOG_LEVEL", default="INFO")},
        "home": {"level": env.str("LOG_LEVEL", default="INFO")},
    },
}

# --- Single sign-on and personal data (config/settings/sso.py) ----------------
from .sso import *  # noqa: E402, F403

# --- Required training ---------------------------------------------------------
LMS_RENEWAL_LEAD_DAYS = env.int("LMS_RENEWAL_LEAD_DAYS", default=60)  # assign the next cycle this long before expiry
LMS_REMINDER_DAYS_BEFORE_DUE = env.int("LMS_REMINDER_DAYS_BEFORE_DUE", default=7)
LMS_MANAGER_DIGEST_AFTER_WEEKS = env.int("LMS_MANAGER_DIGEST_AFTER_WEEKS", default=2)

# --- Reports -------------------------------------------------------------------
# Background exports list named people: the job and its file are deleted this many days after.
LMS_REPORTS_EXPORT_KEEP_DAYS = env.int("LMS_REPORTS_EXPORT_KEEP_DAYS", default=7)
