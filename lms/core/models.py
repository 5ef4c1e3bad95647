"""Site-wide settings every app may read (the issuer of certificates, the site's name), so no
app of lms needs the home app for them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.images.shortcuts import get_rendition_or_not_found

from .colours import HEX_COLOUR, darker, validate_primary_colour


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """What the site calls itself, who issues its certificates, and the organisation's look."""

    site_name = models.CharField(
        _("site name"),
        max_length=100,
        default="Demokrati och likabehandling",
        help_text=_("Shown in the header and in page titles."),
    )
    organisation_name = models.CharField(
        _("organisation"),
        max_length=200,
        default="Exempelby kommun",
        help_text=_("The municipal group that runs the platform and issues certificates."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_(
            "Shown in the header and on certificates whose template has no logo of its own. SVG, PNG or JPEG; "
            "its alternative text is the organisation's name."
        ),
    )
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        blank=True,
        validators=[validate_primary_colour],
        help_text=_(
            "The organisation's colour for the header, links and buttons, as #rrggbb. White text on it must reach "
            "a contrast of 4.5:1. Empty: the site's own blue."
        ),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Where learners turn with questions; shown in the footer.")
    )
    footer_text = RichTextField(_("footer text"), blank=True, features=["bold", "italic", "link"])

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("site_name"),
                FieldPanel("organisation_name"),
                FieldPanel("logo"),
                FieldPanel("primary_colour"),
            ],
            heading=_("Identity"),
        ),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("footer_text")], heading=_("Footer")),
    ]

    class Meta:
        verbose_name = _("site settings")

    @classmethod
    def for_request(cls, request):
        """The site's settings with their logo, from the cache (``sitecache``): every page prints them.
        Kept on the request under the name Wagtail's own ``for_request`` uses (``get_cache_attr_name``,
        public), so the settings are read once per request whoever asks."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            from . import sitecache

            setattr(request, attr_name, sitecache.per_site("site-settings", request, cls._with_logo_for_site))
        return getattr(request, attr_name)

    HEADER_LOGO = "height-80"

    @classmethod
    def _with_logo_for_site(cls, site):
        instance = cls.for_site(site)
        # Loaded now, with the header's rendition, so the cached copy carries them (a query each).
        logo = instance.logo
        # As {% image %} does: a missing file gives a placeholder rendition, never an error on every page.
        instance.header_logo = get_rendition_or_not_found(logo, cls.HEADER_LOGO) if logo else None
        return instance

    @property
    def theme_css(self) -> str:
        """The custom properties site.css takes its brand colours from, or "" for its own. Checked again
        here (a value saved past the form's validation must not reach the page's <style>)."""
        colour = self.primary_colour
        if not colour or not HEX_COLOUR.match(colour):
            return ""
        colour = colour.lower()
        return f":root{{--brand:{colour};--brand-dark:{darker(colour)}}}"
