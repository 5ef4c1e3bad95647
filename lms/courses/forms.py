"""The course editor's form: a course cannot be published before learners would find a lesson in it,
nor, if it says it ends with a quiz, before the quiz is there. (The Publish button itself saves a draft
instead: ``wagtail_hooks``; a new course's certificate is preset by the certificates app's panel.)"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from lms.languages.content import source_language

NO_LESSON_MESSAGE = _(
    "A course cannot be published before it has a published lesson. Save it as a draft, add a lesson "
    "(a page under the course) and publish it, then publish the course."
)
NO_QUIZ_MESSAGE = _(
    "The course says it ends with a quiz, but it has no published quiz yet. Add the quiz (a page under the "
    "course) and publish it first, or untick “ends with a quiz”."
)
CYCLE_MESSAGE = _(
    "These prerequisites would make the course require itself: %(chain)s. Remove one of them, or the "
    "requirement on the other course."
)
DUPLICATE_MESSAGE = _("“%(course)s” is listed twice among the prerequisites.")
TRANSLATION_MESSAGE = _(
    "“%(course)s” is a translation: choose the course itself, in its source language. Whoever completes it in "
    "any language completes the source."
)
# Each gap (selectors.course_publish_gaps) with the field its message belongs to.
GAP_MESSAGES = {"lesson": (None, NO_LESSON_MESSAGE), "quiz": ("ends_with_quiz", NO_QUIZ_MESSAGE)}


class CoursePageForm(WagtailAdminPageForm):
    def clean(self):
        from . import selectors  # the models module imports this form: selectors (which read the models) late

        cleaned_data = super().clean()
        self.clean_prerequisites()
        if self.goes_live():
            for gap in selectors.course_publish_gaps(
                course=self.instance,
                ends_with_quiz=cleaned_data.get("ends_with_quiz", self.instance.ends_with_quiz),
                go_live_at=cleaned_data.get("go_live_at"),
            ):
                field, message = GAP_MESSAGES[gap]
                self.add_error(field if field in self.fields else None, message)
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

    def _is_source(self) -> bool:
        locale = self.instance.locale if self.instance.locale_id else None
        return locale is None or locale.language_code == source_language().code

    def clean_prerequisites(self) -> None:
        """Refuse a course requiring itself, directly or through other courses, one course twice, or (for a
        source course) a translation, which nobody completes: completions count on the source."""
        from . import selectors
        from .models import CoursePage

        formset = self.formsets.get("prerequisites")
        if formset is None or not formset.is_valid():
            return
        required = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", {})
            course = data.get("required_course")
            if course is None or data.get("DELETE"):
                continue
            if course.pk in required:
                self.add_error(None, DUPLICATE_MESSAGE % {"course": course.title})
                return
            if self._is_source() and course.locale.language_code != source_language().code:
                self.add_error(None, TRANSLATION_MESSAGE % {"course": course.title})
                return
            required.append(course.pk)
        chain = selectors.prerequisite_cycle(course_id=self.instance.pk, required_ids=required)
        if chain:
            titles = dict(CoursePage.objects.filter(pk__in=chain).values_list("pk", "title"))
            titles[self.instance.pk] = self.cleaned_data.get("title") or self.instance.title
            self.add_error(None, CYCLE_MESSAGE % {"chain": " → ".join(f"“{titles[pk]}”" for pk in chain)})
