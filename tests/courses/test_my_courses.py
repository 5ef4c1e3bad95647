""" "Mina kurser": ordering, and pages whose query count does not grow with lessons or enrolments."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from lms.courses import services
from lms.courses.models import Enrolment
from lms.courses.selectors import my_courses
from tests.courses.factories import add_lesson, make_course
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_grouped_by_state_each_open_group_overdue_first_then_by_due_date(home_page):
    person = PersonFactory()
    today = timezone.localdate()
    later, _ = make_course(title="Senare", lessons=1)
    soon, _ = make_course(title="Snart", lessons=1)
    overdue, _ = make_course(title="Försenad", lessons=1)
    started, started_lessons = make_course(title="Påbörjad", lessons=2)
    done_old, done_old_lessons = make_course(title="Klar först", lessons=1)
    done_new, done_new_lessons = make_course(title="Klar sist", lessons=1)
    services.enrolment_assign(person=person, course=later, due_date=today + timedelta(days=60))
    services.enrolment_assign(person=person, course=soon, due_date=today + timedelta(days=3))
    services.enrolment_assign(person=person, course=overdue, due_date=today - timedelta(days=2))
    services.lesson_mark_done(person=person, lesson=started_lessons[0])
    services.lesson_mark_done(person=person, lesson=done_old_lessons[0])
    services.lesson_mark_done(person=person, lesson=done_new_lessons[0])
    started_assigned, started_assigned_lessons = make_course(title="Påbörjad tilldelad", lessons=4)
    services.enrolment_assign(person=person, course=started_assigned, due_date=today + timedelta(days=10))
    services.lesson_mark_done(person=person, lesson=started_assigned_lessons[0])

    groups = my_courses(person=person)
    assert [i.course.title for i in groups["not_started"]] == ["Försenad", "Snart", "Senare"]
    assert [i.is_overdue for i in groups["not_started"]] == [True, False, False]
    # An assigned course once started is in progress too: due dates first, then the furthest along.
    assert [(i.course.title, i.percent) for i in groups["in_progress"]] == [
        ("Påbörjad tilldelad", 25),
        ("Påbörjad", 50),
    ]
    assert [i.course.title for i in groups["completed"]] == ["Klar sist", "Klar först"]


def test_my_courses_page_marks_overdue_in_words(client, home_page):
    person = PersonFactory()
    course, _ = make_course(lessons=1)
    services.enrolment_assign(person=person, course=course, due_date=timezone.localdate() - timedelta(days=1))
    client.force_login(person.user)
    html = BeautifulSoup(client.get("/mina-kurser/").content, "html.parser")
    card = html.select_one("[data-group=not-started] .card")
    assert "Försenad" in card.get_text()


def test_only_the_latest_cycle_is_shown(home_page):
    from lms.courses.models import Enrolment

    person = PersonFactory()
    course, lessons = make_course(lessons=1)
    services.lesson_mark_done(person=person, lesson=lessons[0])
    Enrolment.objects.create(person=person, course=course, cycle=2, is_required=True, due_date=timezone.localdate())
    groups = my_courses(person=person)
    assert [i.enrolment.cycle for i in groups["not_started"]] == [2]
    assert groups["completed"] == []


def count_queries(django_assert_max_num_queries, client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Warm the cached site content (lms.core.sitecache) so only the page's own queries count: twice, as the
    # very first request also creates the site's settings, a write that retires what it cached.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    if getattr(client, "show_queries", False):
        print("\n".join(q["sql"][:200] for q in ctx.captured_queries))
    return len(ctx.captured_queries)


@pytest.fixture
def learner_client(client, home_page):
    person = PersonFactory()
    client.force_login(person.user)
    client.person = person
    return client


def test_course_and_lesson_pages_take_the_same_queries_with_3_or_30_lessons(
    learner_client, django_assert_max_num_queries
):
    person = learner_client.person
    small, small_lessons = make_course(title="Liten", lessons=3)
    big, big_lessons = make_course(title="Stor", lessons=3)
    for i in range(27):
        add_lesson(big, f"Extra {i}")
    for lessons in (small_lessons, big_lessons):
        services.lesson_mark_done(person=person, lesson=lessons[0])
    counts = {
        name: count_queries(django_assert_max_num_queries, learner_client, url)
        for name, url in {
            "small course": small.url,
            "big course": big.url,
            "small lesson": small_lessons[1].url,
            "big lesson": big_lessons[1].url,
        }.items()
    }
    assert counts["small course"] == counts["big course"], counts
    assert counts["small lesson"] == counts["big lesson"], counts
    # Most are Wagtail routing below the cached root page, view restrictions, session, user and person and
    # the userbar's permissions; the course part is 3-4. Site, settings and footer come from the cache.
    assert counts["big course"] <= 14 and counts["big lesson"] <= 14, counts


def test_my_courses_takes_the_same_queries_with_2_or_30_enrolments(learner_client, django_assert_max_num_queries):
    """In progress and completed alike (a completed card says how it was completed: no query per card)."""
    person = learner_client.person
    for i in range(2):
        course, lessons = make_course(title=f"Kurs {i}", lessons=2)
        for lesson in lessons[: i + 1]:  # one in progress, one completed
            services.lesson_mark_done(person=person, lesson=lesson)
    few = count_queries(django_assert_max_num_queries, learner_client, "/mina-kurser/")
    for i in range(2, 30):
        course, lessons = make_course(title=f"Kurs {i}", lessons=2)
        services.enrolment_assign(person=person, course=course, due_date=timezone.localdate())
        for lesson in lessons[: 1 + i % 2]:
            services.lesson_mark_done(person=person, lesson=lesson)
    assert Enrolment.objects.filter(person=person, completed_at__isnull=False).count() == 15
    many = count_queries(django_assert_max_num_queries, learner_client, "/mina-kurser/")
    assert few == many, (few, many)
    assert many <= 15  # 2 of them the footer's link to the accessibility statement
