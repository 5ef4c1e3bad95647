"""The accessibility app's section of a person's register extract, and its part of erasure: the
messages they sent with the statement's feedback form.

Registered from this app's AppConfig.ready(), with its label and its keys' labels.

Which messages are theirs: those sent while signed in (linked to their account), and those sent
signed out with their account's e-mail address (the only thing that names them there).

Erasure removes who sent a message (the link to the account, the name and the e-mail address)
and keeps the message: it is about the site, and a message received by a public body is a
public document whose removal is a matter for the body's retention decisions, not for erasure
alone. Erasure runs before the account's e-mail address is cleared, so it reaches the messages sent
signed out with that address too.
"""

from django.utils.translation import pgettext_lazy

from lms.access.privacy import iso, register_personal_data_section

from .selectors import feedback_of_user

ACCESSIBILITY_LABEL = pgettext_lazy("personal data", "Messages about the site's accessibility")

KEY_LABELS = {
    "accessibility_feedback": pgettext_lazy("personal data", "Messages sent with the accessibility statement's form"),
    "message": pgettext_lazy("personal data", "Message"),
    "page_url": pgettext_lazy("personal data", "Page concerned"),
    "handled": pgettext_lazy("personal data", "Handled"),
}


def accessibility_section(person) -> dict:
    return {
        "accessibility_feedback": [
            {
                "created_at": iso(f.created_at),
                "message": f.message,
                "page_url": f.page_url,
                "name": f.name,
                "email": f.email,
                "handled": f.handled,
            }
            for f in feedback_of_user(person.user)
        ]
    }


def erase_accessibility(person) -> None:
    """Runs inside ``person_erase``'s transaction."""
    feedback_of_user(person.user).update(user=None, name="", email="")


register_personal_data_section(
    "accessibility", ACCESSIBILITY_LABEL, accessibility_section, erase=erase_accessibility, key_labels=KEY_LABELS
)
