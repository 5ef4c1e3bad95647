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
from django.utils.translation import pgettext_lazy

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


# Readable names of the extract's keys, for the page; the JSON keeps the keys. Labels have the
# context "personal data": Django merges every app's catalogue and the first app in INSTALLED_APPS
# wins, so a bare "Passed" here would change what the quizzes app says.
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
    "enrolments": pgettext_lazy("personal data", "Enrolments"),
    "course": pgettext_lazy("personal data", "Course"),
    "course_id": pgettext_lazy("personal data", "Course id"),
    "cycle": pgettext_lazy("personal data", "Cycle"),
    "source": pgettext_lazy("personal data", "Source"),
    "is_required": pgettext_lazy("personal data", "Required"),
    "due_date": pgettext_lazy("personal data", "Due date"),
    "started_at": pgettext_lazy("personal data", "Started"),
    "quiz_passed_at": pgettext_lazy("personal data", "Quiz passed"),
    "completed_at": pgettext_lazy("personal data", "Completed"),
    "lessons_done": pgettext_lazy("personal data", "Lessons done"),
    "lesson": pgettext_lazy("personal data", "Lesson"),
    "lesson_id": pgettext_lazy("personal data", "Lesson id"),
    # quizzes
    "attempts": pgettext_lazy("personal data", "Quiz attempts"),
    "quiz": pgettext_lazy("personal data", "Quiz"),
    "number": pgettext_lazy("personal data", "Attempt number"),
    "status": pgettext_lazy("personal data", "Status"),
    "deadline": pgettext_lazy("personal data", "Time limit ends"),
    "submitted_at": pgettext_lazy("personal data", "Submitted"),
    "score": pgettext_lazy("personal data", "Score (percent)"),
    "passed": pgettext_lazy("personal data", "Passed"),
    "answers": pgettext_lazy("personal data", "Answers"),
    "question": pgettext_lazy("personal data", "Question"),
    "answer": pgettext_lazy("personal data", "Your answer"),
    # certificates
    "certificates": pgettext_lazy("personal data", "Certificates"),
    "verification_code": pgettext_lazy("personal data", "Verification code"),
    "completed_on": pgettext_lazy("personal data", "Completed on"),
    "issued_at": pgettext_lazy("personal data", "Issued"),
    "valid_until": pgettext_lazy("personal data", "Valid until"),
    "revoked_at": pgettext_lazy("personal data", "Revoked"),
    "revoked_reason": pgettext_lazy("personal data", "Reason for revocation"),
    "pdf_stored": pgettext_lazy("personal data", "PDF stored"),
    # requirements
    "event_registrations": pgettext_lazy("personal data", "Training event registrations"),
    "event": pgettext_lazy("personal data", "Training event"),
    "starts_at": pgettext_lazy("personal data", "Starts"),
    "ends_at": pgettext_lazy("personal data", "Ends"),
    "place": pgettext_lazy("personal data", "Place"),
    "registered_at": pgettext_lazy("personal data", "Signed up"),
    "attended": pgettext_lazy("personal data", "Attended"),
    "attendance_recorded_at": pgettext_lazy("personal data", "Attendance recorded"),
    "reminders": pgettext_lazy("personal data", "Reminders sent to you"),
    "occasion": pgettext_lazy("personal data", "Occasion"),
    "sent_at": pgettext_lazy("personal data", "Sent"),
    "mail_preference": pgettext_lazy("personal data", "Mail preferences"),
    "optional_reminders": pgettext_lazy("personal data", "Reminders for courses I chose myself"),
    "events_organised": pgettext_lazy("personal data", "Training events you organise"),
    # reports
    "report_scope": pgettext_lazy("personal data", "Report scope"),
    "export_jobs": pgettext_lazy("personal data", "Report exports"),
    "rows": pgettext_lazy("personal data", "Rows"),
}


def _display(value):
    """Nested data as rows of {label, value, children} for a recursive template."""
    if isinstance(value, dict):
        return [{"label": str(KEY_LABELS.get(k, k.replace("_", " "))), **_display_leaf(v)} for k, v in value.items()]
    if isinstance(value, list):
        return [{"label": str(n), **_display_leaf(v)} for n, v in enumerate(value, start=1)]
    return []


def _display_leaf(value) -> dict:
    if isinstance(value, dict) and value:
        return {"value": None, "children": _display(value)}
    if isinstance(value, list) and value and not all(isinstance(v, str) for v in value):
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

ORGANISATION_LABEL = pgettext_lazy("personal data", "You in the municipal group")
COURSES_LABEL = pgettext_lazy("personal data", "Courses and progress")
QUIZZES_LABEL = pgettext_lazy("personal data", "Quiz attempts and answers")
CERTIFICATES_LABEL = pgettext_lazy("personal data", "Certificates")
REQUIREMENTS_LABEL = pgettext_lazy("personal data", "Training events, reminders and mail choices")
REPORTS_LABEL = pgettext_lazy("personal data", "Report exports and report scope")

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
