"""Sessions after a cache outage: no process serves a session another process deleted meanwhile.

Production keeps sessions in the database and a copy in the cache (``cached_db``). A sign-out, an
erasure or a closed account deletes both; with the cache unreachable only the database row goes, and
the breaker remembers the dropped delete in the process that dropped it (``rediscache``), which sends
it only at its own next call. Every other process would go on reading the copy once the cache
answers. So whenever a process's breaker closes (``cache_reconnected``, before any answer is used),
it drops every session's cached copy: from then on every process reads each session from the
database once, where a deleted session is gone, and caches it again. The cost is one database read
per signed-in visitor after an outage. What remains: a process that met the outage alone and ended
before the cache answered again (then the copies live until they expire, and any write to such a
session fails, since its row is gone).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

CACHED_DB_ENGINE = "django.contrib.sessions.backends.cached_db"
SCAN_BATCH = 1000  # keys asked for at a time: a few round trips even with every visitor's session cached


def drop_cached_sessions(**kwargs) -> int:
    """Delete the cached copy of every session (the rows stay); how many. Only for ``cached_db``: with
    sessions kept in the cache alone, dropping them would sign everyone out."""
    if settings.SESSION_ENGINE != CACHED_DB_ENGINE:
        return 0
    from django.contrib.sessions.backends.cached_db import KEY_PREFIX

    cache = caches[settings.SESSION_CACHE_ALIAS]
    delete_pattern = getattr(cache, "delete_pattern", None)  # django-redis; a local cache has no outage
    if delete_pattern is None:
        return 0
    dropped = delete_pattern(f"{KEY_PREFIX}*", itersize=SCAN_BATCH) or 0
    logger.info("Dropped %s cached sessions after the cache outage; they are read from the database again.", dropped)
    return dropped


def connect() -> None:
    """From CoreConfig.ready."""
    from .rediscache import cache_reconnected

    cache_reconnected.connect(drop_cached_sessions, dispatch_uid="lms.core.sessions.reconnected")
