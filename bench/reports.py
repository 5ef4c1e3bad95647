"""Completion reports at municipal-group scale: 100,000 people in 400 units, 20 courses, 1,000,000 enrolments.

Measured side by side in one run against a baseline, a single hand-written SQL GROUP BY over the
enrolments giving the overview's numbers (checked equal):

- overview: the overview's selectors (roll-up) and the whole admin page; target under 100 ms;
- drill-down of one unit of 2,000 people, live (units below from the roll-up, people from
  enrolments); target under 100 ms;
- refresh of the roll-up (one INSERT … SELECT … GROUP BY);
- the full CSV export (every current required enrolment) streamed by the admin view, in a
  subprocess: peak memory (ru_maxrss); target under 150 MB.

The pages are requested through the Django test client as an HR user (the HR group, no report
scope: the whole group), so each page time is the whole server time of the request: middleware,
the Wagtail admin view and its base template, the report's queries and template.

    createdb -h 127.0.0.1 -U postgres lms_rep
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_rep .venv/bin/python bench/reports.py
    .venv/bin/python bench/reports.py --people 5000 --units 60 --enrolments 50000   # a quick small run
    ... bench/reports.py --keep-db   # keep the generated database (test_<name>) and reuse it next time
"""

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import time

from common import ROOT, interleaved_medians_ms, median_ms, setup_django, test_database

setup_django()

BIG_UNIT_PEOPLE = 2000
HR_USERNAME = "bench-hr"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=400)
    parser.add_argument("--courses", type=int, default=20)
    parser.add_argument("--enrolments", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--keep-db",
        action="store_true",
        help="PostgreSQL: keep the generated test database after the run and reuse it when it holds a group "
        "of the same size (generating a million enrolments takes minutes)",
    )
    parser.add_argument("--child-export", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_export:
        return child_export()

    from django.db import connection

    with kept_database(args) if args.keep_db else test_database():
        t = time.perf_counter()
        big_unit = generated(args) if args.keep_db else None
        if big_unit is None:
            big_unit = generate(args)
            what = "generated"
        else:
            what = "reused the generated"
        print(
            f"database: {connection.vendor}; {what} {args.people} people in {args.units} units, "
            f"{args.courses} courses, {args.enrolments} enrolments in {time.perf_counter() - t:.0f} s"
        )
        measure(args, big_unit)


@contextlib.contextmanager
def kept_database(args):
    """Like common.test_database, but on PostgreSQL the test database is kept after the run and
    reused when it holds a group generated with the same arguments (else it is made afresh)."""
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    if connection.vendor != "postgresql":
        sys.exit("--keep-db needs PostgreSQL (DATABASE_URL=postgres://...)")
    setup_test_environment()
    name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=True)
    if not generated(args) and _has_units():
        connection.close()
        connection.settings_dict["NAME"] = name
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        teardown_test_environment()


def _has_units() -> bool:
    from lms.organisation.models import OrgUnit

    return OrgUnit.objects.exists()


def generated(args):
    """The big unit of a kept database generated with the same arguments, or None."""
    from lms.courses.models import CoursePage, Enrolment
    from lms.organisation.models import OrgUnit, Person

    big_unit = OrgUnit.objects.filter(code="B-STOR").first()
    if (
        big_unit is not None
        and Person.objects.count() == args.people
        and OrgUnit.objects.count() == args.units + 1
        and CoursePage.objects.count() == args.courses
        and Enrolment.objects.filter(cycle=1).count() == args.enrolments
    ):
        return big_unit
    return None


