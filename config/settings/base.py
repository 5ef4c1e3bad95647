"""Settings shared by every environment. Values that differ between machines come from the environment (config/env.py)."""

from datetime import timedelta

from celery.schedules import crontab
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, database_config, env, file_storages, machine_translator
from lms.core.static_headers import static_file_headers

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
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales: the admin's list of content languages
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
    "csp",
    "axes",
]
LOCAL_APPS = [
    "home",
    "lms.core",
    "lms.records",  # below organisation: every app declares its record types to it
    "lms.access",  # the access rule, the admin's viewset base, roles, the register extract's registry
    "lms.organisation",
    "lms.accounts",  # sign-in: single sign-on, lockouts, the permission cache (above organisation)
    "lms.imports",  # the HR import: writes people and units through organisation; politics adds a kind
    "lms.languages",  # the languages content is read in: the learner's choice, a page's translation
    "lms.courses",
    "lms.packages",  # SCORM and H5P packages as lessons (a lesson type above courses)
    "lms.polls",
    "lms.quizzes",
    "lms.certificates",
    "lms.requirements",
    "lms.completions",  # completions from elsewhere: historical (HR import) and marked by hand
    "lms.reports",
    "lms.paths",  # learning paths and their certificates: above courses, certificates and requirements
    "lms.surveys",
    "lms.accessibility",
    "lms.politics",
    "lms.public_documents",
    "lms.operations",
    "lms.plans",
    "lms.group_training",
    "lms.active_measures",  # the active-measures annex: reads reports, group sessions, surveys and the plan
    "lms.badges",  # Open Badges 3.0 beside every certificate: above certificates and paths
]
INSTALLED_APPS = LOCAL_APPS + THIRD_PARTY_APPS + DJANGO_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files first: nothing after it runs for them (their policy headers: WHITENOISE_ADD_HEADERS_FUNCTION).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lms.core.middleware.ContentSecurityPolicyMiddleware",  # the admin's policy or the site's, by path
    "lms.core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.core.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "lms.core.middleware.CachedSiteMiddleware",  # the request's Wagtail site from the cache
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "lms.core.middleware.AdminIdListMiddleware",
    "lms.core.middleware.StorageUnavailableMiddleware",  # the file store away: 503 "try again", not a 500
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers

X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views set SAMEORIGIN for themselves

