"""A survey's results, as counted for one staff user: per question the answers' counts and shares,
breakdowns by administration/company and by audience under the small-group rule, the comparison
with the series' earlier point, response rates. Answers are only ever counted here, in the
database, in a fixed number of queries; no answer row leaves this module except free text (in the
order of its random key, with nothing beside it).

Only released answers count (``shown``, set by the nightly release in batches of at least five per
cell: models.py), response rates included, so nothing here moves when one person answers.

The small-group rule is the public page's (``lms.reports.disclosure``): for each question, a
breakdown is a total (everyone the user may see) and parts (units, or audiences); the rule is
applied once per choice, with what is hidden already carried over, until no choice can work out a
hidden group: a part hidden for one choice is hidden for all. A question answered by fewer than
five is hidden whole.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from lms.access.rule import user_may, visible_rows
from lms.organisation.models import Audience, OrgUnit
from lms.reports import disclosure
from lms.reports.charts import bar_chart
from lms.reports.models import PublicFigure
from lms.reports.selectors import PUBLIC_MIN_GROUP, PUBLIC_UNIT_KINDS

from .blocks import DONT_KNOW
from .models import Answer, AnswerSet, SurveyPage, SurveyRelease
from .selectors import eligible_people, last_release, series_points

MIN_GROUP = PUBLIC_MIN_GROUP
FREE_TEXT_SHOWN = 100  # on the page; the first in the random key's order, which says nothing of when


@dataclass
class ChoiceResult:
    key: str
    label: str
    count: int
    percent: int | None
    earlier_percent: int | None = None  # the same choice at the series' earlier point, if shown there


@dataclass
class BreakdownRow:
    label: str
    answered: int | None  # None: hidden
    percents: list[int | None] = field(default_factory=list)

    @property
    def hidden(self) -> bool:
        return self.answered is None


@dataclass
class QuestionResult:
    key: str
    kind: str
    text: str
    section: str | None
    answered: int
    hidden: bool
    choices: list[ChoiceResult]
    mean: float | None = None  # agreement: the mean of 1-5, "don't know" left out
    texts: list[str] = field(default_factory=list)
    text_count: int = 0
    by_unit: list[BreakdownRow] = field(default_factory=list)
    by_audience: list[BreakdownRow] = field(default_factory=list)
    earlier: QuestionResult | None = None  # the same key at the series' earlier point
    chart: dict | None = None


@dataclass
class ResponseRate:
    label: str
    asked: int
    answered: int  # released answer sets
    hidden: bool = False  # the small-group rule: no figure for this row
    total: bool = False
    band: str = ""  # disclosure.LOW/HIGH: (nearly) no one or everyone answered; the count is not shown
    reason: str = ""  # disclosure.Reason: why a hidden row is hidden

    @property
    def percent(self) -> int | None:
        if self.hidden or self.band or not self.asked:
            return None
        return min(100, int(100 * self.answered / self.asked))

    @property
    def band_text(self) -> str:
        """ "at most 10 %" / "at least 90 %" for a banded row, as on /resultat/; else ""."""
        return disclosure.band_label(self.asked, self.band) if self.band and not self.hidden else ""

    @property
    def reason_text(self) -> str:
        """Why the row is hidden, in the public figures' words ("fewer than five", …)."""
        return str(PublicFigure.Reason(self.reason).label) if self.hidden and self.reason else ""


@dataclass
class SurveyResults:
    survey: SurveyPage
    respondents: int
    questions: list[QuestionResult]
    earlier_survey: SurveyPage | None
    response_rates: list[ResponseRate]
    may_read_free_text: bool
    release: SurveyRelease | None = None  # the release shown; None: nothing released yet

    @property
    def hidden(self) -> bool:
        return self.respondents < MIN_GROUP


