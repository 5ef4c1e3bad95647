"""Surveys: course evaluations and attitude surveys, answered anonymously by construction.

**Why our own question blocks, not Wagtail's form builder.** ``wagtail.contrib.forms`` stores each
submission as one ``FormSubmission`` row: the page, the answers as one JSON object and
``submit_time`` to the microsecond, under an autoincrement key. Every one of those fights
anonymity: the timestamp and the key's order line a submission up with the moment someone was
seen answering (or with any other table written in the same request), and one JSON blob per
person keeps every answer of one person together for anyone who can list submissions (the form
builder's own submissions listing and CSV do exactly that). Its field types also lack an agreement
scale with "don't know" and sections, and its answers cannot be counted in the database without
unpacking JSON. So a survey is a page whose questions are StreamField blocks (``blocks.py``) with
stable keys, and the answers live in tables designed for counting and for nothing else.

**Anonymous by construction** (what the tables can and cannot say):

- ``Participation``: that a person has answered a survey (for "already answered", reminders and the
  register extract). No date, no unit of its own, nothing of the answers.
- ``PendingAnswerSet``: what the learner's request writes beside it: the answers, waiting for the
  night's release (a random UUID key, the day only, the reporting unit and audience, the answers as
  one JSON list). It is the only row that shares anything with a participation (the transaction, so
  PostgreSQL's ``xmin``), and it lives until the next nightly run (``services.survey_release``).
- ``AnswerSet`` / ``Answer``: one person's answers to one survey, written only by the release (a
  Celery task, never a learner's request): a random UUID key (no order), the day only, the
  reporting unit (the outermost administration or company, as the public figures use; none when the
  survey keeps only group-wide figures) and the audience. ``Answer`` repeats its set's survey, unit,
  audience and ``shown`` so results are counted from one table and one index. No person, no account,
  no time of day.
- ``SurveyRelease``: when the figures last changed. Pages show only ``shown`` answers and the time
  of the release that showed them.
- **Not the language.** A learner reads a survey in their course language (``lms.languages``: the
  source page's address, a translation's words, matched to the source's questions by block id), but
  what is stored is the same whatever the language: the source survey, its question and choice keys.
  The language it was read in is stored on no row, pending or released: in a unit of a few people the
  one colleague who reads Finnish or Arabic would be named by it (a breakdown by language would be a
  breakdown by people), and the figures count each answer once whatever the language.

**Why a release links nothing.** The release takes all of a survey's pending rows in one
transaction of its own, shuffles them, writes the answer sets in that order under fresh random keys,
deletes the pending rows, and rewrites the survey's participation rows in another shuffled order
(fresh ids). So every answer set of a release carries the release's ``xmin`` and no participation's;
their ``ctid`` order is the shuffle's; and the participations' ids, ``xmin`` and ``ctid`` no longer
tell in which order (so in which release) anyone answered. What remains is in
``docs/architecture.md`` (the pending rows until the night, dead tuples until VACUUM, backups and
WAL taken in that window).

**Why the figures move only in steps of five.** An answer set counts in the figures (``shown``)
only when the cell it belongs to, its (reporting unit, audience) pair, has at least five answer sets
not yet shown; then the whole cell's waiting sets are shown at once, at a release (at most once a
day; ``services.survey_release``). Every figure on every page is a sum over cells (the total, a
unit, an audience, a limited user's part of the group), so every figure, and every difference
between figures of any releases, is a sum of such batches of at least five: no subtraction isolates
fewer (``tests/surveys/test_release_differencing.py``). Answers left in a cell with fewer than five
when the survey closes are never shown: showing them would show them alone (the difference with the
release before). They are still stored, and leave with the rest of the survey's answers (``retention.py``:
per survey, all at once, counted from its closing release; never by the day of answering).

A survey's reporting level, whether it may hold free text, its kind, course and series are fixed
once its first answer exists (``SurveyPage.clean``; Wagtail validates every save and publish).
"""

