"""The organisation's section of the register extract: the profile, the account, the unit, the
manager, the staff scope and the audit-log entries about them (the registry: ``lms.access.privacy``)."""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

from lms.access.models import StaffScope
from lms.access.privacy import iso, register_personal_data_section

from .models import Person

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
    "content_language": pgettext_lazy("personal data", "Course language (your choice)"),
    "hr_content_language": pgettext_lazy("personal data", "Course language (from the HR file)"),
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
}


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
            "content_language": person.content_language,
            "hr_content_language": person.hr_content_language,
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
    }


register_personal_data_section("organisation", ORGANISATION_LABEL, organisation_section, key_labels=KEY_LABELS)
