"""Certificates issued by the apps above this one (lms.paths: a learning path's certificate), known here
only through this registry, filled from their AppConfig.ready(). The public verification page finds a
code among every kind, and whatever later sits beside every certificate (an Open Badge) lists them here.

A kind's row has what the verification page prints: ``person`` (with ``full_name``), ``subject_label``
and ``subject_title`` (what was completed: a course, a path), ``completed_on``, ``valid_until``,
``revoked_at``, ``template`` and ``status_on(day)``; ``Certificate`` itself has the same, and ``subject_page``
(the page of what was completed, with its ``summary``).

A kind that names its row ``model`` and ``may_view`` (fn(user, row): the owner, or staff whom the access rule
lets see the row) gets what sits beside every certificate (lms.badges: an Open Badge, its download and status)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CertificateKind:
    key: str
    by_code: Callable  # fn(code: str (normalised)) -> row | None
    model: type | None = None
    may_view: Callable | None = None


_kinds: dict[str, CertificateKind] = {}


def register_certificate_kind(kind: CertificateKind) -> None:
    _kinds[kind.key] = kind


def certificate_kinds() -> list[CertificateKind]:
    return list(_kinds.values())
