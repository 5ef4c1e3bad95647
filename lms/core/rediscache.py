"""The cache's Redis client: after a timeout or a lost connection, the process stops asking for a while.

django-redis with ``IGNORE_EXCEPTIONS`` turns each failed call into a miss, but each call still waits for
its own timeout: with Redis frozen (a stuck network, a swapping server) a page of about 25 cache calls
took 25 s, and with Redis gone each call logged a traceback. Here a circuit breaker, one per process and
Redis server, opens at the first timeout or connection error: from then on every call fails at once (a
miss, a dropped write) without touching the network, until ``LMS_CACHE_RETRY_SECONDS`` have passed; then
one call goes through as a probe, and closes the breaker if it is answered. So a page pays one timeout
at most, and each gunicorn worker learns of an outage within one. An outage is logged once, when the
breaker opens (a warning), and once when it closes (info); django-redis's own log line per ignored call
is filtered out for these errors (``CacheOutageLoggedOnce``), not for others. A dropped write is a miss
later; a dropped delete (a sign-out's session) is remembered and sent when the cache answers again, and
every process that met the outage drops the cached copies of all sessions when the cache answers again
(``lms.core.sessions``), so a session deleted in another process meanwhile is read from the database.

Installed through django-redis's documented ``REDIS_CLIENT_CLASS`` option (config/settings/production.py):
every command goes through ``Redis.execute_command`` and every pipeline through ``Pipeline.execute``,
redis-py's public entry points. pybreaker was considered: it holds its lock while the protected call runs,
which would serialise every Redis call of a threaded worker, and lets every caller through while
half-open. redis-py's ``Retry`` and health checks ask more often, not less.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

import redis
from django.conf import settings
from django.dispatch import Signal
from redis.client import Pipeline
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What says the server cannot be reached (redis-py's BusyLoadingError and AuthenticationError are
# ConnectionErrors too). A wrong command (ResponseError) is the caller's fault, not an outage.
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
DEFAULT_RETRY_SECONDS = 30.0
MAX_DROPPED_DELETES = 10_000  # keys whose delete an outage dropped, sent again when the cache answers

# Sent when a breaker closes, before any answer of the server is used: writes made during the outage
# were dropped, so a cache versioned in Redis moves its version (lms.core.sitecache) and the sessions'
# cached copies are dropped (lms.core.sessions).
cache_reconnected = Signal()


class CacheUnavailable(RedisConnectionError):
    """Raised instead of asking Redis while the breaker is open: django-redis treats it as any lost
    connection (IGNORE_EXCEPTIONS: a miss)."""


class CircuitBreaker:
    """Closed: every call goes to Redis. Open (after a failure): none does, until ``retry_seconds`` have
    passed on ``clock``; then one call at a time is let through as the probe, which closes it when
    answered and opens it again when not. The lock guards the state only, never a call."""

    def __init__(self, name: str, *, retry_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.name = name
        self.retry_seconds = retry_seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._opened_at: float | None = None  # None: closed
        self._outage_began: float | None = None
        self._probing = False
        self._dropped_deletes: set = set()

    @property
    def is_open(self) -> bool:
        return self._opened_at is not None

    def _admit(self) -> bool:
        """Raise ``CacheUnavailable`` if no call may go to Redis now; True if this call is the probe."""
        if self._opened_at is None:
            return False
        with self._lock:
            if self._opened_at is None:
                return False
            if self._probing or self.clock() - self._opened_at < self.retry_seconds:
                raise CacheUnavailable(f"cache {self.name} is not asked for a while after a failure")
            self._probing = True
            return True

    def _close(self) -> None:
        with self._lock:
            seconds = self.clock() - self._outage_began
            self._opened_at = self._outage_began = None
            self._probing = False
        logger.info("Cache %s answers again after %.0f s without it; using it again.", self.name, seconds)
        cache_reconnected.send(sender=self.__class__, name=self.name)

    def _open(self, error: BaseException) -> None:
        with self._lock:
            began = self._opened_at is None
            self._opened_at = self.clock()
            if began:
                self._outage_began = self._opened_at
            self._probing = False
        if began:
            logger.warning(
                "Cache %s cannot be reached (%s: %s): pages are served without it; asking again every %s s.",
                self.name,
                type(error).__name__,
                error,
                f"{self.retry_seconds:g}",
            )

    def remember_dropped_delete(self, keys) -> None:
        with self._lock:
            if len(self._dropped_deletes) < MAX_DROPPED_DELETES:
                self._dropped_deletes.update(keys)

    def take_dropped_deletes(self) -> list:
        if not self._dropped_deletes or self.is_open:
            return []
        with self._lock:
            keys, self._dropped_deletes = list(self._dropped_deletes), set()
        return keys

    def call(self, function: Callable[..., Any], *args, **kwargs) -> Any:
        probe = self._admit()
        try:
            result = function(*args, **kwargs)
        except OUTAGE_ERRORS as error:
            self._open(error)
            raise
        except Exception:
            if probe:
                self._close()  # answered, with an error of the caller's making (a ResponseError)
            raise
        except BaseException:
            if probe:
                with self._lock:
                    self._probing = False  # interrupted (a worker timeout): the next call probes
            raise
        if probe:
            self._close()
        return result


_breakers: weakref.WeakKeyDictionary[redis.ConnectionPool, CircuitBreaker] = weakref.WeakKeyDictionary()
_breakers_lock = threading.Lock()


def _server_name(pool: redis.ConnectionPool) -> str:
    kwargs = pool.connection_kwargs  # never the password
    where = kwargs.get("path") or f"{kwargs.get('host', 'localhost')}:{kwargs.get('port', 6379)}"
    return f"redis {where}/{kwargs.get('db', 0)}"


def breaker_for(pool: redis.ConnectionPool) -> CircuitBreaker:
    """The process's breaker for the server of ``pool`` (django-redis keeps one pool per server and
    process, shared by every thread's cache client)."""
    breaker = _breakers.get(pool)
    if breaker is None:
        with _breakers_lock:
            breaker = _breakers.get(pool)
            if breaker is None:
                retry = float(getattr(settings, "LMS_CACHE_RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
                breaker = _breakers[pool] = CircuitBreaker(_server_name(pool), retry_seconds=retry)
    return breaker


def cache_breaker(alias: str = "default") -> CircuitBreaker:
    """The breaker of a cache configured with ``BreakingRedis`` (for tests and diagnostics)."""
    from django_redis import get_redis_connection

    return breaker_for(get_redis_connection(alias).connection_pool)


def _probe_first(breaker: CircuitBreaker, pool: redis.ConnectionPool) -> None:
    """While the breaker is open, the call that may probe sends a PING first, and only then its own
    command: so ``cache_reconnected``'s receivers (the session copies dropped, the versions moved) have
    run before any answer of the reconnected server is used. A stale session read by the probe itself
    would otherwise be served once more. Raises as ``call`` does when no call may go yet."""
    if breaker.is_open:
        breaker.call(redis.Redis(connection_pool=pool).ping)


class BreakingPipeline(Pipeline):
    """A pipeline (django-redis's ``set_many``) sent through the breaker; queuing a command sends nothing."""

    def execute(self, raise_on_error: bool = True) -> list[Any]:
        breaker = breaker_for(self.connection_pool)
        _probe_first(breaker, self.connection_pool)
        return breaker.call(super().execute, raise_on_error)


class BreakingRedis(redis.Redis):
    """redis-py's client with every command sent through the process's breaker for its server."""

    def execute_command(self, *args, **options):
        breaker = breaker_for(self.connection_pool)
        try:
            _probe_first(breaker, self.connection_pool)
            result = breaker.call(super().execute_command, *args, **options)
        except OUTAGE_ERRORS:
            if str(args[0]).upper() in ("DEL", "UNLINK"):
                # A signed-out session (cached_db), say: a frozen Redis still holds it when it wakes up.
                breaker.remember_dropped_delete(args[1:])
            raise
        dropped = breaker.take_dropped_deletes()
        if dropped:
            try:
                self.delete(*dropped)  # the deletes the outage dropped, now that Redis answers
            except OUTAGE_ERRORS:
                pass  # remembered again, for the next return
        return result

    def pipeline(self, transaction: bool = True, shard_hint=None) -> BreakingPipeline:
        return BreakingPipeline(self.connection_pool, self.response_callbacks, transaction, shard_hint)


class CacheOutageLoggedOnce(logging.Filter):
    """On django-redis's logger: drops its "Exception ignored" line (with traceback) for an unreachable
    server, which the breaker logs once per outage; keeps it for any other ignored error."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(getattr(error, "__cause__", None), OUTAGE_ERRORS)
