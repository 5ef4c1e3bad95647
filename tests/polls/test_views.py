"""The poll in the lesson page, answered with a plain form (no JavaScript), and refused input."""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from lms.organisation.models import Audience
from lms.polls.models import PollVote
from tests.courses.factories import add_lesson, make_course
from tests.courses.test_my_courses import count_queries
from tests.factories import PersonFactory, UserFactory
from tests.polls.factories import make_poll_lesson, the_poll, votes

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(home_page):
    return make_poll_lesson()[1]


@pytest.fixture
def learner(client, home_page):
    person = PersonFactory()
    client.force_login(person.user)
    return person


def vote_url(lesson):
    return reverse("courses:lesson_poll_vote", args=[lesson.pk])


def page(client, lesson):
    response = client.get(lesson.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def poll_section(html):
    return html.select_one("[data-testid=poll]")


def test_the_lesson_asks_the_question_in_a_fieldset_and_shows_no_results(client, learner, lesson):
    votes(lesson, [4, 2])
    section = poll_section(page(client, lesson))
    poll = the_poll(lesson)
    assert section["id"] == f"poll-{poll.id}"
    assert section.h3.get_text() == "Vad skulle du göra?"
    form = section.select_one("form")
    assert form["action"] == vote_url(lesson) and form["method"] == "post"
    assert form.select_one("fieldset legend").get_text() == "Vad skulle du göra?"
    radios = form.select("input[type=radio][name=choice]")
    assert [r["value"] for r in radios] == [c.id for c in poll.choices]
    assert [section.select_one(f"label[for={r['id']}]").get_text() for r in radios] == [c.text for c in poll.choices]
    assert not any(r.has_attr("checked") for r in radios)
    # Six have answered, but not this learner: neither counts nor the explanation.
    assert section.select_one("[data-testid=poll-results]") is None
    assert "Förmåner kan påverka" not in section.get_text()


def test_answering_without_javascript_stores_redirects_to_the_poll_and_says_when_results_come(client, learner, lesson):
    votes(lesson, [1, 1])
    poll = the_poll(lesson)
    response = client.post(vote_url(lesson), {"poll": poll.id, "choice": poll.choices[1].id})
    assert response.status_code == 302 and response["Location"] == f"{lesson.url}#poll-{poll.id}"
    assert PollVote.objects.get(user=learner.user).choice_id == poll.choices[1].id
    html = page(client, lesson)
    assert "Tack för ditt svar." in html.select_one(".messages").get_text()
    section = poll_section(html)
    assert "Ditt svar: Tacka nej" in " ".join(section.select_one(".poll__mine").get_text().split())
    assert "Förmåner kan påverka din bedömning." in section.get_text()
    assert section.select_one("[data-testid=poll-results]") is None
    waiting = section.select_one("[data-testid=poll-waiting]").get_text()
    assert waiting == "Svaren visas när minst 5 personer utöver dig har svarat."
    steps = " ".join(section.select_one("[data-testid=poll-steps]").get_text().split())
    assert "uppdateras varje gång minst 5 personer har svarat eller ändrat sitt svar" in steps
    assert steps.endswith("Ditt svar räknas med vid nästa uppdatering.")
    # The answer can be changed: the form is still there (folded), the current answer chosen.
    checked = section.select_one(".poll__change input[checked]")
    assert checked["value"] == poll.choices[1].id


def test_from_five_other_answers_the_learner_reads_counts_and_percentages(client, learner, lesson):
    votes(lesson, [4, 1])  # released at the fifth
    poll = the_poll(lesson)
    client.post(vote_url(lesson), {"poll": poll.id, "choice": poll.choices[0].id})
    section = poll_section(page(client, lesson))
    assert section.select_one("[data-testid=poll-waiting]") is None
    assert section.select_one("h4").get_text() == "Så svarade kollegorna"
    rows = [" ".join(li.get_text().split()) for li in section.select("[data-testid=poll-results] li")]
    # The learner's own answer waits for the next release: five others' answers are shown.
    assert rows == [
        "Tacka ja (ditt svar) 4 svar, 80 %",
        "Tacka nej 1 svar, 20 %",
        "Fråga chefen 0 svar, 0 %",
    ]
    # No names, no accounts: only the learner's own answer is marked.
    assert learner.user.username not in section.get_text()


def test_in_english_too(client, learner, lesson, settings):
    votes(lesson, [4, 1])
    poll = the_poll(lesson)
    client.post(vote_url(lesson), {"poll": poll.id, "choice": poll.choices[1].id})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = " ".join(poll_section(page(client, lesson)).get_text().split())
    assert "How colleagues answered" in text and "Tacka nej (your answer) 1 answer, 20 %" in text


@pytest.mark.parametrize("tamper", ["unknown poll", "unknown choice", "no choice", "no poll"])
def test_tampered_or_missing_ids_say_so_and_store_nothing(client, learner, lesson, tamper):
    poll = the_poll(lesson)
    data = {
        "unknown poll": {"poll": "00000000-dead-4000-8000-000000000000", "choice": poll.choices[0].id},
        "unknown choice": {"poll": poll.id, "choice": "x" * 500},
        "no choice": {"poll": poll.id},
        "no poll": {"choice": poll.choices[0].id},
    }[tamper]
    response = client.post(vote_url(lesson), data, follow=True)
    assert response.status_code == 200
    message = BeautifulSoup(response.content, "html.parser").select_one(".message--error").get_text()
    assert message in {
        "Frågan finns inte längre på sidan. Läs sidan igen och svara.",
        "Välj ett av svaren.",
    }
    assert not PollVote.objects.exists()


def test_a_poll_in_a_course_the_learner_may_not_see_is_not_found(client, home_page):
    _course, lesson = make_poll_lesson()
    _course.for_staff = False
    _course.save()
    person = PersonFactory(audience=Audience.STAFF)
    client.force_login(person.user)
    poll = the_poll(lesson)
    assert client.post(vote_url(lesson), {"poll": poll.id, "choice": poll.choices[0].id}).status_code == 404
    assert client.get(lesson.url).status_code == 404
    assert not PollVote.objects.exists()


def test_an_account_without_a_person_is_not_a_learner_here(client, lesson):
    client.force_login(UserFactory())
    poll = the_poll(lesson)
    assert client.post(vote_url(lesson), {"poll": poll.id, "choice": poll.choices[0].id}).status_code == 404
    assert not PollVote.objects.exists()


def test_anonymous_is_sent_to_sign_in_and_nothing_is_stored(client, lesson, settings):
    poll = the_poll(lesson)
    response = client.post(vote_url(lesson), {"poll": poll.id, "choice": poll.choices[0].id})
    assert response.status_code == 302
    # Back to the lesson after signing in, not to a URL that takes only POST.
    location = urlsplit(response["Location"])
    assert location.path == reverse(settings.LOGIN_URL) and parse_qs(location.query)["next"] == [lesson.url]
    assert not PollVote.objects.exists()


def test_get_is_not_allowed(client, learner, lesson):
    assert client.get(vote_url(lesson)).status_code == 405


def test_a_poll_id_from_another_lesson_is_refused(client, learner, home_page):
    course, first = make_poll_lesson(title="Första")
    _course, second = make_poll_lesson(title="Andra", course=course)
    other = the_poll(first)
    response = client.post(vote_url(second), {"poll": other.id, "choice": other.choices[0].id}, follow=True)
    assert "Frågan finns inte längre på sidan." in response.content.decode()
    assert not PollVote.objects.exists()


def test_an_unpublished_lesson_or_another_page_is_not_found(client, learner, lesson):
    poll = the_poll(lesson)
    lesson.unpublish()
    assert client.post(vote_url(lesson), {"poll": poll.id, "choice": poll.choices[0].id}).status_code == 404
    course_id = lesson.get_parent().pk
    assert client.post(reverse("courses:lesson_poll_vote", args=[course_id]), {"poll": poll.id}).status_code == 404
    assert not PollVote.objects.exists()


def test_two_polls_cost_the_lesson_page_one_query(client, learner, home_page, django_assert_max_num_queries):
    course, plain_lessons = make_course(title="Utan omröstning", lessons=1)
    _course, with_polls = make_poll_lesson(polls=2, course=course)
    add_lesson(course, "Sist")
    first, second = [the_poll(with_polls, i) for i in range(2)]
    votes(with_polls, [3, 2], poll=first)
    client.post(vote_url(with_polls), {"poll": first.id, "choice": first.choices[0].id})
    plain = count_queries(django_assert_max_num_queries, client, plain_lessons[0].url)
    polled = count_queries(django_assert_max_num_queries, client, with_polls.url)
    assert polled == plain + 1, (plain, polled)
