"""Completion reports at municipal-group scale: 100,000 people in 400 units, 20 courses, 1,000,000 enrolments.

Measured side by side in one run against a baseline, a single hand-written SQL GROUP BY over the
enrolments giving the overview's numbers (checked equal), the fastest such SQL we could write (see
``hand_sql_overview``), each with its ratio to it:

- overview: its figures (selectors, roll-up) and the whole admin page; target under 100 ms;
- drill-down of one unit of 2,000 people: its figures (units below from the roll-up, people and
  completions over time live, the shown page of 100 people counted) and the whole admin page;
  target under 100 ms; also every one of the 2,000 counted, as the drill-down's export does;
- a stock Wagtail listing (the targets' index): what any admin page costs, for comparison;
- refresh of the roll-up (one INSERT … SELECT … GROUP BY);
- the full CSV export (every current required enrolment): the admin view sends it to a background
  job (more rows than views.INLINE_CSV_MAX), which Celery, eager here, writes in a subprocess:
  time and peak memory; target under 150 MB.

The pages are requested through the Django test client as an HR user (the HR group, no report
scope: the whole group), so each page time is the whole server time of the request: middleware,
the Wagtail admin view and its base template, the report's queries and template.

    createdb -h 127.0.0.1 -U postgres lms_rep
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_rep .venv/bin/python bench/reports.py
    .venv/bin/python bench/reports.py --people 5000 --units 60 --enrolments 50000   # a quick small run
    ... bench/reports.py --keep-db     # keep the generated database (test_<name>) and reuse it next time
    ... bench/reports.py --no-export   # skip the export (over a minute)
"""

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time

from common import ROOT, interleaved_medians_ms, median_ms, peak_rss_mb, setup_django, test_database

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
    parser.add_argument("--no-export", action="store_true", help="skip the full CSV export (over a minute)")
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

    from lms.access.roles import HR_GROUP

    user, _ = get_user_model().objects.get_or_create(username=HR_USERNAME, defaults={"first_name": "HR"})
    user.groups.add(Group.objects.get(name=HR_GROUP))
    return user


