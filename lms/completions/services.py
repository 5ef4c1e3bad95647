"""Writes of completions earned elsewhere: historical ones from the HR import (in bulk) and one
marked by hand. Both complete an enrolment with ``completed_via`` saying how, keep their evidence in
a ``CompletionRecord``, and ask for a certificate only where HR (or the manager) chose one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from lms.certificates import tasks as certificate_tasks
from lms.courses.models import CompletionRoute, CoursePage, Enrolment, EnrolmentSource
from lms.courses.signals import enrolment_completed
from lms.organisation.models import Person
from lms.requirements import tasks as requirement_tasks

from .models import CompletionRecord

BATCH = 2000


class CompletionRefused(Exception):
    """A completion that cannot be recorded, with a message for whoever asked."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def completed_at_for(day: date) -> datetime:
    """A completion day as the stored moment: noon, local time, so the day stays the day in any zone
    offset and renewals (counted from the local date of ``completed_at``) start from it."""
    return timezone.make_aware(datetime.combine(day, time(12)))


# --- Where a completion on a given day goes -----------------------------------------------------


@dataclass(frozen=True)
class Latest:
    """A person's latest cycle of a course, and the last day any of their cycles was completed."""

    enrolment_id: int
    cycle: int
    completed_on: date | None  # of the latest cycle
    last_completed_on: date | None  # of any cycle


@dataclass(frozen=True)
class Target:
    enrolment_id: int | None  # an open enrolment to complete; None: create cycle ``cycle``
    cycle: int


def _later(a: date | None, b: date | None) -> date | None:
    return max(a, b) if a and b else a or b


def latest_cycles(*, pairs: set[tuple[int, int]]) -> dict[tuple[int, int], Latest]:
    """``Latest`` for each (person id, course id) of ``pairs`` that has an enrolment. One query per
    course, read in chunks (no list of people in the SQL: a file may name a hundred thousand)."""
    found: dict[tuple[int, int], Latest] = {}
    for course_id in sorted({course for _person, course in pairs}):
        rows = Enrolment.objects.filter(course_id=course_id).values_list("pk", "person_id", "cycle", "completed_at")
        for pk, person_id, cycle, completed_at in rows.iterator(chunk_size=BATCH):
            key = (person_id, course_id)
            if key not in pairs:
                continue
            day = timezone.localtime(completed_at).date() if completed_at else None
            old = found.get(key)
            last = _later(day, old.last_completed_on if old else None)
            if old is None or cycle > old.cycle:
                found[key] = Latest(pk, cycle, day, last)
            else:
                found[key] = Latest(old.enrolment_id, old.cycle, old.completed_on, last)
    return found


def completion_target(latest: Latest | None, day: date) -> Target | None:
    """Which enrolment a completion on ``day`` completes, or None when a stored completion on or
    after that day covers it already (so importing the same file twice writes nothing)."""
    if latest is None:
        return Target(None, 1)
    if latest.last_completed_on is not None and latest.last_completed_on >= day:
        return None
    if latest.completed_on is None:
        return Target(latest.enrolment_id, latest.cycle)
    return Target(None, latest.cycle + 1)


# --- Historical completions (the HR import) ---------------------------------------------------------


@dataclass(frozen=True)
class HistoricalCompletion:
    person_id: int
    course_id: int
    cycle: int | None  # a new cycle's number, or None with ``enrolment_id``
    enrolment_id: int | None  # an open enrolment to complete
    completed_on: date
    score: Decimal | None
    source: str
    certificate: bool


@transaction.atomic
def historical_completions_store(*, items: list[HistoricalCompletion], by=None) -> int:
    """Store planned historical completions in bulk (the import has checked them); returns rows
    written. On commit: the certificates asked for, and the requirements' assignment of the courses
    touched, which counts renewals from the imported days."""
    if not items:
        return 0
    now = timezone.now()
    new = [
        Enrolment(
            person_id=i.person_id,
            course_id=i.course_id,
            cycle=i.cycle,
            source=EnrolmentSource.SELF,
            started_at=completed_at_for(i.completed_on),
            completed_at=completed_at_for(i.completed_on),
            completed_via=CompletionRoute.HISTORICAL,
        )
        for i in items
        if i.enrolment_id is None
    ]
    Enrolment.objects.bulk_create(new, batch_size=BATCH)
    if any(e.pk is None for e in new):  # a backend that cannot return ids from a bulk insert
        ids = {
            (p, c, n): pk
            for pk, p, c, n in Enrolment.objects.filter(
                completed_via=CompletionRoute.HISTORICAL, completion_record=None
            )
            .values_list("pk", "person_id", "course_id", "cycle")
            .iterator(chunk_size=BATCH)
        }
        for e in new:
            e.pk = ids[(e.person_id, e.course_id, e.cycle)]
    new_ids = iter(e.pk for e in new)
    enrolment_ids = [i.enrolment_id if i.enrolment_id is not None else next(new_ids) for i in items]

    # Open cycles completed, one UPDATE per day given (a file spans a few hundred days at most): far
    # cheaper than bulk_update's CASE over every row.
    by_day: dict[date, list[int]] = {}
    for i, pk in zip(items, enrolment_ids, strict=True):
        if i.enrolment_id is not None:
            by_day.setdefault(i.completed_on, []).append(pk)
    for day, pks in by_day.items():
        moment = completed_at_for(day)
        for start in range(0, len(pks), BATCH):
            Enrolment.objects.filter(pk__in=pks[start : start + BATCH]).update(
                completed_at=moment,
                started_at=Coalesce("started_at", Value(moment)),
                completed_via=CompletionRoute.HISTORICAL,
            )
    CompletionRecord.objects.bulk_create(
        [
            CompletionRecord(
                enrolment_id=pk,
                completed_on=i.completed_on,
                score=i.score,
                source=i.source,
                certificate_requested=i.certificate,
                recorded_by=by,
                recorded_at=now,
            )
            for i, pk in zip(items, enrolment_ids, strict=True)
        ],
        batch_size=BATCH,
    )
    certificates = [pk for i, pk in zip(items, enrolment_ids, strict=True) if i.certificate]
    courses = sorted({i.course_id for i in items})
    transaction.on_commit(partial(_after_completions, certificates, courses))
    return len(items) * 2


