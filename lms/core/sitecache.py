"""What every page of a site shows the same to everyone, read from the cache instead of the database.

The site itself, its settings (name, logo, colours), the footer's links, the catalogue's address and the
accessibility statement's link cost about eight queries on every page and change only when someone
edits pages, sites, settings or images. Every such write moves one version number that is part of each
key, so an entry is never read again once anything it might depend on has changed, and no code has to
know which entries exist. The version moves at the write (a request in the same transaction sees it) and
again at commit (a request that read the old rows between the two cached them under the first new
version; the second move retires that too).

With the cache unreachable (production ignores its errors and stops asking for a while,
lms/core/rediscache.py) there is no version: every entry is computed and nothing is stored or kept, so pages
work as before, at the old cost. A write during the outage could not move the version, so every version
moves when the cache answers again.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache as cache_models
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import get_language

TIMEOUT = 5 * 60  # the version retires entries; the timeout bounds staleness where the cache is per process
PROCESS_COPIES_MAX_BYTES = 16 * 1024 * 1024  # what one process keeps of one cache: routes carry whole pages
_MISSING = object()


class VersionedCache:
    """Entries cached under one version number, moved by every write that could change any of them.

    The version is read from the shared cache once per request. Each process also keeps the entries of
    the current version it has fetched, pickled: a page asks for several, and each would be a round trip
    to Redis. Kept as bytes, every request unpickles its own objects exactly as from Redis, so no request
    sees another's changes to them. Only the newest version's entries are kept, and the timeout applies.
    """

    every: list[VersionedCache] = []

    def __init__(self, name: str):
        VersionedCache.every.append(self)
        self.name = name
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

    def changed(self, **kwargs) -> None:
        """Retire every entry: now, and again when the transaction commits (a signal receiver)."""
        self._move()
        transaction.on_commit(self._move)

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
            value = compute()
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


site_content = VersionedCache("site-content")
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


@cache_models
def _site_content_models() -> tuple[type, ...]:
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site

    from .models import SiteSettings

    return (Page, Site, SiteSettings, PageViewRestriction, get_image_model())


def _on_write(sender, **kwargs) -> None:
    if issubclass(sender, _site_content_models()):
        content_changed()


def connect() -> None:
    """From CoreConfig.ready: every save and delete of pages, sites, site settings, view restrictions and
    images, and every publication, withdrawal and move of a page (some of which write descendants with a
    bulk update), retires the cached site content; every migrate, and the end of every cache outage,
    retires every versioned cache."""
    from django.apps import apps
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .rediscache import cache_reconnected

    core = apps.get_app_config("core")  # once per migrate, not once per app
    post_migrate.connect(retire_everything, sender=core, dispatch_uid="lms.core.sitecache.migrate")
    cache_reconnected.connect(retire_after_outage, dispatch_uid="lms.core.sitecache.reconnected")
    post_save.connect(_on_write, dispatch_uid="lms.core.sitecache.save")
    post_delete.connect(_on_write, dispatch_uid="lms.core.sitecache.delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"lms.core.sitecache.{id(signal)}")
