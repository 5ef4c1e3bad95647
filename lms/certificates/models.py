"""Certificate templates (edited in the admin) and the certificates issued from them."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from lms.access.rule import RowAccess
from lms.core.storage import private_storage as shared_private_storage
from lms.courses.models import CompletionRoute
from lms.languages.content import Language, as_language, source_language_code
from lms.languages.display import InLanguage, in_language
from lms.languages.selectors import in_source_language

from .codes import format_code
from .placeholders import PlaceholderError, placeholders_in


class CertificateTemplate(TranslatableMixin, models.Model):
    """How a certificate (intyg) looks and what it says. Courses name the template they give.

    Translatable (wagtail-localize, as a snippet): a translation is a template of its own in its locale
    with the source's ``translation_key``; its words are the translator's, its look and name the source's
    (``translatable_fields``). Courses and certificates name the source; a certificate is printed with the
    translation in its language where there is one (``in_language``)."""

    name = models.CharField(_("name"), max_length=100, help_text=_("For editors; not printed."))
    heading = models.CharField(
        _("heading"),
        max_length=200,
        default="Intyg",
        help_text=_("The large title of the certificate, e.g. 'Intyg'. Placeholders work here too."),
    )
    body = models.TextField(
        _("body text"),
        help_text=_(
            "The certificate's text. Placeholders in braces are filled in: {name}, {course}, {completed_on}, "
            "{valid_until}, {organisation}, {code}."
        ),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
        help_text=_("Printed at the top left. A wide image on a transparent or white background works best."),
    )
    signatory_name = models.CharField(
        _("signatory's name"), max_length=200, blank=True, help_text=_("Printed under the signature.")
    )
    signatory_title = models.CharField(
        _("signatory's title"), max_length=200, blank=True, help_text=_("E.g. 'HR-direktör'.")
    )
    signature_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("signature image"),
        help_text=_("A scanned signature, printed above the signatory's name."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#00507a",
        help_text=_("Used for the frame and the heading. Choose a dark colour: text on white must stay readable."),
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Give the colour as #RRGGBB, e.g. #00507a."))],
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        HelpPanel(content=_("Preview the template as a PDF with sample data from the list of templates.")),
        FieldPanel("name"),
        MultiFieldPanel([FieldPanel("heading"), FieldPanel("body")], heading=_("Text")),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("accent_colour"),
                FieldRowPanel([FieldPanel("signatory_name"), FieldPanel("signatory_title")]),
                FieldPanel("signature_image"),
            ],
            heading=_("Look and signature"),
        ),
    ]

    # What a translator translates: the printed words. The rest follows the source on every sync.
    translatable_fields = [
        TranslatableField("heading"),
        TranslatableField("body"),
        TranslatableField("signatory_title"),
        SynchronizedField("name"),
        SynchronizedField("logo"),
        SynchronizedField("signatory_name"),
        SynchronizedField("signature_image"),
        SynchronizedField("accent_colour"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name"]
        constraints = [
            # A name tells the editors one template (its translations share it, each in its locale).
            models.UniqueConstraint(fields=["name", "locale"], name="certificatetemplate_name_once_per_locale"),
        ]

    def __str__(self) -> str:
        return self.name

    def in_language(self, code: str) -> "CertificateTemplate":
        """The template as printed in ``code``: its translation into that language, else the source
        language's (whichever of them a course names), else itself. One query; none unsaved."""
        if self.pk is None:
            return self
        found = {
            template.locale.language_code: template
            for template in CertificateTemplate.objects.filter(
                translation_key=self.translation_key, locale__language_code__in={code, settings.LANGUAGE_CODE}
            ).select_related("locale", "logo", "signature_image")
        }
        return found.get(code) or found.get(settings.LANGUAGE_CODE) or self

    @property
    def language_code(self) -> str:
        """What the template's words are in: its locale's language (the source's for an unsaved one)."""
        return self.locale.language_code if self.locale_id else settings.LANGUAGE_CODE

    @classmethod
    def default_for_new_courses(cls) -> "CertificateTemplate | None":
        """The template a new course starts with (the editor may choose another or none): the one most
        courses give, the oldest on a tie; with no course giving one yet, the oldest template. One query."""
        courses_giving_it = (
            CourseCertificate.objects.filter(template=OuterRef("pk"))
            .order_by()
            .values("template")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            in_source_language(cls.objects.all())  # a translation prints under its source
            .annotate(course_count=Coalesce(Subquery(courses_giving_it), 0))
            .order_by("-course_count", "pk")
            .first()
        )

    def clean(self):
        super().clean()
        errors = {}
        for field in ("heading", "body"):
            try:
                placeholders_in(getattr(self, field))
            except PlaceholderError as exc:
                errors[field] = str(exc)
        # The name is unique per locale (a constraint the editor's form does not check: the locale is not
        # one of its fields), so a second template of the same name is refused here, not by the database.
        locale_id = self.locale_id or Locale.get_default().pk
        if CertificateTemplate.objects.filter(name=self.name, locale_id=locale_id).exclude(pk=self.pk).exists():
            errors["name"] = _("There is already a certificate template with this name.")
        if errors:
            raise ValidationError(errors)


