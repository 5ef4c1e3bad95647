from lms.core import sitecache
from lms.languages.selectors import in_source_language
from lms.surveys.models import SurveyIndexPage

from .models import StandardPage


def footer_pages(request):
    """Pages editors tick "show in menus" below the home page: about, accessibility, privacy (cached)."""

    def links(site) -> list[sitecache.PageLink]:
        if site is None:
            return []
        pages = StandardPage.objects.child_of(site.root_page).live().public().in_menu().order_by("path")
        return [sitecache.PageLink.of(page, request) for page in pages.defer_streamfields()]

    return {"footer_pages": lambda: sitecache.per_site("footer-links", request, links)}


def survey_index(request):
    """The survey list's address for the menu ("" without one), looked up in the cache only if printed."""

    def url(site) -> str:
        index = in_source_language(SurveyIndexPage.objects.live().public()).first()
        return index.get_url(request) if index is not None else ""

    return {"survey_index_url": lambda: sitecache.per_site("survey-index-url", request, url)}
