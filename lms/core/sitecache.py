"""Caches versioned in the shared cache, each declaring in one place what retires it; and the first of them,
what every page of a site shows the same to everyone.

A ``VersionedCache`` keeps entries under one version number that is part of each key; moving it retires
every entry at once, so no code has to know which entries exist. What moves it is declared where the
cache is made, and nowhere else: ``retired_by`` names the models whose tables its entries read (a model
covers its subclasses' tables too: ``Page`` every page type). Every
statement that writes one of those tables, on any connection, moves the version: a save, a delete, a
many-to-many change, and equally a bulk ``update()``, ``bulk_create()``, a queryset ``delete()``,
treebeard's moves in raw SQL and Wagtail's bulk updates of descendants, none of which send Django's
signals. The statements are watched (``watch_writes``, installed on every database connection) rather
than the signals, so a bulk write in a service cannot forget its bump: there is no bump to forget. The
idea is django-cachalot's (invalidation by the tables written); cachalot caches every query and patches
Django's SQL compiler, where we cache a few computations and need only a database execute wrapper.
The version moves after the write (a request in the same transaction sees it) and again at commit (a
request that read the old rows between the two cached them under the first new version; the second
move retires that too). Whether a declaration is complete is a test's business: with
``recording_reads`` every table a cache's computations read is listed, and each must be declared
(tests/core/test_cache_declarations.py).

``site_content``: the site itself, its settings (name, logo, colours), the footer's links, the
catalogue's address, the accessibility statement's link and the routes to pages cost about eight queries
on every page and change only when someone edits pages, sites, settings or images.

With the cache unreachable (production ignores its errors and stops asking for a while,
lms/core/rediscache.py) there is no version: every entry is computed and nothing is stored or kept, so pages
work as before, at the old cost. A write during the outage could not move the version, so every version
moves when the cache answers again.
"""

from __future__ import annotations

import pickle
import re
import time
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import get_language

TIMEOUT = 5 * 60  # the version retires entries; the timeout bounds staleness where the cache is per process
PROCESS_COPIES_MAX_BYTES = 16 * 1024 * 1024  # what one process keeps of one cache: routes carry whole pages
_MISSING = object()