def generate(args):
    """The shared generator, then what a real group also has: leavers, renewed cycles, one big unit."""
    from django.db import connection
    from django.utils import timezone

    from bench.generate import make_courses, make_enrolments, make_people, make_units
    from lms.courses.models import CoursePage
    from lms.organisation.models import OrgUnit, OrgUnitKind, Person
    from lms.reports.models import CourseTarget

    units = make_units(args.units)
    person_ids = make_people(units, args.people)
    courses = make_courses(args.courses, lessons=1)
    make_enrolments(person_ids, courses, args.enrolments)
    department = OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT).order_by("path").first()
    big_unit = department.add_child(name="Storenheten", code="B-STOR", kind=OrgUnitKind.UNIT)
    # One unit of 2,000 people (the drill-down's worst case), 2 % leavers, 3 % renewed cycles.
    Person.objects.filter(pk__in=person_ids[: min(BIG_UNIT_PEOPLE, len(person_ids))]).update(org_unit=big_unit)
    Person.objects.filter(pk__in=person_ids[BIG_UNIT_PEOPLE::50]).update(is_active=False, deactivated_at=timezone.now())
    next_due = "due_date + 365" if connection.vendor == "postgresql" else "date(due_date, '+365 days')"
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO courses_enrolment (person_id, course_id, cycle, source, is_required, due_date, created_at) "  # noqa: S608
            f"SELECT person_id, course_id, 2, 'assigned', TRUE, {next_due}, created_at FROM courses_enrolment "
            "WHERE completed_at IS NOT NULL AND id % 33 = 0"
        )
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    course = CoursePage.objects.order_by("pk").first()
    CourseTarget.objects.create(course=course, percent=90, by_date=timezone.localdate().replace(month=12, day=31))
    return OrgUnit.objects.get(pk=big_unit.pk)


def hr_user():
    """HR as the pages see them: the HR group's permissions, no report scope (the whole group)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from lms.organisation.roles import HR_GROUP

    user, _ = get_user_model().objects.get_or_create(username=HR_USERNAME, defaults={"first_name": "HR"})
    user.groups.add(Group.objects.get(name=HR_GROUP))
    return user


def hand_sql_overview():
    """The baseline: the overview's numbers (per unit below the root and course) straight from the
    enrolments in one hand-written GROUP BY, rolled up by path prefix."""
    from django.db import connection
    from django.utils import timezone

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT substr(d.path, 1, 8) AS top, e.course_id, COUNT(*),
                   SUM(CASE WHEN e.completed_at IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN e.completed_at IS NULL AND e.started_at IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN e.completed_at IS NULL AND e.started_at IS NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN e.completed_at IS NULL AND e.due_date < %s THEN 1 ELSE 0 END)
            FROM courses_enrolment e
            JOIN organisation_person p ON p.id = e.person_id
            JOIN organisation_orgunit d ON d.id = p.org_unit_id
            WHERE e.is_required AND p.is_active AND d.depth >= 2
              AND e.cycle = (SELECT MAX(cycle) FROM courses_enrolment m
                             WHERE m.person_id = e.person_id AND m.course_id = e.course_id)
            GROUP BY substr(d.path, 1, 8), e.course_id
            """,
            [timezone.localdate()],
        )
        return {(row[0], row[1]): tuple(int(v) for v in row[2:]) for row in cursor.fetchall()}


