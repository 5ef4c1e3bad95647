"""The nightly retention run at 100,000 enrolments, beside a hand-written SQL DELETE of the same rows.

One decision ("enrolments and completions: kept 1 year after the course cycle ends") covers the
enrolments whose cycle ended more than a year ago (about 30 % of them, with their lesson progress).
The baseline deletes exactly those rows with two plain DELETE statements (rolled back); then the
run applies the decision as the nightly task does. Both must remove the same number of rows.
Target (on PostgreSQL): the run under 30 s.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_retention .venv/bin/python bench/retention.py
"""

import argparse
import time

from common import setup_django, test_database

setup_django()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--enrolments", type=int, default=100_000)
    parser.add_argument("--courses", type=int, default=4)
    args = parser.parse_args()
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from bench.generate import make_courses, make_enrolments, make_people, make_units
    from lms.courses.models import Enrolment, LessonProgress
    from lms.records import services
    from lms.records.models import PeriodUnit, RetentionDecision
    from lms.records.registry import RetentionEvent

    with test_database():
        t = time.perf_counter()
        units = make_units(400)
        people = make_people(units, args.enrolments // args.courses)
        courses = make_courses(args.courses, lessons=3)
        made = make_enrolments(people, courses, args.enrolments)
        lessons = {c.pk: list(c.get_children().values_list("pk", flat=True)) for c in courses}
        progress = [
            LessonProgress(enrolment_id=pk, lesson_id=lesson_id)
            for pk, course_id in Enrolment.objects.completed().values_list("pk", "course_id")
            for lesson_id in lessons[course_id]
        ]
        LessonProgress.objects.bulk_create(progress, batch_size=5000)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"database: {connection.vendor}; {made} enrolments of {len(people)} people, {len(progress)} lessons "
            f"done, generated in {time.perf_counter() - t:.1f} s"
        )

        decision = RetentionDecision.objects.create(
            reference="KS 2026/1 § 1",
            decided_on="2026-01-01",
            decided_by="Kommunstyrelsen",
            record_type="enrolments",
            keep_for=1,
            keep_unit=PeriodUnit.YEARS,
            counted_from=RetentionEvent.CYCLE_ENDED,
        )
        now = timezone.now()
        cutoff = decision.cutoff(now)

        # Baseline: the same rows (every cycle here ends at its completion) by plain DELETEs, rolled back.
        with transaction.atomic():
            t = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(
                    "DELETE FROM courses_lessonprogress WHERE enrolment_id IN "
                    "(SELECT id FROM courses_enrolment WHERE completed_at < %s)",
                    [cutoff],
                )
                cursor.execute("DELETE FROM courses_enrolment WHERE completed_at < %s", [cutoff])
                baseline_rows = cursor.rowcount
            baseline = time.perf_counter() - t
            transaction.set_rollback(True)

        t = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            (run,) = services.retention_apply(now=now)
        elapsed = time.perf_counter() - t
        left = Enrolment.objects.count()

        print(f"{'run':38} {'seconds':>8} {'queries':>8} {'rows':>8}")
        print(f"{'baseline: DELETE … WHERE (SQL)':38} {baseline:8.2f} {2:8d} {baseline_rows:8d}")
        print(f"{'retention run (decision applied)':38} {elapsed:8.2f} {len(queries):8d} {run.rows:8d}")
        same = run.rows == baseline_rows and left == made - baseline_rows and run.status == "done"
        print(
            f"ratio run/baseline {elapsed / baseline:.1f}; same rows as the baseline: {'yes' if same else 'NO'}; "
            f"target < 30 s: {'OK' if elapsed < 30 and same else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