class VersionedCache:
    """Entries cached under one version number, moved by every write to what it declares it reads.

    ``retired_by``: the models (classes, or "app_label.Model" where the module may not import the app)
    whose rows the entries are computed from. Declare a cache in a module its app's ready() imports, so
    that every process (web, Celery, commands) watches for it.

    The version is read from the shared cache once per request. Each process also keeps the entries of
    the current version it has fetched, pickled: a page asks for several, and each would be a round trip
    to Redis. Kept as bytes, every request unpickles its own objects exactly as from Redis, so no request
    sees another's changes to them. Only the newest version's entries are kept, and the timeout applies.
    """

    every: list[VersionedCache] = []

    def __init__(self, name: str, *, retired_by: Iterable[type | str]):
        VersionedCache.every.append(self)
        _forget_tables()
        self.name = name
        self.retired_by = tuple(retired_by)
        self.version_key = f"lms:{name}:version"
        self._request_attr = f"_lms_{name.replace('-', '_')}_version"
        self._copies_version = None
        self._copies: dict[str, tuple[float, bytes]] = {}
        self._copies_bytes = 0

    def version(self, request=None) -> int | None:
        """The current version, read once per request: remembered on ``request`` (or on any object that
        lives as long, such as the request's user). None while the cache cannot be reached."""
        version = getattr(request, self._request_attr, _MISSING)
        if version is _MISSING:
            version = cache.get(self.version_key)
            if version is None:
                new = time.time_ns()
                # Not added: another process added one first, or the cache is away (then None again).
                version = new if cache.add(self.version_key, new, None) else cache.get(self.version_key)
            if request is not None:
                setattr(request, self._request_attr, version)
        return version

    def _move(self) -> None:
        # A new value, never an increment: after an eviction a counter could start again at a number in use.
        cache.set(self.version_key, time.time_ns(), None)

    def changed(self, using: str | None = None, **kwargs) -> None:
        """Retire every entry: now, and again when the transaction on ``using`` commits."""
        self._move()
        transaction.on_commit(self._move, using=using)

    def models(self) -> list[type]:
        """The models declared in ``retired_by``, resolved."""
        return [apps.get_model(found) if isinstance(found, str) else found for found in self.retired_by]

    def tables(self) -> set[str]:
        """Every table whose writes retire this cache: the declared models', their subclasses' and their
        parents' (a page type's row is half in wagtailcore_page)."""
        tables = set()
        for declared in self.models():
            for model in apps.get_models(include_auto_created=True):
                if issubclass(model, declared):
                    tables.update(m._meta.db_table for m in (model, *model._meta.get_parent_list()))
        return tables

    def cached(self, name: str, request, compute: Callable[[], Any]) -> Any:
        """``compute()``, cached under ``name`` until the version moves."""
        version = self.version(request)
        if version is None:
            return compute()  # no cache to read or fill, and nothing kept in the process under no version
        value = self._process_copy(version, name)
        if value is not _MISSING:
            return value
        key = f"lms:{self.name}:{version}:{name}"
        value = cache.get(key, _MISSING)
        if value is _MISSING:
            value = compute() if _recorded is None else _recording(self, compute)
            cache.set(key, value, TIMEOUT)
        if version != self._copies_version:
            return value  # a newer version arrived meanwhile (threads): what this read is not kept under it
        pickled = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if self._copies_bytes + len(pickled) > PROCESS_COPIES_MAX_BYTES:
            self._copies, self._copies_bytes = {}, 0  # start again rather than track what is least used
        self._copies[name] = (time.monotonic() + TIMEOUT, pickled)
        self._copies_bytes += len(pickled)
        return value

    def _process_copy(self, version, name: str) -> Any:
        if version != self._copies_version:
            self._copies_version, self._copies, self._copies_bytes = version, {}, 0
            return _MISSING
        found = self._copies.get(name)
        if found is None or found[0] < time.monotonic():
            return _MISSING
        return pickle.loads(found[1])  # noqa: S301 - bytes this process pickled itself


def retire_everything(**kwargs) -> None:
    """After every migrate (so at every deploy): entries written by the previous code, in the shape it
    gave them, are never read by the new."""
    for versioned in VersionedCache.every:
        versioned.changed()


def retire_after_outage(**kwargs) -> None:
    """When the cache answers again after an outage (rediscache.cache_reconnected): the versions that
    writes during it could not move are moved now (not again at commit: no write of the request's is
    involved)."""
    for versioned in VersionedCache.every:
        versioned._move()


# --- What writes retire: every statement that writes a declared table ----------------------------

# INSERT OR IGNORE is SQLite's bulk_create(ignore_conflicts=True), which many-to-many add() uses.
_WRITE = re.compile(
    r'\s*(?:UPDATE|INSERT\s+(?:OR\s+\w+\s+)?INTO|DELETE\s+FROM|TRUNCATE)\s+(?:ONLY\s+)?"?(\w+)', re.IGNORECASE
)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)', re.IGNORECASE)
_by_table: dict[str, list[VersionedCache]] | None = None
_watched: weakref.WeakSet = weakref.WeakSet()


def _forget_tables() -> None:
    global _by_table
    _by_table = None


def _caches_by_table() -> dict[str, list[VersionedCache]]:
    global _by_table
    if _by_table is None:
        by_table: dict[str, list[VersionedCache]] = {}
        for versioned in VersionedCache.every:
            for table in versioned.tables():
                by_table.setdefault(table, []).append(versioned)
        _by_table = by_table
    return _by_table


def watch_writes(execute, sql, params, many, context):
    """A database execute wrapper: after a statement that wrote a table some cache declares, that cache
    is retired. A TRUNCATE (a test flushing its tables) retires every cache."""
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and (written := _WRITE.match(sql)):
        if sql.lstrip()[:8].upper() == "TRUNCATE":
            retired = VersionedCache.every
        else:
            retired = _caches_by_table().get(written.group(1), ())
        for versioned in retired:
            versioned.changed(using=context["connection"].alias)
    return result


