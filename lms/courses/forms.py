"""The course editor's form: a course cannot be published before learners would find a lesson in it.
(A new course's certificate is preset by the certificates app's panel.)"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

NO_LESSON_MESSAGE = _(
    "A course cannot be published before it has a published lesson. Save it as a draft, add a lesson "
    "(a page under the course) and publish it, then publish the course."
)


class CoursePageForm(WagtailAdminPageForm):
    def clean(self):
        from . import selectors  # the models module imports this form: selectors (which read the models) late

        cleaned_data = super().clean()
        if self.goes_live() and not selectors.course_has_lesson_for_learners(
            course=self.instance, go_live_at=cleaned_data.get("go_live_at")
        ):
            self.add_error(None, NO_LESSON_MESSAGE)
        return cleaned_data

    def goes_live(self) -> bool:
        """Whether the editor's action publishes (or schedules) the course: the Publish button for a user
        who may publish (Wagtail saves a draft for one who may not), or approval in a moderation workflow."""
        if self.data.get("action-workflow-action"):
            return self.data.get("workflow-action-name") == "approve"
        if not self.data.get("action-publish") or self.for_user is None:
            return False
        if self.instance.pk is None:
            return self.parent_page.permissions_for_user(self.for_user).can_publish_subpage()
        return self.instance.permissions_for_user(self.for_user).can_publish()