class CourseCertificate(models.Model):
    """The certificate a course gives: which template, valid how long. A course without one gives none.

    Owned here, not by the course (courses sit below certificates and name nothing of them), but edited
    in the course's editor (``panels.CourseCertificatePanel``, registered in the course's "Completion and
    certificate" group): a child row of the page (``ParentalKey``), so it is kept in the course's
    revisions and goes live when the course is published, as a field of the page would."""

    course = ParentalKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="certificate_terms", verbose_name=_("course")
    )
    template = models.ForeignKey(
        CertificateTemplate,
        on_delete=models.CASCADE,  # a course whose template is deleted gives no certificate
        related_name="courses",
        verbose_name=_("certificate template"),
        help_text=_("The certificate learners get when they complete the course."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"), null=True, blank=True, help_text=_("Empty: the certificate never expires.")
    )

    panels = [FieldRowPanel([FieldPanel("template"), FieldPanel("validity_months")])]

    class Meta:
        verbose_name = _("course's certificate")  # not "certificate": that is an issued one (Certificate)
        verbose_name_plural = _("courses' certificates")
        constraints = [models.UniqueConstraint(fields=["course"], name="one_certificate_per_course")]

    def __str__(self) -> str:
        return str(self.template)


def private_storage():
    """Certificate PDFs have no URL: only the download view sends them, after its permission
    check. Kept here because migrations name this function."""
    return shared_private_storage()


def certificate_pdf_path(certificate: "Certificate", filename: str = "") -> str:
    """Derived from the secret key and the code: not guessable, but the same on every render,
    so a retried or repeated render overwrites the file instead of piling up copies."""
    token = salted_hmac("lms.certificates.pdf", certificate.code).hexdigest()[:32]
    return f"certificates/{token[:2]}/{token}/intyg-{certificate.code}.pdf"


class RenderStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    RENDERED = "rendered", _("Ready")
    FAILED = "failed", _("Failed")


class CertificateStatus(models.TextChoices):
    """What the certificate says today; derived, not stored (time makes certificates expire)."""

    VALID = "valid", _("Valid")
    EXPIRED = "expired", pgettext_lazy("certificate", "Expired")
    REVOKED = "revoked", _("Revoked")


# Routes whose completion earns a certificate by itself. A completion from elsewhere (historical,
# marked by hand) gets one only when whoever recorded it asked for it (lms.completions), and then it
# says "registered" rather than "completed" (``Certificate.is_registered``): the platform did not see it.
EARNED_ROUTES = (CompletionRoute.COURSE, CompletionRoute.GROUP_SESSION)
REGISTERED_ROUTES = (CompletionRoute.HISTORICAL, CompletionRoute.MANUAL)


class CertificateQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        return self.filter(revoked_at__isnull=True).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))

    def rendered(self):
        return self.filter(render_status=RenderStatus.RENDERED)


class IssuedCertificate:
    """What every kind of certificate row shares (a course's here, a path's in lms.paths): its code as
    printed, its status on a day and whether its PDF is there. The row has ``code``, ``revoked_at``,
    ``valid_until`` and ``render_status``."""

    @property
    def display_code(self) -> str:
        return format_code(self.code)

    def status_on(self, day: date) -> str:
        if self.revoked_at is not None:
            return CertificateStatus.REVOKED
        if self.valid_until is not None and self.valid_until < day:
            return CertificateStatus.EXPIRED
        return CertificateStatus.VALID

    @cached_property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return CertificateStatus(self.status).label

    @property
    def is_ready(self) -> bool:
        return self.render_status == RenderStatus.RENDERED


