"""Writes of the reports area: recomputing the roll-up and the public snapshot, and background exports.

The roll-up is *refreshed*, not kept in step row by row: enrolments are written by several apps
and in bulk by the assignment service, so a trigger in each would be easy to miss. One
INSERT … SELECT … GROUP BY recomputes it inside a transaction (readers see the old figures until
commit), every few minutes by Celery beat and soon after assignment runs or a course is completed.
"""

import logging
import tempfile
import time
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.files import File
from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.utils import timezone, translation

from lms.access.rule import visible_rows
from lms.certificates import archive as certificate_archive
from lms.certificates import filters as certificate_filters
from lms.certificates.models import Certificate
from lms.core.storage import StorageUnavailable, private_storage
from lms.courses.models import CoursePage
from lms.organisation.models import OrgUnit

from . import bodies, disclosure, selectors
from .models import (
    EXPORTS_FOLDER,
    CompletionSummary,
    ExportJob,
    PublicBodyFigure,
    PublicFigure,
    SummaryRefresh,
    export_file_name,
)

logger = logging.getLogger(__name__)

REFRESH_DEBOUNCE_SECONDS = 60
PUBLIC_HISTORY_DAYS = 400
PROGRESS_EVERY = 5000
EXPORT_IN_MEMORY = 8 * 1024 * 1024  # bytes of an export kept in memory while written; more spill to a temporary file


# --- Roll-up ------------------------------------------------------------------------------


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


# The grouping columns of both parts, named apart from the models' own fields.
UNIT, COURSE, AUDIENCE = "summary_org_unit", "summary_course", "summary_audience"


def _part(queryset: QuerySet, figures: dict) -> tuple[str, list]:
    """One SELECT of the roll-up: the figures per (person's unit, course, audience), as SQL and
    parameters compiled by the ORM, the columns in the summary's order (0 for a figure not given)."""
    grouped = (
        queryset.values(**{UNIT: F("person__org_unit"), COURSE: F("course"), AUDIENCE: F("person__audience")})
        .annotate(**{name: figures.get(name, Value(0)) for name in selectors.Figures.names()})
        .order_by()
    )
    return grouped.query.sql_with_params()


def _enrolment_part(today: date) -> tuple[str, list]:
    """Counts of current required enrolments of active people (selectors.current_required_enrolments)."""
    enrolments = selectors.current_required_enrolments()
    return _part(enrolments, selectors._enrolment_aggregates(today))  # the same definitions as the live figures


def _certificate_part(today: date) -> tuple[str, list]:
    """Per active person and course, their latest certificate that is not revoked, as valid,
    expiring or expired (see selectors), counted whether or not the course is required of them."""
    soon = today + timedelta(days=selectors.CERTIFICATE_WARNING_DAYS)
    later = Certificate.objects.filter(
        person=OuterRef("person"), course=OuterRef("course"), revoked_at__isnull=True
    ).filter(Q(issued_at__gt=OuterRef("issued_at")) | Q(issued_at=OuterRef("issued_at"), pk__gt=OuterRef("pk")))
    current = Certificate.objects.filter(revoked_at__isnull=True, person__is_active=True).filter(~Exists(later))
    figures = {
        "cert_valid": Count("pk", filter=Q(valid_until__isnull=True) | Q(valid_until__gte=today)),
        "cert_expiring": Count("pk", filter=Q(valid_until__gte=today, valid_until__lte=soon)),
        "cert_expired": Count("pk", filter=Q(valid_until__lt=today)),
    }
    return _part(current, figures)


