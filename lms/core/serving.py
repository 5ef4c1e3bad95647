"""Wagtail's page serving, with the site's root page from the cache (``sitecache``).

Wagtail routes every page request from the site's root page, loaded with two queries (the page, then its
specific type) each time. The root page changes only when the site content does, so it comes from the
cache; the rest of the route, the view restrictions and ``serve`` are Wagtail's own.
"""

from django.http import Http404
from wagtail import views as wagtail_views

from . import sitecache


def _root_page(site):
    """Without its StreamFields, which would be unpickled on every request: the home page's own view reads
    them (one query) when it is the page asked for."""
    if site is None:
        return None
    root = site.root_page.localized
    return root.specific_class.objects.defer_streamfields().get(pk=root.pk)


def serve(request, path):
    if not hasattr(request, "_wagtail_route_for_request"):
        root = sitecache.per_site("root-page", request, _root_page)
        route = None
        if root is not None:
            try:
                route = root.route(request, [component for component in path.split("/") if component])
            except Http404:
                route = None
        request._wagtail_route_for_request = route  # what Page.route_for_request would have found
    return wagtail_views.serve(request, path)
