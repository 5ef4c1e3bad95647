"""The counted quiz score in HR's per-course list, and recounting a quiz's results by another grading method.

A course whose quiz ``--people`` learners took three times each (pass, lower pass, fail), counted under
"highest"; the method is then changed to "last", so a recount moves every counted attempt.

* The per-course list of every enrolment of the course (``reports.selectors.enrolment_rows``, iterated as
  the CSV export does) with the counted score (a subquery per row) against the same list without it:
  the ratio is what the score column costs.
* The recount: the confirmation's plan (``selectors.recount_plan``) and the recount itself
  (``services.quiz_recount``, rolled back after each sample), per 1,000 enrolments, with query counts.

    .venv/bin/python bench/quiz_recount.py [--people 2000] [--repeat 7]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench_recount .venv/bin/python bench/quiz_recount.py
"""

import argparse
from datetime import timedelta

from common import count_queries, interleaved_medians_ms, setup_django, test_database

setup_django()


def build(people: int):
    from django.utils import timezone

    from bench.generate import make_people, make_units
    from lms.courses.models import Enrolment, EnrolmentSource
    from lms.quizzes.models import Attempt, AttemptStatus
    from tests.quizzes.factories import make_course_with_quiz

    units = make_units(60)
    person_ids = make_people(units, people)
    course, _lessons, quiz = make_course_with_quiz(quiz_fields={"grading_method": "highest", "max_attempts": None})
    Enrolment.objects.bulk_create(
        Enrolment(person_id=pid, course=course, source=EnrolmentSource.ASSIGNED, is_required=True) for pid in person_ids
    )
    now = timezone.now()
    snapshot = {"pass_mark": 60, "result_display": "wrong", "questions": []}
    attempts = []
    for enrolment_id, person_id in Enrolment.objects.filter(course=course).values_list("pk", "person_id"):
        for number, score, passed in ((1, 100, True), (2, 67, True), (3, 33, False)):
            attempts.append(
                Attempt(
                    quiz=quiz,
                    enrolment_id=enrolment_id,
                    person_id=person_id,
                    number=number,
                    seed=number,
                    snapshot=snapshot,
                    status=AttemptStatus.SUBMITTED,
                    score=score,
                    passed=passed,
                    counted=number == 1,  # the highest
                    started_at=now - timedelta(minutes=10 - number),
                    submitted_at=now - timedelta(minutes=9 - number),
                )
            )
    Attempt.objects.bulk_create(attempts, batch_size=2000)
    quiz.grading_method = "last"
    quiz.save_revision().publish()
    quiz.refresh_from_db()
    return course, quiz


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    from django.db import connection, transaction

    from lms.access.rule import WHOLE_GROUP
    from lms.quizzes import selectors, services
    from lms.reports import selectors as report_selectors
    from tests.factories import hr_user

    with test_database():
        course, quiz = build(args.people)
        hr = hr_user(username="bench-hr")
        without = [f for f in report_selectors.ENROLMENT_ROW_FIELDS if f != "quiz_score"]

        def rows_with_score():
            rows = report_selectors.enrolment_rows(scope=WHOLE_GROUP, course_id=course.pk)
            return sum(1 for _row in rows.iterator(chunk_size=2000))

        def rows_without_score():
            rows = report_selectors.enrolment_rows(scope=WHOLE_GROUP, course_id=course.pk, fields=without)
            return sum(1 for _row in rows.iterator(chunk_size=2000))

        def plan():
            return selectors.recount_plan(quiz=quiz, viewer=hr)

        token = plan().token

        def recount():
            with transaction.atomic():
                services.quiz_recount(quiz=quiz, by=hr, token=token)
                transaction.set_rollback(True)

        assert rows_with_score() == args.people and len(plan().changes) == args.people
        lists = interleaved_medians_ms({"with": rows_with_score, "without": rows_without_score}, repeat=args.repeat)
        work = interleaved_medians_ms({"plan": plan, "recount": recount}, repeat=args.repeat, warmup=1)
        per_thousand = 1000 / args.people
        print(f"database: {connection.vendor}; {args.people} enrolments, 3 submitted attempts each")
        print(
            f"  per-course list with the counted score:  {lists['with']:8.1f} ms  ({count_queries(rows_with_score)} q)"
        )
        print(f"  the same list without it (baseline):     {lists['without']:8.1f} ms")
        print(f"  ratio: {lists['with'] / lists['without']:.2f}x the baseline")
        print(
            f"  recount plan:  {work['plan']:8.1f} ms ({work['plan'] * per_thousand:.1f} ms per 1,000; "
            f"{count_queries(plan)} queries)"
        )
        print(
            f"  recount:       {work['recount']:8.1f} ms ({work['recount'] * per_thousand:.1f} ms per 1,000; "
            f"{count_queries(recount)} queries); {work['recount'] / work['plan']:.2f}x the plan"
        )


if __name__ == "__main__":
    main()