@transaction.atomic
def summary_refresh(*, today: date | None = None) -> int:
    """Recompute the roll-up from enrolments (and certificates) in one SELECT … GROUP BY.
    Returns the number of summary rows. Readers keep seeing the previous figures until commit."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    parts = [_enrolment_part(today), _certificate_part(today)]
    params = [param for _sql, part_params in parts for param in part_params]
    figures = selectors.Figures.names()
    summary = _q(CompletionSummary._meta.db_table)
    columns = ", ".join(["org_unit_id", "course_id", "audience", *figures])
    groups = f"{UNIT}, {COURSE}, {AUDIENCE}"
    sums = ", ".join(f"SUM({name})" for name in figures)
    union = " UNION ALL ".join(sql for sql, _params in parts)
    grouped = f"SELECT {groups}, {sums} FROM ({union}) AS parts GROUP BY {groups}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {summary}")  # noqa: S608 - table names from model meta, no input
        if connection.vendor == "postgresql":
            # PostgreSQL plans no parallel query for a statement that writes (INSERT … SELECT) but does for
            # CREATE TABLE … AS: the grouping of every enrolment runs in parallel workers (at Göteborg's size
            # 4 s instead of 7 on two cores, bench/goteborg.py), then its few rows are copied over.
            cursor.execute(f"CREATE TEMPORARY TABLE summary_rows ({columns}) ON COMMIT DROP AS {grouped}", params)
            cursor.execute(f"INSERT INTO {summary} ({columns}) SELECT {columns} FROM summary_rows")  # noqa: S608
            rows = cursor.rowcount
            cursor.execute("DROP TABLE summary_rows")  # a second refresh in the same transaction makes it again
            # Every row was just replaced. Fresh statistics keep the readers' plans right (the
            # overview's hash aggregate) instead of waiting for autovacuum to notice.
            cursor.execute(f"ANALYZE {summary}")
        else:
            cursor.execute(f"INSERT INTO {summary} ({columns}) {grouped}", params)  # noqa: S608
            rows = cursor.rowcount
    SummaryRefresh.objects.update_or_create(
        key=selectors.SUMMARY_KEY,
        defaults={"refreshed_at": timezone.now(), "duration_ms": int((time.perf_counter() - started) * 1000)},
    )
    return rows


def summary_refresh_soon() -> None:
    """Ask for a refresh after enrolments changed (assignment ran, a course was completed).
    Debounced: a burst of changes within a minute costs one refresh. Enqueued on commit."""
    from .tasks import refresh_summary_task

    if cache.add("reports:summary-refresh-pending", 1, REFRESH_DEBOUNCE_SECONDS):
        transaction.on_commit(lambda: refresh_summary_task.apply_async(countdown=REFRESH_DEBOUNCE_SECONDS))


# --- Public snapshot --------------------------------------------------------------------------


@transaction.atomic
def public_snapshot_refresh(*, today: date | None = None) -> int:
    """Store today's public figures, every table of /resultat/ that reports owns: completion of
    each required course in the whole group (each root) and in each administration and company
    directly within it (the outermost ones: a company inside an administration is counted in it),
    and the elected bodies' table (``bodies.public_body_completion``). Figures that would show, or
    let anyone work out, a group under five people or a share of everyone or no one are stored
    hidden (with the reason) or banded (disclosure.py). Returns rows stored."""
    today = today or timezone.localdate()
    scope = selectors.WHOLE_GROUP
    candidates = OrgUnit.objects.filter(Q(kind__in=selectors.PUBLIC_UNIT_KINDS) | Q(depth=1)).order_by("path")
    units: list[OrgUnit] = []
    for unit in candidates:
        if unit.depth == 1 or not any(u.depth > 1 and unit.path.startswith(u.path) for u in units):
            units.append(unit)
    titles = dict(CoursePage.objects.values_list("pk", "title"))
    cells: list[PublicFigure] = []
    for position, unit in enumerate(units):
        for (course_id,), figures in selectors.rollup_figures(scope=scope, unit=unit, by=("course_id",)).items():
            if figures.required == 0:
                continue
            cells.append(
                PublicFigure(
                    snapshot_date=today,
                    org_unit=unit,
                    unit_name=unit.name,
                    unit_kind=unit.kind,
                    is_total=unit.depth == 1,
                    position=position,
                    course_id=course_id,
                    course_title=titles.get(course_id, ""),
                    required=figures.required,
                    completed=figures.completed,
                )
            )
    _suppress(cells)
    body_cells = _body_cells(today)
    for model in (PublicFigure, PublicBodyFigure):
        model.objects.filter(snapshot_date=today).delete()
        model.objects.filter(snapshot_date__lt=today - timedelta(days=PUBLIC_HISTORY_DAYS)).delete()
    PublicFigure.objects.bulk_create(cells)
    PublicBodyFigure.objects.bulk_create(body_cells)
    SummaryRefresh.objects.update_or_create(
        key=selectors.PUBLIC_KEY, defaults={"refreshed_at": timezone.now(), "duration_ms": 0}
    )
    return len(cells) + len(body_cells)


def _stored(figure, cell: disclosure.Cell) -> None:
    """Copy what disclosure decided onto a snapshot row: a hidden cell keeps only its reason, a
    banded one its size."""
    figure.suppressed, figure.reason, figure.band = cell.suppressed, cell.reason, cell.band
    figure.required = None if cell.suppressed else cell.required
    figure.completed = None if cell.suppressed or cell.band else cell.completed


def _body_cells(today: date) -> list[PublicBodyFigure]:
    rows = []
    for found in bodies.public_body_completion(on=today):
        for position, (name, cell) in enumerate([*found.bodies, ("", found.total)]):
            figure = PublicBodyFigure(
                snapshot_date=today,
                is_total=cell is found.total,
                position=position,
                body_name=name,
                course_id=found.course_id,
                course_title=found.course,
            )
            _stored(figure, cell)
            rows.append(figure)
    return rows


def _suppress(cells: list[PublicFigure]) -> None:
    """Apply the disclosure rule to each root's table of each course, then blank the hidden counts."""
    totals = [cell for cell in cells if cell.is_total]
    for total in totals:
        parts = [
            cell
            for cell in cells
            if not cell.is_total
            and cell.course_id == total.course_id
            and cell.org_unit.path.startswith(total.org_unit.path)
        ]
        figures = {
            id(cell): disclosure.Cell(required=cell.required, completed=cell.completed) for cell in [total, *parts]
        }
        disclosure.protect(figures[id(total)], [figures[id(p)] for p in parts], min_group=selectors.PUBLIC_MIN_GROUP)
        for cell in [total, *parts]:
            _stored(cell, figures[id(cell)])