import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from lms.access.rule import RowAccess
from lms.core.pages import UnderTheSiteHome
from lms.courses.models import CoursePage
from lms.languages.display import StreamWords, show_in_language, titles_in, words_of
from lms.languages.selectors import preferred_language, translation_blocks_differ
from lms.organisation.models import Audience, OrgUnit, Person
from lms.organisation.selectors import person_for_user

from .blocks import QUESTION_KINDS, SurveyStreamBlock
from .forms import SurveyAnswerForm

ANSWERS_STORED = _(
    "Thank you for answering! Your answers are stored without your name. They count in the results "
    "only at a later release, together with at least four others' from your group."
)


class SurveyIndexPage(UnderTheSiteHome, Page):
    """Where surveys live: lists the surveys open to the signed-in learner."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Shown above the list of surveys."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["surveys.SurveyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("survey list")

    def get_context(self, request, *args, **kwargs):
        from . import selectors  # (selectors read these models: imported when the page is served)

        context = super().get_context(request, *args, **kwargs)
        person = person_for_user(request.user)
        surveys = selectors.surveys_for(person=person)
        # Each survey's title in the learner's language (lms.languages), where translated.
        context.update(person=person, surveys=surveys, titles=titles_in(surveys, preferred_language(request, person)))
        return context


class SurveySeries(models.Model):
    """Surveys asked at several measurement points (before and after a campaign) with the same
    question keys, so their results can be compared."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("survey series")
        verbose_name_plural = _("survey series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SurveyKind(models.TextChoices):
    COURSE_EVALUATION = "course_evaluation", _("Course evaluation")
    ATTITUDE = "attitude", _("Attitude survey")


class ReportingLevel(models.TextChoices):
    ORGANISATION = "organisation", _("Administration or company, and audience")
    GROUP = "group", _("The whole group only")


LOCKED_FIELDS = ("kind", "course_id", "series_id", "reporting_level", "allow_free_text")


class SurveyPage(Page):
    """A survey: its questions (sections, agreement scales, choices, free text), when it is open
    and for whom. A course evaluation names its course and is offered to those who completed it;
    an attitude survey belongs to a series and is one measurement point in it."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Why the survey is asked, shown above it."))
    kind = models.CharField(_("kind"), max_length=20, choices=SurveyKind.choices, default=SurveyKind.ATTITUDE)
    course = models.ForeignKey(
        CoursePage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("course"),
        help_text=_("For a course evaluation: offered to everyone who completes this course."),
    )
    series = models.ForeignKey(
        SurveySeries,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("series"),
        help_text=_("For an attitude survey: the surveys of a series are compared question by question (by key)."),
    )
    measurement_point = models.CharField(
        _("measurement point"), max_length=100, blank=True, help_text=_("E.g. 'Before the campaign', 'After'.")
    )
    opens_on = models.DateField(_("opens"), default=timezone.localdate)
    closes_on = models.DateField(_("closes"), null=True, blank=True, help_text=_("Empty: open until closed."))
    audience_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisational unit"),
        help_text=_("Who is asked: the people of this unit and the units below. Empty: the whole group."),
    )
    for_staff = models.BooleanField(_("staff"), default=True)
    for_managers = models.BooleanField(_("managers"), default=True)
    for_politicians = models.BooleanField(_("elected politicians"), default=True)
    reporting_level = models.CharField(
        _("answers are kept by"),
        max_length=20,
        choices=ReportingLevel.choices,
        default=ReportingLevel.ORGANISATION,
        help_text=_(
            "What is stored with each answer besides the day: the administration or company and the audience "
            "(breakdowns, groups under five hidden), or nothing (the whole group only). Fixed once the first answer is in."
        ),
    )
    allow_free_text = models.BooleanField(
        _("free-text questions"),
        default=True,
        help_text=_(
            "Free text can reveal who wrote it; only those with the right to read free text see it. "
            "Fixed once the first answer is in."
        ),
    )
    publish_results = models.BooleanField(
        _("publish the headline results"),
        default=False,
        help_text=_("Once the survey has closed, show its results for the whole group on the public results page."),
    )
    questions = StreamField(SurveyStreamBlock(), verbose_name=_("questions"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("course"),
                FieldRowPanel([FieldPanel("series"), FieldPanel("measurement_point")]),
            ],
            heading=_("Kind"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
                FieldPanel("audience_unit"),
                FieldRowPanel([FieldPanel("for_staff"), FieldPanel("for_managers"), FieldPanel("for_politicians")]),
            ],
            heading=_("When and for whom"),
        ),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "Answers are anonymous: no name, no account and no time of day is stored with them. "
                        "These choices cannot be changed once the first answer is in."
                    )
                ),
                FieldPanel("reporting_level"),
                FieldPanel("allow_free_text"),
                FieldPanel("publish_results"),
            ],
            heading=_("Anonymity and results"),
        ),
        FieldPanel("questions"),
    ]
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types: list[str] = []

    AUDIENCE_FIELDS = {
        Audience.STAFF: "for_staff",
        Audience.MANAGER: "for_managers",
        Audience.POLITICIAN: "for_politicians",
    }

    class Meta:
        verbose_name = _("survey")

    # The learner's side: works without JavaScript; every refusal is a message on the page, nothing stored.

    def serve(self, request, *args, **kwargs):
        """GET shows the survey (or why it cannot be answered); POST stores the answers or shows the
        form again with its errors (status 400) and nothing stored."""
        from . import selectors, services

        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        person = person_for_user(request.user)
        context = self.get_context(request)
        refusal = selectors.refusal(survey=self, person=person)
        if refusal is not None:
            return self._answer_page(request, context, form=None, refusal=refusal, status=409)
        form = SurveyAnswerForm(request.POST, survey=self, words=context["question_words"])
        if not form.is_valid():
            return self._answer_page(request, context, form=form, status=400)
        try:
            services.survey_answer(survey=self, person=person, answers=form.answers())
        except services.SurveyRefused as refused:
            form.add_error(None, str(refused))
            return self._answer_page(request, context, form=form, status=400)
        messages.success(request, ANSWERS_STORED)
        return redirect(self.get_url(request))

    def get_context(self, request, *args, **kwargs):
        """The survey in the learner's language (lms.languages): the title, introduction and questions in
        a translation's words, the keys and rules this (the source) survey's; answers are stored against
        this survey whatever the language (the module docstring)."""
        context = super().get_context(request, *args, **kwargs)
        listed = [self.course] if self.course_id else []
        show_in_language(context, request, self, person_for_user(request.user), listed=listed)
        context["question_words"] = words_of(context["page"], "questions")
        if request.method != "POST":
            context.update(self._answer_context(request, context))
        return context

    def _answer_context(self, request, context, form=None, refusal=None) -> dict:
        from . import selectors

        person = person_for_user(request.user)
        if refusal is None and form is None:
            refusal = selectors.refusal(survey=self, person=person)
        if refusal is None and form is None:
            form = SurveyAnswerForm(survey=self, words=context["question_words"])
        # Where to go from here once the survey cannot (or need not) be answered: the next survey, if any.
        next_survey = (
            next((s for s in selectors.surveys_for(person=person) if s.pk != self.pk), None) if refusal else None
        )
        if next_survey is not None and "content_language" in context:
            context["titles"] |= titles_in([next_survey], context["content_language"])
        return {
            "person": person,
            "form": form,
            "refusal": refusal,
            "next_survey": next_survey,
            "has_free_text": any(q["kind"] == "free_text" for q in self.question_blocks()),
        }

    def _answer_page(self, request, context, *, form, status, refusal=None):
        context.update(self._answer_context(request, context, form=form, refusal=refusal))
        return TemplateResponse(request, self.get_template(request), context, status=status)

    @property
    def audiences(self) -> list[str]:
        return [aud for aud, field in self.AUDIENCE_FIELDS.items() if getattr(self, field)]

    @property
    def keeps_units(self) -> bool:
        return self.reporting_level == ReportingLevel.ORGANISATION

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day and (self.closes_on is None or day <= self.closes_on)

    def question_blocks(self, words: StreamWords | None = None) -> list[dict]:
        """The questions in order, each a dict with its kind, its section and its choices as
        (key, label) pairs; the agreement scale's are the scale and "don't know". With ``words`` (a
        translation's, ``display.words_of``) the section, question, help and choice texts are ``Text``s
        in its language where translated; the keys, kinds and order are always this page's."""
        from .blocks import DONT_KNOW, SCALE

        def word(block_id, name, text):
            return text if words is None else words.text(block_id, name, text)

        found, section = [], None
        for child in self.questions:
            if child.block_type == "section":
                section = word(child.id, "heading", child.value["heading"])
                continue
            if child.block_type not in QUESTION_KINDS:
                continue
            value = child.value
            if child.block_type == "agreement":
                choices = [(key, key) for key in SCALE] + [(DONT_KNOW, str(_("Don't know")))]
            elif child.block_type == "free_text":
                choices = []
            else:
                choices = [
                    (c.value["key"], word(c.id, "label", c.value["label"])) for c in value["choices"].bound_blocks
                ]
            found.append(
                {
                    "key": value["key"],
                    "kind": child.block_type,
                    "text": word(child.id, "text", value["text"]),
                    "help_text": word(child.id, "help_text", value.get("help_text") or ""),
                    "required": bool(value.get("required")),
                    "section": section,
                    "choices": choices,
                }
            )
        return found

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == SurveyKind.COURSE_EVALUATION and self.course_id is None:
            errors["course"] = _("A course evaluation names its course.")
        if self.kind == SurveyKind.ATTITUDE and self.course_id is not None:
            errors["course"] = _("Only a course evaluation names a course.")
        if not self.audiences:
            errors["for_staff"] = _("Choose at least one audience: staff, managers or elected politicians.")
        if self.closes_on and self.opens_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The survey cannot close before it opens.")
        if not self.allow_free_text and any(c.block_type == "free_text" for c in self.questions):
            errors["allow_free_text"] = _("The survey has free-text questions: allow free text or remove them.")
        if errors:
            raise ValidationError(errors)
        self._clean_locked()
        self._clean_translation()

    def _clean_translation(self):
        """A translation has its source survey's sections, questions and choices (by block id), no more
        and no fewer: it supplies their words only, the keys answers are stored under are the source's
        (as QuizPage._clean_translation argues for quizzes)."""
        differ = translation_blocks_differ(self, "questions")
        if differ is not None:
            raise ValidationError(
                _(
                    "A translation has the source survey's sections, questions and choices, no more and no "
                    "fewer: only their words are translated, and answers are stored under the source's keys. "
                    "Missing here: %(missing)s. Not in the source: %(added)s. Add or remove them, or update "
                    "the translation from the source survey."
                )
                % differ.named(),
                code="translation_structure",
            )

    def _clean_locked(self):
        """Once answers exist, nothing that changes what they mean or how anonymous they are may change."""
        if self.pk is None or not (
            AnswerSet.objects.filter(survey_id=self.pk).exists()
            or PendingAnswerSet.objects.filter(survey_id=self.pk).exists()
        ):
            return
        stored = SurveyPage.objects.filter(pk=self.pk).values(*LOCKED_FIELDS).first()
        if stored is None:
            return
        errors = {}
        for name in LOCKED_FIELDS:
            if stored[name] != getattr(self, name):
                field = name.removesuffix("_id")
                errors[field] = _("Fixed: the survey already has answers.")
        if errors:
            raise ValidationError(errors)
        # Every question and choice of the stored page stays, whether or not anyone chose it: which keys
        # hold answers (waiting ones included) would tell an editor what the few latest answerers chose.
        kept = {q["key"]: {c for c, _label in q["choices"]} for q in self.question_blocks()}
        missing = set()
        for question in SurveyPage.objects.get(pk=self.pk).question_blocks():
            choices = kept.get(question["key"])
            if choices is None:
                missing.add(question["key"])
            else:
                missing |= {f"{question['key']}/{c}" for c, _label in question["choices"] if c not in choices}
        if missing:
            raise ValidationError(
                _("The survey already has answers: its questions and choices stay. Removed here: %(keys)s.")
                % {"keys": ", ".join(sorted(missing))}
            )


class AnswerSet(models.Model):
    """One person's answers to one survey, without the person (see the module docstring)."""

    # Scoped by the unit kept with the answers; sets kept without a unit are the whole group's.
    row_access = RowAccess(unit_path="reporting_unit__path", permission="surveys.view_survey_results", actions=())

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="answer_sets")
    answered_on = models.DateField()  # the day, never the time
    reporting_unit = models.ForeignKey(OrgUnit, on_delete=models.SET_NULL, null=True, related_name="+")
    audience = models.CharField(max_length=20, choices=Audience.choices, blank=True)
    # Counted in the figures: set by a release once the set's cell has five waiting (module docstring).
    shown = models.BooleanField(default=False)

    class Meta:
        default_permissions = ()
        permissions = [
            ("view_survey_results", "Can see survey results"),
            ("view_free_text", "Can read free-text survey answers"),
        ]

    def __str__(self) -> str:
        return str(_("Anonymous answers"))