def measure(args, big_unit):
    from django.db import connection
    from django.test import Client

    from bench.common import count_queries
    from lms.reports import selectors, services

    scope = selectors.Scope()
    refresh_ms = median_ms(services.summary_refresh, repeat=3, warmup=1)

    # The roll-up gives exactly the hand-written GROUP BY's numbers.
    by_hand = hand_sql_overview()
    breakdown = selectors.unit_breakdown(scope=scope)
    rolled = {
        (row.unit.path, course_id): (f.required, f.completed, f.in_progress, f.not_started, f.overdue)
        for row in breakdown.rows
        if not row.is_direct
        for course_id, f in row.by_course.items()
    }
    assert rolled == by_hand, "roll-up differs from the hand-written GROUP BY"

    def overview():
        selectors.unit_breakdown(scope=scope)
        selectors.target_progress(scope=scope)

    def drill_down():
        selectors.unit_breakdown(scope=scope, unit=big_unit)
        selectors.people_figures(scope=scope, unit=big_unit)

    people = len(selectors.people_figures(scope=scope, unit=big_unit))
    hr = hr_user()
    client = Client()
    client.force_login(hr)
    overview_url = "/admin/reports/completion/"
    unit_url = f"/admin/reports/completion/unit/{big_unit.pk}/"
    assert client.get(overview_url).status_code == 200 and client.get(unit_url).status_code == 200

    admin_chrome = "/admin/reports/locked/"  # Wagtail's own near-empty report: the admin page's fixed cost
    repeat = args.repeat
    baseline_ms = median_ms(hand_sql_overview, repeat=max(3, repeat // 10), warmup=1)
    medians = interleaved_medians_ms(
        {
            "overview": overview,
            "overview page": lambda: client.get(overview_url),
            "drill-down": drill_down,
            "drill-down page": lambda: client.get(unit_url),
            "wagtail locked-pages report page": lambda: client.get(admin_chrome),
        },
        repeat=repeat,
        warmup=3,
    )
    export = export_in_subprocess()

    print(f"{'measure':44} {'ms':>9} {'queries':>8} {'× baseline':>11}")
    print(f"{'baseline: hand-written SQL GROUP BY':44} {baseline_ms:9.1f} {1:8d} {1:11.2f}")
    for name, fn in [("overview", overview), ("overview page", lambda: client.get(overview_url))]:
        print(
            f"{name + ' (roll-up)':44} {medians[name]:9.1f} {count_queries(fn):8d} {medians[name] / baseline_ms:11.3f}"
        )
    for name, fn in [("drill-down", drill_down), ("drill-down page", lambda: client.get(unit_url))]:
        label = f"{name} ({people} people, live)"
        print(f"{label:44} {medians[name]:9.1f} {count_queries(fn):8d} {medians[name] / baseline_ms:11.3f}")
    name = "wagtail locked-pages report page"
    print(f"{name + ' (admin cost)':44} {medians[name]:9.1f} {'':8} {medians[name] / baseline_ms:11.3f}")
    print(f"{'refresh of the roll-up':44} {refresh_ms:9.1f} {3:8d} {refresh_ms / baseline_ms:11.2f}")
    if export is None:
        print("full CSV export: measured on PostgreSQL only (a second process cannot open in-memory SQLite)")
        export = {"peak_mb": 0}
    else:
        print(
            f"full CSV export: {export['rows']} rows, {export['mb']:.0f} MB in {export['seconds']:.1f} s; "
            f"peak memory {export['peak_mb']:.0f} MB (process after start-up: {export['start_mb']:.0f} MB)"
        )
    ok = lambda cond: "OK" if cond else "MISSED"  # noqa: E731
    print(
        f"targets: overview < 100 ms {ok(medians['overview'] < 100)} (page {ok(medians['overview page'] < 100)}); "
        f"drill-down < 100 ms {ok(medians['drill-down'] < 100)} (page {ok(medians['drill-down page'] < 100)}); "
        f"CSV export peak < 150 MB {ok(export['peak_mb'] < 150)}; roll-up equals hand SQL OK; "
        f"database {connection.vendor}"
    )


def export_in_subprocess() -> dict:
    from django.db import connection

    env = dict(os.environ)
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        host, port, user = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432, settings["USER"] or "postgres"
        env["DATABASE_URL"] = f"postgres://{user}@{host}:{port}/{settings['NAME']}"
    else:
        return None  # the in-memory SQLite test database is not visible to another process
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "reports.py"), "--child-export"],
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        sys.exit(f"export subprocess failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def peak_rss_mb() -> float:
    """This process's peak resident memory. On Linux VmHWM, because ru_maxrss carries the parent's
    high-water mark across fork and exec (the parent holds the generator's data)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def child_export():
    """In a fresh process: stream the full CSV export through the admin view, report peak memory."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    start_mb = peak_rss_mb()
    client = Client()
    client.force_login(get_user_model().objects.get(username=HR_USERNAME))
    t = time.perf_counter()
    response = client.get("/admin/reports/completion/courses/", {"export": "csv"})
    assert response.streaming
    size = rows = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        rows += 1
    peak_mb = peak_rss_mb()
    print(
        json.dumps(
            {
                "rows": rows - 1,
                "mb": size / 1e6,
                "seconds": time.perf_counter() - t,
                "peak_mb": peak_mb,
                "start_mb": start_mb,
            }
        )
    )


if __name__ == "__main__":
    main()
