"""Courses as Wagtail pages, and each person's way through them."""

from django.db import models
from django.db.models import Case, CharField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from lms.organisation.access import RowAccess
from lms.organisation.models import Audience, Person

from .blocks import LessonStreamBlock
from .forms import CoursePageForm


class CourseIndexPage(Page):
    """The catalogue: every published course, searchable and filtered by audience."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Shown above the list of courses."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from .views import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        context.update(catalogue_context(request, self))
        return context


class CoursePage(Page):
    """A course: what it teaches, for whom, and its lessons as child pages in order.
    It may end with a quiz (a child page of the quizzes app) and gives a certificate."""

    summary = models.TextField(_("summary"), help_text=_("One or two sentences shown in the catalogue."))
    learning_objectives = models.TextField(
        _("learning objectives"),
        blank=True,
        help_text=_("One objective per line, e.g. 'Efter kursen kan du förklara …'."),
    )
    for_staff = models.BooleanField(_("staff"), default=True)
    for_managers = models.BooleanField(_("managers"), default=True)
    for_politicians = models.BooleanField(_("elected politicians"), default=False)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time (minutes)"), default=30, help_text=_("How long the whole course takes, roughly.")
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
        help_text=_("Decorative: shown in the catalogue without alternative text."),
    )
    ends_with_quiz = models.BooleanField(
        _("ends with a quiz"),
        default=True,
        help_text=_("If ticked, the course is complete only when its quiz (a child page) is passed."),
    )
    certificate_template = models.ForeignKey(
        "certificates.CertificateTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("certificate template"),
        help_text=_("The certificate learners get. Empty: no certificate."),
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: the certificate never expires."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("for_staff"), FieldPanel("for_managers"), FieldPanel("for_politicians")])],
            heading=_("Intended audiences"),
        ),
        FieldPanel("estimated_minutes"),
        MultiFieldPanel(
            [
                HelpPanel(content=_("Add lessons as child pages, in the order learners should take them.")),
                FieldPanel("ends_with_quiz"),
                FieldRowPanel([FieldPanel("certificate_template"), FieldPanel("certificate_validity_months")]),
            ],
            heading=_("Completion and certificate"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("learning_objectives"),
        index.FilterField("for_staff"),
        index.FilterField("for_managers"),
        index.FilterField("for_politicians"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "quizzes.QuizPage"]
    # Presets the default certificate template; refuses publishing a course without a lesson.
    base_form_class = CoursePageForm

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    AUDIENCE_FIELDS = {
        Audience.STAFF: "for_staff",
        Audience.MANAGER: "for_managers",
        Audience.POLITICIAN: "for_politicians",
    }

    @property
    def objectives(self) -> list[str]:
        return [line.strip() for line in self.learning_objectives.splitlines() if line.strip()]

    @property
    def audiences(self) -> list[str]:
        return [aud for aud, field in self.AUDIENCE_FIELDS.items() if getattr(self, field)]

    def get_audiences_display(self) -> list[str]:
        labels = dict(Audience.choices)
        return [labels[a] for a in self.audiences]

    def is_for(self, audience: str) -> bool:
        return bool(getattr(self, self.AUDIENCE_FIELDS[audience], False))

    def get_context(self, request, *args, **kwargs):
        from .views import course_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_context(request, self))
        return context


class LessonPage(Page):
    """One lesson of a course. Learners read it and mark it as done."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One sentence on what the lesson covers."))
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), null=True, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("estimated_minutes"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def serve(self, request, *args, **kwargs):
        from .views import lesson_serve

        return lesson_serve(request, self, super().serve, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .views import lesson_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_context(request, self))
        return context


class EnrolmentSource(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    SELF = "self", _("Self-enrolled")


class EnrolmentState(models.TextChoices):
    """Where a person stands on one enrolment: the one definition that Mina kurser, the course
    page, the manager's view and the reports all use. *Started* means a lesson done or a quiz
    attempt begun, pass or fail; the services record that moment in ``started_at`` (completion
    sets it too), so a report can count it without looking at lessons or attempts."""

    NOT_STARTED = "not_started", pgettext_lazy("status", "Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("status", "In progress")
    COMPLETED = "completed", pgettext_lazy("status", "Completed")


# The same definition as filters, for counting in the database (Count("pk", filter=…)).
ENROLMENT_STATE_FILTERS: dict[str, Q] = {
    EnrolmentState.COMPLETED: Q(completed_at__isnull=False),
    EnrolmentState.IN_PROGRESS: Q(completed_at__isnull=True, started_at__isnull=False),
    EnrolmentState.NOT_STARTED: Q(completed_at__isnull=True, started_at__isnull=True),
}


def enrolment_state_expression() -> Case:
    """The definition as an SQL expression, for annotating rows (e.g. the reports' lists)."""
    return Case(
        *(When(condition, then=Value(str(state))) for state, condition in ENROLMENT_STATE_FILTERS.items()),
        output_field=CharField(),
    )


class EnrolmentQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(completed_at__isnull=False)

    def open(self):
        return self.filter(completed_at__isnull=True)

    def required(self):
        return self.filter(is_required=True)


class Enrolment(models.Model):
    """One person on one course in one cycle (a renewal starts a new cycle).

    ``completed_at`` is set once, by ``services.enrolment_try_complete``, and is
    never cleared by later edits to the course. ``is_required`` is False for
    self-enrolments and for assignments no longer required (kept, not deleted)."""

    row_access = RowAccess(unit_path="person__org_unit__path")

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("person"))
    course = models.ForeignKey(
        CoursePage, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("course")
    )
    cycle = models.PositiveSmallIntegerField(_("cycle"), default=1)
    source = models.CharField(_("source"), max_length=10, choices=EnrolmentSource.choices, default=EnrolmentSource.SELF)
    is_required = models.BooleanField(_("required"), default=False)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    quiz_passed_at = models.DateTimeField(_("quiz passed"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["person", "course", "cycle"], name="enrolment_one_per_person_course_cycle"),
            models.CheckConstraint(condition=Q(cycle__gte=1), name="enrolment_cycle_positive"),
        ]
        indexes = [
            models.Index(fields=["course", "completed_at"]),
            models.Index(fields=["person", "completed_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.course} ({self.cycle})"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None

    @property
    def state(self) -> str:
        """``EnrolmentState`` of this row, the same as ``ENROLMENT_STATE_FILTERS`` says in SQL."""
        if self.completed_at is not None:
            return EnrolmentState.COMPLETED
        if self.started_at is not None:
            return EnrolmentState.IN_PROGRESS
        return EnrolmentState.NOT_STARTED


class LessonProgress(models.Model):
    """A lesson a person has finished within one enrolment."""

    row_access = RowAccess(unit_path="enrolment__person__org_unit__path", permission="courses.view_enrolment")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="lesson_progress")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [models.UniqueConstraint(fields=["enrolment", "lesson"], name="lessonprogress_once_per_lesson")]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.lesson_id}"
