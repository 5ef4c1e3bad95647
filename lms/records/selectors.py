"""Reads: which decision is in force for a record type, which rows it has kept long enough, which
rows of a person erasure must keep (for erasure, the erasure page and the register extract alike),
and the overview of every record type.

Erasure fails safe like the nightly run: a record type without a decision in force is kept whole.
Its rows are public documents once stored, and under the Archives Act they may be disposed of only
under a decision (gallringsbeslut); the right to erasure gives way to that legal obligation (GDPR
art. 17.3 b). With a decision, erasure keeps what the decision still keeps and may dispose, as the
decision says, of the rows whose period has run out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

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
    """The rows of ``queryset`` (of record type ``key``) that erasure must keep now: all of them without
    a decision in force (fail safe: public documents go only under a decision) or when the decision
    keeps permanently; otherwise those whose period has not run out (an event that has not happened
    keeps the row)."""
    declared = record_type(key)
    decision = decision_in_force(key)
    if declared is None or decision is None or decision.keep_permanently:
        return queryset
    now = now or timezone.now()
    annotated = _with_event(queryset, declared, decision)
    kept = annotated.filter(Q(retention_event__isnull=True) | Q(retention_event__gte=decision.cutoff(now)))
    return queryset.filter(pk__in=kept.values("pk"))


def rows_erasure_may_remove(key: str, queryset: QuerySet, *, now: datetime | None = None) -> QuerySet:
    """What a GDPR erasure may remove of these rows: none without a decision in force, and under one
    the rows whose period has run out (those the nightly run would dispose of)."""
    declared = record_type(key)
    decision = decision_in_force(key)
    if declared is None or decision is None or decision.keep_permanently:
        return queryset.none()
    return queryset.exclude(pk__in=rows_kept(key, queryset, now=now).values("pk"))


@dataclass(frozen=True)
class PersonRecords:
    """One record type's rows about a person, how many of them erasure keeps, and why.

    The one account of erasure for a person: the erasure page, the register extract and
    ``person_erase`` itself read it, so what HR is told, what the person is told and what is done
    are the same."""

    record_type: RecordType
    decision: RetentionDecision | None
    total: int
    kept: int

    @property
    def removed(self) -> int:
        return self.total - self.kept

    @property
    def without_decision(self) -> bool:
        return self.decision is None

    @property
    def explanation(self) -> str:
        """Why the rows are kept or go, in words (the reader's language)."""
        if self.decision is None:
            return gettext(
                "Kept: no retention decision is in force for this record type. The records are public "
                "documents, which may be disposed of only under a decision (the Archives Act); the right "
                "to erasure gives way to that obligation (GDPR article 17.3 b)."
            )
        decision = gettext("decision %(reference)s (%(decided_by)s): %(says)s") % {
            "reference": self.decision.reference,
            "decided_by": self.decision.decided_by,
            "says": self.decision.describe(),
        }
        if not self.removed:
            return gettext("Kept under %(decision)s.") % {"decision": decision}
        return gettext(
            "%(removed)s of %(total)s %(disposal)s at erasure: their period under %(decision)s has run out."
        ) % {
            "removed": self.removed,
            "total": self.total,
            "disposal": self.record_type.disposal_label,
            "decision": decision,
        }


def person_retention_plan(person, *, now: datetime | None = None) -> list[PersonRecords]:
    """For each record type holding rows about the person: how many, and how many erasure keeps
    (``rows_kept``: all without a decision). A few queries per record type."""
    decisions = {d.record_type: d for d in RetentionDecision.objects.in_force()}
    plan = []
    for declared in record_types():
        if declared.person_rows is None:
            continue
        rows = declared.person_rows(person)
        total = rows.count()
        if not total:
            continue
        kept = rows_kept(declared.key, rows, now=now).count()
        plan.append(PersonRecords(record_type=declared, decision=decisions.get(declared.key), total=total, kept=kept))
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
