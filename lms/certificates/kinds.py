"""Certificates issued by the apps above this one (lms.paths: a learning path's certificate), known here
only through this registry, filled from their AppConfig.ready(). The public verification page finds a
code among every kind, and whatever later sits beside every certificate (an Open Badge) lists them here.

A kind's row has what the verification page prints: ``person`` (with ``full_name``), ``subject_label``
and ``subject_title`` (what was completed: a course, a path), ``completed_on``, ``valid_until``,
``revoked_at``, ``template`` and ``status_on(day)``; ``Certificate`` itself has the same, and ``subject_page``
(the page of what was completed, with its ``summary``).

A kind issued and rendered in Celery names its completions left without a certificate and its rows
waiting for their PDF, and the tasks that issue and render them, so the waiting-work sweep
(lms.operations) asks again for work lost on the way as it does for a course's certificates; its admin
page and /healthz count the rows waiting for their PDF.

A kind that names its row ``model`` and ``may_view`` (fn(user, row): the owner, or staff whom the access rule
lets see the row) gets what sits beside every certificate (lms.badges: an Open Badge, its download and status)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CertificateKind:
    key: str
    by_code: Callable  # fn(code: str (normalised)) -> row | None
    unrendered: Callable | None = None  # fn() -> QuerySet of rows issued, never rendered (``issued_at``)
    render_task: object = None  # the Celery task rendering one row, given its id (idempotent)
    # fn(completed_from=, completed_before=) -> ids of enrolments whose completion should have issued one
    completions_without_certificate: Callable | None = None
    issue_task: object = None  # the Celery task issuing (and rendering) after such a completion (idempotent)
    waiting_label: str = ""  # the admin page's heading of those rows
    model: type | None = None
    may_view: Callable | None = None


_kinds: dict[str, CertificateKind] = {}


def register_certificate_kind(kind: CertificateKind) -> None:
    _kinds[kind.key] = kind


def certificate_kinds() -> list[CertificateKind]:
    return list(_kinds.values())
