"""Personal data: what is stored about a person, section by section (a registry).

Every app that stores personal data registers a section here:
``register_personal_data_section(key, label, fn, erase=None, key_labels=None)``, where
``fn(person)`` returns JSON-able data, the optional ``erase(person)`` removes what the app
stores beyond the figures (it runs inside ``services.person_erase``'s transaction), and
``key_labels`` names the keys of its data for the readable page. A register extract
(registerutdrag, GDPR art. 15) is every section's data.

Each app registers its section from its own AppConfig.ready(), by importing its
``privacy`` module. Sections keep their registration order, which is INSTALLED_APPS order: the
organisation section (``lms.organisation.privacy``) first, then accounts' single sign-on
links, then courses, quizzes, certificates, requirements and the rest.

Each app keeps its section's label, its keys' labels and the texts its erase function stores
in its own privacy module, translated in its own catalogue. An app labels the keys its data
introduces; keys it shares with the organisation section (created_at, kind, org_unit …) or with
the courses section (course, started_at …) are labelled there: the page merges every section's
labels, a section's own first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# An aware ISO 8601 time as ``iso`` writes it (a date alone is shown as it is).
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@dataclass(frozen=True)
class PersonalDataSection:
    key: str
    label: str
    fn: Callable[[Model], object]
    erase: Callable[[Model], None] | None = None
    key_labels: Mapping[str, object] = field(default_factory=dict, hash=False)


_sections: dict[str, PersonalDataSection] = {}


def register_personal_data_section(
    key: str,
    label,
    fn: Callable[[Model], object],
    erase: Callable[[Model], None] | None = None,
    key_labels: Mapping[str, object] | None = None,
) -> None:
    """Add (or replace, by key) a section of the register extract. ``key_labels``: readable
    names of the keys in its data (lazy translations with the context "personal data")."""
    _sections[key] = PersonalDataSection(key=key, label=label, fn=fn, erase=erase, key_labels=dict(key_labels or {}))


def personal_data_sections() -> list[PersonalDataSection]:
    return list(_sections.values())


def key_labels() -> dict[str, object]:
    """Every section's key labels merged; for a key labelled by several, the first section's."""
    merged: dict[str, object] = {}
    for section in personal_data_sections():
        for key, label in section.key_labels.items():
            merged.setdefault(key, label)
    return merged


def person_extract(person: Model) -> dict:
    """Everything stored about a person, as JSON-able data, section by section, and how long it is
    kept: what an erasure would keep of it and why (``retention``, GDPR art. 15.1 d)."""
    return {
        "generated_at": timezone.now().isoformat(),
        "person_id": person.pk,
        "sections": [{"key": s.key, "label": str(s.label), "data": s.fn(person)} for s in personal_data_sections()],
        "retention": retention_rows(person),
    }


def retention_rows(person: Model) -> list[dict]:
    """Per record type holding rows about the person (lms.records): how many, how many an erasure
    keeps, under which decision, and why in words. The register extract and the erasure page both
    show this, from the selector ``person_erase`` itself follows (``person_retention_plan``)."""
    from lms.records.selectors import person_retention_plan

    return [
        {
            "record_type": row.record_type.key,
            "label": str(row.record_type.label),
            "rows": row.total,
            "kept_at_erasure": row.kept,
            "decision": row.decision.reference if row.decision is not None else None,
            "explanation": row.explanation,
        }
        for row in person_retention_plan(person)
    ]


def _display(value, labels):
    """Nested data as rows of {label, value, children} for a recursive template. A key with a
    ``<key>_label`` twin (a stored code and its readable name) shows the name under the key's label."""
    if isinstance(value, dict):
        return [
            {"label": str(labels.get(k, k.replace("_", " "))), **_display_leaf(value.get(f"{k}_label", v), labels)}
            for k, v in value.items()
            if not (k.endswith("_label") and k.removesuffix("_label") in value)
        ]
    if isinstance(value, list):
        return [{"label": str(n), **_display_leaf(v, labels)} for n, v in enumerate(value, start=1)]
    return []


def _display_leaf(value, labels) -> dict:
    if isinstance(value, dict) and value:
        return {"value": None, "children": _display(value, labels)}
    if isinstance(value, list) and value and not all(isinstance(v, str) for v in value):
        return {"value": None, "children": _display(value, labels)}
    if isinstance(value, list):
        return {"value": ", ".join(value) or "–", "children": []}
    if value is None or value == {} or value == []:
        return {"value": "–", "children": []}
    if isinstance(value, bool):
        return {"value": str(_("Yes") if value else _("No")), "children": []}
    if isinstance(value, str) and ISO_MOMENT.match(value):
        # A time as the site writes times (ÅÅÅÅ-MM-DD HH:MM, local), not as the JSON stores it.
        return {"value": timezone.localtime(datetime.fromisoformat(value)).strftime("%Y-%m-%d %H:%M"), "children": []}
    return {"value": str(value), "children": []}


def display_sections(extract: dict) -> list[dict]:
    """The extract as labelled rows for the readable page: each section's keys named by its own
    labels first, then by every section's."""
    merged = key_labels()
    own = {key: section.key_labels for key, section in _sections.items()}
    return [
        {"key": s["key"], "label": s["label"], "rows": _display(s["data"], {**merged, **own.get(s["key"], {})})}
        for s in extract["sections"]
    ]


def erase_sections(person: Model) -> None:
    for section in personal_data_sections():
        if section.erase is not None:
            section.erase(person)


def iso(value):
    """A date or time as ISO 8601 text, None as None (for the sections' data)."""
    return value.isoformat() if value is not None else None
