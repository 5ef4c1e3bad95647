"""Production settings: the cache apart from the broker, and a cache that cannot be reached is a miss."""

import json

from tests.config.test_settings import BADGE_KEY, settings_in_subprocess

CODE = (
    "import json; print(json.dumps({'cache': settings.CACHES['default'], 'broker': settings.CELERY_BROKER_URL, "
    "'transport': settings.CELERY_BROKER_TRANSPORT_OPTIONS, 'fail_open': settings.RATELIMIT_FAIL_OPEN, "
    "'exempt': settings.SECURE_REDIRECT_EXEMPT}))"
)


def test_production_cache_is_redis_apart_from_the_broker_and_ignores_its_absence():
    env = {
        "SECRET_KEY": "k8#Vq2!pL0z" * 6,
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        "LMS_OPEN_BADGE_KEYS": BADGE_KEY,
    }
    found = json.loads(settings_in_subprocess("config.settings.production", CODE, **env))
    cache = found["cache"]
    assert cache["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/1" != found["broker"]
    assert cache["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    # A frozen or vanished server costs a page one timeout, then the process stops asking (rediscache.py).
    assert cache["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] <= 1 and cache["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
    assert cache["OPTIONS"]["REDIS_CLIENT_CLASS"] == "lms.core.rediscache.BreakingRedis"
    assert found["fail_open"] is True
    assert found["transport"]["visibility_timeout"] == 420
    assert found["exempt"] == [r"^healthz$"]
    # A CACHE_URL of one's own keeps its options and still gets the ignore.
    env["CACHE_URL"] = "rediscache://cache.example:6379/2?key_prefix=lms"
    cache = json.loads(settings_in_subprocess("config.settings.production", CODE, **env))["cache"]
    assert cache["LOCATION"] == "redis://cache.example:6379/2"
    assert cache["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert cache["OPTIONS"]["REDIS_CLIENT_CLASS"] == "lms.core.rediscache.BreakingRedis"
