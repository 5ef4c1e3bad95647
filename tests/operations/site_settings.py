"""Settings of the gunicorn that test_cache_outage.py starts: production's, on the test's database
(DATABASE_URL) and the test's own Redis (CELERY_BROKER_URL; the cache on the database after it, as in
production), with static files named as they are instead of from a collectstatic manifest."""

from django.conf import global_settings

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# The test's users got their passwords from the test settings' fast hasher: production's verify it too.
PASSWORD_HASHERS = [*global_settings.PASSWORD_HASHERS, "django.contrib.auth.hashers.MD5PasswordHasher"]
