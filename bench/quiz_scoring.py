"""Server time to score (submit) a 40-question quiz attempt against rendering the same quiz's form.

One learner, a published 40-question quiz (single, multiple with partial credit, true/false,
scenario), requested in-process through Django's full middleware stack. Each submit sample gets
a fresh attempt (started outside the timing) and sends a complete, failing answer, so the learner
can start again. Prints the medians, the ratio submit/render and the query counts.

    .venv/bin/python bench/quiz_scoring.py [--repeat 60] [--questions 40]
"""

import argparse
import statistics
import time

from common import count_queries, setup_django, test_database

setup_django()  # sets DJANGO_SETTINGS_MODULE (config.settings.test unless given)


def build(questions: int):
    from tests.quizzes.factories import make_course_with_quiz, make_learner, multiple, scenario, single, true_false

    kinds = [single, lambda: multiple(scoring="partial"), true_false, scenario]
    _course, _lessons, quiz = make_course_with_quiz(
        lessons=1, quiz_fields={"questions": [kinds[i % 4]() for i in range(questions)], "shuffle_choices": True}
    )
    return make_learner(user__username="bench"), quiz


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--questions", type=int, default=40)
    args = parser.parse_args()
    from django.test import Client

    from lms.quizzes import selectors, services
    from tests.quizzes.factories import as_post, wrong_answers

    with test_database():
        person, quiz = build(args.questions)
        course = selectors.quiz_course(quiz=quiz)
        client = Client()
        client.force_login(person.user)

        def new_attempt():
            return services.attempt_start(person=person, quiz=quiz, course=course)

        def take_url(attempt):
            return quiz.sub_url("take", attempt_id=attempt.pk)

        shown = new_attempt()

        def render():
            response = client.get(take_url(shown))
            assert response.status_code == 200, response.status_code

        def submit(attempt):
            response = client.post(take_url(attempt), as_post(wrong_answers(attempt)))
            assert response.status_code == 302, response.status_code

        render()
        submit(shown)  # warm-up submit, then keep a fresh open attempt for the render samples
        shown = new_attempt()
        render()
        samples = {"render the quiz form": [], "submit and score": []}
        for _ in range(args.repeat):
            start = time.perf_counter()
            render()
            samples["render the quiz form"].append((time.perf_counter() - start) * 1000)
            submit_attempt = shown
            start = time.perf_counter()
            submit(submit_attempt)
            samples["submit and score"].append((time.perf_counter() - start) * 1000)
            shown = new_attempt()
        render_queries = count_queries(render)
        submit_queries = count_queries(lambda: submit(shown))

        medians = {name: statistics.median(values) for name, values in samples.items()}
        base = medians["render the quiz form"]
        print(f"{args.questions} questions, {args.repeat} samples each, interleaved")
        print(f"{'request':24} {'median ms':>10} {'ratio':>7} {'queries':>8}")
        for name, queries in (("render the quiz form", render_queries), ("submit and score", submit_queries)):
            print(f"{name:24} {medians[name]:10.2f} {medians[name] / base:7.2f} {queries:8d}")
        print(f"submit/render ratio: {medians['submit and score'] / base:.2f}")


if __name__ == "__main__":
    main()
