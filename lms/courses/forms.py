"""The course editor's form: a new course starts with the default certificate template, and a course
cannot be published before learners would find a lesson in it."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

NO_LESSON_MESSAGE = _(
    "A course cannot be published before it has a published lesson. Save it as a draft, add a lesson "
    "(a page under the course) and publish it, then publish the course."
)


class CoursePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding and not self.is_bound and "certificate_template" in self.fields:
            self._preset_certificate_template()

    def _preset_certificate_template(self):
        # The template model is the certificates app's, which sits above this one: reached through the
        # foreign key, not imported. Its owner decides what the default is.
        template_model = self._meta.model._meta.get_field("certificate_template").related_model
        template = template_model.default_for_new_courses()
        if template is not None and self.instance.certificate_template_id is None:
            self.initial["certificate_template"] = template.pk

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
