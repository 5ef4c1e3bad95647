"""The accessibility statement (tillgänglighetsredogörelse) the law on accessibility of digital public
services (2018:1937) requires, and the feedback its readers send.

The statement's contents are fixed by the supervising authority, DIGG: the public body, the service,
the compliance level in the prescribed words, the inaccessible content with reasons, exemptions for a
disproportionate burden, content outside the law, the assessment's method and date, the last update,
a way to give feedback and a link to DIGG's complaint service. Each is a field here, so none can be
left out, and the template renders them in the order of DIGG's model statement (``STATEMENT_ORDER``).
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from lms.access.rule import RowAccess
from lms.core.models import SiteSettings
from lms.core.pages import UnderTheSiteHome

from .blocks import DisproportionateBurdenBlock, InaccessibleContentBlock, OutOfScopeBlock

# DIGG's own short address of its complaint service ("Anmäl bristande tillgänglighet"), as DIGG
# gives it in its guidance on writing a statement.
DIGG_COMPLAINT_URL = "https://www.digg.se/tdosanmalan"

# The sections in the order of DIGG's model statement for a website: who stands behind which
# service; what to do if you cannot use part of it (the feedback route); how to report problems
# (the feedback form); supervision (DIGG's complaint service); the compliance level; the
# inaccessible content, the exemptions and what the law does not cover; how the site was tested and
# when (assessment, last update). The template's sections carry these ids; the tests read them.
STATEMENT_ORDER = [
    "public-body-and-service",
    "feedback-route",
    "feedback-form",
    "supervision",
    "compliance",
    "inaccessible-content",
    "disproportionate-burden",
    "out-of-scope",
    "method-and-dates",
]


class Compliance(models.TextChoices):
    """The three levels, in the law's words (helt / delvis / inte förenlig)."""

    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("self-assessment")
    EXTERNAL = "external", _("external audit")


