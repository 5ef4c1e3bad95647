"""Wagtail's page serving, with the way from the site's root page to the page asked for from the cache.

Wagtail routes every page request from the site's root page, one level at a time: two queries for the
root (the page, then its specific type) and one or two more per level below it, four levels down to a
lesson. Which page a path names changes only when the site content does (``sitecache``), so the walk
is cached: the deepest page the path names, with its parent (``_lms_parent``: a lesson's views need
its course), how many of the path's components it used, and the view restrictions on it and its
ancestors. This is the one routing optimisation: the walk itself is Wagtail's, run once per version. The rest of the
route is the page's own and runs on every request (whether it is live, a routable page's sub-path), as
do the check of the restrictions against the request and ``serve``.

Two private names of Wagtail's serve this (docs/architecture.md, "Private names we rely on", guarded by
tests/core/test_library_internals.py): the route ``Page.route_for_request`` keeps on the request
(``request._wagtail_route_for_request``), and the page object's ``get_view_restrictions``, which
Wagtail's restriction check asks.
"""

import hashlib

from django.http import Http404
from wagtail import views as wagtail_views

from . import sitecache


def _root_page(site):
    """Without its StreamFields, which would be unpickled on every request: the home page's own view reads
    them (one query) when it is the page asked for."""
    if site is None:
        return None
    # The source language's tree, whatever the interface's language: learners read a translation through
    # its source page's address (lms.languages), so every row that counts names the source.
    root = site.root_page
    return root.specific_class.objects.defer_streamfields().get(pk=root.pk)


def _walk(request, components: list[str]):
    """(the deepest page ``components`` name, how many components lead to it, the view restrictions on it
    and its ancestors), or None where no page is named."""
    root = sitecache.per_site("root-page", request, _root_page)
    if root is None:
        return None
    try:
        page = root.route(request, components).page
    except Http404:
        return None
    if deferred := page.get_deferred_fields():  # the root page comes without its StreamFields
        page.refresh_from_db(fields=deferred)
    if page.depth > root.depth:
        page._lms_parent = page.get_parent().specific  # kept with the route: no query for it per request
    restrictions = list(page.get_view_restrictions())  # two queries: the page's and its ancestors'
    return page, page.depth - root.depth, restrictions  # one slug per level below the root


def _route(request, path: str):
    components = [component for component in path.split("/") if component]
    name = "route:" + hashlib.blake2b("/".join(components).encode(), digest_size=16).hexdigest()
    found = sitecache.per_site(name, request, lambda site: _walk(request, components))
    if found is None:
        return None
    page, used, restrictions = found
    # Wagtail's before_serve_page check asks the page for its restrictions: this page answers from the
    # cache (each restriction still checks the request: the password given, the user's groups).
    page.get_view_restrictions = lambda: restrictions
    try:
        return page.route(request, components[used:])  # the page's own part: live, a sub-path
    except Http404:
        return None


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = _route(request, path)  # what Page.route_for_request would find
    return wagtail_views.serve(request, path)
