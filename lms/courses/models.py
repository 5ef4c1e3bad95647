"""Courses as Wagtail pages, and each person's way through them."""

from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.db.models import Case, CharField, Q, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.coreutils import resolve_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lms.access.rule import RowAccess
from lms.core.pages import UnderTheSiteHome
from lms.languages.display import list_in_language, show_in_language
from lms.languages.selectors import preferred_language
from lms.organisation.models import Audience, Person
from lms.organisation.selectors import person_for_user
from lms.polls import selectors as poll_selectors
from lms.polls.blocks import STATES_CONTEXT_KEY, VOTE_URL_CONTEXT_KEY

from . import extensions
from .blocks import LessonStreamBlock
from .forms import CoursePageForm
from .offers import completion_offers

MAX_QUERY_LENGTH = 200  # the catalogue's search


class CourseIndexPage(UnderTheSiteHome, Page):
    """The catalogue: every published course, searchable and filtered by audience."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Shown above the list of courses."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from . import selectors  # (selectors read these models: imported when the page is served)

        context = super().get_context(request, *args, **kwargs)
        query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
        audience = request.GET.get("audience", "")
        if audience not in CoursePage.AUDIENCE_FIELDS:
            audience = ""
        person = person_for_user(request.user)
        courses = selectors.catalogue_courses(index=self, audience=audience or None, query=query)
        # Which are locked to this learner, and by what (for everyone else: what each course requires).
        missing = selectors.missing_prerequisites(person=person, course_ids=[c.pk for c in courses])
        # Each course in the learner's language where translated, and the languages it can be read in.
        language = preferred_language(request, person)
        shown, languages = list_in_language(courses, language, fields=("title", "summary"))
        for course in courses:
            course.missing_prerequisites = missing.get(course.pk, [])
            course.shown, course.languages = shown[course.pk], languages[course.pk]
        context.update(
            courses=courses,
            query=query,
            audience=audience,
            audience_choices=Audience.choices,
            enrolled_course_ids=selectors.enrolled_course_ids(person=person) if person else set(),
        )
        return context


class CompletionPanel(MultiFieldPanel):
    """The course editor's "Completion and certificate" group: its own fields, then the panels the apps
    above register (certificates: which certificate the course gives), so the editor sets them all while
    editing the course though each app owns its rows."""

    def on_model_bound(self):
        self.children = [*self.children, *extensions.course_editor_panels()]
        super().on_model_bound()


class CoursePage(Page):
    """A course: what it teaches, for whom, and its lessons as child pages in order.
    It may end with a quiz (a child page of the quizzes app) and give a certificate (the certificates
    app's ``CourseCertificate``, edited here): both registered by their apps (extensions.py)."""

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
                HelpPanel(
                    content=_(
                        "Courses a learner must complete before starting this one. Learners see which and are "
                        "linked to them; a course cannot, through other courses, require itself."
                    )
                ),
                InlinePanel("prerequisites", label=_("Required course")),
            ],
            heading=_("Prerequisites"),
        ),
        CompletionPanel(
            [
                HelpPanel(content=_("Add lessons as child pages, in the order learners should take them.")),
                FieldPanel("ends_with_quiz"),
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
    subpage_types = ["courses.LessonPage"]  # and what the apps above register (extensions.py): the quiz
    # Refuses publishing a course without a lesson.
    base_form_class = CoursePageForm

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    @classmethod
    def clean_subpage_models(cls):
        # Its lessons, and the page types apps above register (they name the course, it does not name them).
        registered = [resolve_model_string(label) for label in extensions.course_child_page_types()]
        return [*super().clean_subpage_models(), *registered]

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
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        person = person_for_user(request.user)
        progress = selectors.course_progress(person=person, course=self)
        completed = progress.enrolment is not None and progress.enrolment.is_completed
        context.update(
            person=person,
            progress=progress,
            offers=completion_offers(person=person, course_ids=[self.pk]).get(self.pk, []) if completed else [],
            may_take=person is not None and selectors.course_visible_to(person=person, course=self),
            # Courses to complete first (none once completed: a later prerequisite locks nothing done).
            missing=[] if completed else selectors.course_missing_prerequisites(person=person, course=self),
            quiz_page=selectors.course_quiz_page(course=self) if self.ends_with_quiz else None,
        )
        show_in_language(context, request, self, person, listed=[*progress.lessons, context["quiz_page"]])
        return context


class LessonPage(Page):
    """One lesson of a course. Learners read it and mark it as done."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One sentence on what the lesson covers."))
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated time (minutes)"), null=True, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("estimated_minutes"), FieldPanel("body")]
    poll_fields = ("body",)  # where lms.polls finds the lesson's polls (its PollBlocks)
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    # The learner marks it done; a lesson type of an app above whose content says when it is done (a
    # package lesson) sets False, and marking it by hand is refused (views.lesson_mark_done_view).
    learner_marks_done = True

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def serve(self, request, *args, **kwargs):
        """Lessons are for signed-in learners who may see the course; others get the sign-in page or a 404."""
        from . import selectors

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        from .locks import locked_response

        course = selectors.lesson_course(lesson=self)
        person = person_for_user(request.user)
        if not selectors.course_visible_to(person=person, course=course):
            raise Http404(_("The course is not available to you."))
        if refusal := locked_response(request, person=person, course=course):
            return refusal
        request.lms_course = course  # spare get_context the same query
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        course = getattr(request, "lms_course", None) or selectors.lesson_course(lesson=self)
        person = person_for_user(request.user)
        progress = selectors.course_progress(person=person, course=course)
        lessons = progress.lessons
        position = next((i for i, item in enumerate(lessons) if item.pk == self.pk), None)
        next_lesson = lessons[position + 1] if position is not None and position + 1 < len(lessons) else None
        quiz_page = selectors.course_quiz_page(course=course) if course.ends_with_quiz and not next_lesson else None
        show_in_language(context, request, self, person, course=course, listed=[course, *lessons, quiz_page])
        context.update(
            {
                "course": course,
                "progress": progress,
                "is_done": self.pk in progress.done_ids,
                "position": (position or 0) + 1,
                "previous_lesson": lessons[position - 1] if position else None,
                "next_lesson": next_lesson,
                "quiz_page": quiz_page,  # only the last lesson links on to the quiz: spare the query elsewhere
                # The polls in the body, as this learner may see them (one query, none without a poll).
                # Asked in the words the learner reads (the ids and the tallies are the source's).
                STATES_CONTEXT_KEY: poll_selectors.poll_states(page=context["page"], user=request.user),
                # An unsaved lesson (the editor's preview of a new one) has nowhere to send answers.
                VOTE_URL_CONTEXT_KEY: reverse("courses:lesson_poll_vote", args=[self.pk]) if self.pk else None,
            }
        )
        return context


class CoursePrerequisite(Orderable):
    """A course that must be completed (any cycle, by any route) before this one can be started: its
    lessons and quiz refuse until then. A child row of the page, so it goes live when the course is
    published; the editor's form refuses a cycle (``forms.CoursePageForm``)."""

    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="prerequisites", verbose_name=_("course"))
    required_course = models.ForeignKey(
        CoursePage,
        on_delete=models.CASCADE,  # a deleted course no longer locks anything
        related_name="required_by",
        verbose_name=_("required course"),
        help_text=_("Learners must complete this course first."),
    )

    panels = [FieldPanel("required_course")]

    class Meta(Orderable.Meta):
        verbose_name = _("prerequisite")
        verbose_name_plural = _("prerequisites")
        constraints = [
            models.UniqueConstraint(fields=["course", "required_course"], name="prerequisite_once_per_course"),
            models.CheckConstraint(condition=~Q(course=models.F("required_course")), name="prerequisite_not_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.course_id} requires {self.required_course_id}"


class EnrolmentSource(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    SELF = "self", _("Self-enrolled")


class CompletionRoute(models.TextChoices):
    """How a completed enrolment came to be completed: the reports and the register extract tell them
    apart. Only ``COURSE`` is earned on this platform by the person alone; the other routes keep their
    evidence (the session, the imported row, the reason given) in the app that writes them."""

    COURSE = "course", _("In the course")
    GROUP_SESSION = "group_session", _("In a group session")
    HISTORICAL = "historical", _("Historical (imported)")
    MANUAL = "manual", _("Marked by hand")


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
    self-enrolments and for assignments no longer required (kept, not deleted). However many languages
    the course is read in, it is one enrolment: ``completed_language`` only says which one completed it."""

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
    completed_via = models.CharField(
        _("completed via"), max_length=16, choices=CompletionRoute.choices, default=CompletionRoute.COURSE
    )
    # The content language the course was shown in by the request that completed it (lms.languages); the
    # row stays the source course's whatever the language. Empty: not recorded (another route, or before).
    completed_language = models.CharField(
        _("language completed in"),
        max_length=20,
        blank=True,
        help_text=_("The language the course was shown in when it was completed. Empty: not recorded."),
    )
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