class Answer(models.Model):
    """One answer to one question: the choice's key (or the scale's value) or a text. It repeats its
    set's survey, unit and audience (nothing more: still no person, no time) so that the results
    are counted from one table, by an index that holds every column they group by."""

    row_access = RowAccess(unit_path="reporting_unit__path", permission="surveys.view_survey_results", actions=())

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer_set = models.ForeignKey(AnswerSet, on_delete=models.CASCADE, related_name="answers")
    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="+")
    reporting_unit = models.ForeignKey(OrgUnit, on_delete=models.SET_NULL, null=True, related_name="+")
    audience = models.CharField(max_length=20, choices=Audience.choices, blank=True)
    question_key = models.CharField(max_length=40)
    value = models.CharField(max_length=40, blank=True)
    text = models.TextField(blank=True)
    shown = models.BooleanField(default=False)  # its set's, repeated for the index

    class Meta:
        default_permissions = ()
        indexes = [
            models.Index(
                fields=["survey", "shown", "question_key", "value", "reporting_unit", "audience"],
                name="surveys_answer_tally",
            ),
            models.Index(
                fields=["survey", "shown", "question_key", "reporting_unit", "audience", "answer_set"],
                name="surveys_answer_sets",
            ),
        ]

    def __str__(self) -> str:
        return self.question_key


