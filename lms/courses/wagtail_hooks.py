"""Admin wiring of courses: the editors' dashboard panel, and no publishing of a course without a lesson
(or without the quiz it says it ends with): the page listing's bulk action is refused; the editor's own
Publish button saves a draft instead and says so, with what is missing (scheduling and approval are
refused by ``forms.CoursePageForm``)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import selectors
from .models import CoursePage

# What to do next, per gap (selectors.course_publish_gaps), told after the draft was saved.
WHAT_TO_DO = {
    "lesson": _lazy(
        "Learners need a lesson first: add one (a page under the course) and publish it, then publish the course."
    ),
    "quiz": _lazy(
        "The course says it ends with a quiz: add the quiz (a page under the course) and publish it, or untick "
        "“ends with a quiz”."
    ),
}
# Set on the request when the Publish button of a course that lacks something was turned into a save.
SAVED_AS_DRAFT = "lms_course_saved_as_draft"


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
    empty += [
        course.get_admin_display_title()
        for course in CoursePage.objects.filter(pk__in=course_ids, ends_with_quiz=True)
        if not selectors.course_has_quiz_for_learners(course=course, with_drafts=with_drafts)
        and course.get_admin_display_title() not in empty
    ]
    if not empty:
        return None
    messages.error(
        request,
        _(
            "Nothing was published. A course cannot be published before it has a published lesson, and the "
            "quiz it says it ends with: %(courses)s."
        )
        % {"courses": ", ".join(empty)},
    )
    return redirect(action_class_instance.next_url)


def _publish_button_lacks(request, course: CoursePage | None, may_publish: bool) -> list[str]:
    """What the course lacks when the editor pressed Publish (now, not scheduled) and may publish."""
    post = request.POST
    if request.method != "POST" or not post.get("action-publish") or post.get("go_live_at") or not may_publish:
        return []
    instance = course if course is not None else CoursePage()
    return selectors.course_publish_gaps(course=instance, ends_with_quiz=bool(post.get("ends_with_quiz")))


def _save_instead(request, gaps: list[str]) -> None:
    """Turn the Publish button into Save draft: Wagtail picks its action from the posted buttons."""
    post = request.POST.copy()
    del post["action-publish"]
    request.POST = post
    setattr(request, SAVED_AS_DRAFT, gaps)


@hooks.register("before_create_page")
def save_new_course_as_draft(request, parent_page, page_class):
    if page_class is CoursePage:
        gaps = _publish_button_lacks(
            request, None, parent_page.permissions_for_user(request.user).can_publish_subpage()
        )
        if gaps:
            _save_instead(request, gaps)


@hooks.register("before_edit_page")
def save_course_as_draft(request, page):
    if page.specific_class is CoursePage:
        course = page.specific
        gaps = _publish_button_lacks(request, course, course.permissions_for_user(request.user).can_publish())
        if gaps:
            _save_instead(request, gaps)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def say_the_draft_was_saved(request, page):
    gaps = getattr(request, SAVED_AS_DRAFT, None)
    if not gaps:
        return
    missing = " ".join(str(WHAT_TO_DO[gap]) for gap in gaps)
    admin_messages.warning(
        request,
        _("“%(title)s” was saved as a draft, not published. %(missing)s")
        % {"title": page.get_admin_display_title(), "missing": missing},
        buttons=[
            admin_messages.button(
                reverse("wagtailadmin_pages:add", args=("courses", "lessonpage", page.pk)), _("Add a lesson")
            )
        ],
    )
