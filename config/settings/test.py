"""Settings for pytest: fast hashing, local memory cache, eager tasks unless a test brings a worker."""

from .base import *  # noqa: F403
from .base import STORAGES, env

DEBUG = False
SECRET_KEY = "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_ALWAYS_EAGER = True
ALLOWED_HOSTS = ["*"]
# Tests that need PostgreSQL, Redis or Chromium fail instead of skipping when this is on (CI).
LMS_REQUIRE_SERVICES = env.bool("LMS_REQUIRE_SERVICES", default=False)
# Never a machine translator in tests, whatever the environment says: no test calls a translation service.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
