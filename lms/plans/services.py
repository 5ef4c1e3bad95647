"""Every write of the democracy plan, each in a transaction, each after the model's own checks
(``full_clean``), so a bad row is refused with its message and nothing is half-saved."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone

from . import measurements
from .importing import ValuesPlan
from .models import CouncilReport, Indicator, IndicatorValue

logger = logging.getLogger(__name__)

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


def council_report_request(*, report: CouncilReport, by=None) -> CouncilReport:
    """Save the report's texts and ask, on commit, for its PDF (again, when the texts changed)."""
    from .tasks import render_council_report_task

    with transaction.atomic():
        report.full_clean()
        report.status, report.progress, report.finished_at = CouncilReport.Status.QUEUED, 0, None
        if report.created_by_id is None and by is not None:
            report.created_by = by
        report.save()
        transaction.on_commit(lambda: render_council_report_task.delay(report.pk))
    return report


def _progress(report_id: int, **fields) -> None:
    # Outside any transaction: the status page (refreshing itself) sees each step.
    CouncilReport.objects.filter(pk=report_id).update(**fields)


def council_report_render(*, report_id: int) -> CouncilReport | None:
    """Make the report's PDF: gather the figures, lay them out, store the file. A failure is kept as
    the report's status (the admin shows it) and logged."""
    from .rendering import council_report_pdf
    from .selectors import council_report_data

    report = CouncilReport.objects.select_related("plan").filter(pk=report_id).first()
    if report is None:
        return None
    _progress(report_id, status=CouncilReport.Status.RENDERING, progress=10)
    try:
        data = council_report_data(plan=report.plan, year=report.year)
        _progress(report_id, progress=40)
        pdf = council_report_pdf(report=report, data=data)
        _progress(report_id, progress=90)
        if report.file:
            report.file.delete(save=False)
        report.file.save(f"rapport-till-fullmaktige-{report.year}-{report.pk}.pdf", ContentFile(pdf), save=False)
    except Exception:
        logger.exception("The report to the council %s could not be made", report_id)
        _progress(report_id, status=CouncilReport.Status.FAILED, progress=0)
        raise
    _progress(
        report_id, file=report.file.name, status=CouncilReport.Status.DONE, progress=100, finished_at=timezone.now()
    )
    report.refresh_from_db()
    return report
