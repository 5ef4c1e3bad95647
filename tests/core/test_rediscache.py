"""The cache's circuit breaker (lms/core/rediscache.py) on its own: when it opens, what it lets through,
when it closes, and what it logs. With a real Redis frozen and gone: tests/operations/test_cache_outage.py."""

import logging
import threading

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from lms.core.rediscache import CacheOutageLoggedOnce, CacheUnavailable, CircuitBreaker, cache_reconnected


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def breaker(clock):
    return CircuitBreaker("redis test:6379/1", retry_seconds=30, clock=clock)


def timeout():
    raise RedisTimeoutError("Timeout reading from socket")


def answered(value="ok"):
    return lambda: value


def test_one_failure_opens_it_and_nothing_is_asked_until_the_wait_is_over(breaker, clock, caplog):
    asked = []
    assert breaker.call(answered()) == "ok"
    with pytest.raises(RedisTimeoutError):
        breaker.call(timeout)
    assert breaker.is_open
    for _ in range(25):  # a page's worth of cache calls
        with pytest.raises(CacheUnavailable):
            breaker.call(lambda: asked.append(1))
    clock.now += 29.9
    with pytest.raises(CacheUnavailable):
        breaker.call(lambda: asked.append(1))
    assert asked == []
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "redis test:6379/1 cannot be reached (TimeoutError: Timeout reading from socket)" in caplog.text


def test_the_probe_closes_it_when_answered_and_the_versions_are_told(breaker, clock, caplog):
    told = []

    def receiver(sender, name, **kwargs):
        told.append(name)

    caplog.set_level(logging.INFO, logger="lms.core.rediscache")
    cache_reconnected.connect(receiver)
    try:
        with pytest.raises(RedisConnectionError):
            breaker.call(lambda: (_ for _ in ()).throw(RedisConnectionError("Connection refused")))
        clock.now += 30
        assert breaker.call(answered("back")) == "back"
    finally:
        cache_reconnected.disconnect(receiver)
    assert not breaker.is_open
    assert told == ["redis test:6379/1"]
    assert [r.levelname for r in caplog.records] == ["WARNING", "INFO"]
    assert "answers again after 30 s" in caplog.text
    assert breaker.call(answered()) == "ok"


def test_a_failed_probe_opens_it_again_without_a_second_warning(breaker, clock, caplog):
    with pytest.raises(RedisTimeoutError):
        breaker.call(timeout)
    for _ in range(3):
        clock.now += 30
        with pytest.raises(RedisTimeoutError):
            breaker.call(timeout)  # the probe, which fails
        with pytest.raises(CacheUnavailable):
            breaker.call(answered())  # and the wait starts again
    assert [r.levelname for r in caplog.records] == ["WARNING"]  # one outage, one warning


def test_one_probe_at_a_time(breaker, clock):
    with pytest.raises(RedisTimeoutError):
        breaker.call(timeout)
    clock.now += 30
    probing, release, others = threading.Event(), threading.Event(), []

    def slow_probe():
        probing.set()
        release.wait(10)
        return "ok"

    thread = threading.Thread(target=lambda: breaker.call(slow_probe))
    thread.start()
    assert probing.wait(10)
    for _ in range(5):  # other threads of the worker meanwhile: refused, not sent to a Redis that may hang
        with pytest.raises(CacheUnavailable):
            breaker.call(lambda: others.append(1))
    release.set()
    thread.join(10)
    assert others == [] and not breaker.is_open


def test_a_probe_answered_with_an_error_closes_it(breaker, clock):
    """The server answered (a wrong command is the caller's fault): it is there."""
    with pytest.raises(RedisTimeoutError):
        breaker.call(timeout)
    clock.now += 30
    with pytest.raises(ResponseError):
        breaker.call(lambda: (_ for _ in ()).throw(ResponseError("WRONGTYPE")))
    assert not breaker.is_open


def test_an_interrupted_probe_lets_the_next_call_probe(breaker, clock):
    """A probe cut short (gunicorn's worker timeout raises in the worker) must not leave it open for good."""
    with pytest.raises(RedisTimeoutError):
        breaker.call(timeout)
    clock.now += 30
    with pytest.raises(KeyboardInterrupt):
        breaker.call(lambda: (_ for _ in ()).throw(KeyboardInterrupt()))
    assert breaker.call(answered()) == "ok"
    assert not breaker.is_open


def test_a_call_sent_before_it_opened_does_not_close_it(breaker, clock):
    sent, opened = threading.Event(), threading.Event()

    def early_call():
        sent.set()
        opened.wait(10)
        return "late answer"

    thread = threading.Thread(target=lambda: breaker.call(early_call))
    thread.start()
    assert sent.wait(10)
    with pytest.raises(RedisTimeoutError):
        breaker.call(timeout)
    opened.set()
    thread.join(10)
    assert breaker.is_open


def record_of(error: Exception) -> logging.LogRecord:
    from django_redis.exceptions import ConnectionInterrupted

    try:
        try:
            raise error
        except Exception as cause:
            raise ConnectionInterrupted(connection=None) from cause
    except ConnectionInterrupted as interrupted:
        exc_info = (type(interrupted), interrupted, interrupted.__traceback__)
    return logging.LogRecord("django_redis.cache", logging.ERROR, __file__, 1, "Exception ignored", (), exc_info)


def test_django_redis_line_per_call_is_dropped_for_an_outage_only():
    """The breaker logs an outage once; django-redis would log each ignored call with its traceback."""
    only_once = CacheOutageLoggedOnce()
    assert not only_once.filter(record_of(RedisConnectionError("Connection refused")))
    assert not only_once.filter(record_of(CacheUnavailable("not asked")))
    assert not only_once.filter(record_of(RedisTimeoutError("Timeout")))
    assert only_once.filter(record_of(ResponseError("OOM command not allowed")))  # not an outage: kept
