from wagtail.models import Site

from .models import StandardPage


def footer_pages(request):
    """Pages editors tick "show in menus" below the home page: about, accessibility, privacy."""

    def pages():
        site = Site.find_for_request(request)
        if site is None:
            return []
        return StandardPage.objects.child_of(site.root_page).live().public().in_menu().order_by("path")

    return {"footer_pages": pages}
