"""Quizzes that end a course: the quiz page with its questions, and each learner's attempts."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from lms.access.rule import RowAccess
from lms.courses.models import Enrolment
from lms.courses.offers import completion_offers
from lms.languages.content import Language, language
from lms.languages.display import StreamWords, show_in_language, stream_words, words_of
from lms.languages.selectors import preferred_language, source_of, translation_blocks_differ
from lms.organisation.models import Person
from lms.organisation.selectors import person_for_user

from .answers import answers_from_request
from .blocks import QuestionStreamBlock
from .forms import QuizCopyForm
from .grading import METHOD_SENTENCES, RETAKE_NOTES, GradingMethod
from .panels import AnswerLeakWarningPanel
from .scoring import AnswerError
from .snapshot import public_questions, question_pool, worded


class ResultDisplay(models.TextChoices):
    """What the result page shows. Whatever the choice, the right answers, explanations and feedback
    reach the learner only once the review is unlocked: the quiz is passed, or no attempts are left."""

    SCORE = "score", _("Score only")
    # Which questions were wrong after every attempt; the full review once unlocked.
    WRONG = "wrong", _("Which questions were wrong, then the answers")
    # The score only until unlocked, then the full review: nothing to narrow the answers down by retrying.
    ANSWERS = "answers", _("The score, then the full answer review")


def _for_learners(route):
    """A quiz page for a signed-in learner who may see the quiz's course, called with (person, course);
    others get the sign-in page or a 404."""

    @wraps(route)
    def for_learners(quiz, request, *args, **kwargs):
        from lms.courses.locks import locked_response
        from lms.courses.selectors import course_visible_to

        from . import selectors

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        person = person_for_user(request.user)
        course = selectors.quiz_course(quiz=quiz)
        if not course_visible_to(person=person, course=course):
            raise Http404(gettext("The course is not available to you."))
        if refusal := locked_response(request, person=person, course=course):
            return refusal
        return route(quiz, request, person, course, *args, **kwargs)

    return for_learners


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
    grading_method = models.CharField(
        _("grading method"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.FIRST_PASS,
        help_text=_(
            "Which attempt counts for the course, in reports and on the certificate. First passing attempt: "
            "passing closes the quiz. Highest result: learners may try again after passing to improve, while "
            "attempts remain, and see the right answers only once every attempt is used. Last attempt: the "
            "latest counts even if lower, until the course is completed. A change applies to attempts "
            "submitted from now on; results already counted change only when you recount them (Recount "
            "results, in the page's actions), which first shows what would change."
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
                FieldPanel("grading_method"),
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
        """Why these rules let a learner collect the right answers by retrying, or None. (Under the highest
        or the last attempt the answers wait until every attempt is used, so unlimited attempts never
        show them.)"""
        if self.max_attempts is not None or self.result_display == ResultDisplay.SCORE:
            return None
        if self.grading_method != GradingMethod.FIRST_PASS:
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
        self._clean_translation()

    def _clean_translation(self):
        """A translation has its source quiz's questions and choices (by block id), no more and no fewer:
        it supplies their words only. Checked on every save, drafts included, since a draft can be
        published without a form (a workflow's approval, a scheduled publication). (Learners would be
        safe without it: they take the source's snapshot, its answer keys and order, and a word the
        translation lacks stays the source's; this keeps editors from publishing a translation that
        reads as another quiz.)"""
        differ = translation_blocks_differ(self, "questions")
        if differ is not None:
            raise ValidationError(
                _(
                    "A translation has the source quiz's questions and choices, no more and no fewer: only "
                    "their words are translated, and the right answers are always the source's. Missing here: "
                    "%(missing)s. Not in the source: %(added)s. Add or remove them, or update the translation "
                    "from the source quiz."
                )
                % differ.named(),
                code="translation_structure",
            )

    # --- The learner's pages, all under the quiz's own URL: overview, start, take, result. Thin: check
    # who may see the quiz, read the form, call a selector or service, render. Every refusal is a rendered
    # page with a message and a 4xx status; nothing here writes except through services.

    @path("")
    @_for_learners
    def overview(self, request, person, course):
        from . import selectors  # (selectors and services read these models: imported when served)

        overview = selectors.quiz_overview(person=person, course=course, quiz=self)
        question_count = min(self.questions_to_draw or len(self.questions), len(self.questions))
        context = {"overview": overview, "question_count": question_count, **self._grading_context()}
        self._in_language(context, request, person, course)
        return render(request, "quizzes/quiz_page.html", context)

    @path("start/", name="start")
    @_for_learners
    def start(self, request, person, course):
        from . import services

        if request.method != "POST":
            return redirect(self.url)
        try:
            attempt = services.attempt_start(person=person, quiz=self, course=course)
        except services.QuizError as refused:
            return self._error(request, person, course, refused.message, refused.status)
        return redirect(self.sub_url("take", attempt_id=attempt.pk))

    @path("attempt/<int:attempt_id>/", name="take")
    @_for_learners
    def take(self, request, person, course, attempt_id: int):
        from . import selectors, services

        attempt = selectors.person_attempt(person=person, quiz=self, attempt_id=attempt_id)
        if attempt is None:
            raise Http404(gettext("No such attempt."))
        if request.method == "POST":
            return self._submit(request, person, course, attempt)
        if attempt.status == AttemptStatus.SUBMITTED:
            return redirect(self.sub_url("result", attempt_id=attempt.pk))
        if attempt.status == AttemptStatus.EXPIRED or attempt.is_past_deadline(timezone.now()):
            messages.error(request, services.AttemptExpired.default_message)
            return redirect(self.url)
        return self._attempt_form(request, person, course, attempt)

    @path("attempt/<int:attempt_id>/result/", name="result")
    @_for_learners
    def result(self, request, person, course, attempt_id: int):
        from . import selectors

        attempt = selectors.person_attempt(person=person, quiz=self, attempt_id=attempt_id)
        if attempt is None:
            raise Http404(gettext("No such attempt."))
        if attempt.status != AttemptStatus.SUBMITTED:
            return redirect(self.sub_url("take", attempt_id=attempt.pk))
        overview = selectors.quiz_overview(person=person, course=course, quiz=self)
        context = {}
        words = self._in_language(context, request, person, course)
        result = selectors.attempt_result(attempt=attempt, overview=overview, words=words)
        context |= {
            "attempt": attempt,
            "overview": overview,
            "enrolment": overview.enrolment,
            "pass_mark": attempt.snapshot["pass_mark"],
            "result": result,
            "rows": result.rows,
            # What comes next: the certificate, the course's evaluation (apps above register them).
            "offers": (
                completion_offers(person=person, course_ids=[course.pk]).get(course.pk, [])
                if overview.enrolment is not None and overview.enrolment.is_completed
                else []
            ),
            **self._grading_context(),
        }
        return render(request, "quizzes/attempt_result.html", context)

    def _grading_context(self) -> dict:
        return {
            "method_sentence": METHOD_SENTENCES.get(self.grading_method, ""),
            "retake_note": RETAKE_NOTES.get(self.grading_method, ""),
        }

    def _in_language(self, context: dict, request, person, course) -> StreamWords:
        """The learner's page of the quiz in their language (lms.languages): ``page`` with the quiz's title
        and intro from its translation, the course's title (``titles``), the language switch; returns
        the words of its questions, for ``snapshot.worded``. Everything else is this (the source) quiz's."""
        context |= {"page": self, "course": course}
        show_in_language(context, request, self, person, course=course, listed=[course, self])
        return words_of(context["page"], "questions")

    def serve_preview(self, request, mode_name):
        """Editors' preview of a draft: every question with its right answers marked; starts no attempt.
        A translation's preview shows its source's questions and right answers, which learners are
        scored by, in the translation's words."""
        source = source_of(self)
        if source is None:
            questions = question_pool(self.questions)
        else:
            code = self.locale.language_code
            words = stream_words(source.questions, self.questions, language(code) or Language(code, code))
            questions = worded(question_pool(source.questions), words)
        return render(request, "quizzes/quiz_preview.html", {"page": self, "questions": questions})

    def _error(self, request, person, course, message, status: int):
        context = {"message": message}
        self._in_language(context, request, person, course)
        return render(request, "quizzes/error.html", context, status=status)

    def _attempt_form(self, request, person, course, attempt, *, given=None, missing=(), status=200):
        context = {}
        words = self._in_language(context, request, person, course)
        questions = public_questions(worded(attempt.questions, words))
        given = given or {}
        for question in questions:
            question["missing"] = question["id"] in missing
            for choice in question["choices"]:
                choice["checked"] = choice["id"] in given.get(question["id"], ())
        context |= {
            "attempt": attempt,
            "questions": questions,
            "missing": [q for q in questions if q["missing"]],
            "action": self.sub_url("take", attempt_id=attempt.pk),
        }
        return render(request, "quizzes/attempt_take.html", context, status=status)

    def _submit(self, request, person, course, attempt):
        from . import services

        answers: dict[str, list[str]] = {}
        try:
            answers = answers_from_request(request)
            attempt = services.attempt_submit(
                person=person,
                attempt_id=attempt.pk,
                answers=answers,
                language=preferred_language(request, person).code,  # a pass that completes: in this language
            )
        except Attempt.DoesNotExist as exc:
            raise Http404(gettext("No such attempt.")) from exc
        except services.QuizError as refused:
            return self._error(request, person, course, refused.message, refused.status)
        except AnswerError as refused:
            if refused.missing:
                missing = set(refused.missing)
                return self._attempt_form(request, person, course, attempt, given=answers, missing=missing, status=400)
            return self._error(request, person, course, str(refused), 400)
        return redirect(self.sub_url("result", attempt_id=attempt.pk))

    def sub_url(self, name: str, **kwargs) -> str:
        return self.url + self.reverse_subpage(name, kwargs=kwargs).lstrip("/")


class AttemptStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SUBMITTED = "submitted", _("Submitted")
    EXPIRED = "expired", _("Expired")


class AttemptQuerySet(models.QuerySet):
    def counted(self):
        """The attempts that count, one per enrolment and quiz at most (``grading``)."""
        return self.filter(counted=True)


class Attempt(models.Model):
    """One learner's go at a quiz within one enrolment (course round).

    ``snapshot`` holds exactly the questions and choices shown, with the right answers, the pass
    mark and what to show afterwards, so editing the quiz never changes a past result. A person has
    at most one open attempt per enrolment, and attempts are numbered per enrolment: both enforced
    by the database. ``counted`` marks the one submitted attempt per enrolment that counts by the
    quiz's grading method as it was when it was chosen (``grading``, ``services``)."""

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
    counted = models.BooleanField(
        pgettext_lazy("attempt", "counts"), default=False, help_text=_("The attempt that counts for the enrolment.")
    )

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        permissions = [
            ("view_question_statistics", _("Can view question statistics of quizzes")),
            ("recount_results", _("Can recount quiz results by the grading method")),
        ]
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
            models.UniqueConstraint(
                fields=["enrolment", "quiz"], condition=Q(counted=True), name="attempt_one_counted_per_enrolment"
            ),
            models.CheckConstraint(
                condition=Q(counted=False) | Q(status="submitted"), name="attempt_counted_submitted"
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
