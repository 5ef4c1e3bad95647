"""Personal data: what is stored about a person, section by section (a registry).

Every app that stores personal data registers a section here:
``register_personal_data_section(key, label, fn, erase=None)``, where ``fn(person)``
returns JSON-able data and the optional ``erase(person)`` removes what the app
stores beyond the figures (it runs inside ``services.person_erase``'s transaction).
A register extract (registerutdrag, GDPR art. 15) is every section's data.

Each app registers its section from its own AppConfig.ready(), by importing its
``privacy`` module. Sections keep their registration order: this module registers
the organisation section when it is imported, and every other app's module imports
it first, so the organisation section comes first and the rest follow INSTALLED_APPS
(courses, quizzes, certificates, requirements).

The labels of sections registered by other apps live here, so the whole extract is
translated in one catalogue; so do the texts that their erase functions store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Person


@dataclass(frozen=True)
class PersonalDataSection:
    key: str
    label: str
    fn: Callable[[Person], object]
    erase: Callable[[Person], None] | None = None


_sections: dict[str, PersonalDataSection] = {}


def register_personal_data_section(
    key: str, label, fn: Callable[[Person], object], erase: Callable[[Person], None] | None = None
) -> None:
    """Add (or replace, by key) a section of the register extract."""
    _sections[key] = PersonalDataSection(key=key, label=label, fn=fn, erase=erase)


def personal_data_sections() -> list[PersonalDataSection]:
    return list(_sections.values())


def person_extract(person: Person) -> dict:
    """Everything stored about a person, as JSON-able data, section by section."""
    return {
        "generated_at": timezone.now().isoformat(),
        "person_id": person.pk,
        "sections": [{"key": s.key, "label": str(s.label), "data": s.fn(person)} for s in personal_data_sections()],
    }


# Readable names of the extract's keys, for the page; the JSON keeps the keys.
KEY_LABELS = {
    "person": _("Profile"),
    "user": _("Account"),
    "org_unit": _("Organisational unit"),
    "manager": _("Manager"),
    "audit_log": _("Audit log"),
    "employee_number": _("Employee number"),
    "audience": _("Audience"),
    "audience_label": _("Audience (as shown)"),
    "language": _("Language"),
    "is_active": _("Active"),
    "deactivated_at": _("Deactivated at"),
    "erased_at": _("Anonymised at"),
    "created_at": _("Created on"),
    "updated_at": _("Last changed"),
    "username": _("Username"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "email": _("E-mail"),
    "date_joined": _("Account created"),
    "last_login": _("Last sign-in"),
    "groups": _("Groups"),
    "code": _("Code"),
    "name": _("Name"),
    "kind": _("Kind"),
    "within": _("Part of"),
    "action": _("Action"),
    "timestamp": _("Time"),
    "enrolments": _("Enrolments"),
    "course": _("Course"),
    "course_id": _("Course id"),
    "cycle": _("Cycle"),
    "source": _("Source"),
    "is_required": _("Required"),
    "due_date": _("Due date"),
    "started_at": _("Started"),
    "quiz_passed_at": _("Quiz passed"),
    "completed_at": _("Completed"),
    "lessons_done": _("Lessons done"),
    "lesson": _("Lesson"),
    "lesson_id": _("Lesson id"),
    # quizzes
    "attempts": _("Quiz attempts"),
    "quiz": _("Quiz"),
    "number": _("Attempt number"),
    "status": _("Status"),
    "deadline": _("Time limit ends"),
    "submitted_at": _("Submitted"),
    "score": _("Score (percent)"),
    "passed": _("Passed"),
    "answers": _("Answers"),
    "question": _("Question"),
    "answer": _("Your answer"),
    # certificates
    "certificates": _("Certificates"),
    "verification_code": _("Verification code"),
    "completed_on": _("Completed on"),
    "issued_at": _("Issued"),
    "valid_until": _("Valid until"),
    "revoked_at": _("Revoked"),
    "revoked_reason": _("Reason for revocation"),
    "pdf_stored": _("PDF stored"),
    # requirements
    "event_registrations": _("Training event registrations"),
    "event": _("Training event"),
    "starts_at": _("Starts"),
    "ends_at": _("Ends"),
    "place": _("Place"),
    "registered_at": _("Signed up"),
    "attended": _("Attended"),
    "attendance_recorded_at": _("Attendance recorded"),
    "reminders": _("Reminders sent to you"),
    "occasion": _("Occasion"),
    "sent_at": _("Sent"),
    "mail_preference": _("Mail preferences"),
    "optional_reminders": _("Reminders for courses I chose myself"),
    "events_organised": _("Training events you organise"),
}


def _display(value):
    """Nested data as rows of {label, value, children} for a recursive template."""
    if isinstance(value, dict):
        return [{"label": str(KEY_LABELS.get(k, k.replace("_", " "))), **_display_leaf(v)} for k, v in value.items()]
    if isinstance(value, list):
        return [{"label": str(n), **_display_leaf(v)} for n, v in enumerate(value, start=1)]
    return []


def _display_leaf(value) -> dict:
    if isinstance(value, dict | list) and value and not all(isinstance(v, str) for v in value):
        return {"value": None, "children": _display(value)}
    if isinstance(value, list):
        return {"value": ", ".join(value) or "–", "children": []}
    if value is None or value == {} or value == []:
        return {"value": "–", "children": []}
    if isinstance(value, bool):
        return {"value": str(_("Yes") if value else _("No")), "children": []}
    return {"value": str(value), "children": []}


def display_sections(extract: dict) -> list[dict]:
    """The extract as labelled rows for the readable page."""
    return [{"key": s["key"], "label": s["label"], "rows": _display(s["data"])} for s in extract["sections"]]


def erase_sections(person: Person) -> None:
    for section in personal_data_sections():
        if section.erase is not None:
            section.erase(person)


def iso(value):
    """A date or time as ISO 8601 text, None as None (for the sections' data)."""
    return value.isoformat() if value is not None else None





# --- Labels of the sections (translated here, for every app) ------------------------

ORGANISATION_LABEL = _("You in the municipal group")
COURSES_LABEL = _("Courses and progress")
QUIZZES_LABEL = _("Quiz attempts and answers")
CERTIFICATES_LABEL = _("Certificates")
REQUIREMENTS_LABEL = _("Training events, reminders and mail choices")

# Texts that erase functions store on rows that stay; written in the site's language
# (settings.LANGUAGE_CODE), whoever does the erasing.
CERTIFICATE_ERASED_REASON = _("Personal data erased")
CERTIFICATE_PDF_ERASED = _("The PDF was deleted when the personal data were erased.")


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
    return {
        "person": {
            "employee_number": person.employee_number,
            "audience": person.audience,
            "audience_label": str(person.get_audience_display()),
            "language": person.language,
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
            "within": [u.name for u in org_unit_ancestors(unit=unit)],
        },
        "manager": (
            {"name": manager.full_name, "employee_number": manager.employee_number} if manager is not None else None
        ),
        "audit_log": [{"action": e.action, "timestamp": iso(e.timestamp)} for e in log_entries],
    }


register_personal_data_section("organisation", ORGANISATION_LABEL, organisation_section)
