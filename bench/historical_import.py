"""Importing 100,000 historical completions through the HR import (kind "completion"), then the same
file again.

Targets (on PostgreSQL): the first import under 60 s, set-based (a bounded number of queries, not one
per row); the second writes nothing (no INSERT, UPDATE or DELETE of enrolments or their records).
The baseline in the same run is a plain bulk_create of as many enrolments (rolled back), the least
any import could cost. A third of the people already hold an open enrolment the file completes.

What follows on commit (certificates asked for, the requirements' assignment of the courses touched)
runs in Celery and has its own benchmark (bench/assignment.py): here it is replaced by a counter.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench .venv/bin/python bench/historical_import.py --rows 100000
"""

import argparse
import csv
import io
import random
import time
from datetime import date, timedelta

from common import setup_django, test_database

setup_django()

TABLES = ("courses_enrolment", "completions_completionrecord")


def make_csv(numbers: list[str], courses, rows: int) -> bytes:
    rng = random.Random(42)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["Anställningsnummer", "Kurs", "Datum", "Poäng", "Källa"])
    per_person = -(-rows // len(numbers))
    written = 0
    for number in numbers:
        for course in rng.sample(courses, per_person):
            day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 600))
            score = str(rng.randint(60, 100)) if rng.random() < 0.5 else ""
            writer.writerow([number, course.title, day.isoformat(), score, "Tidigare lärplattform"])
            written += 1
            if written == rows:
                return out.getvalue().encode("utf-8")
    return out.getvalue().encode("utf-8")


def timed(fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        result = fn()
        seconds = time.perf_counter() - start
    writes = sum(
        1
        for q in ctx.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) and any(t in q["sql"] for t in TABLES)
    )
    return result, seconds, len(ctx.captured_queries), writes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--courses", type=int, default=4)
    args = parser.parse_args()
    from django.db import connection, transaction

    from bench.generate import make_courses, make_people, make_units
    from lms.completions import services as completion_services
    from lms.completions.models import CompletionRecord
    from lms.courses.models import Enrolment
    from lms.imports import services
    from lms.organisation.models import Person

    with test_database():
        t = time.perf_counter()
        units = make_units(100)
        make_people(units, args.rows // 2 + 2000)
        people = list(Person.objects.filter(employee_number__isnull=False).values_list("pk", "employee_number"))
        courses = make_courses(args.courses, lessons=1)
        # A third of the people are on a course already, not yet completed: the file completes those cycles.
        Enrolment.objects.bulk_create(
            [
                Enrolment(person_id=pk, course_id=courses[0].pk, source="assigned", is_required=True)
                for pk, _n in people[::3]
            ],
            batch_size=5000,
        )
        data = make_csv([n for _pk, n in people], courses, args.rows)
        print(
            f"database: {connection.vendor}; {args.rows} completions of {len(people)} people on {len(courses)} courses; "
            f"CSV {len(data) / 1024 / 1024:.1f} MB; made in {time.perf_counter() - t:.1f} s"
        )

        with transaction.atomic():  # the baseline: as many enrolments by plain bulk_create, rolled back
            t = time.perf_counter()
            Enrolment.objects.bulk_create(
                [
                    Enrolment(person_id=pk, course_id=courses[-1].pk, cycle=9, source="self", completed_at=None)
                    for pk, _n in (people * 2)[: args.rows]
                ],
                batch_size=2000,
                ignore_conflicts=True,
            )
            baseline = time.perf_counter() - t
            transaction.set_rollback(True)

        asked = []
        real_after = completion_services._after_completions
        completion_services._after_completions = lambda certificates, courses: asked.append(len(courses))
        try:
            dry, dry_s, dry_q, dry_w = timed(
                lambda: services.people_import(data=data, filename="historik.csv", kind="completion")
            )
            first, first_s, first_q, _ = timed(
                lambda: services.people_import(data=data, filename="historik.csv", kind="completion", dry_run=False)
            )
            second, second_s, second_q, second_w = timed(
                lambda: services.people_import(data=data, filename="historik.csv", kind="completion", dry_run=False)
            )
        finally:
            completion_services._after_completions = real_after
        assert first.counts["bad"] == 0, first.plan.bad_rows[:5]
        assert CompletionRecord.objects.count() == args.rows, "not every completion was stored"
        print(f"{'run':38} {'seconds':>8} {'queries':>8} {'rows written':>13}")
        print(f"{'baseline bulk_create (no checks)':38} {baseline:8.2f} {'':>8} {args.rows:13d}")
        print(f"{'dry run (read, validate, plan)':38} {dry_s:8.2f} {dry_q:8d} {dry_w:13d}")
        print(
            f"{'import (first run)':38} {first_s:8.2f} {first_q:8d} {first.rows_written:13d}"
            f"  (created {first.counts['created']}, completed open {first.counts['changed']})"
        )
        print(f"{'import again (nothing changed)':38} {second_s:8.2f} {second_q:8d} {second.rows_written:13d}")
        print(f"assignment asked for {sum(asked)} course(s) after the first run, in {len(asked)} call(s)")
        ok_first = first_s < 60
        ok_second = second.rows_written == 0 and second_w == 0 and second.counts["unchanged"] == args.rows
        print(
            f"ratio first/baseline {first_s / baseline:.1f}; targets: first < 60 s {'OK' if ok_first else 'MISSED'}, "
            f"second writes nothing {'OK' if ok_second else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