def _watch(connection, **kwargs) -> None:
    """Install ``watch_writes`` on a connection once (the wrapper object outlives its reconnections).
    First in the list: a ``connection.execute_wrapper()`` block that opens the connection pops the last
    wrapper when it ends, which must be its own."""
    if connection not in _watched:
        connection.execute_wrappers.insert(0, watch_writes)
        _watched.add(connection)


# --- Which tables a cache's computations read (for the test of each declaration) ------------------

_recorded: dict[str, set[str]] | None = None


@contextmanager
def recording_reads() -> Iterator[dict[str, set[str]]]:
    """Within: every table each cache's computations read, by cache name. A computation that calls
    another cache's counts the inner one's reads as its own (its entry is built on them). Only what is
    read inside the computation is seen: a value the request loaded before (the user's profile, say)
    and the computation uses must be declared all the same."""
    global _recorded
    _recorded = {}
    try:
        yield _recorded
    finally:
        _recorded = None


def _recording(versioned: VersionedCache, compute: Callable[[], Any]) -> Any:
    read = _recorded.setdefault(versioned.name, set())

    def record(execute, sql, params, many, context):
        read.update(_READ.findall(sql))
        return execute(sql, params, many, context)

    with ExitStack() as stack:
        for connection in connections.all(initialized_only=True):
            stack.enter_context(connection.execute_wrapper(record))
        return compute()


# --- The site content --------------------------------------------------------------------------

site_content = VersionedCache(
    "site-content",
    retired_by=(
        "wagtailcore.Page",  # routes, the root page, footer links, the catalogue and statement links
        "wagtailcore.Site",
        "wagtailcore.PageViewRestriction",  # kept with each route
        "wagtailcore.Locale",  # the catalogue is the source language's (languages.in_source_language)
        "core.SiteSettings",
        "wagtailimages.Image",  # the settings' logo
        "wagtailimages.Rendition",  # the logo's rendition, kept with the settings
    ),
)
VERSION_KEY = site_content.version_key
content_version = site_content.version
content_changed = site_content.changed
cached = site_content.cached


def per_site(name: str, request, compute: Callable[[Any], Any], *, site=None) -> Any:
    """``compute(site)`` for the request's site and language, cached until the site content changes."""
    from wagtail.models import Site

    if site is None:
        site = Site.find_for_request(request)
    return cached(f"{site.pk if site else 0}:{get_language()}:{name}", request, lambda: compute(site))


@dataclass(frozen=True)
class PageLink:
    """What a menu prints of a page: cached instead of the page, whose StreamFields would be unpickled
    on every request."""

    title: str
    url: str

    @classmethod
    def of(cls, page, request) -> PageLink | None:
        return cls(title=page.title, url=page.get_url(request)) if page is not None else None


def site_for_request(request):
    """Wagtail's ``Site.find_for_request`` (a query on every request), cached per host and port."""
    from wagtail.models import Site

    if not hasattr(request, "_wagtail_site"):
        host_and_port = f"{request.get_host()}:{request.get_port()}"
        request._wagtail_site = cached(f"site-for:{host_and_port}", request, lambda: Site.find_for_request(request))
    return request._wagtail_site


def connect() -> None:
    """From CoreConfig.ready: every database connection's writes are watched (``watch_writes``); every
    migrate, and the end of every cache outage, retires every versioned cache."""
    from .rediscache import cache_reconnected

    core = apps.get_app_config("core")  # once per migrate, not once per app
    post_migrate.connect(retire_everything, sender=core, dispatch_uid="lms.core.sitecache.migrate")
    cache_reconnected.connect(retire_after_outage, dispatch_uid="lms.core.sitecache.reconnected")
    connection_created.connect(_watch, dispatch_uid="lms.core.sitecache.watch")
    for connection in connections.all(initialized_only=True):
        _watch(connection)
