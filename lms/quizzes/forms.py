"""Admin forms of quizzes."""

from django.utils.translation import gettext as _
from wagtail.admin.forms.pages import CopyForm


class QuizCopyForm(CopyForm):
    """Wagtail's copy form, refusing a course that already has a quiz with a message that says so.
    (QuizPage.can_create_at leaves the count to its callers; see models.py.)"""

    def clean(self):
        cleaned_data = super().clean()
        parent = cleaned_data.get("new_parent_page") or self.page.get_parent()
        existing = self.page.specific_class.objects.child_of(parent).first()
        if existing is not None:
            self.add_error(
                "new_parent_page",
                _("“%(course)s” already has a quiz, “%(quiz)s”. A course has one quiz.")
                % {
                    "course": parent.specific_deferred.get_admin_display_title(),
                    "quiz": existing.get_admin_display_title(),
                },
            )
        return cleaned_data
