"""Writes: the nightly run that applies the decisions in force, exactly those.

For a record type without a decision in force nothing is deleted or anonymised (fail safe); a
decision to keep permanently disposes of nothing. Each decision applied is one transaction and one
row in the run log, failed or not, so one decision's failure neither undoes nor stops another's."""

from __future__ import annotations

import logging
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .models import RetentionDecision, RetentionRun, RunStatus
from .registry import record_type
from .selectors import rows_due

logger = logging.getLogger(__name__)


def retention_apply(*, now: datetime | None = None) -> list[RetentionRun]:
    """Apply every decision in force that has a period, in the record types' order (attempts and
    certificates before the enrolments they point at); log each in the run log."""
    now = now or timezone.now()
    decisions = list(RetentionDecision.objects.in_force().filter(keep_permanently=False))
    order = {key: n for n, key in enumerate(_ordered_keys())}
    decisions.sort(key=lambda d: (order.get(d.record_type, len(order)), d.pk))
    return [_apply_one(decision, now) for decision in decisions]


def _ordered_keys() -> list[str]:
    from .registry import record_types

    return [rt.key for rt in record_types()]


def _apply_one(decision: RetentionDecision, now: datetime) -> RetentionRun:
    declared = record_type(decision.record_type)
    started = timezone.now()
    cutoff = decision.cutoff(now)
    rows, error = 0, ""
    if declared is None or decision.counted_from not in declared.events:
        error = f"The record type {decision.record_type!r} is not declared, or not with the event {decision.counted_from!r}."
    else:
        try:
            with transaction.atomic():
                rows = declared.dispose(rows_due(decision=decision, now=now))
        except Exception as exc:  # logged and shown in the run log; the next decision still runs
            logger.exception("Retention decision %s failed", decision.reference)
            error = f"{type(exc).__name__}: {exc}"
            rows = 0
    return RetentionRun.objects.create(
        decision=decision,
        decision_reference=decision.reference,
        record_type=decision.record_type,
        disposal=declared.disposal if declared is not None else "",
        cutoff=cutoff,
        rows=rows,
        status=RunStatus.FAILED if error else RunStatus.DONE,
        error=error,
        started_at=started,
        finished_at=timezone.now(),
    )
