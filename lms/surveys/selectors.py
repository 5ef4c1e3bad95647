"""Reads: who is asked, whether a person may answer, what to offer them, and the reporting unit."""

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.access.rule import OrgScope, rows_within
from lms.courses.models import Enrolment
from lms.languages.selectors import in_source_language
from lms.organisation.models import OrgUnit, Person
from lms.reports.selectors import PUBLIC_UNIT_KINDS

from .models import AnswerSet, Participation, PendingAnswerSet, SurveyKind, SurveyPage, SurveyRelease


def reporting_unit_for(unit: OrgUnit | None) -> OrgUnit | None:
    """The unit answers are kept under: the outermost administration or company the unit is in (as
    the public figures count), or None (e.g. a committee's elected members, the municipality's own
    staff): those answers count only in the whole group's figures."""
    if unit is None:
        return None
    steplen = OrgUnit.steplen
    prefixes = [unit.path[: i * steplen] for i in range(2, unit.depth + 1)]
    return OrgUnit.objects.filter(path__in=prefixes, kind__in=PUBLIC_UNIT_KINDS).order_by("depth").first()


def eligible_people(*, survey: SurveyPage) -> QuerySet[Person]:
    """Everyone the survey asks: active, in its audiences and unit; for a course evaluation, only
    those who have completed the course."""
    people = Person.objects.filter(is_active=True, audience__in=survey.audiences)
    if survey.audience_unit_id is not None:
        people = rows_within(OrgScope(unit=survey.audience_unit), people)
    if survey.kind == SurveyKind.COURSE_EVALUATION:
        completed = Enrolment.objects.filter(
            person_id=OuterRef("pk"), course_id=survey.course_id, completed_at__isnull=False
        )
        people = people.filter(Exists(completed))
    return people


def is_eligible(*, survey: SurveyPage, person: Person) -> bool:
    return eligible_people(survey=survey).filter(pk=person.pk).exists()


def has_answered(*, survey: SurveyPage, person: Person) -> bool:
    return Participation.objects.filter(survey=survey, person=person).exists()


def refusal(*, survey: SurveyPage, person: Person | None, today: date | None = None) -> str | None:
    """Why ``person`` may not answer ``survey`` now, in words for them; None if they may."""
    today = today or timezone.localdate()
    if person is None:
        return _("Your account has no learner profile. Ask HR to add you to the municipal group.")
    if not survey.live or survey.opens_on > today:
        return _("The survey opens on %(day)s.") % {"day": survey.opens_on.isoformat()}
    if survey.closes_on is not None and survey.closes_on < today:
        return _("The survey closed on %(day)s. Thank you for your interest.") % {"day": survey.closes_on.isoformat()}
    if has_answered(survey=survey, person=person):
        return _("You have already answered this survey. Thank you!")
    if not is_eligible(survey=survey, person=person):
        if survey.kind == SurveyKind.COURSE_EVALUATION:
            return _("This evaluation is for those who have completed the course.")
        return _("This survey is meant for other groups than yours.")
    return None


def surveys_in_source_language() -> QuerySet[SurveyPage]:
    """Every survey once: the source pages. A translated survey is the same survey read in another language;
    its answers, participations and releases are the source's (lms.languages)."""
    return in_source_language(SurveyPage.objects.all())


def open_surveys(*, today: date | None = None) -> QuerySet[SurveyPage]:
    """The live surveys open ``today``: the source pages only (a translation is the same survey, read at
    its source's address: lms.languages)."""
    today = today or timezone.localdate()
    return (
        surveys_in_source_language()
        .live()
        .filter(opens_on__lte=today)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=today))
        .select_related("audience_unit")
    )


def _in_audience(survey: SurveyPage, person: Person) -> bool:
    unit = survey.audience_unit
    return person.audience in survey.audiences and (unit is None or person.org_unit.path.startswith(unit.path))


def surveys_for(*, person: Person | None) -> list[SurveyPage]:
    """The attitude surveys open to ``person`` that they have not answered (the survey list)."""
    if person is None:
        return []
    surveys = (
        open_surveys()
        .filter(kind=SurveyKind.ATTITUDE)
        .exclude(participations__person=person)
        .order_by("closes_on", "title")
    )
    return [
        survey
        for survey in surveys.select_related(None).select_related("audience_unit")
        if _in_audience(survey, person)
    ]


def evaluation_offers(*, person: Person, course_ids: list[int]) -> dict[int, list[SurveyPage]]:
    """The open course evaluations of these (completed) courses ``person`` has not answered: one query."""
    surveys = (
        open_surveys()
        .filter(kind=SurveyKind.COURSE_EVALUATION, course_id__in=course_ids)
        .exclude(participations__person=person)
        .order_by("pk")
    )
    found: dict[int, list[SurveyPage]] = {}
    for survey in surveys:
        if _in_audience(survey, person):
            found.setdefault(survey.course_id, []).append(survey)
    return found


def series_points(*, survey: SurveyPage) -> list[SurveyPage]:
    """The surveys of the survey's series (itself included), earliest first; [] without a series."""
    if survey.series_id is None:
        return []
    return list(surveys_in_source_language().filter(series_id=survey.series_id).order_by("opens_on", "pk"))


def last_release(*, survey: SurveyPage) -> SurveyRelease | None:
    """The release the pages show (None: nothing released yet)."""
    return SurveyRelease.objects.filter(survey=survey).first()


def surveys_due_for_release(*, today: date | None = None) -> list[int]:
    """The surveys the nightly release has something to do for: answers waiting to be mixed, or to
    be shown, or closed since their last release (``services.survey_release`` decides the rest)."""
    today = today or timezone.localdate()
    last_closing = SurveyRelease.objects.filter(survey=OuterRef("pk")).order_by("-released_at", "-pk").values("closing")
    # A closing release counts for the survey's present closing day only (it may have been opened again since).
    released_since_closing = SurveyRelease.objects.filter(
        survey=OuterRef("pk"), closing=True, released_at__date__gt=OuterRef("closes_on")
    )
    return list(
        surveys_in_source_language()
        .annotate(last_closing=Subquery(last_closing[:1]))
        .filter(
            Exists(PendingAnswerSet.objects.filter(survey=OuterRef("pk")))
            | (Q(closes_on__lt=today) & ~Exists(released_since_closing))
            # answers not shown wait for their cell's fifth; after the closing release, for nothing
            | (
                (Q(last_closing__isnull=True) | Q(last_closing=False))
                & Exists(AnswerSet.objects.filter(survey=OuterRef("pk"), shown=False))
            )
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
