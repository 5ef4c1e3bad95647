"""The Celery app. Broker and behaviour come from Django settings (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _name_redbeat_settings(sender, **kwargs):
    """RedBeat (the one beat's lock, settings/base.py) asks whether its settings are set by their own names
    only, not Django's CELERY_REDBEAT_*: without this it drops the Redis options and warns that it falls
    back to the broker's address."""
    for name in ("redbeat_redis_url", "redbeat_redis_options"):
        sender.conf[name] = sender.conf.first(name)
