"""Per-question statistics for editors: figures, query count, and who may see them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from lms.quizzes import services
from lms.quizzes.selectors import question_statistics
from tests.factories import OrgUnitFactory, UserFactory, hr_user
from tests.helpers import status_and_location

from .factories import make_course_with_quiz, make_learner, multiple, right_answers, single, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered_quiz(db):
    course, _lessons, quiz = make_course_with_quiz(
        quiz_fields={"questions": [single("Första?"), multiple("Vilka?", right=(0, 1), scoring="partial")]}
    )
    people = [make_learner() for _ in range(4)]
    for i, person in enumerate(people):
        attempt = services.attempt_start(person=person, quiz=quiz, course=course)
        answers = right_answers(attempt) if i < 3 else wrong_answers(attempt)
        if i == 2:  # partly right on the multiple-choice question
            multi = next(q for q in attempt.questions if q["type"] == "multiple")
            answers[multi["id"]] = [multi["choices"][0]["id"]]
        services.attempt_submit(person=person, attempt_id=attempt.pk, answers=answers)
    services.attempt_start(person=make_learner(), quiz=quiz, course=course)  # open: not counted
    return quiz


def test_figures_per_question_and_choice(answered_quiz, django_assert_num_queries, admin_user):
    with django_assert_num_queries(2):  # the viewer's scope, the attempts
        statistics = question_statistics(quiz=answered_quiz, viewer=admin_user)
    assert statistics.submitted == 4
    first, second = statistics.questions
    assert (first.text, first.answered, first.right, first.percent_right) == ("Första?", 4, 3, 75)
    picks = [c.picked for c in first.choice_list]
    assert picks == [3, 1, 0]  # choice 0 is right; wrong_answers picks the first wrong one (choice 1)
    assert (second.answered, second.right, second.percent_right) == (4, 2, 50)
    assert [c.picked for c in second.choice_list] == [3, 2, 1, 0]


def test_statistics_follow_stable_ids_through_edits(answered_quiz):
    draft = answered_quiz.get_latest_revision_as_object()
    draft.questions[0].value["text"] = "Första, omskriven?"
    del draft.questions[1]
    draft.save_revision().publish()
    answered_quiz.refresh_from_db()
    stats = question_statistics(quiz=answered_quiz, viewer=UserFactory(is_superuser=True)).questions
    assert stats[0].text == "Första, omskriven?" and stats[0].answered == 4
    assert stats[1].in_quiz is False and stats[1].answered == 4


def test_editor_sees_statistics_and_the_button(client, answered_quiz):
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get(reverse("quizzes_statistics", args=[answered_quiz.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Första?" in html and "75 %" in html
    explore = client.get(reverse("wagtailadmin_explore", args=[answered_quiz.get_parent().pk]))
    assert reverse("quizzes_statistics", args=[answered_quiz.pk]) in explore.content.decode()


def test_without_permission_no_statistics(client, answered_quiz):
    user = UserFactory()
    group = Group.objects.create(name="Only admin")
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    response = client.get(reverse("quizzes_statistics", args=[answered_quiz.pk]))
    assert status_and_location(response) == (302, "/admin/")
    assert "Första?" not in response.content.decode()


# --- Through the access rule: a viewer limited to part of the group counts that part only -------


@pytest.fixture
def two_administrations(db):
    """Administration A: two learners, both right; administration B: three learners, all wrong."""
    top = OrgUnitFactory(name="Kommunen", kind="municipality")
    a = OrgUnitFactory(name="Förvaltning A", kind="administration", parent=top)
    b = OrgUnitFactory(name="Förvaltning B", kind="administration", parent=top)
    course, _lessons, quiz = make_course_with_quiz(quiz_fields={"questions": [single("Första?")]})
    for unit, n, answer in ((a, 2, right_answers), (b, 3, wrong_answers)):
        for _ in range(n):
            person = make_learner(org_unit=OrgUnitFactory(parent=unit))  # a unit below the administration
            attempt = services.attempt_start(person=person, quiz=quiz, course=course)
            services.attempt_submit(person=person, attempt_id=attempt.pk, answers=answer(attempt))
    return quiz, a, b


def statistics_page(client, user, quiz) -> str:
    user.groups.add(Group.objects.get(name="Editors"))  # the statistics' own permission
    client.force_login(user)
    response = client.get(reverse("quizzes_statistics", args=[quiz.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_hr_limited_to_one_administration_sees_its_attempts_only(client, two_administrations):
    quiz, a, _b = two_administrations
    user = hr_user(username="hr-a", scope=a)
    statistics = question_statistics(quiz=quiz, viewer=user)
    assert statistics.submitted == 2
    assert (statistics.questions[0].answered, statistics.questions[0].right) == (2, 2)
    html = statistics_page(client, user, quiz)
    assert "2 inlämnade försök" in html and "Rätt: 100 %" in html and "Förvaltning A" in html


def test_unscoped_viewers_see_every_attempt(client, two_administrations):
    quiz, _a, _b = two_administrations
    statistics = question_statistics(quiz=quiz, viewer=hr_user(username="hr-all"))
    assert statistics.submitted == 5
    assert (statistics.questions[0].answered, statistics.questions[0].right) == (5, 2)
    html = statistics_page(client, UserFactory(), quiz)  # an editor: no staff scope, the whole group
    assert "5 inlämnade försök" in html and "Rätt: 40 %" in html


def test_a_viewer_limited_to_a_unit_without_attempts_sees_none(two_administrations):
    quiz, _a, _b = two_administrations
    user = hr_user(username="hr-elsewhere", scope=OrgUnitFactory(name="Bolaget"))
    statistics = question_statistics(quiz=quiz, viewer=user)
    assert statistics.submitted == 0 and statistics.questions[0].answered == 0


def test_the_statistics_cost_the_same_number_of_queries_for_any_scope(two_administrations, django_assert_num_queries):
    quiz, a, _b = two_administrations
    scoped = hr_user(username="hr-a", scope=a)
    for viewer in (scoped, hr_user(username="hr-all")):
        with django_assert_num_queries(2):  # the scope, then the attempts in one streamed query
            question_statistics(quiz=quiz, viewer=viewer)
