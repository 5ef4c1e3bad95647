"""The annexes' section of a person's register extract, and its part of erasure: the annexes they asked
for or archived. The annexes themselves name nobody (units, courses and counts); erasure makes them forget
who asked and who archived, and keeps them: an archived annex is the employer's documentation."""

from django.db.models import Q
from django.utils.translation import pgettext_lazy

from lms.access.privacy import iso, register_personal_data_section

from .models import Annex

LABEL = pgettext_lazy("personal data", "Active-measures annexes")

KEY_LABELS = {
    "annexes": pgettext_lazy("personal data", "Annexes you asked for or archived"),
    "archived_at": pgettext_lazy("personal data", "Archived"),
}


def annexes_section(person) -> dict:
    if not person.user_id:
        return {"annexes": []}
    annexes = Annex.objects.filter(Q(created_by_id=person.user_id) | Q(archived_by_id=person.user_id))
    return {
        "annexes": [
            {"name": str(a), "created_at": iso(a.created_at), "archived_at": iso(a.archived_at)}
            for a in annexes.select_related("employer").order_by("year", "pk")
        ]
    }


def erase_annexes(person) -> None:
    """Runs inside ``person_erase``'s transaction."""
    if person.user_id:
        Annex.objects.filter(created_by_id=person.user_id).update(created_by=None)
        Annex.objects.filter(archived_by_id=person.user_id).update(archived_by=None)


register_personal_data_section("active_measures", LABEL, annexes_section, erase=erase_annexes, key_labels=KEY_LABELS)
