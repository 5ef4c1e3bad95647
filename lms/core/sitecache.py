"""What every page of a site shows the same to everyone, read from the cache instead of the database.

The site itself, its settings (name, logo, colours), the footer's links, the catalogue's address and the
accessibility statement's link cost about eight queries on every page and change only when someone
edits pages, sites, settings or images. Every such write moves one version number that is part of each
key, so an entry is never read again once anything it might depend on has changed, and no code has to
know which entries exist. The version moves at the write (a request in the same transaction sees it) and
again at commit (a request that read the old rows between the two cached them under the first new
version; the second move retires that too).

With the cache unreachable (production ignores its errors) every read is a miss: pages work as before,
at the old cost.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache as cache_models
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language

VERSION_KEY = "lms:site-content:version"
TIMEOUT = 5 * 60  # the version retires entries; the timeout bounds staleness where the cache is per process
_MISSING = object()


def content_version(request=None) -> int:
    """The current version, read once per request."""
    version = getattr(request, "_lms_site_content_version", None)
    if version is None:
        version = cache.get(VERSION_KEY)
        if version is None:
            version = time.time_ns()
            cache.add(VERSION_KEY, version, None)
        if request is not None:
            request._lms_site_content_version = version
    return version


def _move_version() -> None:
    # A new value, never an increment: after an eviction a counter could start again at a number in use.
    cache.set(VERSION_KEY, time.time_ns(), None)


def content_changed(**kwargs) -> None:
    """Retire every cached entry: now, and again when the transaction commits."""
    _move_version()
    transaction.on_commit(_move_version)


def cached(name: str, request, compute: Callable[[], Any]) -> Any:
    """``compute()``, cached under ``name`` until the site content changes."""
    key = f"lms:site-content:{content_version(request)}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


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
    bulk update), retires the cached site content."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_on_write, dispatch_uid="lms.core.sitecache.save")
    post_delete.connect(_on_write, dispatch_uid="lms.core.sitecache.delete")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"lms.core.sitecache.{id(signal)}")
