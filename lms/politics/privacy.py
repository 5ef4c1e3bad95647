"""The elected representatives' section of a person's register extract, and its part of erasure.

Retention. Who sat on which body, in which role and when, is a public fact of the council's own
records (minutes, the register of elected representatives), which the municipality keeps under
the Archives Act. This platform's copy exists only to require and follow up training; it is not
that record. So erasure follows the project's rule like any other personal data here: the
assignments are deleted. Kept, even with the name anonymised, they would name the person again
("chair of the council 2026–2030" is one person in the public record). The person's enrolments
and completions stay (anonymised) for the figures, as for everyone erased.
"""

from django.utils.translation import pgettext_lazy

from lms.access.privacy import register_personal_data_section

from .models import Assignment

POLITICS_LABEL = pgettext_lazy("personal data", "Assignments as an elected representative")

KEY_LABELS = {
    "assignments": pgettext_lazy("personal data", "Assignments"),
    "body": pgettext_lazy("personal data", "Body"),
    "role": pgettext_lazy("personal data", "Role"),
    "term": pgettext_lazy("personal data", "Term of office"),
    "starts_on": pgettext_lazy("personal data", "From"),
    "ends_on": pgettext_lazy("personal data", "To"),
    "end_reason": pgettext_lazy("personal data", "Reason for ending early"),
}


def politics_section(person) -> dict:
    assignments = Assignment.objects.filter(person=person).select_related("term__body").order_by("starts_on", "pk")
    return {
        "assignments": [
            {
                "body": a.term.body.name,
                "role": str(a.get_role_display()),
                "term": a.term.label,
                "starts_on": a.starts_on.isoformat(),
                "ends_on": a.ends_on.isoformat(),
                "end_reason": str(a.get_end_reason_display()) if a.end_reason else None,
            }
            for a in assignments
        ]
    }


def erase_politics(person) -> None:
    """Runs inside ``person_erase``'s transaction (see the module's docstring on retention)."""
    Assignment.objects.filter(person=person).delete()


register_personal_data_section(
    "politics", POLITICS_LABEL, politics_section, erase=erase_politics, key_labels=KEY_LABELS
)
