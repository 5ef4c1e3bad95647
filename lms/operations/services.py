"""The waiting-work sweep: work asked for only on commit and lost on the way is asked for again.

Every task it asks for is idempotent (the certificate is unique per enrolment and its ready mail is
claimed once, an export or dry run that is done returns, a re-render counts towards its batch
once), so asking twice costs a little work and never makes a second certificate or mail."""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from kombu.exceptions import OperationalError

from lms.certificates import tasks as certificate_tasks
from lms.imports import tasks as import_tasks
from lms.reports import tasks as report_tasks

from . import selectors

logger = logging.getLogger(__name__)

# At most this many of each kind per sweep: a backlog is worked off over a few sweeps.
ASKED_PER_KIND = 500


class BrokerGone(Exception):
    pass


def _ask(task, *args) -> None:
    """Send one task. A broker that stops answering ends the sweep (the next one goes on); a task
    that fails when run in place (no broker configured: eager) is logged and the sweep goes on."""
    try:
        task.delay(*args)
    except OperationalError as exc:
        raise BrokerGone from exc
    except Exception:
        logger.exception("The waiting-work sweep could not do %s%s", task.name, args)


def _time_limit(task) -> timedelta:
    return timedelta(seconds=task.time_limit or settings.CELERY_TASK_TIME_LIMIT)


def waiting_work_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Ask again for every piece of lost work; returns how many of each kind were asked for.

    While the queue already holds more than a sweep's worth of messages the workers are behind, not
    idle: what waits is most likely in the queue, and asking again would only make it longer."""
    asked: dict[str, int] = {}
    try:
        backlog = selectors.broker_queue_length() or 0
    except Exception:
        logger.warning("Waiting-work sweep: the broker does not answer; the next sweep tries again")
        return {"broker_unreachable": 1}
    if backlog > ASKED_PER_KIND:
        logger.info("Waiting-work sweep skipped: %s messages already queued", backlog)
        return {"skipped_for_backlog": backlog}
    try:
        _sweep(now, asked)
    except BrokerGone:
        logger.warning("Waiting-work sweep stopped: the broker stopped answering (asked so far: %s)", asked)
        asked["broker_unreachable"] = 1
    if any(asked.values()):
        logger.warning("Waiting-work sweep asked again for lost work: %s", asked)
    return asked


def _first(queryset, *fields) -> list:
    flat = len(fields) == 1
    return list(queryset.values_list(*fields, flat=flat)[:ASKED_PER_KIND])


def _sweep(now: datetime | None, asked: dict[str, int]) -> None:
    enrolment_ids = _first(selectors.certificates_to_issue_again(now), "pk")
    asked["certificates_issued"] = len(enrolment_ids)
    for enrolment_id in enrolment_ids:
        _ask(certificate_tasks.issue_certificate, enrolment_id)

    certificate_ids = _first(selectors.certificates_to_render_again(now), "pk")
    asked["certificates_rendered"] = len(certificate_ids)
    for certificate_id in certificate_ids:
        _ask(certificate_tasks.render_certificate_once, certificate_id)

    for kind in selectors.certificate_kinds_rendered_later():  # a path's certificates (lms.certificates.kinds)
        enrolment_ids = selectors.kind_completions_to_issue_again(kind, now)[:ASKED_PER_KIND]
        asked[f"{kind.key}_certificates_issued"] = len(enrolment_ids)
        for enrolment_id in enrolment_ids:
            _ask(kind.issue_task, enrolment_id)
        ids = _first(selectors.kind_certificates_to_render_again(kind, now), "pk")
        asked[f"{kind.key}_certificates_rendered"] = len(ids)
        for pk in ids:
            _ask(kind.render_task, pk)

    batch_items = _first(selectors.render_batch_certificates_to_render_again(now), "pk", "render_batch_id")
    asked["render_batch_certificates"] = len(batch_items)
    for certificate_id, batch_id in batch_items:
        _ask(certificate_tasks.render_certificate, certificate_id, batch_id)

    running_limit = _time_limit(report_tasks.run_export_job_task)
    job_ids = _first(selectors.export_jobs_to_run_again(now, running_limit=running_limit), "pk")
    asked["export_jobs"] = len(job_ids)
    for job_id in job_ids:
        _ask(report_tasks.run_export_job_task, str(job_id))

    checking_limit = _time_limit(import_tasks.import_run_check_task)
    run_ids = _first(selectors.import_runs_to_check_again(now, checking_limit=checking_limit), "pk")
    asked["import_runs"] = len(run_ids)
    for run_id in run_ids:
        _ask(import_tasks.import_run_check_task, run_id)
