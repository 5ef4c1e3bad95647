from lms.core import sitecache
from lms.languages.selectors import in_source_language

from .models import CourseIndexPage


def _catalogue_url(site) -> str:
    index = in_source_language(CourseIndexPage.objects.live()).first()  # not a translation's (alias) copy
    return index.url if index else "/"


class _CatalogueUrl:
    """The catalogue's address, looked up (in the cache) only if a template prints it."""

    def __init__(self, request):
        self.request = request

    def __str__(self) -> str:
        return sitecache.per_site("catalogue-url", self.request, _catalogue_url)


def navigation(request):
    return {"catalogue_url": _CatalogueUrl(request)}
