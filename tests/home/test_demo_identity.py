"""The demo's fictional Ekbacka kommun: its SVG logo and green in site settings, set once."""

import pytest
from bs4 import BeautifulSoup
from wagtail.images import get_image_model
from wagtail.models import Site

from home import demo
from lms.core.colours import contrast_with_white
from lms.core.models import SiteSettings

pytestmark = pytest.mark.django_db


def test_the_demo_sets_logo_and_colour_once(client):
    demo.load()
    demo.load()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert get_image_model().objects.count() == 1
    assert settings.logo.is_svg() and (settings.logo.width, settings.logo.height) == (200, 64)
    assert settings.primary_colour == demo.DEMO_PRIMARY_COLOUR and contrast_with_white(settings.primary_colour) > 7
    html = BeautifulSoup(client.get("/").content, "html.parser")
    assert html.select_one(".site-header__logo")["alt"] == "Ekbacka kommun"
    assert "--brand:#1f5f3a" in html.find("style").get_text()


def test_an_organisations_own_colour_is_left_alone():
    demo.load()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.primary_colour = "#005a9c"
    settings.save()
    demo.load()
    settings.refresh_from_db()
    assert settings.primary_colour == "#005a9c"
