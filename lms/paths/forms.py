"""The path editor's form: the path's order may not contradict the courses' prerequisites (a course
that requires another comes after it), and a course is in a path once."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

ORDER_MESSAGE = _("“%(course)s” requires “%(required)s”, so “%(required)s” must come before it in the path.")
DUPLICATE_MESSAGE = _("“%(course)s” is in the path twice.")


class LearningPathPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("path_courses")
        if formset is not None and formset.is_valid():
            for message in order_errors(courses_in_order(formset)):
                self.add_error(None, message)
        return cleaned_data


def courses_in_order(formset) -> list:
    """The formset's courses as the editor ordered them (deleted and empty rows left out)."""
    rows = []
    for position, form in enumerate(formset.forms):
        data = getattr(form, "cleaned_data", {})
        if data.get("course") is None or data.get("DELETE"):
            continue
        order = data.get("ORDER")
        rows.append((order if order is not None else position, position, data["course"]))
    return [course for _order, _position, course in sorted(rows, key=lambda row: row[:2])]


def order_errors(courses) -> list[str]:
    """What is wrong with this order of courses, in words (empty: nothing)."""
    from lms.courses.selectors import prerequisites_by_course

    errors = []
    position = {}
    for index, course in enumerate(courses):
        if course.pk in position:
            errors.append(DUPLICATE_MESSAGE % {"course": course.title})
        position.setdefault(course.pk, index)
    titles = {course.pk: course.title for course in courses}
    for course_id, required_ids in prerequisites_by_course(course_ids=list(position)).items():
        for required_id in required_ids:
            if required_id in position and position[required_id] > position[course_id]:
                errors.append(ORDER_MESSAGE % {"course": titles[course_id], "required": titles[required_id]})
    return errors


def path_requirement_form_class():
    """The requirements' own form (its units and bodies within the user's scope, its checks) with the
    path in place of the course. Built late: the requirements' form imports models this module's
    importers (the page model) must not wait for."""
    from lms.core.forms import BoundedModelChoiceField
    from lms.requirements.forms import RequirementForm

    from .selectors import live_paths

    class PathRequirementForm(RequirementForm):
        path = BoundedModelChoiceField(queryset=live_paths().order_by("title"), label=_("Learning path"))

        class Meta(RequirementForm.Meta):
            fields = [name for name in RequirementForm.Meta.fields if name != "course"]

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields.pop("course", None)
            self.order_fields(["path"])
            self.fields["path"].help_text = _("Every course of the path is required, alike; reminders come per course.")

        def save(self, commit=True):
            raise NotImplementedError("saved through services.path_requirement_save")

    return PathRequirementForm
