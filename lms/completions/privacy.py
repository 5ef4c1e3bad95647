"""This app's section of a person's register extract: the completions recorded for them from
elsewhere, with the evidence (the day, score, source, the reason and who recorded it).

Erasure has no part here: a recorded completion is a public document like the enrolment it proves,
so it follows its retention decision (``retention.py``); without one erasure keeps it."""

from django.utils.translation import pgettext_lazy

from lms.access.privacy import iso, register_personal_data_section

from .models import CompletionRecord

LABEL = pgettext_lazy("personal data", "Completions from elsewhere")

KEY_LABELS = {
    "completions_from_elsewhere": LABEL,
    "completed_via": pgettext_lazy("personal data", "Recorded as"),
    "completed_on": pgettext_lazy("personal data", "Completed on"),
    "score": pgettext_lazy("personal data", "Score (percent)"),
    "source": pgettext_lazy("personal data", "Source"),
    "reason": pgettext_lazy("personal data", "Reason"),
    "recorded_by": pgettext_lazy("personal data", "Recorded by"),
    "recorded_at": pgettext_lazy("personal data", "Recorded"),
    "certificate_requested": pgettext_lazy("personal data", "Certificate requested"),
}


def completions_section(person) -> dict:
    records = (
        CompletionRecord.objects.filter(enrolment__person=person)
        .select_related("enrolment__course", "recorded_by")
        .order_by("completed_on", "pk")
    )
    return {
        "completions_from_elsewhere": [
            {
                "course": r.enrolment.course.title,
                "completed_via": r.enrolment.completed_via,
                "completed_via_label": str(r.enrolment.get_completed_via_display()),
                "completed_on": iso(r.completed_on),
                "score": str(r.score) if r.score is not None else None,
                "source": r.source or None,
                "reason": r.reason or None,
                # Who recorded it is part of why the completion stands; the person may know it.
                "recorded_by": r.recorded_by.get_full_name() or r.recorded_by.get_username() if r.recorded_by else None,
                "recorded_at": iso(r.recorded_at),
                "certificate_requested": r.certificate_requested,
            }
            for r in records
        ]
    }


register_personal_data_section("completions", LABEL, completions_section, key_labels=KEY_LABELS)
