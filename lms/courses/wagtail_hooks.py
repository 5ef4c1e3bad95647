"""Admin wiring of courses: the editors' dashboard panel, and no publishing of a course without a lesson
from the page listing's bulk action (the editor's own Publish button is refused by ``forms.CoursePageForm``)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import selectors
from .models import CoursePage


class EditorPanel(Component):
    """On the admin home for whoever may edit pages: a new course, the course pages waiting for
    moderation, and the courses that lead learners nowhere yet. A fixed number of queries."""

    name = "courses_editor"
    order = 50  # before Wagtail's own panels: it is where an editor starts
    template_name = "courses/admin/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"dashboard": selectors.editor_dashboard(user=self.user), "row_limit": selectors.DASHBOARD_ROWS}


@hooks.register("construct_homepage_panels")
def add_editor_panel(request, panels):
    if PagePermissionPolicy().user_has_permission(request.user, "change"):
        panels.append(EditorPanel(request.user))


@hooks.register("before_bulk_action")
def refuse_publishing_courses_without_lessons(request, action_type, objects, action_class_instance):
    """Wagtail's bulk Publish, before anything is written: refused as a whole when a course in it would
    go live without a lesson (its drafts count when they are published with it)."""
    if action_type != "publish":
        return None
    with_drafts = action_class_instance.cleaned_form.cleaned_data.get("include_descendants", False)
    course_ids = [page.pk for page in objects if page.specific_class is CoursePage]
    empty = [
        course.get_admin_display_title()
        for course in CoursePage.objects.filter(pk__in=course_ids)
        if not selectors.course_has_lesson_for_learners(course=course, with_draft_lessons=with_drafts)
    ]
    if not empty:
        return None
    messages.error(
        request,
        _("Nothing was published. A course cannot be published before it has a published lesson: %(courses)s.")
        % {"courses": ", ".join(empty)},
    )
    return redirect(action_class_instance.next_url)
