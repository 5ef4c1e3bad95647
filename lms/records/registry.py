"""Record types (informationstyper): what the records-management plan's retention decisions are about.

Every app that keeps records a decision may cover declares them in its own ``retention.py``,
imported from its AppConfig.ready(), with ``register_record_type(RecordType(...))``; this app
imports none of them. A record type says which rows are still there to dispose of, when each
row's retention period starts for each event a decision may name, how to dispose of rows
(delete, or anonymise and keep the figures) and which rows are a person's (for erasure).

Nothing is removed for a record type without a decision in force (``services``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Expression, F, QuerySet
from django.utils.translation import gettext_lazy as _


class RetentionEvent(models.TextChoices):
    """What a retention period counts from."""

    CREATED = "created", _("after the record was created")
    CYCLE_ENDED = "cycle_ended", _("after the course cycle ends")
    PERSON_LEFT = "person_left", _("after the person left")
    SURVEY_CLOSED = "survey_closed", _("after the survey closed")


class Disposal(models.TextChoices):
    DELETE = "delete", _("deleted")
    ANONYMISE = "anonymise", _("anonymised")


@dataclass(frozen=True)
class RecordType:
    """``rows()``: every row still holding what a decision may remove. ``events``: for each event a
    decision may count from, the row's moment of that event (a field path or an expression; NULL:
    the event has not happened, so the row is kept). ``dispose(rows)`` deletes or anonymises the
    rows given and returns how many; it runs inside a transaction. ``person_rows(person)``: the
    rows that are a person's, for erasure (None: the type holds nothing about one person)."""

    key: str
    label: object
    disposal: str
    rows: Callable[[], QuerySet]
    events: Mapping[str, str | Callable[[], Expression]]
    dispose: Callable[[QuerySet], int]
    description: object = ""
    person_rows: Callable[[object], QuerySet] | None = None
    order: int = 100
    app_label: str = field(default="", compare=False)

    def event_expression(self, event: str) -> Expression:
        value = self.events[event]
        return F(value) if isinstance(value, str) else value()

    @property
    def disposal_label(self) -> str:
        return str(Disposal(self.disposal).label)


def delete_rows(rows: QuerySet) -> int:
    """The usual ``dispose``: delete the rows (what cascades from them goes too) and count the rows of the
    record type's own model, not the cascaded ones."""
    _total, per_model = rows.delete()
    return per_model.get(rows.model._meta.label, 0)


_record_types: dict[str, RecordType] = {}


def register_record_type(record_type: RecordType) -> None:
    """Add (or replace, by key) a record type. Each app registers its own from its ready()."""
    if record_type.disposal not in Disposal.values:
        raise ValueError(f"Unknown disposal {record_type.disposal!r} for record type {record_type.key!r}")
    unknown = set(record_type.events) - set(RetentionEvent.values)
    if unknown:
        raise ValueError(f"Unknown events {sorted(unknown)} for record type {record_type.key!r}")
    _record_types[record_type.key] = record_type


def record_types() -> list[RecordType]:
    return sorted(_record_types.values(), key=lambda rt: (rt.order, str(rt.label)))


def record_type(key: str) -> RecordType | None:
    return _record_types.get(key)


def record_type_choices() -> list[tuple[str, str]]:
    return [(rt.key, str(rt.label)) for rt in record_types()]
