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
from .models import CouncilReport, Indicator, IndicatorValue, MadeReport

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


def made_report_request(*, report: MadeReport, task, by=None, then: Callable[[], None] | None = None) -> MadeReport:
    """Save a made report's texts (``then``: a form's many-to-many save, in the same transaction) and ask,
    on commit, for ``task`` to make its files (again, when the texts changed)."""
    with transaction.atomic():
        report.full_clean()
        report.status, report.progress, report.finished_at = MadeReport.Status.QUEUED, 0, None
        if report.created_by_id is None and by is not None:
            report.created_by = by
        report.save()
        if then is not None:
            then()
        transaction.on_commit(lambda: task.delay(report.pk))
    return report


def made_report_render(
    *, queryset: models.QuerySet, report_id: int, make: Callable[..., dict[str, tuple[str, bytes]]]
) -> MadeReport | None:
    """Make a report's files: ``make(report, progress)`` gathers the figures and lays them out, returning
    ``{file field: (file name, bytes)}``; each file is stored (the old one replaced). Each step's progress is
    written outside any transaction, so the status page (refreshing itself) sees it. A failure is kept as the
    report's status (the admin shows it) and logged."""
    report = queryset.filter(pk=report_id).first()
    if report is None:
        return None
    model = type(report)

    def progress(**fields) -> None:
        model.objects.filter(pk=report_id).update(**fields)

    progress(status=MadeReport.Status.RENDERING, progress=10)
    try:
        files = make(report, lambda percent: progress(progress=percent))
        for field_name, (name, content) in files.items():
            field = getattr(report, field_name)
            if field:
                field.delete(save=False)
            field.save(name, ContentFile(content), save=False)
    except Exception:
        logger.exception("The %s %s could not be made", model._meta.verbose_name, report_id)
        progress(status=MadeReport.Status.FAILED, progress=0)
        raise
    progress(
        **{name: getattr(report, name).name for name in files},
        status=MadeReport.Status.DONE,
        progress=100,
        finished_at=timezone.now(),
    )
    report.refresh_from_db()
    return report


def council_report_request(*, report: CouncilReport, by=None) -> CouncilReport:
    """Save the report's texts and ask, on commit, for its PDF (again, when the texts changed)."""
    from .tasks import render_council_report_task

    return made_report_request(report=report, task=render_council_report_task, by=by)


def council_report_render(*, report_id: int) -> CouncilReport | None:
    """Make the report's PDF: gather the figures, lay them out, store the file."""
    from .rendering import council_report_pdf
    from .selectors import council_report_data

    def make(report: CouncilReport, progress) -> dict[str, tuple[str, bytes]]:
        data = council_report_data(plan=report.plan, year=report.year)
        progress(40)
        pdf = council_report_pdf(report=report, data=data)
        progress(90)
        return {"file": (f"rapport-till-fullmaktige-{report.year}-{report.pk}.pdf", pdf)}

    return made_report_render(queryset=CouncilReport.objects.select_related("plan"), report_id=report_id, make=make)
