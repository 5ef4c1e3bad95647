"""The organisation's identity from site settings: a primary colour white text can be read on (refused
under 4.5:1, with the ratio in the message), used by the site; the logo in the header and on certificates."""

import io
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files import File
from pypdf import PdfReader
from wagtail.images import get_image_model
from wagtail.models import Site

from lms.certificates import rendering
from lms.certificates.models import CertificateTemplate
from lms.core.colours import contrast_with_white, validate_primary_colour
from lms.core.models import SiteSettings

LOGO = Path(__file__).resolve().parents[2] / "home" / "demo_assets" / "ekbacka-logo.svg"


@pytest.mark.parametrize(
    ("colour", "ratio"),
    [("#ffffff", 1.0), ("#000000", 21.0), ("#767676", 4.54), ("#005a9c", 7.14), ("#ffcc00", 1.51)],
)
def test_contrast_with_white_follows_wcag(colour, ratio):
    assert contrast_with_white(colour) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize("colour", ["#005a9c", "#1f5f3a", "#767676", "#00507A"])
def test_colours_white_text_can_be_read_on_are_accepted(colour):
    validate_primary_colour(colour)


def test_a_light_colour_is_refused_with_its_ratio():
    with pytest.raises(ValidationError) as refused:
        validate_primary_colour("#ffcc00")
    assert refused.value.code == "contrast"
    message = refused.value.messages[0]
    assert "#ffcc00" in message and "1,51:1" in message and "4,5:1" in message  # Swedish decimals


def test_just_under_the_limit_is_refused_and_never_shown_as_enough():
    with pytest.raises(ValidationError) as refused:
        validate_primary_colour("#777777")  # 4.478:1
    assert "4,47:1" in refused.value.messages[0]


@pytest.mark.parametrize("value", ["005a9c", "#05a", "#00zz9c", "#005a9c;}body{x:y", "red"])
def test_anything_but_six_hex_digits_is_refused(value):
    with pytest.raises(ValidationError) as refused:
        validate_primary_colour(value)
    assert refused.value.code == "format"


@pytest.mark.django_db
def test_the_settings_form_refuses_a_light_colour_in_swedish(home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.primary_colour = "#ffcc00"
    with pytest.raises(ValidationError) as refused:
        settings.full_clean()
    assert "kontrasten 1,51:1" in str(refused.value.message_dict["primary_colour"])


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.django_db
def test_the_site_uses_the_colour(client, home_page):
    assert soup(client.get("/")).find("style") is None  # no colour chosen: site.css's own
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.primary_colour = "#005A9C"
    settings.save()
    style = soup(client.get("/")).find("head").find("style").get_text()
    assert "--brand:#005a9c" in style and "--brand-dark:#003e6d" in style


@pytest.mark.django_db
def test_a_colour_saved_past_validation_never_reaches_the_page(client, home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.primary_colour = "red;}"
    settings.save()
    assert soup(client.get("/")).find("style") is None


def _logo():
    with LOGO.open("rb") as fh:
        image = get_image_model()(title="Logotyp", file=File(fh, name=LOGO.name))
        image._set_image_file_metadata()
        image.save()
    return image


@pytest.mark.django_db
def test_the_logo_is_in_the_header_named_as_the_organisation(client, home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "Ekbacka kommun"
    settings.logo = _logo()
    settings.save()
    brand = soup(client.get("/")).select_one("header .site-header__brand")
    logo = brand.find("img")
    assert logo["alt"] == "Ekbacka kommun"
    assert logo["src"].startswith("/media/") and logo["src"].endswith(".svg")
    assert "Demokrati och likabehandling" in brand.get_text()  # the site's name stays beside it


@pytest.mark.django_db
def test_a_logo_whose_file_is_gone_breaks_no_page(client, home_page):
    """The header's rendition comes with the cached settings; a lost original gives Wagtail's placeholder."""
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.logo = _logo()
    settings.save()
    settings.logo.file.storage.delete(settings.logo.file.name)
    response = client.get("/")
    assert response.status_code == 200
    assert soup(response).select_one("header .site-header__brand img") is not None


@pytest.mark.django_db
def test_the_certificate_carries_the_site_logo_when_its_template_has_none(home_page):
    data = rendering.CertificateData(
        name="Åsa Öberg",
        course="Likabehandling",
        completed_on=date(2026, 3, 14),
        valid_until=None,
        organisation="Ekbacka kommun",
        code="7KQ4M2XD9RTFH3PA",
    )
    template = CertificateTemplate(name="T", heading="Intyg", body="{name}")
    assert 'alt="Ekbacka kommun"' not in rendering.certificate_html(template=template, data=data)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.logo = _logo()
    settings.save()
    html = rendering.certificate_html(template=template, data=data)
    logo = BeautifulSoup(html, "html.parser").find("img", alt="Ekbacka kommun")
    assert logo["src"].startswith("data:image/svg+xml;base64,")  # embedded: WeasyPrint fetches nothing
    text = PdfReader(io.BytesIO(rendering.render_pdf(template=template, data=data))).pages[0].extract_text()
    assert "KOMMUN" in text.replace(" ", "")  # the logo's own lettering (letter-spaced), drawn into the PDF


@pytest.mark.django_db
def test_the_admin_refuses_a_light_colour_with_its_ratio_and_saves_nothing(client, home_page, django_user_model):
    from wagtail.test.utils.form_data import rich_text

    admin = django_user_model.objects.create_superuser("admin", "admin@example.se", "secret-pass-123")
    client.force_login(admin)
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/core/sitesettings/{site.pk}/"
    form = {
        "site_name": "Demokrati och likabehandling",
        "organisation_name": "Ekbacka kommun",
        "primary_colour": "#ffcc00",
        "contact_email": "",
        "footer_text": rich_text(""),
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "Vit text på #ffcc00 får bara kontrasten 1,51:1" in refused.content.decode()
    assert SiteSettings.for_site(site).primary_colour == ""
    accepted = client.post(url, {**form, "primary_colour": "#005a9c"})
    assert accepted.status_code == 302
    assert SiteSettings.objects.get(site=site).primary_colour == "#005a9c"
