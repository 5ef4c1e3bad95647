"""Site-wide settings every app may read (the issuer of certificates, the site's name), so no
app of lms needs the home app for them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """What the site calls itself and who issues its certificates."""

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
        help_text=_("Shown in the header. Its alternative text is the site name."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Where learners turn with questions; shown in the footer.")
    )
    footer_text = RichTextField(_("footer text"), blank=True, features=["bold", "italic", "link"])

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("organisation_name"), FieldPanel("logo")], heading=_("Identity")
        ),
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("footer_text")], heading=_("Footer")),
    ]

    class Meta:
        verbose_name = _("site settings")
