"""The group sessions' section of a person's register extract, and its part of erasure.

A person's rows here: the sessions they were present at, and those they led. Erasure keeps the
attendance (it is the evidence of a completed course, a public document like the enrolment it completed,
kept or disposed of under the retention decision for ``group_attendance``); a leader's sessions lose
the leader's account (``leader``, SET_NULL) only when the account itself goes, which erasure never does.
"""

from django.utils.translation import pgettext_lazy

from lms.access.privacy import iso, register_personal_data_section

from .models import GroupSession, SessionAttendance

LABEL = pgettext_lazy("personal data", "Group sessions")

KEY_LABELS = {
    "attended": pgettext_lazy("personal data", "Group sessions you took part in"),
    "led": pgettext_lazy("personal data", "Group sessions you led"),
    "held_on": pgettext_lazy("personal data", "Held on"),
    "unit": pgettext_lazy("personal data", "Unit"),
    "completed_course": pgettext_lazy("personal data", "Completed the course"),
}


def group_training_section(person) -> dict:
    attended = (
        SessionAttendance.objects.filter(person=person)
        .select_related("session__course", "session__org_unit")
        .order_by("session__held_on", "pk")
    )
    led = GroupSession.objects.filter(leader_id=person.user_id).select_related("course", "org_unit")
    return {
        "attended": [
            {
                "course": a.session.course.title,
                "unit": a.session.org_unit.name,
                "held_on": iso(a.session.held_on),
                "completed_course": a.enrolment_id is not None,
            }
            for a in attended
        ],
        "led": [
            {"course": s.course.title, "unit": s.org_unit.name, "held_on": iso(s.held_on)}
            for s in led.order_by("held_on", "pk")
        ],
    }


register_personal_data_section("group_training", LABEL, group_training_section, key_labels=KEY_LABELS)
