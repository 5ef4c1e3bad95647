"""Writes of the learner's way through a course. Completion is decided here and only here."""

from functools import partial

from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from lms.organisation.models import Person

from .models import CompletionRoute, CoursePage, Enrolment, EnrolmentSource, LessonPage, LessonProgress
from .selectors import current_enrolment, lesson_course, live_lesson_ids
from .signals import enrolment_completed


@transaction.atomic
def enrolment_self_enrol(*, person: Person, course: CoursePage) -> Enrolment:
    """The person's current enrolment on the course, creating a self-enrolment if there is none."""
    enrolment = current_enrolment(person=person, course=course)
    if enrolment is not None:
        return enrolment
    enrolment, _created = Enrolment.objects.get_or_create(
        person=person, course=course, cycle=1, defaults={"source": EnrolmentSource.SELF}
    )
    return enrolment


@transaction.atomic
def enrolment_assign(*, person: Person, course: CoursePage, due_date=None) -> Enrolment:
    """Make the course required for the person in their current cycle, with a due date.
    A self-enrolment in progress becomes the assignment; a completed cycle stays completed."""
    enrolment = current_enrolment(person=person, course=course)
    if enrolment is None:
        return Enrolment.objects.create(
            person=person, course=course, cycle=1, source=EnrolmentSource.ASSIGNED, is_required=True, due_date=due_date
        )
    if not enrolment.is_completed:
        enrolment.source, enrolment.is_required, enrolment.due_date = EnrolmentSource.ASSIGNED, True, due_date
        enrolment.save(update_fields=["source", "is_required", "due_date"])
    return enrolment


@transaction.atomic
def lesson_mark_done(*, person: Person, lesson: LessonPage, language: str = "") -> Enrolment:
    """Record that the person finished the lesson. Marking it twice is a harmless no-op. ``language``: the
    content language the request showed the course in (``enrolment_try_complete``)."""
    course = lesson_course(lesson=lesson)
    enrolment = enrolment_self_enrol(person=person, course=course)
    if enrolment.is_completed:
        return enrolment  # a finished cycle stays as it was; re-reading is welcome, recording is not needed
    LessonProgress.objects.get_or_create(enrolment=enrolment, lesson=lesson)
    enrolment_mark_started(enrolment=enrolment)
    return enrolment_try_complete(enrolment=enrolment, language=language)


@transaction.atomic
def enrolment_mark_started(*, enrolment: Enrolment) -> None:
    """Record when the person first did something on the enrolment: a lesson done or a quiz
    attempt begun (``EnrolmentState``). The first moment stays; later calls change nothing."""
    if enrolment.started_at is not None:
        return
    now = timezone.now()
    if Enrolment.objects.filter(pk=enrolment.pk, started_at__isnull=True).update(started_at=now):
        enrolment.started_at = now


@transaction.atomic
def enrolment_record_quiz_pass(*, enrolment: Enrolment, language: str = "") -> Enrolment:
    """Called by the quizzes app when the person passes the course's quiz (``language``: as below)."""
    now = timezone.now()
    Enrolment.objects.filter(pk=enrolment.pk, quiz_passed_at__isnull=True).update(quiz_passed_at=now)
    enrolment_mark_started(enrolment=enrolment)
    return enrolment_try_complete(enrolment=enrolment, language=language)


@transaction.atomic
def enrolments_withdraw_quiz_pass(*, enrolment_ids: list[int]) -> list[int]:
    """Called by the quizzes app when the attempt that counts no longer passes (a failing last attempt
    under "last attempt counts", or a recount): those enrolments' quiz is no longer passed. A completed
    enrolment keeps its pass and its completion: a completion is never undone. Returns the ids changed."""
    rows = Enrolment.objects.filter(pk__in=enrolment_ids, completed_at__isnull=True, quiz_passed_at__isnull=False)
    ids = list(rows.values_list("pk", flat=True))
    Enrolment.objects.filter(pk__in=ids).update(quiz_passed_at=None)
    return ids


