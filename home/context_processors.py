from lms.core import sitecache

from .models import StandardPage


def footer_pages(request):
    """Pages editors tick "show in menus" below the home page: about, accessibility, privacy (cached)."""

    def links(site) -> list[sitecache.PageLink]:
        if site is None:
            return []
        pages = StandardPage.objects.child_of(site.root_page).live().public().in_menu().order_by("path")
        return [sitecache.PageLink.of(page, request) for page in pages.defer_streamfields()]

    return {"footer_pages": lambda: sitecache.per_site("footer-links", request, links)}