def _after_completions(enrolment_ids: list[int], course_ids: list[int]) -> None:
    for pk in enrolment_ids:
        certificate_tasks.issue_certificate.delay(pk)
    for course_id in course_ids:
        requirement_tasks.assign_course_task.delay(course_id)


# --- One completion marked by hand -------------------------------------------------------------------


@transaction.atomic
def completion_mark(
    *,
    person: Person,
    course: CoursePage,
    completed_on: date,
    reason: str,
    by,
    certificate: bool = False,
    score: Decimal | None = None,
) -> CompletionRecord:
    """Mark the person's course completed on ``completed_on`` (``completed_via`` manual), with the
    reason, in the audit log. Refused (nothing written) for a day ahead, an empty reason, an erased
    person, or a completion already stored on or after that day. Locks the person's enrolments of the
    course, so two people marking at once record one completion."""
    reason = reason.strip()
    if not reason:
        raise CompletionRefused(_("Give the reason for marking the completion by hand."))
    if completed_on > timezone.localdate():
        raise CompletionRefused(_("The completion date lies in the future."))
    if person.erased_at is not None:
        raise CompletionRefused(_("The person has been erased."))
    rows = list(
        Enrolment.objects.select_for_update()
        .filter(person=person, course=course)
        .values_list("pk", "cycle", "completed_at")
    )
    latest = None
    for pk, cycle, completed_at in sorted(rows, key=lambda r: r[1]):
        day = timezone.localtime(completed_at).date() if completed_at else None
        latest = Latest(pk, cycle, day, _later(day, latest.last_completed_on if latest else None))
    target = completion_target(latest, completed_on)
    if target is None:
        raise CompletionRefused(
            _("%(person)s already has a completion of this course on %(date)s or later.")
            % {"person": person.full_name, "date": latest.last_completed_on.isoformat()}
        )
    moment = completed_at_for(completed_on)
    if target.enrolment_id is None:
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    person=person,
                    course=course,
                    cycle=target.cycle,
                    source=EnrolmentSource.SELF,
                    started_at=moment,
                    completed_at=moment,
                    completed_via=CompletionRoute.MANUAL,
                )
        except IntegrityError:  # a cycle made meanwhile (no row to lock before it existed): say so, write nothing
            raise CompletionRefused(
                _("The person's course changed meanwhile. Reload the page and try again.")
            ) from None
    else:
        enrolment = Enrolment.objects.get(pk=target.enrolment_id)
        enrolment.completed_at, enrolment.completed_via = moment, CompletionRoute.MANUAL
        enrolment.started_at = enrolment.started_at or moment
        enrolment.save(update_fields=["completed_at", "completed_via", "started_at"])
    record = CompletionRecord.objects.create(
        enrolment=enrolment,
        completed_on=completed_on,
        score=score,
        reason=reason,
        certificate_requested=certificate,
        recorded_by=by,
    )
    log(
        instance=record,
        action="completions.mark",
        user=by,
        data={
            "person_id": person.pk,
            "course_id": course.pk,
            "cycle": enrolment.cycle,
            "completed_on": completed_on.isoformat(),
            "reason": reason,
            "certificate": certificate,
        },
    )
    # The apps above hear of it as of any completion (the reports' roll-up); the certificates app
    # issues none by itself for this route, so ask for it here when chosen.
    transaction.on_commit(partial(enrolment_completed.send, sender=Enrolment, enrolment=enrolment))
    transaction.on_commit(partial(_after_completions, [enrolment.pk] if certificate else [], [course.pk]))
    return record