def _percent(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def visible_answer_sets(*, user, survey: SurveyPage):
    """The released answer sets ``user`` may count."""
    return visible_rows(user, AnswerSet.objects.filter(survey=survey, shown=True))


def survey_results(*, user, survey: SurveyPage, with_breakdowns: bool = True) -> SurveyResults:
    """Everything the results page and its export show, for ``user``'s part of the group."""
    sets = visible_answer_sets(user=user, survey=survey)
    respondents = sets.count()
    may_read_free_text = user_may(user, AnswerSet, "view_free_text")
    answers = visible_answers(user=user, survey=survey)
    questions = _questions(survey, answers, with_breakdowns=with_breakdowns and survey.keeps_units)
    earlier = _earlier_point(survey)
    if earlier is not None:
        before = {q.key: q for q in _questions(earlier, visible_answers(user=user, survey=earlier))}
        for question in questions:
            question.earlier = before.get(question.key)
            if question.earlier is not None and not question.earlier.hidden:
                earlier_percents = {c.key: c.percent for c in question.earlier.choices}
                for choice in question.choices:
                    choice.earlier_percent = earlier_percents.get(choice.key)
    for question in questions:
        if question.kind == "free_text":
            question.hidden = respondents < MIN_GROUP
    if may_read_free_text and respondents >= MIN_GROUP:
        _add_free_text(questions, answers)
    return SurveyResults(
        survey=survey,
        respondents=respondents,
        questions=questions,
        earlier_survey=earlier,
        response_rates=response_rates(user=user, survey=survey),
        may_read_free_text=may_read_free_text,
        release=last_release(survey=survey),
    )


def _earlier_point(survey: SurveyPage) -> SurveyPage | None:
    points = series_points(survey=survey)
    position = next((i for i, s in enumerate(points) if s.pk == survey.pk), None)
    return points[position - 1] if position else None


def visible_answers(*, user, survey: SurveyPage):
    """The released answers ``user`` may count."""
    return visible_rows(user, Answer.objects.filter(survey=survey, shown=True))


def _tally(survey: SurveyPage, answers, *, with_breakdowns: bool):
    """Every count the results need, in one GROUP BY over the answers (and one more for the multiple
    choices, whose answered count is the number of sets, not rows), summed up in Python by question,
    unit and audience."""
    by = ("reporting_unit_id", "audience") if with_breakdowns else ()
    totals, by_unit, by_audience = defaultdict(int), defaultdict(int), defaultdict(int)
    answered, answered_unit, answered_audience = defaultdict(int), defaultdict(int), defaultdict(int)
    multiple = {q["key"] for q in survey.question_blocks() if q["kind"] == "multiple_choice"}
    rows = (
        answers.values_list("question_key", "value", *by).annotate(n=Count("*")).order_by()
    )  # "*": from the index alone
    for key, value, *group, n in rows:
        unit, audience = group or (None, None)
        totals[(key, value)] += n
        by_unit[(key, value, unit)] += n
        by_audience[(key, value, audience)] += n
        if key not in multiple:
            answered[(key,)] += n
            answered_unit[(key, unit)] += n
            answered_audience[(key, audience)] += n
    if multiple:
        sets = (
            answers.filter(question_key__in=multiple)
            .values_list("question_key", *by)
            .annotate(n=Count("answer_set_id", distinct=True))
            .order_by()
        )
        for key, *group, n in sets:
            unit, audience = group or (None, None)
            answered[(key,)] += n
            answered_unit[(key, unit)] += n
            answered_audience[(key, audience)] += n
    return totals, answered, by_unit, answered_unit, by_audience, answered_audience


def _questions(survey: SurveyPage, answers, *, with_breakdowns: bool = False) -> list[QuestionResult]:
    totals, answered, by_unit, answered_unit, by_audience, answered_audience = _tally(
        survey, answers, with_breakdowns=with_breakdowns
    )
    texts = {key: n for (key, value), n in totals.items() if value == ""}  # only free text has no value
    unit_names = {}
    if with_breakdowns:
        unit_ids = {key[1] for key in answered_unit if key[1] is not None}
        unit_names = dict(OrgUnit.objects.filter(pk__in=unit_ids).order_by("path").values_list("pk", "name"))
    audience_labels = dict(Audience.choices)

    results = []
    for question in survey.question_blocks():
        key = question["key"]
        if question["kind"] == "free_text":
            n = texts.get(key, 0)
            results.append(
                QuestionResult(
                    key=key,
                    kind="free_text",
                    text=question["text"],
                    section=question["section"],
                    answered=n,
                    hidden=False,  # decided by the survey's respondents (survey_results)
                    choices=[],
                    text_count=n,
                )
            )
            continue
        total = answered.get((key,), 0)
        hidden = total < MIN_GROUP
        choices = [
            ChoiceResult(
                key=choice_key,
                label=label,
                count=0 if hidden else totals.get((key, choice_key), 0),
                percent=None if hidden else _percent(totals.get((key, choice_key), 0), total),
            )
            for choice_key, label in question["choices"]
        ]
        result = QuestionResult(
            key=key,
            kind=question["kind"],
            text=question["text"],
            section=question["section"],
            answered=total,
            hidden=hidden,
            choices=choices,
        )
        if not hidden:
            if question["kind"] == "agreement":
                rated = [(int(c.key), c.count) for c in choices if c.key != DONT_KNOW]
                n = sum(count for _value, count in rated)
                result.mean = round(sum(v * c for v, c in rated) / n, 1) if n else None
            result.chart = bar_chart([(c.label, c.percent) for c in choices])
            if with_breakdowns:
                result.by_unit = _breakdown(
                    question,
                    total,
                    totals,
                    by_unit,
                    answered_unit,
                    list(unit_names),
                    lambda unit_id: unit_names.get(unit_id, ""),
                )
                result.by_audience = _breakdown(
                    question,
                    total,
                    totals,
                    by_audience,
                    answered_audience,
                    list(audience_labels),
                    lambda audience: str(audience_labels.get(audience, audience)),
                )
        results.append(result)
    return results


def _breakdown(question, total, totals, counts, answered, groups, label) -> list[BreakdownRow]:
    """One row per group that answered, each hidden under the small-group rule (module docstring)."""
    key = question["key"]
    groups = [g for g in groups if answered.get((key, g), 0) > 0]
    hidden: set = set()
    total_hidden = False
    while True:
        before = (len(hidden), total_hidden)
        for choice_key, _label in question["choices"]:
            whole = disclosure.Cell(required=total, completed=totals.get((key, choice_key), 0), suppressed=total_hidden)
            parts = {
                g: disclosure.Cell(
                    required=answered[(key, g)], completed=counts.get((key, choice_key, g), 0), suppressed=g in hidden
                )
                for g in groups
            }
            disclosure.protect(whole, list(parts.values()), min_group=MIN_GROUP)
            hidden |= {g for g, cell in parts.items() if cell.suppressed}
            total_hidden = total_hidden or whole.suppressed
        if (len(hidden), total_hidden) == before:
            break
    rows = []
    for g in groups:
        n = answered[(key, g)]
        if total_hidden or g in hidden:
            rows.append(BreakdownRow(label=label(g), answered=None))
        else:
            percents = [_percent(counts.get((key, choice_key, g), 0), n) for choice_key, _l in question["choices"]]
            rows.append(BreakdownRow(label=label(g), answered=n, percents=percents))
    return rows


def _add_free_text(questions: list[QuestionResult], answers) -> None:
    """The written answers, FREE_TEXT_SHOWN per question, in the order of their random key (one
    query per free-text question: a survey has one or two)."""
    for question in questions:
        if question.kind == "free_text" and not question.hidden:
            question.texts = list(
                answers.filter(question_key=question.key, value="")
                .exclude(text="")
                .order_by("id")  # a random key: no order of writing
                .values_list("text", flat=True)[:FREE_TEXT_SHOWN]
            )


def response_rates(*, user, survey: SurveyPage) -> list[ResponseRate]:
    """Asked and answered per administration/company (and the rest), then the total, within the
    user's part of the group. Answered counts released answer sets by the unit kept with them, never
    the "has answered" rows (which move with each answer); the small-group rule of the public
    figures (``reports.disclosure``) hides a group asked under five and any a subtraction would
    give away. A survey kept for the whole group only has the total alone."""
    asked = visible_rows(user, eligible_people(survey=survey)).values_list("org_unit__path").annotate(n=Count("id"))
    answered = visible_answer_sets(user=user, survey=survey).values_list("reporting_unit__path").annotate(n=Count("id"))
    outermost = _outermost_units()

    def group(unit_path: str | None) -> str:
        return next((name for path, name in outermost if unit_path and unit_path.startswith(path)), "")

    total = ResponseRate(label=_("Total"), asked=0, answered=0, total=True)
    rates: dict[str, ResponseRate] = {}
    for unit_path, n in asked.order_by():
        rates.setdefault(group(unit_path), ResponseRate(label=group(unit_path), asked=0, answered=0)).asked += n
        total.asked += n
    for unit_path, n in answered.order_by():
        rates.setdefault(group(unit_path), ResponseRate(label=group(unit_path), asked=0, answered=0)).answered += n
        total.answered += n
    order = {name: i for i, (_p, name) in enumerate(outermost)}
    rows = sorted(rates.values(), key=lambda r: order.get(r.label, len(order))) if survey.keeps_units else []
    whole = disclosure.Cell(required=total.asked, completed=min(total.answered, total.asked))
    parts = [disclosure.Cell(required=row.asked, completed=min(row.answered, row.asked)) for row in rows]
    disclosure.protect(whole, parts, min_group=MIN_GROUP)
    total.hidden, total.band, total.reason = whole.suppressed, whole.band, whole.reason
    for row, cell in zip(rows, parts, strict=True):
        row.hidden, row.band, row.reason = cell.suppressed, cell.band, cell.reason
        if row.label == "":
            row.label = _("Others (outside every administration and company)")
    return [*rows, total]


def _outermost_units() -> list[tuple[str, str]]:
    """(path, name) of the outermost administrations and companies, in path order."""
    tops = list(
        OrgUnit.objects.filter(kind__in=PUBLIC_UNIT_KINDS, depth__gt=1)
        .order_by("depth", "path")
        .values_list("path", "name")
    )
    outermost: list[tuple[str, str]] = []
    for path, name in tops:
        if not any(path.startswith(p) for p, _n in outermost):
            outermost.append((path, name))
    return sorted(outermost)


def headline_results(*, survey: SurveyPage) -> SurveyResults | None:
    """The whole group's released figures for the public page, without breakdowns or free text."""
    sets = AnswerSet.objects.filter(survey=survey, shown=True)
    respondents = sets.count()
    if respondents < MIN_GROUP:
        return None
    return SurveyResults(
        survey=survey,
        respondents=respondents,
        questions=[
            q for q in _questions(survey, Answer.objects.filter(survey=survey, shown=True)) if q.kind != "free_text"
        ],
        earlier_survey=None,
        response_rates=[],
        may_read_free_text=False,
        release=last_release(survey=survey),
    )


def results_within_units(*, survey: SurveyPage, units) -> tuple[int, list[QuestionResult]]:
    """The released figures of the answers kept under ``units`` (an employer's administrations or its
    company: the active-measures annex), without breakdowns or free text, under the small-group rule: a
    question answered by fewer than five is hidden, and so is every question when fewer than five answered."""
    respondents = AnswerSet.objects.filter(survey=survey, shown=True, reporting_unit__in=units).count()
    answers = Answer.objects.filter(survey=survey, shown=True, reporting_unit__in=units)
    questions = [q for q in _questions(survey, answers) if q.kind != "free_text"]
    if respondents < MIN_GROUP:
        for question in questions:
            question.hidden, question.choices, question.mean, question.chart = True, [], None, None
    return respondents, questions
