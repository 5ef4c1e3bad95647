"""A Göteborg-size municipal group on PostgreSQL: 60,000 people in 2,000 units, 80 courses, 1,250,000
enrolments over five years (a quarter required, renewed yearly), 40,000 certificates a year and 1,500
politicians with assignments. Built once into a database of its own and reused (a marker row says with
which arguments), then measured in one run, each figure beside a baseline measured in the same run:

- every learner page (Mina kurser, a course, a lesson, Mina intyg, Mina uppgifter) and the public figures
  (/resultat/) against a plain Wagtail StandardPage, with their query counts;
- HR's overview, drill-down and per-course report against a stock Wagtail admin listing, and the overview's
  figures against the fastest hand SQL (bench/reports.py's, checked equal);
- the nightly jobs: roll-up refresh, public snapshot, assignment (twice: the rerun must write nothing),
  reminders, retention (one decision, rolled back);
- the HR import of 60,000 people (rolled back), with and without ``lms.core.sitecache.watch_writes`` on
  the connection: what watching every statement for the versioned caches costs an import.

    createdb -h 127.0.0.1 -U postgres lms_goteborg
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_goteborg .venv/bin/python bench/goteborg.py
    ... bench/goteborg.py --people 1000 --units 100 --enrolments 20000 --certificates 700   # the small group

The database named by DATABASE_URL is the benchmark's own: it is migrated and filled on the first run and
only read (or written inside transactions that are rolled back) afterwards; another size rebuilds it.
"""

import argparse
import json
import random
import sys
import time
from datetime import timedelta

from common import count_queries, interleaved_medians_ms, median_ms, setup_django

setup_django()

