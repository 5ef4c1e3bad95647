"""Which reminder is due for whom today, and the mail texts with their placeholders.

Occasions (for required, open enrolments with a due date):
- before the due date: LMS_REMINDER_DAYS_BEFORE_DUE days ahead (or later, if assigned late);
- on the due date;
- each week while overdue (occasion = the number of the overdue week);
- after LMS_MANAGER_DIGEST_AFTER_WEEKS overdue weeks, the manager gets one digest a week.
Each occasion has a key, and ReminderLog keeps one row per key, so a mail goes out once.
"""

from datetime import date

from lms.core.placeholders import PlaceholderError, placeholders_in

PLACEHOLDERS = (
    "name",
    "course",
    "due_date",
    "course_url",
    "weeks_overdue",
    "people",
    "survey",
    "survey_url",
    "closes_on",
)

DEFAULT_TEMPLATES = {
    # kind: {language: (subject, body)}
    "assigned": {
        "sv": (
            "Ny obligatorisk kurs: {course}",
            "Hej {name}!\n\nDu har fått kursen {course}. Den ska vara klar senast {due_date}.\n\n{course_url}\n",
        ),
        "en": (
            "New required course: {course}",
            "Hello {name},\n\nYou have been assigned {course}. Please complete it by {due_date}.\n\n{course_url}\n",
        ),
    },
    "before_due": {
        "sv": (
            "Påminnelse: {course} ska vara klar {due_date}",
            "Hej {name}!\n\nKursen {course} ska vara klar senast {due_date}. Du kan fortsätta där du slutade:\n\n{course_url}\n",
        ),
        "en": (
            "Reminder: {course} is due {due_date}",
            "Hello {name},\n\n{course} is due on {due_date}. You can continue where you left off:\n\n{course_url}\n",
        ),
    },
    "on_due": {
        "sv": (
            "I dag ska {course} vara klar",
            "Hej {name}!\n\nI dag, {due_date}, ska kursen {course} vara klar.\n\n{course_url}\n",
        ),
        "en": ("{course} is due today", "Hello {name},\n\n{course} is due today, {due_date}.\n\n{course_url}\n"),
    },
    "overdue": {
        "sv": (
            "Försenad kurs: {course}",
            "Hej {name}!\n\nKursen {course} skulle ha varit klar {due_date} ({weeks_overdue} veckor sedan). Gör den så snart du kan:\n\n{course_url}\n",
        ),
        "en": (
            "Overdue course: {course}",
            "Hello {name},\n\n{course} was due on {due_date} ({weeks_overdue} weeks ago). Please complete it as soon as you can:\n\n{course_url}\n",
        ),
    },
    # For lms.surveys: to the person only, never to their manager (who answered is theirs to know).
    "survey": {
        "sv": (
            "Påminnelse: {survey}",
            "Hej {name}!\n\nDu har inte svarat på enkäten {survey} än. Den är anonym och stänger {closes_on}.\n\n{survey_url}\n",
        ),
        "en": (
            "Reminder: {survey}",
            "Hello {name},\n\nYou have not answered the survey {survey} yet. It is anonymous and closes on {closes_on}.\n\n{survey_url}\n",
        ),
    },
    "manager_digest": {
        "sv": (
            "Dina medarbetare med försenade kurser",
            "Hej {name}!\n\nDe här personerna har obligatoriska kurser som är försenade:\n\n{people}\n",
        ),
        "en": (
            "Your people with overdue courses",
            "Hello {name},\n\nThese people have required courses that are overdue:\n\n{people}\n",
        ),
    },
}


def check_placeholders(text: str) -> list[str]:
    """Error messages for unknown placeholders or broken braces; empty when the text is fine."""
    try:
        placeholders_in(text, PLACEHOLDERS)
    except PlaceholderError as exc:
        return [str(exc)]
    return []


def occasion_for(*, due_date: date, today: date, days_before: int) -> tuple[str, str] | None:
    """(kind, occasion key) of the reminder due today for an open enrolment, or None."""
    days_left = (due_date - today).days
    if 0 < days_left <= days_before:
        return "before_due", f"{due_date.isoformat()}"
    if days_left == 0:
        return "on_due", f"{due_date.isoformat()}"
    if days_left < 0:
        week = (-days_left - 1) // 7 + 1  # days 1-7 overdue: week 1
        return "overdue", f"{due_date.isoformat()}:w{week}"
    return None


def weeks_overdue(*, due_date: date, today: date) -> int:
    return max(0, (today - due_date).days) // 7
