"""The site shell: the home page and plain content pages (site-wide settings: lms.core.models)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from lms.core.blocks import BaseStreamBlock


class HomePage(Page):
    """The start page. Visitors read what the platform is for; a signed-in
    learner is led straight to their own courses."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences shown under the heading.")
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"), help_text=_("Shown to everyone."))

    content_panels = Page.content_panels + [
        HelpPanel(content=_("Signed-in learners also see their assigned courses above the body.")),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from home.learner import learner_home_context  # the learner's figures come from the lms apps

        context = super().get_context(request, *args, **kwargs)
        context.update(learner_home_context(request))
        return context


class StandardPage(Page):
    """A plain content page: about the platform, the accessibility statement,
    the privacy notice and similar texts every public site must have."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short summary shown under the heading."))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        from lms.languages.display import show_in_language
        from lms.organisation.selectors import person_for_user

        context = super().get_context(request, *args, **kwargs)
        show_in_language(context, request, self, person_for_user(request.user))  # a translation's words
        return context
