"""Prerequisites: a locked course's lessons, start button and quiz refuse with a page naming the way on
(403, nothing written), the course page, "Mina kurser" and the catalogue say why; the course editor
refuses a cycle; the path editor refuses an order that contradicts the prerequisites."""

import pytest
from django.urls import reverse
from django.utils import translation

from lms.courses.models import CoursePrerequisite, Enrolment, LessonProgress
from lms.courses.selectors import missing_prerequisites, prerequisite_cycle
from lms.paths.forms import order_errors
from tests.certificates.factories import complete, make_learner
from tests.courses.test_publish import submitted

from .factories import make_chain, make_path, require

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(home_page):
    return make_chain(3)


@pytest.fixture
def learner(client):
    person = make_learner()
    client.force_login(person.user)
    return person


def test_a_locked_lesson_refuses_with_the_way_to_the_prerequisite(client, chain, learner):
    (first, _), (second, second_lessons) = chain[0], chain[1]
    response = client.get(second_lessons[0].url)
    assert response.status_code == 403
    text = response.content.decode()
    assert 'data-testid="course-locked"' in text and f'href="{first.url}"' in text
    # Marking it done, answering, starting: refused the same way, nothing written.
    assert client.post(reverse("courses:lesson_mark_done", args=[second_lessons[0].pk])).status_code == 403
    assert client.post(reverse("courses:course_start", args=[second.pk])).status_code == 403
    assert not Enrolment.objects.filter(person=learner, course=second).exists()
    assert not LessonProgress.objects.exists()


def test_completing_the_prerequisite_opens_the_course(client, chain, learner):
    (_first, first_lessons), (second, second_lessons) = chain[0], chain[1]
    complete(learner, first_lessons)
    assert client.get(second_lessons[0].url).status_code == 200
    assert client.post(reverse("courses:lesson_mark_done", args=[second_lessons[0].pk])).status_code == 302
    assert Enrolment.objects.get(person=learner, course=second).is_completed


def test_the_quiz_of_a_locked_course_refuses(client, chain, learner):
    from lms.quizzes.models import QuizPage

    second = chain[1][0]
    quiz = second.add_child(instance=QuizPage(title="Test", slug="test", questions=[]))
    response = client.get(quiz.url)
    assert response.status_code == 403 and 'data-testid="course-locked"' in response.content.decode()


def test_course_page_mina_kurser_and_catalogue_say_why(client, chain, learner):
    (first, _), (second, _) = chain[0], chain[1]
    Enrolment.objects.create(person=learner, course=second, is_required=True)
    for url in (second.url, reverse("courses:my_courses"), second.get_parent().url):
        text = client.get(url).content.decode()
        assert 'data-testid="course-locked"' in text and first.title in text, url
    # The course page offers no way into the lessons while locked.
    assert reverse("courses:course_start", args=[second.pk]) not in client.get(second.url).content.decode()


def test_locks_in_a_fixed_number_of_queries(chain, learner, django_assert_num_queries):
    ids = [c.pk for c, _ in chain]
    with django_assert_num_queries(3):
        locked = missing_prerequisites(person=learner, course_ids=ids)
    assert {k: [c.pk for c in v] for k, v in locked.items()} == {ids[1]: [ids[0]], ids[2]: [ids[1]]}


def test_an_unpublished_prerequisite_locks_nothing(chain, learner):
    (first, _), (second, _) = chain[0], chain[1]
    first.unpublish()
    assert missing_prerequisites(person=learner, course_ids=[second.pk]) == {}


def test_a_cycle_is_found_with_its_chain(chain):
    ids = [c.pk for c, _ in chain]
    assert prerequisite_cycle(course_id=ids[0], required_ids=[ids[2]]) == [ids[0], ids[2], ids[1], ids[0]]
    assert prerequisite_cycle(course_id=ids[0], required_ids=[ids[0]]) == [ids[0], ids[0]]
    assert prerequisite_cycle(course_id=ids[2], required_ids=[ids[0]]) is None


def prerequisite_rows(form, *courses) -> dict:
    """The editor's prerequisites formset as posted, with ``courses`` as its rows."""
    data = submitted(form)
    data["prerequisites-TOTAL_FORMS"] = str(len(courses))
    for i, course in enumerate(courses):
        data.update({f"prerequisites-{i}-required_course": str(course.pk), f"prerequisites-{i}-ORDER": str(i + 1)})
    return data


def test_the_course_editor_refuses_a_cycle(admin_client, chain):
    (first, _), (_second, _), (third, _) = chain
    url = reverse("wagtailadmin_pages:edit", args=[first.pk])
    form = admin_client.get(url).context["form"]
    response = admin_client.post(url, {**prerequisite_rows(form, third), "action-publish": "action-publish"})
    assert response.status_code == 200
    with translation.override("sv"):
        text = response.content.decode()
    assert "“Kurs 1” → “Kurs 3” → “Kurs 2” → “Kurs 1”" in text
    assert not CoursePrerequisite.objects.filter(course=first).exists()
    assert first.get_latest_revision() is None  # not even saved as a draft


def test_the_course_editor_accepts_a_prerequisite_without_a_cycle(admin_client, chain):
    (first, _), (_second, _), (third, _) = chain
    url = reverse("wagtailadmin_pages:edit", args=[third.pk])
    form = admin_client.get(url).context["form"]
    data = prerequisite_rows(form, chain[1][0], first)
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302
    assert set(CoursePrerequisite.objects.filter(course=third).values_list("required_course", flat=True)) == {
        chain[1][0].pk,
        first.pk,
    }


def test_a_path_order_against_the_prerequisites_is_refused(chain):
    (first, _), (second, _), (third, _) = chain
    assert order_errors([first, second, third]) == []
    with translation.override("sv"):  # the default language
        assert order_errors([second, first, third]) == [
            "”Kurs 2” kräver ”Kurs 1”, så ”Kurs 1” måste komma före den i vägen."
        ]
        assert order_errors([first, first]) == ["”Kurs 1” finns två gånger i vägen."]


def test_the_path_editor_refuses_the_wrong_order(admin_client, chain):
    (first, _), (second, _), (third, _) = chain
    path = make_path(first, second, third)
    url = reverse("wagtailadmin_pages:edit", args=[path.pk])
    data = submitted(admin_client.get(url).context["form"])
    # Swap the first two.
    data["path_courses-0-ORDER"], data["path_courses-1-ORDER"] = "2", "1"
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 200
    assert "must come before it in the path" in response.content.decode() or "måste komma före" in (
        response.content.decode()
    )
    assert list(path.path_courses.order_by("sort_order").values_list("course", flat=True)) == [
        first.pk,
        second.pk,
        third.pk,
    ]


def test_requiring_twice_is_refused_by_the_database(chain):
    from django.db import IntegrityError, transaction

    (first, _), (second, _) = chain[0], chain[1]
    with pytest.raises(IntegrityError), transaction.atomic():
        require(second, first)