# --- Headers and sessions -----------------------------------------------------------
# Content-Security-Policy (django-csp; the middleware in lms/core/middleware.py picks the policy by
# path). The site: scripts only from its own files or with the request's nonce, never inline.
# Inline styles stay allowed: the report charts size themselves with style attributes and CSS
# cannot run script; what a CSP must stop, script, is stopped.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Under /admin/ only: Wagtail's admin writes inline scripts (its settings, page editor, choosers) and
# shows previews in frames of itself. Still nothing from other hosts.
LMS_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
# Browser features the site never uses, off for it and anything it might embed.
LMS_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
SECURE_REFERRER_POLICY = "same-origin"
# A session ends after this many seconds (default 8 hours), and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
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
                "home.context_processors.survey_index",
                "lms.courses.context_processors.navigation",
                "lms.languages.context_processors.languages",
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
# Password sign-ins pass django-axes first (it refuses locked accounts); single sign-on's backend
# (sso.py) is not counted: the whitelist below lets through every attempt without a password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "lms.accounts.backends.CachedModelBackend",  # Django's ModelBackend, permissions cached
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# --- Language, time and formats -----------------------------------------------
# Swedish by default, complete English too. Dates as ÅÅÅÅ-MM-DD (config/formats/).
LANGUAGE_CODE = "sv"
# The interface's languages (our own .po files): the language switch in the header and the e-mails.
LMS_INTERFACE_LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
# The languages a course can be read in (lms.languages), each named in itself: Swedish is the source,
# easy Swedish (lättläst) is its own locale under a private-use code (BCP 47 "x-" subtag). A municipality
# adds its own as LMS_EXTRA_CONTENT_LANGUAGES="ar=العربية,so=Soomaali,fit=Meänkieli"; right-to-left ones
# are those in Django's LANGUAGES_BIDI (Arabic, Persian, Sorani, Urdu, Hebrew …).
LMS_CONTENT_LANGUAGES = [
    ("sv", "Svenska"),
    ("sv-x-ll", "Lättläst svenska"),
    ("en", "English"),
    ("fi", "Suomi"),
    *env.dict("LMS_EXTRA_CONTENT_LANGUAGES", default={}).items(),
]
# Wagtail asks that its content languages be among Django's LANGUAGES; the interface is still only
# LMS_INTERFACE_LANGUAGES (lms.core.middleware activates no other).
LANGUAGES = LMS_INTERFACE_LANGUAGES + [
    (code, name) for code, name in LMS_CONTENT_LANGUAGES if code not in dict(LMS_INTERFACE_LANGUAGES)
]
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
# Certificate PDFs, report exports and council reports: outside MEDIA_ROOT, never served by the web server, only
# by the download views after their checks (lms/core/storage.py). Unset: "private_media" beside MEDIA_ROOT.
LMS_PRIVATE_MEDIA_ROOT = env("LMS_PRIVATE_MEDIA_ROOT", default="") or None
# The demo (load_demo) makes accounts with a public password: never allowed in production.
LMS_DEMO_ALLOWED = True
# Every file through Django's storages: local folders (above) by default, an S3-compatible bucket when
# LMS_S3_BUCKET is set (config/env.py, lms/core/storage.py). Static files: whitenoise's, URLs remembered.
STORAGES = file_storages(staticfiles_backend="lms.core.storage.StaticFilesStorage")
# Wagtail's documents through its own view (its privacy rules, then the storage), never a redirect to the file.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# How long browsers may keep an image from a bucket (lms/core/views.py): its name changes with its content.
LMS_MEDIA_MAX_AGE = env.int("LMS_MEDIA_MAX_AGE", default=7 * 24 * 3600)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail -------------------------------------------------------------------
# Default: printed to the console. Production: EMAIL_URL, e.g. smtp+tls://user:pass@host:587.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
globals().update(EMAIL_CONFIG)  # EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT, …
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Utbildningsportalen <noreply@example.se>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Cache --------------------------------------------------------------------
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# --- Group sessions (lms/group_training) ----------------------------------------
# How many days back a leader may date a workplace meeting's session (recorded after the meeting);
# older ones are HR's to correct, with a reason.
LMS_GROUP_SESSION_MAX_BACKDATE_DAYS = env.int("LMS_GROUP_SESSION_MAX_BACKDATE_DAYS", default=14)

# --- Open Badges (lms/badges) ---------------------------------------------------
# The keys that sign the Open Badges beside certificates: "kid:key" entries, comma-separated, oldest
# first; the last one signs, every one is published (the JWKS), so a credential signed with an older key
# still verifies after a new one is added. A key is base64 of a PKCS#8 DER private key (RSA → RS256,
# P-256 → ES256); `manage.py open_badge_key --kid 2027-01` makes an entry. Empty (development and tests
# only; production refuses to start): one P-256 key derived from SECRET_KEY.
LMS_OPEN_BADGE_KEYS = env.list("LMS_OPEN_BADGE_KEYS", default=[])
# Largest credential the public verification page reads (pasted or uploaded), in bytes.
LMS_OPEN_BADGE_MAX_BYTES = env.int("LMS_OPEN_BADGE_MAX_BYTES", default=32 * 1024)

# --- Rate limits (django-ratelimit, counted in the cache above) -----------------
# Public certificate verification, per client address: enough for people, too few to guess codes.
LMS_CERTIFICATE_VERIFY_RATE = env.str("LMS_CERTIFICATE_VERIFY_RATE", default="20/m")
# /healthz per client address: a probe every few seconds passes, a flood does not (lms/operations/views.py).
LMS_HEALTHZ_RATE = env.str("LMS_HEALTHZ_RATE", default="60/m")
# /healthz's details (services, queue, oldest late work) for monitoring from another machine:
# "Authorization: Bearer <token>". Unset: only a probe on this machine sees them.
LMS_HEALTHZ_TOKEN = env.str("LMS_HEALTHZ_TOKEN", default="")
# Behind a reverse proxy every request comes from the proxy's address: name the header the
# proxy sets with the client's address (e.g. HTTP_X_REAL_IP), or everyone shares one limit.
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="REMOTE_ADDR")
# While the cache cannot be reached these limits count nothing and let requests through, rather
# than refuse everyone with a "too many requests" that is not true: the verification codes have
# 80 bits (no guessing them either way) and sign-in throttling counts in the database, not here.
RATELIMIT_FAIL_OPEN = True

