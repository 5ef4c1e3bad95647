"""The demo's polls: one after a dilemma with enough answers for the results to show, one with
fewer than five so the "not yet" state can be seen; loading the answers again changes nothing."""

from lms.courses.demo import load_course_files
from lms.courses.models import LessonPage
from lms.organisation.demo import DEMO_ACCOUNTS
from lms.polls.demo import poll_votes_load
from lms.polls.models import PollVote
from lms.polls.selectors import page_polls, poll_states


def demo_poll(slug):
    lesson = LessonPage.objects.live().get(slug=slug, locale__language_code="sv")
    (poll,) = page_polls(lesson).values()
    return lesson, poll


def test_one_demo_poll_shows_results_and_one_waits_for_more_answers(demo):
    shown, _poll = demo_poll("legalitet-och-objektivitet")
    waiting, _poll = demo_poll("fri-asiktsbildning-och-meddelarfrihet")
    voter = PollVote.objects.filter(page=shown).first().user
    (state,) = poll_states(page=shown, user=voter).values()
    assert state.total == 15 and state.results_shown
    (state,) = poll_states(page=waiting, user=PollVote.objects.filter(page=waiting).first().user).values()
    assert state.total == 0 and not state.results_shown  # three answers: nothing released yet
    # The README's accounts meet the questions unanswered.
    assert not PollVote.objects.filter(user__username__in=[a[0] for a in DEMO_ACCOUNTS]).exists()


def test_loading_the_demo_answers_again_changes_nothing(demo):
    before = sorted(PollVote.objects.values_list("user_id", "page_id", "block_id", "choice_id"))
    specs = [lesson for course in load_course_files() for lesson in course["lessons"] if lesson.get("poll_votes")]
    for spec in specs:
        poll_votes_load(
            page=LessonPage.objects.get(slug=spec["slug"], locale__language_code="sv"), counts=spec["poll_votes"]
        )
    assert sorted(PollVote.objects.values_list("user_id", "page_id", "block_id", "choice_id")) == before