# --- Background exports -----------------------------------------------------------------------


@transaction.atomic
def export_job_create(*, user, report: str, params: dict, export_format: str) -> ExportJob:
    """Queue a large export; the worker writes the file and the user downloads it when ready."""
    from .tasks import run_export_job_task

    job = ExportJob.objects.create(
        user=user,
        report=report,
        params={**params, "language": translation.get_language()},
        export_format=export_format,
    )
    transaction.on_commit(lambda: run_export_job_task.delay(str(job.pk)))
    return job


def export_job_run(*, job_id) -> ExportJob | None:
    """Write the export file for a job, counting progress. The user's scope is looked up again
    now, so a scope narrowed since the job was queued is respected. Idempotent once done; None
    when the job was deleted before or while it ran."""
    from .exports import EXPORTS

    job = ExportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.status == ExportJob.Status.DONE:
        return job  # None: deleted before it ran (its user's personal data erased)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, rows_done=0, error="")
    try:
        with translation.override(job.params.get("language") or "sv"):
            if job.export_format == CERTIFICATES_ZIP:
                name, total = _certificate_archive_write(job)
                return _export_job_finish(job, name, total)
            scope = selectors.scope_for_user(user=job.user)
            spreadsheet = EXPORTS[job.report]()
            rows = spreadsheet.export_rows(scope=scope, params=job.params)
            total = rows.count()
            ExportJob.objects.filter(pk=job.pk).update(rows_total=total)
            counted = _counting(rows.iterator(chunk_size=2000), job.pk)
            # Written to a scratch file of this process (memory, spilling to an unnamed temporary file),
            # then stored whole: the file's home is the private storage, a folder or a bucket alike.
            with tempfile.SpooledTemporaryFile(max_size=EXPORT_IN_MEMORY) as out:
                if job.export_format == spreadsheet.FORMAT_XLSX:
                    spreadsheet.write_xlsx(counted, out)
                else:
                    for line in spreadsheet.stream_csv(counted):
                        out.write(line)
                name = export_file_name(job, f"{spreadsheet.get_filename()}.{job.export_format}")
                name = private_storage().save(name, File(out))
    except StorageUnavailable as exc:
        # The rows were fine; the file store was not. Waiting again, the sweep asks for it once more.
        logger.warning("export job %s could not store its file: %s", job.pk, exc)
        ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.PENDING, error=str(exc)[:2000])
        raise
    except Exception as exc:
        logger.exception("export job %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    return _export_job_finish(job, name, total)


def _export_job_finish(job: ExportJob, name: str, total: int) -> ExportJob | None:
    finished = ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE, file=name, rows_done=total, finished_at=timezone.now()
    )
    if not finished:
        # The job was deleted while the file was written (privacy.erase_reports): nobody may fetch it.
        export_files_delete(names=[name])
        return None
    job.refresh_from_db()
    return job


