"""Lessons with polls, and people who answer them."""

from lms.courses.models import LessonPage
from lms.polls import services
from lms.polls.selectors import page_polls
from tests.courses.factories import make_course
from tests.factories import PersonFactory

QUESTION = "Vad skulle du göra?"
CHOICES = ["Tacka ja", "Tacka nej", "Fråga chefen"]


def poll_block(question=QUESTION, choices=CHOICES, explanation="Förmåner kan påverka din bedömning."):
    return ("poll", {"question": question, "choices": list(choices), "explanation": explanation})


def make_poll_lesson(*, polls: int = 1, title: str = "Gåvor och förmåner", course=None):
    """A course (unless given) with one lesson: a case, then ``polls`` polls. Returns (course, lesson)."""
    if course is None:
        course, _lessons = make_course(title=f"Kurs om {title}", lessons=0)
    body = [
        (
            "dilemma",
            {
                "title": "Biljetterna",
                "scenario": "<p>En leverantör bjuder på hockey.</p>",
                "reflection_question": "Hur svarar du?",
                "guidance": "",
            },
        )
    ]
    body += [poll_block(question=f"{QUESTION} ({i + 1})" if polls > 1 else QUESTION) for i in range(polls)]
    lesson = course.add_child(instance=LessonPage(title=title, slug=title.lower().replace(" ", "-"), body=body))
    return course, LessonPage.objects.get(pk=lesson.pk)  # as read back: the stored ids


def the_poll(lesson, index: int = 0):
    return list(page_polls(lesson).values())[index]


def votes(lesson, counts: list[int], poll=None) -> list:
    """New people answering: ``counts[i]`` of them choose the poll's i-th answer. Returns the people."""
    poll = poll or the_poll(lesson)
    people = []
    for choice, n in zip(poll.choices, counts, strict=False):
        for _i in range(n):
            person = PersonFactory()
            services.poll_vote(user=person.user, page=lesson, poll_id=poll.id, choice_id=choice.id)
            people.append(person)
    return people