# --- Sign-in throttling (django-axes; lms/accounts/lockouts.py) -------------------
# Wrong passwords for one account from one address lock that account for that address; more
# for one account from any addresses lock it everywhere (a distributed attack). Locks end after
# the cool-off, or when HR unlocks (Settings → Sign-in lockouts). Password reset: per address
# and per e-mail address (django-ratelimit).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = env.int("LMS_SIGNIN_FAILURE_LIMIT", default=10)
LMS_SIGNIN_ACCOUNT_FAILURE_LIMIT = env.int("LMS_SIGNIN_ACCOUNT_FAILURE_LIMIT", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LMS_SIGNIN_COOLOFF_MINUTES", default=15))
AXES_HANDLER = "lms.accounts.lockouts.LockoutHandler"
AXES_CLIENT_IP_CALLABLE = "lms.accounts.lockouts.client_ip"  # the address as RATELIMIT_IP_META_KEY says
AXES_WHITELIST_CALLABLE = "lms.accounts.lockouts.is_not_a_password_attempt"
AXES_LOCKOUT_CALLABLE = "lms.accounts.lockouts.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ADMIN = False  # only Wagtail's admin here: lms/accounts/lockouts.py
AXES_VERBOSE = False
LMS_PASSWORD_RESET_RATE = env.str("LMS_PASSWORD_RESET_RATE", default="5/h")  # per e-mail address
LMS_PASSWORD_RESET_ADDRESS_RATE = env.str("LMS_PASSWORD_RESET_ADDRESS_RATE", default="20/h")

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
# Redis hands an unacknowledged message to another worker after the visibility timeout: a worker
# killed hard has its task done again that long after (kombu's default is an hour). It must outlast
# the longest a late-acked task may legitimately hold its message, or a task still running is done
# twice: one task waiting in the prefetch buffer behind another, each up to the hard time limit
# (2 ×), and a minute for clocks and the restore sweep. Tasks allowed to run longer than
# CELERY_TASK_TIME_LIMIT (exports, imports, the nightly anonymisation) acknowledge early instead,
# and the waiting-work sweep (lms/operations) asks for them again; tests/operations checks both.
LMS_BROKER_VISIBILITY_TIMEOUT = 2 * CELERY_TASK_TIME_LIMIT + 60  # 7 minutes
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": LMS_BROKER_VISIBILITY_TIMEOUT,
    # A broker that vanishes without closing the connection must not hang a learner's request
    # (the publish on commit of a completion) or a worker: fail within seconds, the sweep catches up.
    "socket_connect_timeout": 5,
    "socket_timeout": 10,
}
# Work asked for on commit that has waited this long was lost (a publish that failed, a message gone
# with the broker's memory), not merely slow: the broker would have handed it out again by now. The
# sweep asks for it again, and /healthz reports the oldest waiting work.
LMS_WORK_STUCK_AFTER = timedelta(seconds=LMS_BROKER_VISIBILITY_TIMEOUT + 180)  # 10 minutes
# One scheduler across every machine (Celery: "run one beat only"). RedBeat keeps the schedule's last
# runs in Redis and a lock there that the running beat renews at every tick (at least every
# CELERY_BEAT_MAX_LOOP_INTERVAL seconds). A second beat started by mistake waits for the lock and sends
# nothing; it takes over when the first stops (the lock is released) or dies (the lock expires after
# LMS_BEAT_LOCK_SECONDS). tests/operations/test_one_beat.py runs two beats against Redis.
CELERY_BEAT_SCHEDULER = "redbeat.RedBeatScheduler"
CELERY_BEAT_MAX_LOOP_INTERVAL = 30
CELERY_REDBEAT_LOCK_TIMEOUT = env.int("LMS_BEAT_LOCK_SECONDS", default=150)
CELERY_REDBEAT_KEY_PREFIX = "lms:beat"
CELERY_REDBEAT_REDIS_URL = env.str("LMS_BEAT_REDIS_URL", default="") or CELERY_BROKER_URL
CELERY_REDBEAT_REDIS_OPTIONS = {"socket_connect_timeout": 5, "socket_timeout": 10}
CELERY_BEAT_SCHEDULE: dict = {
    # Nightly re-assignment catches new people, renewals coming due and anything a save hook missed.
    "assign-required-training": {
        "task": "lms.requirements.tasks.assign_all_task",
        "schedule": crontab(hour=2, minute=15),
    },
    # The retention decisions in force, exactly those (lms/records); nothing without a decision.
    "apply-retention-decisions": {
        "task": "lms.records.tasks.apply_retention_decisions_task",
        "schedule": crontab(hour=3, minute=30),
    },
    "refresh-report-summary": {"task": "lms.reports.tasks.refresh_summary_task", "schedule": crontab(minute="*/5")},
    # Survey results released in batches, never live (lms/surveys/models.py); before the plan's
    # indicators are recorded, which count released answers.
    "release-survey-results": {
        "task": "lms.surveys.tasks.release_survey_results_task",
        "schedule": crontab(hour=2, minute=45),
    },
    "snapshot-public-figures": {
        "task": "lms.reports.tasks.snapshot_public_figures_task",
        "schedule": crontab(hour=3, minute=0),
    },
    "send-reminders": {"task": "lms.requirements.tasks.send_reminders_task", "schedule": crontab(hour=7, minute=0)},
    "expire-report-exports": {
        "task": "lms.reports.tasks.expire_export_jobs_task",
        "schedule": crontab(hour=3, minute=45),
    },
    # Work asked for only on commit (certificates, exports, imports, re-renders) and lost on the way
    # is asked for again; also once at every worker start (lms/operations/tasks.py).
    # The democracy plan's measured indicators, recorded daily so the follow-up shows them over time.
    "record-indicator-measurements": {
        "task": "lms.plans.tasks.record_indicator_measurements_task",
        "schedule": crontab(hour=3, minute=15),
    },
    "sweep-waiting-work": {"task": "lms.operations.tasks.sweep_waiting_work_task", "schedule": crontab(minute="*/5")},
}

