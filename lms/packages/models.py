"""SCORM 1.2, SCORM 2004 and H5P packages as lessons of a course, and each learner's runtime data.

A package is uploaded once (``ContentPackage``: checked, unpacked into private storage, never changed)
and played by a ``PackageLessonPage``, a lesson like any other (it *is* a ``LessonPage``: the course's
lessons, progress, completion, reports and certificates count it without knowing it is a package).
The learner's runtime data lives in ``PackageAttempt``, one per enrolment and lesson."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel

from lms.access.rule import RowAccess
from lms.courses.models import Enrolment, LessonPage


class PackageKind(models.TextChoices):
    SCORM12 = "scorm12", _("SCORM 1.2")
    SCORM2004 = "scorm2004", _("SCORM 2004")
    H5P = "h5p", _("H5P")


class ContentPackage(models.Model):
    """An uploaded package, unpacked under ``storage_prefix`` in private storage (``lms.core.storage``):
    served only to learners who may take a lesson that plays it, through a signed launch (views.py).
    Rows are made only by ``services.package_store`` after every check (``unpacking``) has passed."""

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=PackageKind.choices)
    launch_path = models.CharField(_("launch file"), max_length=500)
    storage_prefix = models.CharField(max_length=64, unique=True, editable=False)
    files = models.JSONField(default=list, editable=False)  # every stored file's path, for serving and deleting
    total_bytes = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    mastery_score = models.DecimalField(
        _("mastery score"), max_digits=5, decimal_places=2, null=True, blank=True, editable=False
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("content package")
        verbose_name_plural = _("content packages")
        ordering = ["title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_kind_display()})"

    def stored_name(self, path: str) -> str:
        return f"packages/{self.storage_prefix}/{path}"

    @property
    def is_scorm(self) -> bool:
        return self.kind in (PackageKind.SCORM12, PackageKind.SCORM2004)


class CompletionRule(models.TextChoices):
    COMPLETED = "completed", _("Completed or passed")
    PASSED = "passed", _("Passed only")


class PackageLessonPage(LessonPage):
    """A lesson played from an uploaded package instead of written in blocks. The package, not the
    learner, says when it is done (``services.attempt_commit``): there is no "mark as done" button.
    A lesson type rather than a block: done-ness is one per lesson, a package brings its own navigation
    and its own full-screen frame, and one package a lesson keeps "which package made this lesson done"
    unambiguous (docs/architecture.md)."""

    package = models.ForeignKey(
        ContentPackage,
        on_delete=models.PROTECT,
        related_name="lessons",
        verbose_name=_("package"),
        help_text=_("Upload packages under Courses → Content packages, then choose one here."),
    )
    completion_rule = models.CharField(
        _("done when the package reports"),
        max_length=10,
        choices=CompletionRule.choices,
        default=CompletionRule.COMPLETED,
        help_text=_(
            "Most packages report 'completed' (or 'passed'). Choose 'Passed only' for a package with a test "
            "that must be passed; a package that reports only 'completed' needs the first choice. A package "
            "with a mastery score and 'Passed only' is the course's test: leave 'Ends with a quiz' off, and its "
            "score is printed on the certificate."
        ),
    )
    frame_height = models.PositiveSmallIntegerField(
        _("player height (pixels)"), default=600, help_text=_("The package's frame on a wide screen; 300–1200.")
    )
    learner_marks_done = False  # courses' "mark as done" refuses this lesson: the package reports it

    content_panels = LessonPage.content_panels[:-1] + [  # the package replaces the block body
        HelpPanel(
            content=_("The learner takes the package in a frame on this page; the lesson is done when it says so.")
        ),
        FieldPanel("package"),
        FieldPanel("completion_rule"),
        FieldPanel("frame_height"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    template = "packages/package_lesson_page.html"

    class Meta:
        verbose_name = _("package lesson")
        verbose_name_plural = _("package lessons")
        constraints = [
            models.CheckConstraint(
                condition=Q(frame_height__gte=300, frame_height__lte=1200), name="packagelesson_frame_height_bounded"
            )
        ]

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.player_context(lesson=self, user=request.user, request=request))
        return context


class PackageAttempt(models.Model):
    """One learner's runtime data for one package lesson in one enrolment: what the package reported
    (status, score, time), where it stopped (``location``, ``suspend_data``: resumed on any device) and
    the interactions (answers) kept for the learner's own review. Written only by ``services``:
    bounded, a completion never undone."""

    row_access = RowAccess(unit_path="enrolment__person__org_unit__path")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="package_attempts")
    lesson = models.ForeignKey(PackageLessonPage, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=PackageKind.choices)
    completion_status = models.CharField(_("completion"), max_length=16, default="not attempted")
    success_status = models.CharField(_("success"), max_length=16, default="unknown")
    score_raw = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    score_min = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    score_max = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    score_scaled = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)
    total_seconds = models.PositiveIntegerField(_("time spent (seconds)"), default=0)
    location = models.CharField(_("location"), max_length=1000, blank=True)
    suspend_data = models.TextField(_("suspend data"), blank=True)
    interactions = models.JSONField(_("interactions"), default=list, blank=True)
    commits = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("package attempt")
        verbose_name_plural = _("package attempts")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="packageattempt_one_per_enrolment_lesson")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.lesson_id}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    @property
    def score_percent(self):
        from .runtime import score_percent

        return score_percent(
            score_scaled=self.score_scaled, score_raw=self.score_raw, score_min=self.score_min, score_max=self.score_max
        )