class AccessibilityStatementPage(UnderTheSiteHome, Page):
    """The site's accessibility statement: one per site, linked from every page's footer, with a
    feedback form whose messages reach the editors. Every field is one of DIGG's mandatory items."""

    public_body_name = models.CharField(
        _("public body"),
        max_length=200,
        blank=True,
        help_text=_("The body responsible for the site. Empty: the organisation named in the site settings."),
    )
    service_name = models.CharField(
        _("name of the service"),
        max_length=200,
        blank=True,
        help_text=_("The website's or e-service's name. Empty: the site name in the site settings."),
    )
    compliance = models.CharField(
        _("compliance with the law"),
        max_length=10,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_(
            "Shown in the law's words. Fully compliant only when nothing is listed as inaccessible; partially "
            "when most requirements are met; not compliant when most are not."
        ),
    )
    inaccessible_content = StreamField(
        [("item", InaccessibleContentBlock())],
        blank=True,
        verbose_name=_("inaccessible content"),
        help_text=_("Every known shortcoming, with the WCAG criteria it fails and what is done about it."),
    )
    disproportionate_burden = StreamField(
        [("item", DisproportionateBurdenBlock())],
        blank=True,
        verbose_name=_("disproportionate burden"),
        help_text=_("Content exempted because adapting it would be a disproportionate burden (12 §), with reasons."),
    )
    out_of_scope = StreamField(
        [("item", OutOfScopeBlock())],
        blank=True,
        verbose_name=_("content outside the law"),
        help_text=_("Content the law does not cover (9 §), with the ground."),
    )
    method = models.CharField(
        _("method of assessment"), max_length=10, choices=AssessmentMethod.choices, default=AssessmentMethod.SELF
    )
    auditor = models.CharField(
        _("auditor"), max_length=200, blank=True, help_text=_("Who made the external audit. Required for one.")
    )
    method_description = models.TextField(
        _("what was tested"), blank=True, help_text=_("Which pages and functions, with which tools and by whom.")
    )
    assessed_on = models.DateField(_("date of assessment"), default=timezone.localdate)
    updated_on = models.DateField(
        _("date of last update"),
        default=timezone.localdate,
        help_text=_("Change it whenever the statement's contents change."),
    )
    feedback_email = models.EmailField(
        _("feedback e-mail"),
        blank=True,
        help_text=_(
            "Published on the page, and where the messages from the form are sent (a shared mailbox is best). "
            "Empty: they are sent to the editors."
        ),
    )
    feedback_phone = models.CharField(_("feedback phone"), max_length=40, blank=True)
    response_time = models.CharField(
        _("response time"), max_length=200, blank=True, help_text=_('E.g. "We answer within five working days."')
    )
    complaint_url = models.URLField(
        _("DIGG's complaint service"),
        default=DIGG_COMPLAINT_URL,
        help_text=_("The link to the supervising authority's complaint service. Change it only if DIGG moves it."),
    )

    content_panels = Page.content_panels + [
        HelpPanel(
            content=_(
                "The statement's contents are set by DIGG. Each field below is one of them; the page shows them "
                "in DIGG's order, with the prescribed wording around them."
            )
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("public_body_name"), FieldPanel("service_name")])],
            heading=_("Who and what"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("compliance"),
                FieldPanel("inaccessible_content"),
                FieldPanel("disproportionate_burden"),
                FieldPanel("out_of_scope"),
            ],
            heading=_("Compliance"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("method"), FieldPanel("auditor")]),
                FieldPanel("method_description"),
                FieldRowPanel([FieldPanel("assessed_on"), FieldPanel("updated_on")]),
            ],
            heading=_("How it was assessed"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("feedback_email"), FieldPanel("feedback_phone")]),
                FieldPanel("response_time"),
                FieldPanel("complaint_url"),
            ],
            heading=_("Feedback and complaints"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("method_description")]
    max_count = 1  # under the site's home page (UnderTheSiteHome)
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("accessibility statement")

    def clean(self):
        super().clean()
        if self.method == AssessmentMethod.EXTERNAL and not self.auditor.strip():
            raise ValidationError({"auditor": _("Name who made the external audit.")})
        if self.compliance == Compliance.FULL and self.inaccessible_content:
            raise ValidationError({"compliance": _("A site with inaccessible content listed is not fully compliant.")})
        if self.updated_on and self.assessed_on and self.updated_on < self.assessed_on:
            raise ValidationError({"updated_on": _("The last update cannot be before the assessment.")})

    # --- Serving: the statement and its feedback form, without JavaScript --------------------------

    def get_context(self, request, *args, **kwargs):
        from .forms import FeedbackForm

        context = super().get_context(request, *args, **kwargs)
        site_settings = SiteSettings.for_request(request)
        context.update(
            public_body=self.public_body_name or site_settings.organisation_name,
            service=self.service_name or site_settings.site_name,
            form=kwargs.get("form") or FeedbackForm(initial={"page_url": FeedbackForm.page_from_referer(request)}),
            statement_order=STATEMENT_ORDER,
        )
        return context

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        from . import services
        from .forms import FeedbackForm, feedback_rate_limited

        form = FeedbackForm(request.POST)
        if feedback_rate_limited(request):
            form.add_error(None, FeedbackForm.rate_limited_message)
            return self._render(request, form, status=429)
        if not form.is_valid():
            return self._render(request, form, status=400)
        services.feedback_submit(user=request.user, **form.cleaned_data)
        messages.success(request, FeedbackForm.thanks_message(with_reply=bool(form.cleaned_data["email"])))
        return redirect(self.get_url(request))

    def _render(self, request, form, status):
        context = self.get_context(request, form=form)
        return TemplateResponse(request, self.get_template(request), context, status=status)


class AccessibilityFeedback(models.Model):
    """A message sent with the statement's form: a shortcoming found, or a request for content in
    an accessible form. It reaches the editors by mail and stays here until they mark it handled.

    Rows of the whole group (unit_path=None): the messages are about the site, not about a unit,
    so only staff who see the whole group read them. Messages are never added by hand."""

    row_access = RowAccess(unit_path=None, actions=("view", "change", "delete"))

    message = models.TextField(_("message"))
    page_url = models.CharField(_("page concerned"), max_length=500, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Where the sender wants the answer."))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed in as"),
        help_text=_("The account the message was sent from, if the sender was signed in."),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    notified_at = models.DateTimeField(
        _("editors notified"), null=True, blank=True, help_text=_("When the notification mail went out.")
    )
    handled = models.BooleanField(_("handled"), default=False)
    handled_at = models.DateTimeField(_("handled on"), null=True, blank=True)
    note = models.TextField(
        _("note"), blank=True, max_length=2000, help_text=_("What was done, for the other editors. Not sent to anyone.")
    )

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        received = timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M")
        excerpt = " ".join(self.message.split())[:60]
        return f"{received}: {excerpt}"

    def save(self, *args, **kwargs):
        # When it was handled follows the flag, whoever sets it.
        if self.handled and self.handled_at is None:
            self.handled_at = timezone.now()
        elif not self.handled:
            self.handled_at = None
        super().save(*args, **kwargs)