def hand_sql_overview():
    """The baseline: the overview's numbers (per unit below the root and course) straight from the
    enrolments in one hand-written GROUP BY, rolled up by path prefix.

    The fastest correct hand SQL we could write, so that the ratios do not flatter the roll-up: each
    person's latest cycle of a course is found with NOT EXISTS (a hash anti-join over the unique
    (person, course, cycle) rows) and counted with FILTER. On PostgreSQL with a million enrolments it
    took about a quarter of the time of the correlated ``cycle = (SELECT MAX(cycle) …)`` used before
    and about half of ``DISTINCT ON (person_id, course_id) … ORDER BY cycle DESC`` (which sorts every
    row); both were tried side by side and give the same numbers."""
    from django.db import connection
    from django.utils import timezone

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT substr(d.path, 1, 8) AS top, e.course_id, COUNT(*),
                   COUNT(*) FILTER (WHERE e.completed_at IS NOT NULL),
                   COUNT(*) FILTER (WHERE e.completed_at IS NULL AND e.started_at IS NOT NULL),
                   COUNT(*) FILTER (WHERE e.completed_at IS NULL AND e.started_at IS NULL),
                   COUNT(*) FILTER (WHERE e.completed_at IS NULL AND e.due_date < %s)
            FROM courses_enrolment e
            JOIN organisation_person p ON p.id = e.person_id
            JOIN organisation_orgunit d ON d.id = p.org_unit_id
            WHERE e.is_required AND p.is_active AND d.depth >= 2
              AND NOT EXISTS (SELECT 1 FROM courses_enrolment later
                              WHERE later.person_id = e.person_id AND later.course_id = e.course_id
                                AND later.cycle > e.cycle)
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
    from lms.reports.views import INLINE_CSV_MAX, PEOPLE_PER_PAGE, _more_rows_than

    scope = selectors.WHOLE_GROUP
    refresh_ms = median_ms(services.summary_refresh, repeat=3, warmup=1)
    if connection.vendor == "postgresql":
        # Each refresh replaces every row of the roll-up. Autovacuum clears the old row versions
        # between two refreshes (five minutes apart); the machine's PostgreSQL may run without it.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE reports_completionsummary")

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
        """What the overview page reads: the breakdown and the targets, from the roll-up."""
        selectors.unit_breakdown(scope=scope)
        selectors.target_progress(scope=scope)

    def drill_down():
        """What the drill-down page reads: the units below (roll-up), the people by name and the
        shown page of them counted live, the completions per month (live)."""
        selectors.unit_breakdown(scope=scope, unit=big_unit)
        people = selectors.people_in_unit(scope=scope, unit=big_unit)
        people.count()
        selectors.people_figures(scope=scope, unit=big_unit, people=people[:PEOPLE_PER_PAGE])
        selectors.monthly_completions(scope=scope, unit=big_unit)

    def drill_down_all():
        """Every person of the unit counted live, as the drill-down's export does."""
        selectors.unit_breakdown(scope=scope, unit=big_unit)
        selectors.people_figures(scope=scope, unit=big_unit)

    people = len(selectors.people_figures(scope=scope, unit=big_unit))
    hr = hr_user()
    client = Client()
    client.force_login(hr)
    overview_url = "/admin/reports/completion/"
    unit_url = f"/admin/reports/completion/unit/{big_unit.pk}/"
    # A stock Wagtail listing HR may open (the targets' ModelViewSet index, one row): the admin's fixed cost.
    listing_url = "/admin/reports/completion/targets/"
    for url in (overview_url, unit_url, listing_url):
        assert client.get(url).status_code == 200, url

    repeat = args.repeat
    baseline_ms = median_ms(hand_sql_overview, repeat=max(3, repeat // 10), warmup=1)
    measured = {
        "overview": overview,
        "overview page": lambda: client.get(overview_url),
        "drill-down": drill_down,
        "drill-down page": lambda: client.get(unit_url),
        "drill-down, everyone": drill_down_all,
        "listing page": lambda: client.get(listing_url),
    }
    medians = interleaved_medians_ms(measured, repeat=repeat, warmup=3)
    queries = {name: count_queries(fn) for name, fn in measured.items()}

    print(f"medians of {repeat} interleaved runs; pages through the test client as HR ({HR_USERNAME}, whole group)")
    print(f"{'measure':58} {'ms':>8} {'queries':>8} {'× baseline':>11}")
    print(f"{'baseline: fastest hand-written SQL GROUP BY (NOT EXISTS)':58} {baseline_ms:8.1f} {1:8d} {1:11.3f}")
    labels = {
        "overview": "overview: its figures (selectors, roll-up)",
        "overview page": "overview: whole page",
        "drill-down": f"drill-down ({people} people): its figures (live)",
        "drill-down page": f"drill-down ({people} people, {PEOPLE_PER_PAGE} a page): whole page",
        "drill-down, everyone": f"drill-down: all {people} people counted (its export)",
        "listing page": "stock Wagtail listing page (the admin's fixed cost)",
    }
    for name, label in labels.items():
        print(f"{label:58} {medians[name]:8.1f} {queries[name]:8d} {medians[name] / baseline_ms:11.3f}")
    print(f"{'refresh of the roll-up':58} {refresh_ms:8.1f} {3:8d} {refresh_ms / baseline_ms:11.3f}")
    everything = selectors.enrolment_rows(scope=scope)
    decide_ms = median_ms(lambda: _more_rows_than(everything, INLINE_CSV_MAX), repeat=3, warmup=1)
    label = f"CSV export: inline or background? (counts to {INLINE_CSV_MAX + 1})"
    print(f"{label:58} {decide_ms:8.1f} {1:8d} {decide_ms / baseline_ms:11.3f}")
    for page, figures in (("overview page", "overview"), ("drill-down page", "drill-down")):
        print(
            f"{page}: {medians[page] / medians[figures]:.2f} × its figures, "
            f"{medians[page] / medians['listing page']:.2f} × the stock Wagtail listing"
        )
    ok = lambda cond: "OK" if cond else "MISSED"  # noqa: E731
    print(
        f"targets: overview < 100 ms {ok(medians['overview'] < 100)} (page {ok(medians['overview page'] < 100)}); "
        f"drill-down < 100 ms {ok(medians['drill-down'] < 100)} (page {ok(medians['drill-down page'] < 100)}, "
        f"everyone counted {ok(medians['drill-down, everyone'] < 100)}); "
        f"roll-up equals hand SQL OK; database {connection.vendor}",
        flush=True,
    )
    if args.no_export:
        return
    export = export_in_subprocess()
    if export is None:
        print("full CSV export: measured on PostgreSQL only (a second process cannot open in-memory SQLite)")
        return
    print(
        f"full CSV export: the admin sends it to a background job (more than {INLINE_CSV_MAX} rows); the "
        f"worker wrote {export['rows']} rows, {export['mb']:.0f} MB in {export['seconds']:.1f} s; peak memory "
        f"{export['peak_mb']:.0f} MB (process after start-up: {export['start_mb']:.0f} MB); "
        f"target < 150 MB {ok(export['peak_mb'] < 150)}"
    )


def export_in_subprocess() -> dict | None:
    from django.db import connection

    env = dict(os.environ)
    settings = connection.settings_dict
    if connection.vendor != "postgresql":
        return None  # the in-memory SQLite test database is not visible to another process
    host, port, user = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432, settings["USER"] or "postgres"
    env["DATABASE_URL"] = f"postgres://{user}@{host}:{port}/{settings['NAME']}"
    with tempfile.TemporaryDirectory() as media:
        env["MEDIA_ROOT"] = media  # the export file, thrown away afterwards
        out = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "reports.py"), "--child-export"],
            env=env,
            capture_output=True,
            text=True,
        )
    if out.returncode:
        sys.exit(f"export subprocess failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def child_export():
    """In a fresh process: HR asks the admin for the full CSV (every current required enrolment).
    The view offers a background job instead of a stream, and HR starts it (a POST); Celery runs eagerly here, so the job is
    written inside the request as a worker would write it. Reports rows, size, time, peak memory."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from lms.reports.models import ExportJob

    start_mb = peak_rss_mb()
    client = Client()
    client.force_login(get_user_model().objects.get(username=HR_USERNAME))
    offer = client.get("/admin/reports/completion/courses/", {"export": "csv"})
    assert offer.status_code == 200 and b'name="export" value="csv"' in offer.content, "no background export offered"
    t = time.perf_counter()
    response = client.post("/admin/reports/completion/courses/", {"export": "csv"})  # the offer's button
    seconds = time.perf_counter() - t
    assert response.status_code == 302 and "/exports/" in response["Location"], "the full CSV was not sent to a job"
    job = ExportJob.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert job.status == ExportJob.Status.DONE, job.error
    size = job.file.size
    peak_mb = peak_rss_mb()
    job.file.delete(save=False)
    job.delete()
    print(
        json.dumps(
            {"rows": job.rows_done, "mb": size / 1e6, "seconds": seconds, "peak_mb": peak_mb, "start_mb": start_mb}
        )
    )


if __name__ == "__main__":
    main()