@transaction.atomic
def enrolment_try_complete(*, enrolment: Enrolment, language: str = "") -> Enrolment:
    """Complete the enrolment if every published lesson is done and, where the course
    ends with a quiz, the quiz is passed. Locks the row, so two requests finishing the
    last lesson at once complete it once. A completion is never undone.

    ``language`` is the content language code the completing request showed the course in
    (``lms.languages.selectors.preferred_language``), kept as ``completed_language`` for the reports'
    figures per language (and the certificate's language); empty when no learner's request completes it
    (a recount). The enrolment stays the one of the source course whatever the language."""
    enrolment = Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment.pk)
    if enrolment.is_completed:
        return enrolment
    required = live_lesson_ids(course=enrolment.course)
    done = set(enrolment.lesson_progress.values_list("lesson_id", flat=True))
    quiz_ok = not enrolment.course.ends_with_quiz or enrolment.quiz_passed_at is not None
    if required <= done and quiz_ok:
        enrolment.completed_at = timezone.now()
        enrolment.started_at = enrolment.started_at or enrolment.completed_at
        enrolment.completed_language = language
        enrolment.save(update_fields=["completed_at", "started_at", "completed_language"])
        transaction.on_commit(partial(enrolment_completed.send, sender=Enrolment, enrolment=enrolment))
    return enrolment


@transaction.atomic
def enrolment_complete_by_attendance(*, enrolment: Enrolment) -> Enrolment:
    """A seminar or workshop attended counts as the whole course (lessons and quiz)."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.is_completed:
        return enrolment
    enrolment.completed_at = timezone.now()
    enrolment.started_at = enrolment.started_at or enrolment.completed_at
    enrolment.save(update_fields=["completed_at", "started_at"])
    transaction.on_commit(partial(enrolment_completed.send, sender=Enrolment, enrolment=enrolment))
    return enrolment


@transaction.atomic
def enrolments_complete_via(*, enrolment_ids: list[int], via: str, completed_at) -> list[int]:
    """Complete these enrolments by another route than the course itself (``CompletionRoute``: a group
    session, an import, by hand), at ``completed_at``, in one write whatever their number; those already
    completed stay as they were. Returns the ids it completed; each is announced on commit, as any completion."""
    if via == CompletionRoute.COURSE:
        raise ValueError("A completion in the course goes through enrolment_try_complete.")
    rows = Enrolment.objects.select_for_update().filter(pk__in=enrolment_ids, completed_at__isnull=True)
    ids = list(rows.values_list("pk", flat=True))
    Enrolment.objects.filter(pk__in=ids).update(
        completed_at=completed_at, completed_via=via, started_at=Coalesce("started_at", Value(completed_at))
    )
    if ids:
        completed = list(Enrolment.objects.filter(pk__in=ids))
        transaction.on_commit(
            lambda: [enrolment_completed.send(sender=Enrolment, enrolment=enrolment) for enrolment in completed]
        )
    return ids


@transaction.atomic
def enrolments_mark_lessons_done(*, enrolment_ids: list[int], when) -> None:
    """Record every live lesson of each enrolment's course as done (a group session that counts as the
    lessons, the quiz still to take), in a constant number of queries; completes none."""
    rows = list(Enrolment.objects.filter(pk__in=enrolment_ids, completed_at__isnull=True).select_related("course"))
    lessons = {course_id: live_lesson_ids(course=e.course) for course_id, e in {e.course_id: e for e in rows}.items()}
    LessonProgress.objects.bulk_create(
        [LessonProgress(enrolment=e, lesson_id=lesson_id) for e in rows for lesson_id in lessons[e.course_id]],
        ignore_conflicts=True,
    )
    Enrolment.objects.filter(pk__in=[e.pk for e in rows], started_at__isnull=True).update(started_at=when)


@transaction.atomic
def enrolment_withdraw_completion(*, enrolment: Enrolment, via: str) -> bool:
    """Withdraw a completion recorded by another route than the course (a group session HR corrects: the
    person was not there). A completion earned in the course is never withdrawn. True if withdrawn."""
    if via == CompletionRoute.COURSE:
        raise ValueError("A completion in the course is never withdrawn.")
    return bool(
        Enrolment.objects.filter(pk=enrolment.pk, completed_via=via, completed_at__isnull=False).update(
            completed_at=None, completed_via=CompletionRoute.COURSE
        )
    )
