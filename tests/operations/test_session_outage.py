"""A session deleted while the cache's Redis was frozen is served by no process once it answers again.

Two web processes are played by two cache clients on the test's own Redis, each with its own connection
pool and so its own circuit breaker (as two gunicorn workers have): "a" signs the session out during the
outage, "b" reads it afterwards. The breakers' clocks are moved by the test instead of waiting."""

import pytest
import redis
from django.contrib.sessions.backends.cached_db import KEY_PREFIX, SessionStore
from django.core.cache import caches

from lms.core.rediscache import cache_breaker

from .conftest import breaking_cache

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def processes(redis_server, settings):
    """Production's cache and sessions; the cache alias "default" is process a's, "b" process b's."""
    a = breaking_cache(redis_server.url)["default"]
    settings.CACHES = {"default": a, "b": {**a, "LOCATION": f"{redis_server.url}?client_name=process-b"}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    clocks = {}
    for alias in ("default", "b"):
        breaker = cache_breaker(alias)
        breaker.clock = clocks[alias] = Clock()
    assert cache_breaker("default") is not cache_breaker("b")
    return clocks


def session_in(alias: str, session_key: str | None = None) -> SessionStore:
    """The session as the process owning cache ``alias`` reads and writes it."""
    store = SessionStore(session_key=session_key)
    store._cache = caches[alias]
    return store


def test_a_session_signed_out_during_an_outage_is_not_served_by_another_process_afterwards(
    redis_server, processes, settings
):
    server = redis.Redis.from_url(redis_server.url)
    signed_in = session_in("default")
    signed_in["_auth_user_id"] = "42"
    signed_in.create()
    key = signed_in.session_key
    assert server.exists(f":1:{KEY_PREFIX}{key}")
    assert session_in("b", key).load() == {"_auth_user_id": "42"}

    redis_server.freeze()
    try:
        assert caches["b"].get("anything") is None  # b meets the outage too (its page's first cache call)
        assert caches["default"].get("anything") is None  # so does a, on its page before the sign-out
        # a signs out: the row goes; the cache's delete is dropped, not even sent (it would reach the frozen
        # Redis's socket and be done when it wakes), and remembered in a only.
        session_in("default", key).delete()
        assert cache_breaker("default").is_open and cache_breaker("b").is_open
    finally:
        redis_server.thaw()
    assert server.exists(f":1:{KEY_PREFIX}{key}")  # the frozen Redis still holds the copy

    # a asks nothing more (no request comes to it, or it was restarted and forgot the dropped delete);
    # b's wait is over and its next page asks for the session.
    settings.SESSION_CACHE_ALIAS = "b"  # from here the code runs as process b, whose sessions' cache is b's
    processes["b"].now += cache_breaker("b").retry_seconds
    assert session_in("b", key).load() == {}
    assert not cache_breaker("b").is_open
    assert not server.exists(f":1:{KEY_PREFIX}{key}")
    assert cache_breaker("default").is_open  # a has not asked yet: b did not wait for it


def test_the_sessions_still_signed_in_are_read_again_from_the_database_and_cached_again(
    redis_server, processes, settings
):
    server = redis.Redis.from_url(redis_server.url)
    kept = session_in("default")
    kept["_auth_user_id"] = "7"
    kept.create()
    redis_server.freeze()
    try:
        assert caches["b"].get("anything") is None
    finally:
        redis_server.thaw()
    settings.SESSION_CACHE_ALIAS = "b"
    processes["b"].now += cache_breaker("b").retry_seconds
    assert session_in("b", kept.session_key).load() == {"_auth_user_id": "7"}
    assert server.exists(f":1:{KEY_PREFIX}{kept.session_key}")  # cached again from its row