# A ZIP of certificates, asked for from the certificates' list: a background export like the reports'
# (private storage, progress, the same expiry and record type), its rows the certificates it holds.
CERTIFICATES_ZIP = "zip"


@transaction.atomic
def certificate_archive_create(*, user, params: dict) -> ExportJob:
    """Queue a ZIP of the certificates the list shows with these filters (``certificates.filters``)."""
    from .tasks import run_export_job_task

    kept = {key: str(value) for key, value in params.items() if key in certificate_filters.FILTER_PARAMS and value}
    job = ExportJob.objects.create(
        user=user,
        report="certificates",
        params={**kept, "language": translation.get_language()},
        export_format=CERTIFICATES_ZIP,
    )
    transaction.on_commit(lambda: run_export_job_task.delay(str(job.pk)))
    return job


def certificate_archive_queryset(*, user, params: dict):
    """The certificates a ZIP job holds: the ones the user may see now (the access rule, asked again
    when the job runs, so a narrowed scope counts), filtered as the list was."""
    visible = visible_rows(user, Certificate.objects.all())
    return certificate_archive.archive_certificates(
        certificate_filters.filtered_certificates(queryset=visible, params=params)
    )


def _certificate_archive_write(job: ExportJob) -> tuple[str, int]:
    certificates = certificate_archive_queryset(user=job.user, params=job.params)
    ExportJob.objects.filter(pk=job.pk).update(rows_total=certificates.count())
    name = export_file_name(job, f"intyg-{timezone.localdate():%Y-%m-%d}.zip")
    # Like the spreadsheets: a scratch file of this process, then stored whole (a folder or a bucket).
    with tempfile.SpooledTemporaryFile(max_size=EXPORT_IN_MEMORY) as out:
        total = certificate_archive.write_certificate_archive(
            certificates=certificates,
            out=out,
            progress=lambda done: ExportJob.objects.filter(pk=job.pk).update(rows_done=done),
        )
        name = private_storage().save(name, File(out))
    return name, total


def export_files_delete(*, names: list[str]) -> None:
    """Delete export files, each with its own random folder (``export_file_name``) once empty."""
    storage = private_storage()
    for name in names:
        storage.delete(name)  # a local folder goes too once empty (lms.core.storage.PrivateStorage)


@transaction.atomic
def export_jobs_expire(*, now: datetime | None = None) -> int:
    """Delete export jobs older than LMS_REPORTS_EXPORT_KEEP_DAYS, and their files once that has
    committed. The files name people: they are kept no longer than the user needs to fetch them.
    A job still being written deletes its own file when it finds its row gone (export_job_run)."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.LMS_REPORTS_EXPORT_KEEP_DAYS)
    jobs = ExportJob.objects.filter(created_at__lt=cutoff)
    names = [name for name in jobs.values_list("file", flat=True) if name]
    deleted, _per_model = jobs.delete()
    transaction.on_commit(lambda: _expired_files_delete(names, cutoff), robust=True)
    return deleted


def _expired_files_delete(names: list[str], cutoff: datetime) -> None:
    export_files_delete(names=names)
    export_files_delete(names=_stray_export_files(cutoff))


def _stray_export_files(cutoff: datetime) -> list[str]:
    """Export files as old as the expired ones that no job points to: left by a worker that
    crashed, or by a deletion that failed. They name people too."""
    storage = private_storage()
    try:  # a bucket has no folders of its own: a prefix without files lists nothing
        folders = storage.listdir(EXPORTS_FOLDER)[0]
    except FileNotFoundError:
        return []
    kept = set(ExportJob.objects.exclude(file="").values_list("file", flat=True))
    stray = []
    for folder in folders:
        try:  # a worker may remove its own file and folder meanwhile
            for filename in storage.listdir(f"{EXPORTS_FOLDER}/{folder}")[1]:
                name = f"{EXPORTS_FOLDER}/{folder}/{filename}"
                if name not in kept and storage.get_modified_time(name) < cutoff:
                    stray.append(name)
        except FileNotFoundError:
            continue
    return stray


def _counting(rows, job_pk):
    done = 0
    for row in rows:
        yield row
        done += 1
        if done % PROGRESS_EVERY == 0:
            ExportJob.objects.filter(pk=job_pk).update(rows_done=done)