class Certificate(IssuedCertificate, models.Model):
    """A certificate (intyg) for one completed enrolment: exactly one per enrolment, whatever
    retries or duplicate task deliveries happen (the OneToOne below is the guarantee).

    ``valid_until`` NULL means valid forever. A revoked certificate keeps its row and file, so
    the verification page can say it was revoked. The PDF is rendered by a Celery task;
    ``render_status`` tells whether it is there yet."""

    # Issued by the system, never added, edited or deleted by hand; revocation has its own permission.
    row_access = RowAccess(unit_path="person__org_unit__path", actions=("view", "revoke"))

    person = models.ForeignKey(
        "organisation.Person", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("person")
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.PROTECT, related_name="certificates", verbose_name=_("course")
    )
    enrolment = models.OneToOneField(
        "courses.Enrolment", on_delete=models.PROTECT, related_name="certificate", verbose_name=_("enrolment")
    )
    template = models.ForeignKey(
        CertificateTemplate, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("template")
    )
    code = models.CharField(_("verification code"), max_length=16, unique=True, editable=False)
    completed_on = models.DateField(_("completed on"))
    # What the PDF is printed in (lms.languages): the course's title and the template's text in it where
    # translated. Chosen once, when issued; certificates issued before languages were recorded: the source's.
    language = models.CharField(
        _("language"),
        max_length=20,
        default=source_language_code,
        help_text=_("The language the certificate is printed in: the one the learner completed the course in."),
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    render_status = models.CharField(
        _("PDF status"), max_length=10, choices=RenderStatus.choices, default=RenderStatus.PENDING
    )
    render_error = models.TextField(_("last rendering error"), blank=True)
    render_attempts = models.PositiveIntegerField(_("rendering attempts"), default=0)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    pdf = models.FileField(
        _("PDF"), storage=private_storage, upload_to=certificate_pdf_path, max_length=200, blank=True
    )
    # The stored PDF's SHA-256, written with it: a restored backup (or a file store) can be checked against it.
    pdf_sha256 = models.CharField(_("PDF checksum (SHA-256)"), max_length=64, blank=True, editable=False)
    ready_mail_sent_at = models.DateTimeField(_("ready e-mail sent at"), null=True, blank=True)
    # The re-render batch this certificate still counts towards; cleared once counted (exactly once).
    render_batch = models.ForeignKey(
        "CertificateRenderBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        permissions = [("revoke_certificate", _("Can revoke certificates"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""), name="certificate_revoked_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("completed_on")),
                name="certificate_valid_after_completion",
            ),
            models.CheckConstraint(
                condition=Q(render_status__in=RenderStatus.values), name="certificate_render_status_known"
            ),
            models.CheckConstraint(
                condition=~Q(render_status=RenderStatus.RENDERED) | ~Q(pdf=""), name="certificate_rendered_has_pdf"
            ),
        ]
        indexes = [models.Index(fields=["person", "issued_at"]), models.Index(fields=["render_status"])]

    def __str__(self) -> str:
        return f"{self.display_code} – {self.course_id}"

    # What the verification page prints as completed (other kinds, kinds.py, name a path instead).
    subject_label = _("Course")

    @cached_property
    def printed_course(self) -> InLanguage:
        """The course as the certificate prints it: its title and summary in the certificate's language
        where the course is translated into it, else the source's (``.language`` says which)."""
        return in_language(self.course, as_language(self.language))

    @property
    def subject_title(self) -> str:
        return self.printed_course.title

    @property
    def subject_language(self) -> Language:
        return self.printed_course.language

    @property
    def subject_page(self):
        return self.course

    @property
    def is_registered(self) -> bool:
        """A completion from elsewhere, registered on the platform: the certificate says so."""
        return self.enrolment.completed_via in REGISTERED_ROUTES


class CertificateRenderBatch(models.Model):
    """A re-render of many certificates (after a template changed), sent to Celery one task per
    certificate. Each task adds to ``done`` or ``failed`` with an F() update exactly once, so
    progress is right however the tasks interleave; no chord or result backend needed."""

    # Batches name who started them; they concern the whole group (a template's every certificate).
    row_access = RowAccess(unit_path=None, permission="certificates.change_certificatetemplate")

    description = models.CharField(_("description"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)

    class Meta:
        verbose_name = _("re-render batch")
        verbose_name_plural = _("re-render batches")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(done__lte=F("total") - F("failed")), name="renderbatch_counts_within_total"
            ),
        ]

    def __str__(self) -> str:
        return self.description or f"#{self.pk}"

    @property
    def finished(self) -> bool:
        return self.done + self.failed >= self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * (self.done + self.failed) / self.total)
