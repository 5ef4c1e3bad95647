"""The learner's views routed in urls.py: "Mina kurser", marking lessons done, answering a poll, starting
a course. Thin: they check who may see what, call a selector or service and redirect or render. (What
the catalogue, course and lesson pages show is on the page types, models.py.) They take the source pages
only: every row that counts names the source, whatever language the learner read it in (lms.languages)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from lms.languages.selectors import in_source_language, preferred_language
from lms.organisation.selectors import person_for_user
from lms.polls import selectors as poll_selectors
from lms.polls import services as poll_services

from . import extensions, selectors, services
from .locks import locked_response
from .models import CoursePage, LessonPage
from .offers import completion_offers, waiting_for


@login_required
def my_courses_view(request):
    person = person_for_user(request.user)
    groups = (
        selectors.my_courses(person=person, request=request)
        if person
        else {state: [] for state in selectors.MY_COURSE_GROUPS}
    )
    offers = completion_offers(person=person, course_ids=[item.course.pk for item in groups["completed"]])
    for item in groups["completed"]:
        item.offers = offers.get(item.course.pk, [])
    context = {
        "person": person,
        "groups": groups,
        "waiting": waiting_for(person=person),
        "sections": extensions.my_courses_sections(person=person, request=request),
    }
    return render(request, "courses/my_courses.html", context)


@require_POST
@login_required
def lesson_mark_done_view(request, lesson_id: int):
    lesson = get_object_or_404(in_source_language(LessonPage.objects.live()), pk=lesson_id)
    if not lesson.specific_class.learner_marks_done:
        raise Http404(_("This lesson is done when its content says so."))
    person = person_for_user(request.user)
    course = selectors.lesson_course(lesson=lesson)
    if not selectors.course_visible_to(person=person, course=course):
        raise Http404(_("The course is not available to you."))
    if refusal := locked_response(request, person=person, course=course):
        return refusal
    language = preferred_language(request, person).code  # what the learner read it in: the completion's language
    enrolment = services.lesson_mark_done(person=person, lesson=lesson, language=language)
    progress = selectors.course_progress(person=person, course=course)
    if enrolment.is_completed:
        messages.success(request, _("Well done! You have completed the course."))
        return redirect(course.url)
    if progress.next_lesson is not None:
        return redirect(progress.next_lesson.url)
    quiz = selectors.course_quiz_page(course=course) if course.ends_with_quiz else None
    if quiz is not None:
        messages.info(request, _("You have read every lesson. Finish the course with the quiz."))
        return redirect(quiz.url)
    return redirect(course.url)


@require_POST
def lesson_poll_vote_view(request, lesson_id: int):
    """A learner answers a poll in a lesson (a plain form: no JavaScript needed), then is sent back
    to the poll (post/redirect/get). The same rule as the lesson page decides who may."""
    lesson = get_object_or_404(in_source_language(LessonPage.objects.live()), pk=lesson_id)
    if not request.user.is_authenticated:  # signed out meanwhile: back to the lesson after signing in
        return redirect_to_login(lesson.url)
    person = person_for_user(request.user)
    course = selectors.lesson_course(lesson=lesson)
    if not selectors.course_visible_to(person=person, course=course):
        raise Http404(_("The course is not available to you."))
    if refusal := locked_response(request, person=person, course=course):
        return refusal
    poll_id = request.POST.get("poll", "")[:64]
    try:
        poll_services.poll_vote(
            user=request.user, page=lesson, poll_id=poll_id, choice_id=request.POST.get("choice", "")
        )
    except poll_services.PollError as error:
        messages.error(request, str(error))
        return redirect(lesson.url + (f"#poll-{poll_id}" if poll_id in poll_selectors.page_polls(lesson) else ""))
    messages.success(request, poll_services.ANSWER_SAVED)
    return redirect(f"{lesson.url}#poll-{poll_id}")


@require_POST
@login_required
def course_start_view(request, course_id: int):
    course = get_object_or_404(in_source_language(CoursePage.objects.live()), pk=course_id)
    person = person_for_user(request.user)
    if not selectors.course_visible_to(person=person, course=course):
        raise Http404(_("The course is not available to you."))
    if refusal := locked_response(request, person=person, course=course):
        return refusal
    services.enrolment_self_enrol(person=person, course=course)
    progress = selectors.course_progress(person=person, course=course)
    target: Page | None = progress.next_lesson or (selectors.course_quiz_page(course=course))
    return redirect(target.url if target else course.url)
