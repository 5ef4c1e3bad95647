"""Every write of the democracy plan, each in a transaction, each after the model's own checks
(``full_clean``), so a bad row is refused with its message and nothing is half-saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import models, transaction

from . import measurements
from .importing import ValuesPlan
from .models import Indicator, IndicatorValue

PLATFORM_SOURCE = "Plattformen"  # the source of figures the platform recorded itself


@transaction.atomic
def row_save(*, instance: models.Model, then: Callable[[], None] | None = None) -> models.Model:
    """Save a plan, commitment, indicator, focus area, unit's year plan or activity after its checks;
    ``then`` (a form's many-to-many save) runs in the same transaction."""
    instance.full_clean()
    instance.save()
    if then is not None:
        then()
    return instance


@transaction.atomic
def indicator_values_import(*, indicator: Indicator, plan: ValuesPlan) -> int:
    """Store an import's figures: all or, with any bad row, none. A figure of the same part and
    date is replaced (a corrected file may be imported again). Returns how many were stored."""
    if not plan.is_valid:
        raise ValueError("A plan with bad rows is never applied.")
    for row in plan.rows:
        IndicatorValue.objects.update_or_create(
            indicator=indicator,
            part=row.part,
            measured_on=row.measured_on,
            defaults={"value": row.value, "source": row.source},
        )
    return len(plan.rows)


@transaction.atomic
def indicator_measurements_record(*, on: date) -> int:
    """Record today's figure of every measured indicator, so the follow-up shows them over time.
    Idempotent per day (the figure of the day is replaced)."""
    recorded = 0
    for indicator in (
        Indicator.objects.exclude(kind=measurements.ENTERED).select_related("org_unit").prefetch_related("courses")
    ):
        value = measurements.measure(indicator, on=on)
        if value is None:
            continue
        IndicatorValue.objects.update_or_create(
            indicator=indicator, part="", measured_on=on, defaults={"value": value, "source": PLATFORM_SOURCE}
        )
        recorded += 1
    return recorded