HR_USERNAME = "bench-hr"
YEARS = 5


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=60_000)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--courses", type=int, default=80)
    parser.add_argument("--enrolments", type=int, default=1_250_000)
    parser.add_argument("--certificates", type=int, default=40_000, help="a year")
    parser.add_argument("--politicians", type=int, help="default: 2.5 %% of the people (1,500 of 60,000)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-import", action="store_true", help="skip the four HR imports (minutes)")
    parser.add_argument("--only", choices=["pages", "jobs", "import", "export"], help="measure only this part")
    parser.add_argument("--export-child", choices=["csv", "xlsx", "list"], help=argparse.SUPPRESS)
    parser.add_argument("--job", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.export_child:
        return export_child(args.export_child, args.job)
    if args.politicians is None:
        args.politicians = args.people // 40

    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("needs PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_goteborg")
    shape = {k: getattr(args, k) for k in ("people", "units", "courses", "enrolments", "certificates", "politicians")}
    t = time.perf_counter()
    built = build_once(shape)
    print(
        f"database {connection.settings_dict['NAME']}: {built} {json.dumps(shape)} in {time.perf_counter() - t:.0f} s"
    )
    counts(connection)
    if args.only in (None, "pages"):
        measure_pages(args)
    if args.only in (None, "jobs"):
        measure_jobs()
    if args.only in (None, "export"):
        measure_export()
    if args.only == "import" or (args.only is None and not args.no_import):
        measure_import(args)


# --- Building the group once ----------------------------------------------------------------------


def build_once(shape: dict) -> str:
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_goteborg (shape jsonb NOT NULL)")
        cursor.execute("SELECT shape FROM bench_goteborg")
        row = cursor.fetchone()
    if row and (json.loads(row[0]) if isinstance(row[0], str) else row[0]) == shape:
        return "reused"
    if row or _has_rows():
        sys.exit("the database holds another group: drop and create it (dropdb/createdb), then run again")
    with transaction.atomic():  # all or nothing: a failed build leaves the database empty for the next try
        generate(shape)
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO bench_goteborg VALUES (%s)", [json.dumps(shape)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return "generated"


def _has_rows() -> bool:
    from lms.organisation.models import OrgUnit

    return OrgUnit.objects.exists()


def generate(shape: dict):
    from django.db import connection

    from bench.generate import make_courses, make_people, make_units
    from lms.organisation.models import Audience, Person

    t = time.perf_counter()
    units = make_units(shape["units"])
    person_ids = make_people(units, shape["people"])
    # Exactly the politicians asked for, spread over the group (the generator makes about 2 %).
    Person.objects.filter(audience=Audience.POLITICIAN).update(audience=Audience.STAFF)
    step = max(1, shape["people"] // shape["politicians"])
    politicians = person_ids[::step][: shape["politicians"]]
    Person.objects.filter(pk__in=politicians).update(audience=Audience.POLITICIAN, employee_number=None)
    courses = make_courses(shape["courses"], lessons=3)
    print(f"  units, people, courses: {time.perf_counter() - t:.0f} s", flush=True)
    required = courses[:3]  # course 0 for everyone, 1 for managers, 2 for politicians; renewed yearly
    t = time.perf_counter()
    copy_enrolments(person_ids, set(politicians), courses, required, shape["enrolments"])
    print(f"  enrolments (COPY): {time.perf_counter() - t:.0f} s", flush=True)
    t = time.perf_counter()
    copy_certificates(shape["certificates"] * YEARS)
    print(f"  certificates (COPY): {time.perf_counter() - t:.0f} s", flush=True)
    make_requirements_and_politics(units, required, politicians)
    hr_user()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def copy_enrolments(person_ids, politicians, courses, required, total):
    """Five years of enrolments by COPY: each person's required courses once a year (cycles 1–5, the
    last one open for 40 %; about a quarter of all rows), the rest self-chosen courses, 60 % completed."""
    from django.db import connection
    from django.utils import timezone

    from lms.organisation.models import Audience, Person

    rng = random.Random(7)
    now = timezone.now()
    audiences = dict(Person.objects.values_list("pk", "audience"))
    optional = [c.pk for c in courses[len(required) :]]
    columns = (
        "person_id, course_id, cycle, source, is_required, due_date, started_at, quiz_passed_at, completed_at, "
        "completed_via, created_at, completed_language"
    )

    def required_courses(person_id):
        audience = audiences[person_id]
        chosen = [required[0]]
        if audience == Audience.MANAGER:
            chosen.append(required[1])
        if person_id in politicians:
            chosen.append(required[2])
        return chosen

    required_total = YEARS * (
        len(person_ids) + len(politicians) + sum(a == Audience.MANAGER for a in audiences.values())
    )
    per_person_optional = -(-max(0, total - required_total) // len(person_ids))  # rounded up; stops at total
    made = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY courses_enrolment ({columns}) FROM STDIN") as copy:
        for person_id in person_ids:
            for course in required_courses(person_id):
                for cycle in range(1, YEARS + 1):
                    created = now - timedelta(days=365 * (YEARS - cycle) + rng.randint(0, 60))
                    due = (created + timedelta(days=60)).date()
                    done = cycle < YEARS or rng.random() < 0.6
                    completed = created + timedelta(days=rng.randint(1, 50)) if done else None
                    if completed and completed > now:
                        completed = now
                    copy.write_row(
                        (person_id, course.pk, cycle, "assigned", True, due, completed or created, None, completed,
                         "course", created, "")
                    )  # fmt: skip
                    made += 1
            for course_id in rng.sample(optional, min(per_person_optional, len(optional))):
                if made >= total:
                    break
                created = now - timedelta(days=rng.randint(1, 365 * YEARS))
                completed = created + timedelta(days=rng.randint(0, 30)) if rng.random() < 0.6 else None
                if completed and completed > now:
                    completed = now
                started = completed or (created if rng.random() < 0.5 else None)
                copy.write_row(
                    (person_id, course_id, 1, "self", False, None, started, None, completed, "course", created, "")
                )  # fmt: skip
                made += 1
    return made


def copy_certificates(total):
    """Certificates for the completed required cycles, newest first, ``total`` of them (a year's worth
    times five), valid a year from completion; the PDFs are not rendered (the benchmark reads rows)."""
    from django.db import connection

    from lms.certificates.models import CertificateTemplate

    template, _ = CertificateTemplate.objects.get_or_create(name="Göteborg bench", defaults={"heading": "Intyg"})
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO certificates_certificate (person_id, course_id, enrolment_id, template_id, code, completed_on,
                issued_at, valid_until, revoked_reason, render_status, render_error, render_attempts, pdf, pdf_sha256,
                language)
            SELECT e.person_id, e.course_id, e.id, %s, 'G' || lpad(e.id::text, 15, '0'), e.completed_at::date,
                   e.completed_at, (e.completed_at + interval '1 year')::date, '', 'rendered', '', 1,
                   'certificates/goteborg/' || e.id || '.pdf', md5(e.id::text) || md5(e.id::text), ''
            FROM courses_enrolment e
            WHERE e.is_required AND e.completed_at IS NOT NULL
            ORDER BY e.completed_at DESC
            LIMIT %s
            """,
            [template.pk, total],
        )


def make_requirements_and_politics(units, required, politicians):
    """What the nightly assignment works from: four requirements renewed yearly, and the politicians'
    assignments in a council and committees in the current term (the third course's requirement)."""
    from django.utils import timezone

    from lms.organisation.models import OrgUnitKind
    from lms.politics.models import (
        Assignment,
        AssignmentRole,
        Body,
        BodyKind,
        Term,
        default_term_dates,
        latest_election_year,
    )
    from lms.requirements.models import AssignmentHolders, Requirement

    root = units[0]
    everyone = {"for_staff": True, "for_managers": True, "for_politicians": True}
    Requirement.objects.create(course=required[0], org_unit=root, due_days=60, renewal_months=12, **everyone)
    Requirement.objects.create(course=required[1], org_unit=root, due_days=60, renewal_months=12, for_managers=True)
    year = latest_election_year(timezone.localdate())
    assignments = []
    bodies = []
    for n in range(30):
        kind = BodyKind.COUNCIL if n == 0 else BodyKind.COMMITTEE
        unit = root if n == 0 else [u for u in units if u.kind != OrgUnitKind.UNIT][1 + n % 8]
        body = Body.objects.create(name=f"Nämnd {n}", code=f"G-N{n}", kind=kind, org_unit=unit)
        starts, ends = default_term_dates(kind, year)
        term = Term.objects.create(body=body, election_year=year, starts_on=starts, ends_on=ends)
        bodies.append(body)
        for i, person_id in enumerate(politicians[n::30]):
            role = AssignmentRole.CHAIR if i == 0 else AssignmentRole.MEMBER
            assignments.append(Assignment(person_id=person_id, term=term, role=role, starts_on=starts, ends_on=ends))
    Assignment.objects.bulk_create(assignments)
    holders = Requirement.objects.create(
        course=required[2], org_unit=root, due_days=60, renewal_months=12, assignment_holders=AssignmentHolders.ALL
    )
    holders.bodies.set(bodies)


def hr_user():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from lms.access.roles import HR_GROUP

    user, _ = get_user_model().objects.get_or_create(username=HR_USERNAME, defaults={"first_name": "HR"})
    user.groups.add(Group.objects.get(name=HR_GROUP))
    return user


def counts(connection):
    with connection.cursor() as cursor:
        figures = {}
        for table in ("organisation_orgunit", "organisation_person", "courses_enrolment", "certificates_certificate"):
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
            figures[table] = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM courses_enrolment WHERE is_required")
        figures["required enrolments"] = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM politics_assignment")
        figures["political assignments"] = cursor.fetchone()[0]
    print("  " + ", ".join(f"{name}: {value:,}" for name, value in figures.items()))


# --- Measuring ------------------------------------------------------------------------------------


def typical_learner():
    """A member of staff with the median number of enrolments and at least one certificate."""
    from django.db.models import Count

    from lms.organisation.models import Audience, Person

    people = (
        Person.objects.filter(audience=Audience.STAFF, is_active=True, certificates__isnull=False)
        .annotate(n=Count("enrolments", distinct=True))
        .order_by("n", "pk")
    )
    total = people.count()
    return people[total // 2]


def measure_pages(args):
    from django.test import Client

    from home.demo import _home_page
    from home.models import StandardPage
    from lms.courses.models import CoursePage, LessonPage
    from lms.organisation.models import OrgUnit, OrgUnitKind

    learner = typical_learner()
    standard = StandardPage.objects.filter(slug="goteborg-jamforelse").first()
    if standard is None:
        body = [("paragraph", "<p>" + "Offentlig makt utövas under lagarna. " * 40 + "</p>")]
        standard = _home_page().add_child(
            instance=StandardPage(title="Jämförelse", slug="goteborg-jamforelse", body=body)
        )
    enrolment = learner.enrolments.order_by("-is_required", "pk").first()
    course = CoursePage.objects.get(pk=enrolment.course_id)
    lesson = LessonPage.objects.child_of(course).first()
    learner_client = Client()
    learner_client.force_login(learner.user)
    anonymous = Client()
    pages = {
        "StandardPage (baseline)": (learner_client, standard.url),
        "Mina kurser": (learner_client, "/mina-kurser/"),
        "course page": (learner_client, course.url),
        "lesson page": (learner_client, lesson.url),
        "Mina intyg": (learner_client, "/intyg/"),
        "Mina uppgifter": (learner_client, "/konto/mina-uppgifter/"),
        "public figures /resultat/ (anonymous)": (anonymous, "/resultat/"),
    }
    report(
        f"learner pages, as person {learner.pk} ({learner.enrolments.count()} enrolments, "
        f"{learner.certificates.count()} certificates)",
        pages,
        "StandardPage (baseline)",
        args.repeat,
    )

    hr = Client()
    hr.force_login(hr_user())
    unit = OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT).order_by("path").first()
    admin_pages = {
        "stock Wagtail listing (baseline)": (hr, "/admin/reports/completion/targets/"),
        "overview page": (hr, "/admin/reports/completion/"),
        f"drill-down page ({unit.name})": (hr, f"/admin/reports/completion/unit/{unit.pk}/"),
        "per-course report page": (hr, "/admin/reports/completion/courses/"),
    }
    medians = report("HR's report pages", admin_pages, "stock Wagtail listing (baseline)", max(5, args.repeat // 2))
    print(f"  target: overview page < 150 ms: {'OK' if medians['overview page'] < 150 else 'MISSED'}")

    from reports import hand_sql_overview

    from lms.reports import selectors

    def overview_figures():
        selectors.unit_breakdown(scope=selectors.WHOLE_GROUP)
        selectors.target_progress(scope=selectors.WHOLE_GROUP)

    medians = interleaved_medians_ms({"hand SQL": hand_sql_overview, "figures": overview_figures}, repeat=5, warmup=1)
    print(
        f"  overview's figures from the roll-up {medians['figures']:.1f} ms vs the fastest hand SQL over the "
        f"enrolments {medians['hand SQL']:.1f} ms: {medians['figures'] / medians['hand SQL']:.3f} ×"
    )


def report(title, pages, baseline, repeat) -> dict:
    for client, url in pages.values():
        status = client.get(url).status_code
        assert status == 200, (url, status)
    medians = interleaved_medians_ms(
        {name: (lambda c=client, u=url: c.get(u)) for name, (client, url) in pages.items()}, repeat=repeat, warmup=2
    )
    print(f"{title}: medians of {repeat} interleaved requests through the test client")
    print(f"  {'page':44} {'ms':>8} {'× baseline':>11} {'queries':>8}")
    for name, (client, url) in pages.items():
        queries = count_queries(lambda c=client, u=url: c.get(u))
        print(f"  {name:44} {medians[name]:8.1f} {medians[name] / medians[baseline]:11.2f} {queries:8d}")
    return medians


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def measure_jobs():
    from django.db import connection, transaction
    from django.utils import timezone

    from lms.records import services as records
    from lms.records.models import PeriodUnit, RetentionDecision
    from lms.records.registry import RetentionEvent
    from lms.reports import services as reports
    from lms.requirements import services as requirements
    from lms.requirements.assignment import assign_all

    print("nightly jobs (each once, on the whole group)")
    baseline_ms = median_ms(lambda: _count_enrolments(connection), repeat=3, warmup=1)
    print(f"  {'job':52} {'seconds':>8} {'rows':>9}")
    print(f"  {'baseline: SELECT count(*) of the enrolments':52} {baseline_ms / 1000:8.2f}")
    rows, seconds = timed(reports.summary_refresh)
    print(f"  {'roll-up refresh':52} {seconds:8.2f} {rows:9,}   target < 10 s: {'OK' if seconds < 10 else 'MISSED'}")
    rows, seconds = timed(reports.public_snapshot_refresh)
    print(f"  {'public snapshot (/resultat/)':52} {seconds:8.2f} {rows:9,}")
    with transaction.atomic():
        first, first_s = timed(assign_all)
        again, again_s = timed(assign_all)
        transaction.set_rollback(True)
    print(f"  {'assignment, all requirements (rolled back)':52} {first_s:8.2f} {first.rows_written:9,}")
    ok = again_s < 60 and again.rows_written == 0
    print(
        f"  {'assignment again, nothing changed':52} {again_s:8.2f} {again.rows_written:9,}   "
        f"target < 60 s writing nothing: {'OK' if ok else 'MISSED'}"
    )
    with transaction.atomic():
        sent, seconds = timed(requirements.reminders_send)
        transaction.set_rollback(True)
    print(f"  {'reminders (rolled back; mail to memory)':52} {seconds:8.2f} {json.dumps(sent, default=str)[:60]}")
    with transaction.atomic():
        RetentionDecision.objects.create(
            reference="KS 2026/1 § 1",
            decided_on="2026-01-01",
            decided_by="Kommunstyrelsen",
            record_type="enrolments",
            keep_for=3,
            keep_unit=PeriodUnit.YEARS,
            counted_from=RetentionEvent.CYCLE_ENDED,
        )
        runs, seconds = timed(lambda: records.retention_apply(now=timezone.now()))
        transaction.set_rollback(True)
    print(f"  {'retention: enrolments 3 years after (rolled back)':52} {seconds:8.2f} {sum(r.rows for r in runs):9,}")


def _count_enrolments(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM courses_enrolment")
        return cursor.fetchone()[0]


def measure_import(args):
    """The HR file of every person imported (rolled back), with and without the versioned caches'
    statement watcher on the connection; people_changed (the assignment) is held back as in
    bench/people_import.py, whose CSV maker this reuses."""
    from django.db import connection, transaction
    from people_import import make_csv

    from lms.core import sitecache
    from lms.imports import services
    from lms.organisation.models import OrgUnit
    from lms.organisation.signals import people_changed

    data = make_csv(list(OrgUnit.objects.all()), args.people)
    saved = people_changed.receivers
    people_changed.receivers = []
    people_changed.sender_receivers_cache.clear()
    results = {}
    try:
        for watched in (True, False, True, False):
            connection.ensure_connection()
            if not watched:
                connection.execute_wrappers.remove(sitecache.watch_writes)
            try:
                with transaction.atomic():
                    run, seconds = timed(
                        lambda: services.people_import(data=data, filename="hr.csv", full=False, dry_run=False)
                    )
                    transaction.set_rollback(True)
            finally:
                if not watched:
                    connection.execute_wrappers.insert(0, sitecache.watch_writes)
            results.setdefault(watched, []).append(seconds)
            print(f"  import of {args.people:,} people, watch_writes {'on ' if watched else 'off'}: {seconds:6.1f} s "
                  f"({run.rows_written:,} rows written, rolled back)", flush=True)  # fmt: skip
    finally:
        people_changed.receivers = saved
        people_changed.sender_receivers_cache.clear()
    on, off = min(results[True]), min(results[False])
    print(
        f"  watch_writes overhead on the import: {on:.1f} s with, {off:.1f} s without (best of two each): "
        f"{(on / off - 1) * 100:+.1f} %; target import < 30 s: {'OK' if on < 30 else 'MISSED'}"
    )


def measure_export():
    """HR's export of every current required enrolment of the whole group (the per-course report's rows,
    with no filter), as the worker writes it: CSV and XLSX, each in a fresh process whose peak resident
    memory is read, against the baseline of the same process holding the rows in a list (what an export
    that builds its file in memory would hold at least). Target: peak memory < 200 MB."""
    import os
    import subprocess

    from lms.reports.models import ExportJob

    print("export of all enrolments (the per-course report unfiltered; a fresh process each)", flush=True)
    print(f"  {'how':<42}{'seconds':>9}{'rows':>10}{'peak MB':>10}{'of it the export':>18}")
    for mode in ("list", "csv", "xlsx"):
        # The job as export_job_create queues it, without its task (tasks run eagerly here): the child runs it.
        fmt = "csv" if mode == "list" else mode
        job = ExportJob.objects.create(
            user=hr_user(), report="enrolments", params={"language": "sv"}, export_format=fmt
        )
        try:
            out = subprocess.run(  # noqa: S603 - this script, in a fresh process
                [sys.executable, __file__, "--export-child", mode, "--job", str(job.pk)],
                env=os.environ, capture_output=True, text=True, check=True,
            )  # fmt: skip
            result = json.loads(out.stdout.strip().splitlines()[-1])
        finally:
            ExportJob.objects.filter(pk=job.pk).delete()
        what = "baseline: the rows held in a list" if mode == "list" else f"the worker's {mode.upper()} export"
        verdict = "" if mode == "list" else ("  target < 200 MB: " + ("OK" if result["peak"] < 200 else "MISSED"))
        print(
            f"  {what:<42}{result['seconds']:>9.1f}{result['rows']:>10,}{result['peak']:>10.0f}"
            f"{result['peak'] - result['before']:>18.0f}{verdict}",
            flush=True,
        )


def export_child(mode: str, job_id: str) -> None:
    """One export in this fresh process (the parent made the job): prints JSON."""
    from common import peak_rss_mb

    from lms.reports import selectors, services
    from lms.reports.exports import EXPORTS
    from lms.reports.models import ExportJob

    before = peak_rss_mb()
    start = time.perf_counter()
    if mode == "list":
        job = ExportJob.objects.select_related("user").get(pk=job_id)
        spreadsheet = EXPORTS[job.report]()
        rows = spreadsheet.export_rows(scope=selectors.scope_for_user(user=job.user), params=job.params)
        held = [spreadsheet.to_row_dict(row) for row in rows.iterator(chunk_size=2000)]
        count = len(held)
    else:
        job = services.export_job_run(job_id=job_id)
        count = job.rows_done
        job.file.delete(save=False)
    print(json.dumps({"seconds": time.perf_counter() - start, "rows": count, "before": before, "peak": peak_rss_mb()}))


if __name__ == "__main__":
    main()
