"""What work is waiting, how long it has waited, and whether the site's services answer.

One place says what "waiting" and "lost" mean, for the sweep (services.py), the admin's
"Väntande arbete" page and /healthz, so the three never disagree. The rows belong to the apps
below; this app only reads them (it sits above every other app)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import F, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.access.rule import policy_for, visible_rows
from lms.certificates.kinds import CertificateKind, certificate_kinds
from lms.certificates.models import EARNED_ROUTES, Certificate, CertificateRenderBatch, RenderStatus
from lms.courses.models import Enrolment
from lms.imports.models import ImportRun, ImportRunStatus
from lms.reports.models import ExportJob

# A course completed longer ago than this without a certificate is not asked for any more: a course
# that gets a certificate template today must not mail last year's learners all at once.
CERTIFICATE_LOOKBACK = timedelta(days=30)
# After this many attempts a failing certificate waits for a person (a template that cannot be
# rendered, say): the sweep stops asking, the admin page shows it.
RENDER_ATTEMPTS_BEFORE_GIVING_UP = 20
# /healthz answers 503 when work the machines still owe has waited longer than this.
HEALTHY_WAIT = timedelta(minutes=30)


def _stuck_since(now: datetime | None) -> datetime:
    return (now or timezone.now()) - settings.LMS_WORK_STUCK_AFTER


def certificates_missing() -> QuerySet:
    """Completed enrolments of certificate-giving courses that have no certificate at all: completed on
    the platform, or from elsewhere with a certificate asked for (lms.completions)."""
    return Enrolment.objects.filter(
        Q(completed_via__in=EARNED_ROUTES) | Q(completion_record__certificate_requested=True),
        completed_at__isnull=False,
        completed_at__gte=timezone.now() - CERTIFICATE_LOOKBACK,
        course__certificate_terms__isnull=False,
        certificate__isnull=True,
        person__erased_at__isnull=True,
    )


def certificates_pending() -> QuerySet:
    """Issued, never rendered, no attempt failed yet (an erased person's is never rendered: not waiting)."""
    return Certificate.objects.filter(render_status=RenderStatus.PENDING, person__erased_at__isnull=True)


def certificates_failed(*, given_up: bool | None = None) -> QuerySet:
    qs = Certificate.objects.filter(render_status=RenderStatus.FAILED, person__erased_at__isnull=True)
    if given_up is True:
        return qs.filter(render_attempts__gte=RENDER_ATTEMPTS_BEFORE_GIVING_UP)
    if given_up is False:
        return qs.filter(render_attempts__lt=RENDER_ATTEMPTS_BEFORE_GIVING_UP)
    return qs


def certificate_kinds_rendered_later() -> list[CertificateKind]:
    """The other kinds of certificate (a path's) whose PDF a task renders (lms.certificates.kinds)."""
    return [kind for kind in certificate_kinds() if kind.unrendered is not None]


def export_jobs_waiting() -> QuerySet:
    return ExportJob.objects.filter(status__in=[ExportJob.Status.PENDING, ExportJob.Status.RUNNING])


def import_runs_waiting() -> QuerySet:
    return ImportRun.objects.filter(
        status__in=[ImportRunStatus.QUEUED, ImportRunStatus.CHECKING, ImportRunStatus.IMPORTING]
    )


def render_batches_unfinished() -> QuerySet:
    return CertificateRenderBatch.objects.filter(done__lt=F("total") - F("failed"))


# --- What the sweep asks for again -----------------------------------------------------------------


def certificates_to_issue_again(now: datetime | None = None) -> QuerySet:
    """Enrolments whose certificate was lost on the way: none issued, or issued and never rendered."""
    stuck = _stuck_since(now)
    missing = certificates_missing().filter(completed_at__lt=stuck)
    pending = Enrolment.objects.filter(certificate__in=certificates_pending().filter(issued_at__lt=stuck))
    return (missing | pending).order_by("completed_at")


def certificates_to_render_again(now: datetime | None = None) -> QuerySet:
    return certificates_failed(given_up=False).filter(issued_at__lt=_stuck_since(now)).order_by("issued_at")


def kind_completions_to_issue_again(kind: CertificateKind, now: datetime | None = None) -> list[int]:
    """Enrolments whose completion should have issued a certificate of the kind (in the lookback, before
    the stuck threshold) and did not: the issuing task was lost."""
    if kind.completions_without_certificate is None:
        return []
    return kind.completions_without_certificate(
        completed_from=(now or timezone.now()) - CERTIFICATE_LOOKBACK, completed_before=_stuck_since(now)
    )


def kind_certificates_to_render_again(kind: CertificateKind, now: datetime | None = None) -> QuerySet:
    """A kind's certificates issued before the stuck threshold and never rendered: the task was lost."""
    return kind.unrendered().filter(issued_at__lt=_stuck_since(now)).order_by("issued_at")


def export_jobs_to_run_again(now: datetime | None = None, *, running_limit: timedelta) -> QuerySet:
    """Jobs never started, and jobs whose worker must have died (running past the task's time limit)."""
    now = now or timezone.now()
    return (
        ExportJob.objects.filter(status=ExportJob.Status.PENDING, created_at__lt=_stuck_since(now))
        | ExportJob.objects.filter(status=ExportJob.Status.RUNNING, created_at__lt=_stuck_since(now) - running_limit)
    ).order_by("created_at")


def import_runs_to_check_again(now: datetime | None = None, *, checking_limit: timedelta) -> QuerySet:
    """Dry runs never started or whose worker died. Never a confirmed run (importing): applying a file
    twice is not a thing to risk unattended; the admin page shows it for a person to look at."""
    now = now or timezone.now()
    return (
        ImportRun.objects.filter(status=ImportRunStatus.QUEUED, created_at__lt=_stuck_since(now))
        | ImportRun.objects.filter(status=ImportRunStatus.CHECKING, created_at__lt=_stuck_since(now) - checking_limit)
    ).order_by("created_at")


def render_batch_certificates_to_render_again(now: datetime | None = None) -> QuerySet:
    """Certificates still counting towards a re-render batch started before the stuck threshold."""
    batches = render_batches_unfinished().filter(created_at__lt=_stuck_since(now))
    return Certificate.objects.filter(render_batch__in=batches).order_by("pk")


# --- The admin page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WaitingKind:
    key: str
    label: str
    rows: QuerySet  # every waiting row of the kind, not yet narrowed to a viewer
    since: str  # the field the wait is counted from
    needs_a_person: bool = False  # the machines have given up; not counted by /healthz
    shown_as: str = ""  # the row type, where not the model's own (ROW_TYPES)

    @property
    def row_type(self) -> str:
        """Which of the rows' own lines the page prints for each row."""
        return self.shown_as or ROW_TYPES[self.rows.model]


ROW_TYPES = {
    Enrolment: "enrolment",
    Certificate: "certificate",
    CertificateRenderBatch: "certificaterenderbatch",
    ExportJob: "exportjob",
    ImportRun: "importrun",
}


def waiting_kinds() -> list[WaitingKind]:
    return [
        WaitingKind(
            "certificates_missing",
            _("Completed courses without a certificate"),
            certificates_missing().select_related("person__user", "course"),
            "completed_at",
        ),
        WaitingKind(
            "certificates_pending",
            _("Certificates being prepared"),
            certificates_pending().select_related("person__user", "course"),
            "issued_at",
        ),
        WaitingKind(
            "certificates_failed",
            _("Certificates whose PDF failed, tried again"),
            certificates_failed(given_up=False).select_related("person__user", "course"),
            "issued_at",
        ),
        WaitingKind(
            "certificates_given_up",
            _("Certificates whose PDF keeps failing: someone must look"),
            certificates_failed(given_up=True).select_related("person__user", "course"),
            "issued_at",
            needs_a_person=True,
        ),
        *(
            WaitingKind(
                f"{kind.key}_certificates_pending",
                kind.waiting_label,
                kind.unrendered(),
                "issued_at",
                shown_as="certificate",
            )
            for kind in certificate_kinds_rendered_later()
        ),
        WaitingKind("export_jobs", _("Report exports"), export_jobs_waiting(), "created_at"),
        WaitingKind("import_runs", _("Imports from the HR system"), import_runs_waiting(), "created_at"),
        WaitingKind("render_batches", _("Re-renders of certificates"), render_batches_unfinished(), "created_at"),
    ]


def may_view_waiting_work(user) -> bool:
    """Anyone who may see the rows of at least one kind (each model's own permission, by its policy)."""
    return any(policy_for(kind.rows.model).may_see_any(user) for kind in waiting_kinds())


def waiting_work_for(user, *, now: datetime | None = None, shown: int = 50) -> list[dict]:
    """Each kind the user may see: how many rows wait, since when, and the oldest ``shown`` rows,
    all narrowed to the rows the user may see (the access rule)."""
    now = now or timezone.now()
    sections = []
    for kind in waiting_kinds():
        if not policy_for(kind.rows.model).may_see_any(user):
            continue
        rows = visible_rows(user, kind.rows)
        oldest = rows.aggregate(oldest=Min(kind.since))["oldest"]
        sections.append(
            {
                "kind": kind,
                "count": rows.count(),
                "oldest": oldest,
                "waited": now - oldest if oldest else None,
                "rows": [(row, getattr(row, kind.since)) for row in rows.order_by(kind.since)[:shown]],
            }
        )
    return sections


# --- /healthz --------------------------------------------------------------------------------------


def _task_limit(task) -> timedelta:
    return timedelta(seconds=task.time_limit or settings.CELERY_TASK_TIME_LIMIT)


def _late_since() -> list[tuple[QuerySet, list[tuple[str, Q | None, timedelta]]]]:
    """Per table, one query: [(field, which rows, grace)]: such rows are late from ``field`` + ``grace``.

    Work not started is late from when it was asked for. Work running is late only once its task's time
    limit has passed: a long export (an hour allowed) or a confirmed import (counted from its
    confirmation, not its upload, which HR may have read for a day) is being done, not waiting. Work
    that waits for a person (certificates given up) is not the machines' to owe."""
    from lms.imports import tasks as import_tasks
    from lms.reports import tasks as report_tasks

    now_due = timedelta(0)
    return [
        (certificates_missing(), [("completed_at", None, now_due)]),
        (certificates_pending(), [("issued_at", None, now_due)]),
        *((kind.unrendered(), [("issued_at", None, now_due)]) for kind in certificate_kinds_rendered_later()),
        (certificates_failed(given_up=False), [("issued_at", None, now_due)]),
        (render_batches_unfinished(), [("created_at", None, now_due)]),
        (
            export_jobs_waiting(),
            [
                ("created_at", Q(status=ExportJob.Status.PENDING), now_due),
                ("created_at", Q(status=ExportJob.Status.RUNNING), _task_limit(report_tasks.run_export_job_task)),
            ],
        ),
        (
            import_runs_waiting(),
            [
                ("created_at", Q(status=ImportRunStatus.QUEUED), now_due),
                (
                    "created_at",
                    Q(status=ImportRunStatus.CHECKING),
                    _task_limit(import_tasks.import_run_check_task),
                ),
                (
                    "confirmed_at",
                    Q(status=ImportRunStatus.IMPORTING),
                    _task_limit(import_tasks.import_run_apply_task),
                ),
            ],
        ),
    ]


def oldest_waiting(now: datetime | None = None) -> timedelta | None:
    """How long the oldest late work the machines still owe has waited (None: nothing is late)."""
    now = now or timezone.now()
    late = []
    for rows, parts in _late_since():
        starts = rows.aggregate(**{f"s{i}": Min(part[0], filter=part[1]) for i, part in enumerate(parts)})
        for i, part in enumerate(parts):
            start, grace = starts[f"s{i}"], part[2]
            if start is not None and start + grace < now:
                late.append(start + grace)
    return now - min(late) if late else None


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def cache_answers() -> bool:
    """Asked past django-redis' IGNORE_EXCEPTIONS, which would report a missing server as a miss."""
    from django.core.cache import cache

    try:
        client = getattr(cache, "client", None)
        if client is not None and hasattr(client, "get_client"):
            return bool(client.get_client(write=True).ping())
        cache.set("operations:healthz", "1", 10)
        return cache.get("operations:healthz") == "1"
    except Exception:
        return False


def broker_queue_length() -> int | None:
    """Messages waiting in the default queue; None when it cannot be asked (raises when the broker
    does not answer). Tasks that run eagerly (no broker configured) have no queue: 0."""
    from celery import current_app

    if current_app.conf.task_always_eager:
        return 0
    with current_app.connection_for_read() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=3)
        client = getattr(conn.default_channel, "client", None)
        if client is None or not hasattr(client, "llen"):
            return None  # a broker that is not Redis: reachable, length unknown
        return int(client.llen(current_app.conf.task_default_queue))


def health_plain() -> bool:
    """What /healthz tells anyone: the database and the cache answer. One query and one cache round
    trip: no broker, no queue, no counting of waiting work (that is for monitoring with the token)."""
    return database_answers() and cache_answers()


def health(now: datetime | None = None) -> dict:
    """The figures /healthz reports to monitoring: no names, no ids, only yes/no and counts and seconds."""
    report: dict = {"database": database_answers(), "cache": cache_answers()}
    try:
        report["queue_length"] = broker_queue_length()
        report["broker"] = True
    except Exception:
        report["broker"], report["queue_length"] = False, None
    waited = oldest_waiting(now) if report["database"] else None
    report["oldest_waiting_seconds"] = int(waited.total_seconds()) if waited is not None else None
    report["ok"] = (
        report["database"] and report["cache"] and report["broker"] and (waited is None or waited <= HEALTHY_WAIT)
    )
    return report
