"""Assigning one requirement to 100,000 people in 400 units, then running it again with nothing changed.

Targets (on PostgreSQL): first run under 30 s with a bounded number of queries (not one
per person); second run under 5 s writing zero rows. The baseline in the same run is a
plain INSERT … SELECT of the same rows in SQL, the least any assignment could cost.

Then a requirement for every holder of a political assignment (lms.politics) in the current
term, among the same 100,000 people with 2,000 assignments in 20 bodies: first run under 5 s,
second under 1 s writing nothing; its baseline is the INSERT … SELECT of the same holders.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench .venv/bin/python bench/assignment.py --people 100000
"""

import argparse
import time

from common import setup_django, test_database

setup_django()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=400)
    parser.add_argument("--assignments", type=int, default=2000)
    args = parser.parse_args()
    from django.db import connection, transaction

    from bench.generate import make_courses, make_people, make_units
    from lms.courses.models import Enrolment
    from lms.requirements.assignment import assign_course
    from lms.requirements.models import Requirement

    with test_database():
        t = time.perf_counter()
        units = make_units(args.units)
        make_people(units, args.people)
        course, holders_course = make_courses(2)
        print(
            f"database: {connection.vendor}; generated {args.people} people in {len(units)} units "
            f"in {time.perf_counter() - t:.1f} s"
        )
        requirement = Requirement.objects.create(
            course=course, org_unit=units[0], for_staff=True, for_managers=True, for_politicians=True, due_days=60
        )

        # Baseline: the same rows by one INSERT … SELECT, rolled back.
        with transaction.atomic():
            t = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(
                    """INSERT INTO courses_enrolment (person_id, course_id, cycle, source, is_required, due_date, created_at)
                       SELECT p.id, %s, 1, 'assigned', TRUE, %s, %s FROM organisation_person p
                       JOIN organisation_orgunit u ON u.id = p.org_unit_id
                       WHERE p.is_active AND u.path LIKE %s""",
                    [course.pk, "2030-01-01", "2026-01-01 00:00:00+00", units[0].path + "%"],
                )
            baseline = time.perf_counter() - t
            transaction.set_rollback(True)

        first_result, first, queries = timed(lambda: assign_course(course_id=course.pk))
        second_result, second, second_queries = timed(lambda: assign_course(course_id=course.pk))
        rows = Enrolment.objects.filter(course=course).count()
        print(f"{'run':34} {'seconds':>8} {'queries':>8} {'rows written':>13}")
        print(f"{'baseline INSERT … SELECT':34} {baseline:8.2f} {1:8d} {rows:13d}")
        print(f"{'assign (first run)':34} {first:8.2f} {queries:8d} {first_result.rows_written:13d}")
        print(
            f"{'assign again (nothing changed)':34} {second:8.2f} {second_queries:8d} {second_result.rows_written:13d}"
        )
        print(
            f"ratio first/baseline {first / baseline:.1f}; targets: first < 30 s "
            f"{'OK' if first < 30 else 'MISSED'}, second < 5 s with 0 rows "
            f"{'OK' if second < 5 and second_result.rows_written == 0 else 'MISSED'}"
        )
        requirement.delete()
        bench_assignment_holders(units, holders_course, args.assignments)


def bench_assignment_holders(units, course, total: int):
    """A requirement for every assignment holder of the current term (see the module's docstring)."""
    import random
    from datetime import UTC, date, datetime

    from django.db import connection, transaction

    from lms.courses.models import Enrolment
    from lms.organisation.models import Person
    from lms.politics.models import Assignment, AssignmentRole, Body, BodyKind, Term, default_term_dates
    from lms.requirements.assignment import assign_course
    from lms.requirements.models import AssignmentHolders, Requirement

    today = date(2027, 3, 1)  # inside the 2026 terms of every kind
    kinds = [BodyKind.COUNCIL] + [BodyKind.COMMITTEE] * 19
    bodies = Body.objects.bulk_create(
        [Body(name=f"Bänkorgan {n}", code=f"BB{n}", kind=kind, org_unit=units[0]) for n, kind in enumerate(kinds)]
    )
    terms = []
    for body in bodies:
        starts_on, ends_on = default_term_dates(body.kind, 2026)
        terms.append(Term(body=body, election_year=2026, starts_on=starts_on, ends_on=ends_on))
    terms = Term.objects.bulk_create(terms)
    rng = random.Random(17)
    people = list(Person.objects.values_list("pk", flat=True))
    holders = rng.sample(people, int(total * 0.75))  # a quarter of them hold a second assignment
    seats = [*holders, *holders[: total - len(holders)]]
    roles = [AssignmentRole.MEMBER, AssignmentRole.SUBSTITUTE]
    assignments = []
    for n, person_id in enumerate(seats):
        term = terms[(n + (n >= len(holders))) % len(terms)]  # a second seat is on another body
        assignments.append(
            Assignment(
                person_id=person_id, term=term, role=roles[n % 2], starts_on=term.starts_on, ends_on=term.ends_on
            )
        )
    Assignment.objects.bulk_create(assignments, batch_size=5000)
    Requirement.objects.create(course=course, assignment_holders=AssignmentHolders.ALL, due_days=90)

    with transaction.atomic():  # baseline: the same holders by one INSERT … SELECT, rolled back
        t = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                """INSERT INTO courses_enrolment (person_id, course_id, cycle, source, is_required, due_date, created_at)
                   SELECT DISTINCT a.person_id, %s, 1, 'assigned', TRUE, %s, %s FROM politics_assignment a
                   WHERE a.starts_on <= %s AND a.ends_on >= %s""",
                [course.pk, date(2027, 4, 1), datetime(2027, 1, 1, tzinfo=UTC), today, today],
            )
        baseline = time.perf_counter() - t
        transaction.set_rollback(True)

    first_result, first, queries = timed(lambda: assign_course(course_id=course.pk, today=today))
    second_result, second, second_queries = timed(lambda: assign_course(course_id=course.pk, today=today))
    rows = Enrolment.objects.filter(course=course).count()
    print(f"\nassignment holders: {Person.objects.count()} people, {len(seats)} assignments, {rows} holders")
    print(f"{'run':34} {'seconds':>8} {'queries':>8} {'rows written':>13}")
    print(f"{'baseline INSERT … SELECT':34} {baseline:8.3f} {1:8d} {rows:13d}")
    print(f"{'assign holders (first run)':34} {first:8.3f} {queries:8d} {first_result.rows_written:13d}")
    print(f"{'assign again (nothing changed)':34} {second:8.3f} {second_queries:8d} {second_result.rows_written:13d}")
    print(
        f"ratio first/baseline {first / max(baseline, 1e-6):.1f}; targets: first < 5 s "
        f"{'OK' if first < 5 and rows == len(holders) else 'MISSED'}, second < 1 s with 0 rows "
        f"{'OK' if second < 1 and second_result.rows_written == 0 else 'MISSED'}"
    )


def timed(fn):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    start = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return result, time.perf_counter() - start, len(ctx.captured_queries)


if __name__ == "__main__":
    main()
