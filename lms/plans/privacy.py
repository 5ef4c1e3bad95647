"""The democracy plan's section of a person's register extract, and its part of erasure: the
units' yearly plans that name them as democracy guide, and the reports to the council they asked for.

Erasure removes them as guide (the unit's choice and activities stay: they are the unit's work,
not the person's); the reports they asked for forget who asked. Activities are described in free text, which may name people; the register
extract cannot find a name in free text, so the admin's help asks not to name private persons.
"""

from django.utils.translation import pgettext_lazy

from lms.access.privacy import iso, register_personal_data_section

from .models import CouncilReport, UnitYearPlan

PLANS_LABEL = pgettext_lazy("personal data", "Democracy guide for units")

KEY_LABELS = {
    "democracy_guide_for": pgettext_lazy("personal data", "Democracy guide for"),
    "year": pgettext_lazy("personal data", "Year"),
    "focus_area": pgettext_lazy("personal data", "Focus area"),
    "updated_at": pgettext_lazy("personal data", "Last changed"),
    "council_reports": pgettext_lazy("personal data", "Reports to the council you asked for"),
}


def plans_section(person) -> dict:
    plans = UnitYearPlan.objects.filter(guide=person).select_related("org_unit", "focus_area").order_by("year", "pk")
    return {
        "democracy_guide_for": [
            {
                "org_unit": p.org_unit.name,
                "year": p.year,
                "focus_area": p.focus_area.name,
                "updated_at": iso(p.updated_at),
            }
            for p in plans
        ],
        "council_reports": [
            {"name": str(r), "created_at": iso(r.created_at)}
            for r in CouncilReport.objects.filter(created_by_id=person.user_id).select_related("plan")
        ]
        if person.user_id
        else [],
    }


def erase_plans(person) -> None:
    """Runs inside ``person_erase``'s transaction."""
    UnitYearPlan.objects.filter(guide=person).update(guide=None)
    if person.user_id:
        CouncilReport.objects.filter(created_by_id=person.user_id).update(created_by=None)


register_personal_data_section("plans", PLANS_LABEL, plans_section, erase=erase_plans, key_labels=KEY_LABELS)
