"""The learner's side of courses: catalogue, course and lesson pages, "Mina kurser", marking lessons done.

Page models call the ``*_context`` functions from ``get_context`` and ``lesson_serve``
from ``serve``; the plain views below are routed in urls.py. All are thin: they
check who may see what, call a selector or service and render.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from lms.organisation.models import Audience
from lms.organisation.selectors import person_for_user
from lms.polls import selectors as poll_selectors
from lms.polls import services as poll_services
from lms.polls.blocks import STATES_CONTEXT_KEY, VOTE_URL_CONTEXT_KEY

from . import selectors, services
from .models import CoursePage, LessonPage
from .offers import completion_offers, waiting_for

MAX_QUERY_LENGTH = 200


def catalogue_context(request, index) -> dict:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    audience = request.GET.get("audience", "")
    if audience not in CoursePage.AUDIENCE_FIELDS:
        audience = ""
    courses = selectors.catalogue_courses(index=index, audience=audience or None, query=query)
    person = person_for_user(request.user)
    return {
        "courses": courses,
        "query": query,
        "audience": audience,
        "audience_choices": Audience.choices,
        "enrolled_course_ids": selectors.enrolled_course_ids(person=person) if person else set(),
    }


def course_context(request, course: CoursePage) -> dict:
    person = person_for_user(request.user)
    progress = selectors.course_progress(person=person, course=course)
    completed = progress.enrolment is not None and progress.enrolment.is_completed
    return {
        "person": person,
        "progress": progress,
        "offers": completion_offers(person=person, course_ids=[course.pk]).get(course.pk, []) if completed else [],
        "may_take": person is not None and selectors.course_visible_to(person=person, course=course),
        "quiz_page": selectors.course_quiz_page(course=course) if course.ends_with_quiz else None,
    }


def lesson_serve(request, lesson: LessonPage, serve, *args, **kwargs):
    """Lessons are for signed-in learners who may see the course; others get the sign-in page or a 404."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    person = person_for_user(request.user)
    course = selectors.lesson_course(lesson=lesson)
    if not selectors.course_visible_to(person=person, course=course):
        raise Http404(_("The course is not available to you."))
    request.lms_course = course  # spare lesson_context the same query
    return serve(request, *args, **kwargs)


def lesson_context(request, lesson: LessonPage) -> dict:
    course = getattr(request, "lms_course", None) or selectors.lesson_course(lesson=lesson)
    person = person_for_user(request.user)
    progress = selectors.course_progress(person=person, course=course)
    lessons = progress.lessons
    position = next((i for i, item in enumerate(lessons) if item.pk == lesson.pk), None)
    next_lesson = lessons[position + 1] if position is not None and position + 1 < len(lessons) else None
    return {
        "course": course,
        "progress": progress,
        "is_done": lesson.pk in progress.done_ids,
        "position": (position or 0) + 1,
        "previous_lesson": lessons[position - 1] if position else None,
        "next_lesson": next_lesson,
        # Only the last lesson links on to the quiz: spare the query elsewhere.
        "quiz_page": selectors.course_quiz_page(course=course) if course.ends_with_quiz and not next_lesson else None,
        # The polls in the body, as this learner may see them (one query, none without a poll).
        STATES_CONTEXT_KEY: poll_selectors.poll_states(page=lesson, user=request.user),
        # An unsaved lesson (the editor's preview of a new one) has nowhere to send answers.
        VOTE_URL_CONTEXT_KEY: reverse("courses:lesson_poll_vote", args=[lesson.pk]) if lesson.pk else None,
    }


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
    context = {"person": person, "groups": groups, "waiting": waiting_for(person=person)}
    return render(request, "courses/my_courses.html", context)


@require_POST
@login_required
def lesson_mark_done_view(request, lesson_id: int):
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    person = person_for_user(request.user)
    course = selectors.lesson_course(lesson=lesson)
    if not selectors.course_visible_to(person=person, course=course):
        raise Http404(_("The course is not available to you."))
    enrolment = services.lesson_mark_done(person=person, lesson=lesson)
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
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    if not request.user.is_authenticated:  # signed out meanwhile: back to the lesson after signing in
        return redirect_to_login(lesson.url)
    person = person_for_user(request.user)
    course = selectors.lesson_course(lesson=lesson)
    if not selectors.course_visible_to(person=person, course=course):
        raise Http404(_("The course is not available to you."))
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
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    person = person_for_user(request.user)
    if not selectors.course_visible_to(person=person, course=course):
        raise Http404(_("The course is not available to you."))
    services.enrolment_self_enrol(person=person, course=course)
    progress = selectors.course_progress(person=person, course=course)
    target: Page | None = progress.next_lesson or (selectors.course_quiz_page(course=course))
    return redirect(target.url if target else course.url)
