"""Reads: which decision is in force for a record type, which rows it has kept long enough, which
rows of a person a decision keeps (for erasure), and the overview of every record type."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import RetentionDecision, RetentionRun
from .registry import RecordType, record_type, record_types


def decision_in_force(key: str) -> RetentionDecision | None:
    return RetentionDecision.objects.in_force().filter(record_type=key).first()


def _with_event(queryset: QuerySet, declared: RecordType, decision: RetentionDecision) -> QuerySet:
    return queryset.annotate(retention_event=declared.event_expression(decision.counted_from))


def rows_due(*, decision: RetentionDecision, now: datetime) -> QuerySet:
    """The rows of the decision's record type kept long enough: the event happened before the cutoff.
    A row whose event has not happened (NULL) is never due."""
    declared = record_type(decision.record_type)
    annotated = _with_event(declared.rows(), declared, decision)
    due = annotated.filter(retention_event__lt=decision.cutoff(now)).values("pk")
    return declared.rows().filter(pk__in=due)


def rows_kept(key: str, queryset: QuerySet, *, now: datetime | None = None) -> QuerySet:
    """The rows of ``queryset`` (of record type ``key``) that a decision in force keeps now:
    all of them when it keeps permanently, those whose period has not run out otherwise (an event
    that has not happened keeps the row). Without a decision: none (see ``rows_erasure_may_remove``)."""
    declared = record_type(key)
    decision = decision_in_force(key)
    if declared is None or decision is None:
        return queryset.none()
    if decision.keep_permanently:
        return queryset
    now = now or timezone.now()
    annotated = _with_event(queryset, declared, decision)
    kept = annotated.filter(Q(retention_event__isnull=True) | Q(retention_event__gte=decision.cutoff(now)))
    return queryset.filter(pk__in=kept.values("pk"))


def rows_erasure_may_remove(key: str, queryset: QuerySet, *, now: datetime | None = None) -> QuerySet:
    """What a GDPR erasure may remove of these rows: all but those a decision in force keeps."""
    kept = rows_kept(key, queryset, now=now)
    if not kept.query.is_empty():
        return queryset.exclude(pk__in=kept.values("pk"))
    return queryset


@dataclass(frozen=True)
class PersonRecords:
    """One record type's rows about a person, and how many of them a decision keeps."""

    record_type: RecordType
    decision: RetentionDecision | None
    total: int
    kept: int

    @property
    def removed(self) -> int:
        return self.total - self.kept


def person_retention_plan(person, *, now: datetime | None = None) -> list[PersonRecords]:
    """For each record type holding rows about the person: how many, and how many a decision keeps
    (those an erasure leaves as they are). Two counts per record type."""
    plan = []
    for declared in record_types():
        if declared.person_rows is None:
            continue
        rows = declared.person_rows(person)
        total = rows.count()
        if not total:
            continue
        kept = rows_kept(declared.key, rows, now=now).count()
        plan.append(
            PersonRecords(record_type=declared, decision=decision_in_force(declared.key), total=total, kept=kept)
        )
    return plan


@dataclass(frozen=True)
class RecordTypeOverview:
    record_type: RecordType
    decision: RetentionDecision | None
    last_run: RetentionRun | None


def record_type_overview() -> list[RecordTypeOverview]:
    """Every record type with its decision in force (or none) and its latest run."""
    decisions = {d.record_type: d for d in RetentionDecision.objects.in_force()}
    last_runs: dict[str, RetentionRun] = {}
    for run in RetentionRun.objects.filter(record_type__in=list(decisions)).order_by("-started_at", "-pk"):
        last_runs.setdefault(run.record_type, run)
    return [
        RecordTypeOverview(record_type=rt, decision=decisions.get(rt.key), last_run=last_runs.get(rt.key))
        for rt in record_types()
    ]
