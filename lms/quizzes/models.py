"""Quizzes that end a course: the quiz page with its questions, and each learner's attempts."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from lms.access.rule import RowAccess
from lms.courses.models import Enrolment
from lms.organisation.models import Person

from .blocks import QuestionStreamBlock
from .forms import QuizCopyForm
from .panels import AnswerLeakWarningPanel


class ResultDisplay(models.TextChoices):
    """What the result page shows. Whatever the choice, the right answers, explanations and feedback
    reach the learner only once the review is unlocked: the quiz is passed, or no attempts are left."""

    SCORE = "score", _("Score only")
    # Which questions were wrong after every attempt; the full review once unlocked.
    WRONG = "wrong", _("Which questions were wrong, then the answers")
    # The score only until unlocked, then the full review: nothing to narrow the answers down by retrying.
    ANSWERS = "answers", _("The score, then the full answer review")


class QuizPage(RoutablePageMixin, Page):
    """The quiz at the end of a course; passing it lets the course complete.

    Questions are StreamField blocks so drafts, preview and revisions work as for any page,
    and each question and choice keeps its block id across edits. Learners start, take and
    see the result of an attempt under this page's URL (see the routes below)."""

    intro = models.TextField(
        pgettext_lazy("quiz", "introduction"), blank=True, help_text=_("Shown before the learner starts.")
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (percent)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The share of the questions the learner must get right to pass, 1–100."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempt limit"),
        default=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many attempts a learner has per course round. Empty: no limit."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Answers sent after the limit are not accepted. Empty: no time limit."),
    )
    questions_to_draw = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Draw this many questions at random from the questions below. Empty: all of them."),
    )
    shuffle_questions = models.BooleanField(
        _("shuffle questions"), default=False, help_text=_("Show the questions in a different order each attempt.")
    )
    shuffle_choices = models.BooleanField(
        _("shuffle choices"),
        default=False,
        help_text=_("Show the choices in a different order each attempt (true/false keeps its order)."),
    )
    result_display = models.CharField(
        _("after submitting, show"),
        max_length=10,
        choices=ResultDisplay.choices,
        default=ResultDisplay.WRONG,
        help_text=_(
            "What the learner sees once the attempt is submitted. The right answers, explanations and feedback "
            "are shown only once the learner has passed or used every attempt, never while they may still try "
            "again."
        ),
    )
    questions = StreamField(
        QuestionStreamBlock(),
        verbose_name=_("questions"),
        help_text=_("The question pool. Every question keeps its identity when you edit it, so statistics survive."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("max_attempts"), FieldPanel("time_limit_minutes")]),
                FieldRowPanel(
                    [FieldPanel("questions_to_draw"), FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]
                ),
                FieldPanel("result_display"),
                AnswerLeakWarningPanel(),
            ],
            heading=_("Rules"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "Single choice, true/false and scenario questions have exactly one correct choice; "
                        "multiple choice at least one. Scenario choices each need their own feedback."
                    )
                ),
                FieldPanel("questions"),
            ],
            heading=_("Questions"),
        ),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    # One quiz per course. Moving a quiz honours this directly; creating and copying are checked by
    # can_create_at's callers instead (see below), so the editor gets an explanation, not "no permission".
    max_count_per_parent = 1
    copy_form_class = QuizCopyForm

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__gte=1, pass_mark__lte=100), name="quizpage_pass_mark_range"),
        ]

    @classmethod
    def can_create_at(cls, parent):
        """Wagtail's check without the count: a course that already has a quiz (often a draft saved
        automatically) would make the admin answer "no permission". The ``before_create_page`` hook in
        wagtail_hooks.py sends the editor to the existing quiz with an explanation instead."""
        return cls.is_creatable and cls.can_exist_under(parent)

    def answer_leak_warning(self) -> str | None:
        """Why these rules let a learner collect the right answers by retrying, or None."""
        if self.max_attempts is not None or self.result_display == ResultDisplay.SCORE:
            return None
        return _(
            "There is no attempt limit, and learners see the right answers once they have passed: anyone can "
            "retry until they pass and then pass the answers on. Set an attempt limit or show the score only. "
            "Drawing fewer questions than the pool holds and shuffling them also makes each attempt differ."
        )

    def clean(self):
        super().clean()
        if self.questions_to_draw and self.questions_to_draw > len(self.questions):
            raise ValidationError(
                {
                    "questions_to_draw": _("There are only %(count)s questions to draw from.")
                    % {"count": len(self.questions)}
                }
            )

    # The learner's pages, all under the quiz's own URL. Views live in views.py.
    @path("")
    def overview(self, request):
        from .views import quiz_overview

        return quiz_overview(request, self)

    @path("start/", name="start")
    def start(self, request):
        from .views import quiz_start

        return quiz_start(request, self)

    @path("attempt/<int:attempt_id>/", name="take")
    def take(self, request, attempt_id: int):
        from .views import attempt_take

        return attempt_take(request, self, attempt_id)

    @path("attempt/<int:attempt_id>/result/", name="result")
    def result(self, request, attempt_id: int):
        from .views import attempt_result

        return attempt_result(request, self, attempt_id)

    def serve_preview(self, request, mode_name):
        from .views import quiz_preview

        return quiz_preview(request, self)

    def sub_url(self, name: str, **kwargs) -> str:
        return self.url + self.reverse_subpage(name, kwargs=kwargs).lstrip("/")


class AttemptStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SUBMITTED = "submitted", _("Submitted")
    EXPIRED = "expired", _("Expired")


class Attempt(models.Model):
    """One learner's go at a quiz within one enrolment (course round).

    ``snapshot`` holds exactly the questions and choices shown, with the right answers, the pass
    mark and what to show afterwards, so editing the quiz never changes a past result. A person has
    at most one open attempt per enrolment, and attempts are numbered per enrolment: both enforced
    by the database."""

    row_access = RowAccess(unit_path="person__org_unit__path", permission="courses.view_enrolment")

    quiz = models.ForeignKey(QuizPage, on_delete=models.PROTECT, related_name="attempts", verbose_name=_("quiz"))
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="quiz_attempts", verbose_name=_("enrolment")
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="quiz_attempts", verbose_name=_("person"))
    number = models.PositiveSmallIntegerField(_("attempt number"))
    seed = models.BigIntegerField(_("seed"), help_text=_("Drew and shuffled this attempt's questions."))
    revision_id = models.PositiveIntegerField(_("quiz revision"), null=True, blank=True)
    snapshot = models.JSONField(_("questions shown"))
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=AttemptStatus.choices, default=AttemptStatus.OPEN)
    score = models.DecimalField(_("score (percent)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    started_at = models.DateTimeField(pgettext_lazy("attempt", "started"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        permissions = [("view_question_statistics", _("Can view question statistics of quizzes"))]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "quiz", "number"], name="attempt_number_once"),
            models.UniqueConstraint(
                fields=["enrolment", "quiz"], condition=Q(status="open"), name="attempt_one_open_per_enrolment"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="attempt_number_positive"),
            models.CheckConstraint(
                condition=(
                    Q(status="submitted", submitted_at__isnull=False, score__isnull=False, passed__isnull=False)
                    | (~Q(status="submitted") & Q(submitted_at__isnull=True, score__isnull=True, passed__isnull=True))
                ),
                name="attempt_result_iff_submitted",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "status"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.quiz_id} #{self.number}"

    @property
    def questions(self) -> list[dict]:
        return self.snapshot["questions"]

    def is_past_deadline(self, now) -> bool:
        return self.deadline is not None and now > self.deadline