class Participation(models.Model):
    """That a person has answered a survey: nothing about when or what (see the module docstring)."""

    row_access = RowAccess(unit_path="person__org_unit__path", permission="surveys.view_survey_results", actions=())

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="survey_participations")

    class Meta:
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["survey", "person"], name="participation_once_per_survey")]

    def __str__(self) -> str:
        return f"{self.person_id} – {self.survey_id}"


class PendingAnswerSet(models.Model):
    """Answers waiting for the night's release: written by the learner's request beside the
    ``Participation`` (so, in PostgreSQL, with the same ``xmin``), moved into ``AnswerSet`` /
    ``Answer`` and deleted by the release (see the module docstring). ``answers`` is a list of
    [question key, value, text]."""

    # Read by no view (only the release moves it); declared like the answer sets it becomes.
    row_access = RowAccess(unit_path="reporting_unit__path", permission="surveys.view_survey_results", actions=())

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="+")
    answered_on = models.DateField()  # the day, never the time
    reporting_unit = models.ForeignKey(OrgUnit, on_delete=models.SET_NULL, null=True, related_name="+")
    audience = models.CharField(max_length=20, choices=Audience.choices, blank=True)
    answers = models.JSONField()

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return str(_("Anonymous answers"))


class SurveyRelease(models.Model):
    """A release of a survey's figures: from it until the next, every page and export shows the
    answers shown at it, with its time. ``closing``: made after the survey closed (the last one
    unless it is opened again)."""

    survey = models.ForeignKey(SurveyPage, on_delete=models.CASCADE, related_name="releases")
    released_at = models.DateTimeField()  # the release's time, made by the worker: no answer's
    closing = models.BooleanField(default=False)

    class Meta:
        default_permissions = ()
        ordering = ["-released_at", "-pk"]
        get_latest_by = "released_at"

    def __str__(self) -> str:
        return f"{self.survey_id} {self.released_at:%Y-%m-%d %H:%M}"
