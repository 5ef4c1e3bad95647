"""Personal data: what is stored about a person, section by section (a registry).

Every app that stores personal data registers a section here:
``register_personal_data_section(key, label, fn, erase=None, key_labels=None)``, where
``fn(person)`` returns JSON-able data, the optional ``erase(person)`` removes what the app
stores beyond the figures (it runs inside ``services.person_erase``'s transaction), and
``key_labels`` names the keys of its data for the readable page. A register extract
(registerutdrag, GDPR art. 15) is every section's data.

Each app registers its section from its own AppConfig.ready(), by importing its
``privacy`` module. Sections keep their registration order: this module registers
the organisation section when it is imported, and every other app's module imports
it first, so the organisation section comes first and the rest follow INSTALLED_APPS
(courses, quizzes, certificates, requirements).

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

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Person, SignInIdentity, StaffScope

# An aware ISO 8601 time as ``iso`` writes it (a date alone is shown as it is).
ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


@dataclass(frozen=True)
class PersonalDataSection:
    key: str
    label: str
    fn: Callable[[Person], object]
    erase: Callable[[Person], None] | None = None
    key_labels: Mapping[str, object] = field(default_factory=dict, hash=False)


_sections: dict[str, PersonalDataSection] = {}


def register_personal_data_section(
    key: str,
    label,
    fn: Callable[[Person], object],
    erase: Callable[[Person], None] | None = None,
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


def person_extract(person: Person) -> dict:
    """Everything stored about a person, as JSON-able data, section by section, and how long it is
    kept: what an erasure would keep of it and why (``retention``, GDPR art. 15.1 d)."""
    return {
        "generated_at": timezone.now().isoformat(),
        "person_id": person.pk,
        "sections": [{"key": s.key, "label": str(s.label), "data": s.fn(person)} for s in personal_data_sections()],
        "retention": retention_rows(person),
    }


def retention_rows(person: Person) -> list[dict]:
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


# Readable names of the organisation section's keys, for the page; the JSON keeps the keys. Labels
# have the context "personal data" (so every app's labels do): Django merges every app's catalogue
# and the first app in INSTALLED_APPS wins, so a bare "Passed" would change what another page says.
KEY_LABELS = {
    "person": pgettext_lazy("personal data", "Profile"),
    "user": pgettext_lazy("personal data", "Account"),
    "org_unit": pgettext_lazy("personal data", "Organisational unit"),
    "manager": pgettext_lazy("personal data", "Manager"),
    "audit_log": pgettext_lazy("personal data", "Audit log"),
    "employee_number": pgettext_lazy("personal data", "Employee number"),
    "audience": pgettext_lazy("personal data", "Audience"),
    "audience_label": pgettext_lazy("personal data", "Audience (as shown)"),
    "language": pgettext_lazy("personal data", "Language"),
    "is_active": pgettext_lazy("personal data", "Active"),
    "deactivated_at": pgettext_lazy("personal data", "Deactivated at"),
    "erased_at": pgettext_lazy("personal data", "Anonymised at"),
    "created_at": pgettext_lazy("personal data", "Created on"),
    "updated_at": pgettext_lazy("personal data", "Last changed"),
    "username": pgettext_lazy("personal data", "Username"),
    "first_name": pgettext_lazy("personal data", "First name"),
    "last_name": pgettext_lazy("personal data", "Last name"),
    "email": pgettext_lazy("personal data", "E-mail"),
    "date_joined": pgettext_lazy("personal data", "Account created"),
    "last_login": pgettext_lazy("personal data", "Last sign-in"),
    "groups": pgettext_lazy("personal data", "Groups"),
    "code": pgettext_lazy("personal data", "Code"),
    "name": pgettext_lazy("personal data", "Name"),
    "kind": pgettext_lazy("personal data", "Kind"),
    "within": pgettext_lazy("personal data", "Part of"),
    "action": pgettext_lazy("personal data", "Action"),
    "timestamp": pgettext_lazy("personal data", "Time"),
    "staff_scope": pgettext_lazy("personal data", "Staff scope"),
    "sign_in_identities": pgettext_lazy("personal data", "Organisation accounts used to sign in"),
    "issuer": pgettext_lazy("personal data", "Sign-in service"),
    "subject": pgettext_lazy("personal data", "Account identifier"),
    "last_used_at": pgettext_lazy("personal data", "Last used"),
    "linked_by_unverified_email": pgettext_lazy("personal data", "Linked by an unverified e-mail address"),
}


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


def erase_sections(person: Person) -> None:
    for section in personal_data_sections():
        if section.erase is not None:
            section.erase(person)


def iso(value):
    """A date or time as ISO 8601 text, None as None (for the sections' data)."""
    return value.isoformat() if value is not None else None


ORGANISATION_LABEL = pgettext_lazy("personal data", "You in the municipal group")


def organisation_section(person: Person) -> dict:
    """The profile, the account, the unit, the manager and the audit-log entries about them."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q
    from wagtail.models import ModelLogEntry

    from .selectors import org_unit_ancestors

    user = person.user
    unit = person.org_unit
    manager = person.manager
    about_them = Q(content_type=ContentType.objects.get_for_model(Person), object_id=str(person.pk)) | Q(
        content_type=ContentType.objects.get_for_model(type(person.user)), object_id=str(person.user_id)
    )
    log_entries = ModelLogEntry.objects.filter(about_them).order_by("timestamp")
    scope = StaffScope.objects.filter(user_id=person.user_id).select_related("org_unit").first()
    return {
        "person": {
            "employee_number": person.employee_number,
            "audience": person.audience,
            "audience_label": str(person.get_audience_display()),
            "language": person.language,
            "language_label": str(person.get_language_display()),
            "is_active": person.is_active,
            "deactivated_at": iso(person.deactivated_at),
            "erased_at": iso(person.erased_at),
            "created_at": iso(person.created_at),
            "updated_at": iso(person.updated_at),
        },
        "user": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": iso(user.date_joined),
            "last_login": iso(user.last_login),
            "is_active": user.is_active,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "org_unit": {
            "code": unit.code,
            "name": unit.name,
            "kind": unit.kind,
            "kind_label": str(unit.get_kind_display()),
            "within": [u.name for u in org_unit_ancestors(unit=unit)],
        },
        "manager": (
            {"name": manager.full_name, "employee_number": manager.employee_number} if manager is not None else None
        ),
        # The part of the group the account is limited to in the admin. Erasure keeps it: without
        # one, an account with the HR role would see the whole group should it be enabled again.
        "staff_scope": {"org_unit": scope.org_unit.name} if scope is not None else None,
        "audit_log": [{"action": e.action, "timestamp": iso(e.timestamp)} for e in log_entries],
        # The organisation accounts (single sign-on) this account was signed in with.
        "sign_in_identities": [
            {
                "issuer": i.issuer,
                "subject": i.subject,
                "created_at": iso(i.created_at),
                "last_used_at": iso(i.last_used_at),
                "linked_by_unverified_email": i.linked_by_unverified_email,
            }
            for i in SignInIdentity.objects.filter(user_id=person.user_id).order_by("created_at")
        ],
    }


def erase_organisation_extras(person: Person) -> None:
    """What erasure.person_erase does not clear itself: the organisation accounts' identifiers (single
    sign-on links). A link is how sign-in finds the account, no public document: it goes, decision or
    not, as do the sessions and lockout rows (``erasure._end_sign_in``)."""
    SignInIdentity.objects.filter(user_id=person.user_id).delete()


register_personal_data_section(
    "organisation", ORGANISATION_LABEL, organisation_section, erase=erase_organisation_extras, key_labels=KEY_LABELS
)