# --- Wagtail ------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Demokrati och likabehandling"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = True  # content in several languages: lms.languages, with wagtail-localize
WAGTAIL_CONTENT_LANGUAGES = LMS_CONTENT_LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LMS_INTERFACE_LANGUAGES
# Machine translation is off unless configured: a self-hosted LibreTranslate or DeepL, by environment only
# (LMS_MACHINE_TRANSLATOR, config/env.py). Its output is unreviewed until an editor approves each string, and a
# translation with unreviewed machine strings is not published from the editor (lms/languages/wagtail_hooks.py).
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator()
# A new translation starts as a draft: published with the source's words it would be "English" in Swedish.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# SVG for the organisation's logo (site settings): sharp at any size, on screen and in the certificate PDF.
# An SVG opened on its own can run script: the web server serving MEDIA_ROOT must send a restrictive
# Content-Security-Policy for it (README, beside "Static files are served by whitenoise").
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp", "svg"]
# Slugs from titles are ASCII: "Möten på nämnden" becomes "moten-pa-namnden", not "m%C3%B6ten-p%C3%A5-…".
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAIL_MODERATION_ENABLED = True
# Nothing leaves the site: no avatars from Gravatar (a hash of each user's e-mail address), no
# check for new Wagtail releases from the admin's dashboard.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_USER_LOGIN_FORM = "lms.accounts.forms.AdminLoginForm"  # "Password" in the admin's language

# --- Logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {  # WeasyPrint's fallback without libharfbuzz-subset0: said once, not for every font of every PDF
        "harfbuzz_subset_once": {
            "()": "lms.core.log_filters.OncePerProcess",
            "prefix": "Using fontTools instead of HarfBuzz-Subset",
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "weasyprint": {"filters": ["harfbuzz_subset_once"]},
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
# A completion list handed out as a public document (allmän handling) leaves out these fields unless
# HR, after the secrecy assessment of the request, chooses otherwise (lms.public_documents.models.WithheldField:
# name, email, employee_number, audience). The platform stores no personal identity numbers.
LMS_PUBLIC_DOCUMENT_WITHHOLD = env.list("LMS_PUBLIC_DOCUMENT_WITHHOLD", default=["email", "employee_number"])
