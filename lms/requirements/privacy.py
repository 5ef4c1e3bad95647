"""The required-training app's section of a person's register extract, and its part of erasure:
training event registrations, the reminders sent to them, their mail choices and the events
they organise.

Registered from this app's AppConfig.ready(), with its label and its keys' labels.
Required training itself (which course by when) is in the
courses section: requirements are assigned as enrolments.

Erasure keeps the registrations of events that have started (who attended is part of the
figures) and removes the rest: the reminder log (which mails went to them), the mail
choice, and sign-ups for events still to come, whose seats go back to others.
"""

from django.utils import timezone
from django.utils.translation import pgettext_lazy

from lms.access.privacy import iso, register_personal_data_section

from .models import MailPreference, Registration, ReminderLog, TrainingEvent

REQUIREMENTS_LABEL = pgettext_lazy("personal data", "Training events, reminders and mail choices")

KEY_LABELS = {
    "event_registrations": pgettext_lazy("personal data", "Training event registrations"),
    "event": pgettext_lazy("personal data", "Training event"),
    "starts_at": pgettext_lazy("personal data", "Starts"),
    "ends_at": pgettext_lazy("personal data", "Ends"),
    "place": pgettext_lazy("personal data", "Place"),
    "registered_at": pgettext_lazy("personal data", "Signed up"),
    "attended": pgettext_lazy("personal data", "Attended"),
    "attendance_recorded_at": pgettext_lazy("personal data", "Attendance recorded"),
    "reminders": pgettext_lazy("personal data", "Reminders sent to you"),
    "status": pgettext_lazy("personal data", "Status"),
    "occasion": pgettext_lazy("personal data", "Occasion"),
    "sent_at": pgettext_lazy("personal data", "Sent"),
    "mail_preference": pgettext_lazy("personal data", "Mail preferences"),
    "optional_reminders": pgettext_lazy("personal data", "Reminders for courses I chose myself"),
    "events_organised": pgettext_lazy("personal data", "Training events you organise"),
}


def requirements_section(person) -> dict:
    registrations = (
        Registration.objects.filter(person=person).select_related("event__course").order_by("event__starts_at", "pk")
    )
    reminders = (
        ReminderLog.objects.filter(recipient=person).select_related("enrolment__course").order_by("created_at", "pk")
    )
    preference = MailPreference.objects.filter(person=person).first()
    organised = TrainingEvent.objects.filter(organiser_id=person.user_id).order_by("starts_at", "pk")
    return {
        "event_registrations": [
            {
                "event": r.event.title,
                "course": r.event.course.title,
                "starts_at": iso(r.event.starts_at),
                "ends_at": iso(r.event.ends_at),
                "place": r.event.place or r.event.online_url,
                "registered_at": iso(r.registered_at),
                "attended": r.attended,
                "attendance_recorded_at": iso(r.attendance_recorded_at),
            }
            for r in registrations
        ],
        "reminders": [
            {
                "kind": str(r.get_kind_display()),
                "course": r.enrolment.course.title if r.enrolment is not None else None,
                "occasion": r.occasion,
                "status": str(r.get_status_display()),
                "created_at": iso(r.created_at),
                "sent_at": iso(r.sent_at),
            }
            for r in reminders
        ],
        "mail_preference": ({"optional_reminders": preference.optional_reminders} if preference is not None else None),
        "events_organised": [{"event": e.title, "starts_at": iso(e.starts_at)} for e in organised],
    }


def erase_requirements(person) -> None:
    """Runs inside ``person_erase``'s transaction."""
    ReminderLog.objects.filter(recipient=person).delete()
    MailPreference.objects.filter(person=person).delete()
    Registration.objects.filter(person=person, attended=False, event__starts_at__gt=timezone.now()).delete()


register_personal_data_section(
    "requirements", REQUIREMENTS_LABEL, requirements_section, erase=erase_requirements, key_labels=KEY_LABELS
)
