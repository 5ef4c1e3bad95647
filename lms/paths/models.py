"""Learning paths: an ordered set of courses ("Introduktion för förtroendevalda" is three courses in
order), and the certificate a person gets when every course of a path is done.

A path is a page, not a snippet: editors get drafts, preview, moderation, scheduled publishing and
revisions as for courses, and learners get an address to bookmark and a page that shows where they stand.
The path orders courses; what *locks* a course is the course's own prerequisites
(``lms.courses.models.CoursePrerequisite``), so a course locks the same way inside a path and outside it,
and the path's editor refuses an order that contradicts them (``forms.LearningPathPageForm``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from lms.access.rule import RowAccess
from lms.certificates.models import CertificateTemplate, IssuedCertificate, RenderStatus, private_storage
from lms.core.pages import UnderTheSiteHome
from lms.courses.models import CoursePage
from lms.organisation.models import OrgUnit, Person
from lms.requirements.models import Requirement

from .forms import LearningPathPageForm


class LearningPathPage(UnderTheSiteHome, Page):
    """A learning path: courses to take in order, shown with the learner's progress through them, and a
    certificate once every one is completed (if the editor chose a template)."""

    summary = models.TextField(_("summary"), help_text=_("One or two sentences on whom the path is for and why."))
    certificate_template = models.ForeignKey(
        CertificateTemplate,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("certificate template"),
        help_text=_("The certificate learners get when they have completed every course. Empty: none."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "In the order learners should take them. A course that requires another "
                        "(its prerequisites) must come after it."
                    )
                ),
                InlinePanel("path_courses", label=_("Course"), min_num=1),
            ],
            heading=_("Courses"),
        ),
        FieldPanel("certificate_template"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    subpage_types: list[str] = []
    base_form_class = LearningPathPageForm

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")

    def get_context(self, request, *args, **kwargs):
        from lms.organisation.selectors import person_for_user

        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        person = person_for_user(request.user)
        context["progress"] = selectors.path_progress(person=person, path=self, request=request)
        return context


class LearningPathCourse(Orderable):
    """One course of a path, in the editor's order (a child row: live when the path is published)."""

    path = ParentalKey(LearningPathPage, on_delete=models.CASCADE, related_name="path_courses")
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="in_paths", verbose_name=_("course"))

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        verbose_name = _("course of a path")
        verbose_name_plural = _("courses of a path")
        constraints = [models.UniqueConstraint(fields=["path", "course"], name="path_course_once")]

    def __str__(self) -> str:
        return f"{self.path_id}: {self.course_id}"


def path_certificate_pdf_path(certificate: "PathCertificate", filename: str = "") -> str:
    """Like a course's certificate (certificates.models.certificate_pdf_path): not guessable, stable."""
    token = salted_hmac("lms.paths.pdf", certificate.code).hexdigest()[:32]
    return f"certificates/paths/{token[:2]}/{token}/intyg-{certificate.code}.pdf"


class PathCertificate(IssuedCertificate, models.Model):
    """The certificate for a completed learning path: one per person and path, issued when the last of
    its courses is completed, its PDF rendered in Celery with the certificates' WeasyPrint pipeline and
    verifiable by its code on the certificates' public page (``lms.certificates.kinds``). It has the
    fields of a course's certificate, so what later sits beside every certificate (an Open Badge) can
    treat the two alike."""

    # Issued by the system, never added, edited or deleted by hand; revoked as a course's certificate is.
    row_access = RowAccess(unit_path="person__org_unit__path", actions=("view", "revoke"))

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="path_certificates", verbose_name=_("person")
    )
    path = models.ForeignKey(
        LearningPathPage, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("learning path")
    )
    template = models.ForeignKey(
        CertificateTemplate, on_delete=models.PROTECT, related_name="+", verbose_name=_("template")
    )
    code = models.CharField(_("verification code"), max_length=16, unique=True, editable=False)
    completed_on = models.DateField(_("completed on"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)  # none: the courses' own expire
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    render_status = models.CharField(
        _("PDF status"), max_length=10, choices=RenderStatus.choices, default=RenderStatus.PENDING
    )
    render_error = models.TextField(_("last rendering error"), blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    pdf = models.FileField(
        _("PDF"), storage=private_storage, upload_to=path_certificate_pdf_path, max_length=200, blank=True
    )

    subject_label = _("Learning path")  # what the verification page prints (lms.certificates.kinds)

    class Meta:
        verbose_name = _("path certificate")
        verbose_name_plural = _("path certificates")
        ordering = ["-issued_at"]
        permissions = [("revoke_pathcertificate", _("Can revoke path certificates"))]
        constraints = [
            models.UniqueConstraint(fields=["person", "path"], name="path_certificate_one_per_person_path"),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""), name="path_certificate_revoked_reason"
            ),
            models.CheckConstraint(
                condition=~Q(render_status=RenderStatus.RENDERED) | ~Q(pdf=""), name="path_certificate_rendered_pdf"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_code} – {self.path_id}"

    @property
    def subject_title(self) -> str:
        return self.path.title

    @property
    def subject_page(self):
        return self.path


class PathRequirement(models.Model):
    """HR's decision that a learning path is required: kept as one ``requirements.Requirement`` per
    course of the path, all alike (who, by when, renewed how often), so assignment, due dates,
    reminders, renewals and the course reports work as for any required course. This row names the
    requirements that make up the path's and keeps them in step with it: the same fields on every one,
    a course added to the path gets its own, a course taken out of it has its own deactivated
    (``services.path_requirement_save`` / ``path_requirements_follow``)."""

    row_access = RowAccess(unit_path="org_unit__path", permission="requirements.view_requirement")

    path = models.ForeignKey(
        LearningPathPage, on_delete=models.PROTECT, related_name="requirements", verbose_name=_("learning path")
    )
    # The unit of its requirements (their row access), copied here so the access rule can read it.
    org_unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    course_requirements = models.ManyToManyField(Requirement, related_name="+", verbose_name=_("course requirements"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("path requirement")
        verbose_name_plural = _("path requirements")
        ordering = ["path__title", "pk"]

    def __str__(self) -> str:
        return f"{self.path} – {self.org_unit or ''}"
