"""Importing 100,000 people in 400 units from an HR export, then importing the same file again.

Targets (on PostgreSQL): the first import under 60 s, set-based (a bounded number of
queries, not one per person); the second under 20 s writing zero rows. The baseline in
the same run is bench/generate.py's plain bulk_create of as many users and people
(rolled back), the least any import could cost.

Required training listens to ``people_changed``; its own benchmark is bench/assignment.py,
so here its receivers are replaced by a counter and the signal's size is printed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_imp .venv/bin/python bench/people_import.py --people 100000
"""

import argparse
import csv
import io
import random
import time

from common import setup_django, test_database

setup_django()


def make_csv(units, total: int) -> bytes:
    """An HR export: staff in the leaf units, a manager per unit above them, politicians in committees."""
    from lms.organisation.models import OrgUnitKind

    rng = random.Random(42)
    leaves = [u for u in units if u.kind == OrgUnitKind.UNIT]
    committees = [u for u in units if u.kind == OrgUnitKind.COMMITTEE]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            "Anställningsnummer",
            "Förnamn",
            "Efternamn",
            "E-post",
            "Enhetskod",
            "Målgrupp",
            "Chefens anställningsnummer",
            "Nämnd",
        ]
    )
    managers = {}
    for n, unit in enumerate(leaves):  # one manager per unit, reporting to the first manager
        number = f"M{n:06d}"
        managers[unit.code] = number
        writer.writerow(
            [number, "Chef", f"Enhet {n}", f"chef{n}@example.se", unit.code, "chef", "M000000" if n else "", ""]
        )
    for n in range(total - len(leaves)):
        unit = leaves[n % len(leaves)]
        if committees and rng.random() < 0.02:
            writer.writerow(
                [
                    f"P{n:07d}",
                    "Ledamot",
                    f"Nr {n}",
                    f"p{n}@example.se",
                    "",
                    "förtroendevald",
                    "",
                    rng.choice(committees).code,
                ]
            )
        else:
            writer.writerow(
                [
                    f"E{n:07d}",
                    "Anna",
                    f"Person {n}",
                    f"e{n}@example.se",
                    unit.code,
                    "medarbetare",
                    managers[unit.code],
                    "",
                ]
            )
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
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and ("organisation_person" in q["sql"] or "auth_user" in q["sql"])
    )
    return result, seconds, len(ctx.captured_queries), writes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=400)
    args = parser.parse_args()
    from django.db import connection, transaction

    from bench.generate import make_people, make_units
    from lms.imports import services
    from lms.organisation.models import OrgUnit, OrgUnitKind, Person
    from lms.organisation.signals import people_changed

    with test_database():
        t = time.perf_counter()
        units = make_units(args.units)
        # A few committees for the politicians.
        root = OrgUnit.objects.get(code="B-ROOT")
        for i in range(5):
            root = OrgUnit.objects.get(pk=root.pk)
            units.append(root.add_child(name=f"Nämnd {i}", code=f"B-N{i}", kind=OrgUnitKind.COMMITTEE))
        data = make_csv(units, args.people)
        print(
            f"database: {connection.vendor}; {args.people} people in {len(units)} units; "
            f"CSV {len(data) / 1024 / 1024:.1f} MB made in {time.perf_counter() - t:.1f} s"
        )

        # Baseline: as many users and people by plain bulk_create, rolled back.
        with transaction.atomic():
            t = time.perf_counter()
            make_people(units, args.people)
            baseline = time.perf_counter() - t
            transaction.set_rollback(True)

        announced = []
        saved_receivers = people_changed.receivers
        people_changed.receivers = []
        people_changed.connect(lambda sender, person_ids, **kw: announced.append(len(person_ids)), weak=False)
        try:
            dry, dry_s, dry_q, dry_w = timed(lambda: services.people_import(data=data, filename="hr.csv", full=True))
            first, first_s, first_q, _ = timed(
                lambda: services.people_import(data=data, filename="hr.csv", full=True, dry_run=False)
            )
            second, second_s, second_q, second_w = timed(
                lambda: services.people_import(data=data, filename="hr.csv", full=True, dry_run=False)
            )
        finally:
            people_changed.receivers = saved_receivers
            people_changed.sender_receivers_cache.clear()
        assert Person.objects.filter(is_active=True).count() == args.people, "not everyone was imported"
        assert first.counts["bad"] == 0
        print(f"{'run':38} {'seconds':>8} {'queries':>8} {'rows written':>13}")
        print(f"{'baseline bulk_create (no checks)':38} {baseline:8.2f} {'':>8} {2 * args.people:13d}")
        print(f"{'dry run (read, validate, plan)':38} {dry_s:8.2f} {dry_q:8d} {dry_w:13d}")
        print(f"{'import (first run)':38} {first_s:8.2f} {first_q:8d} {first.rows_written:13d}")
        print(f"{'import again (nothing changed)':38} {second_s:8.2f} {second_q:8d} {second.rows_written:13d}")
        print(f"people_changed sent for {sum(announced)} people (first run) in {len(announced)} signal(s)")
        ok_first = first_s < 60
        ok_second = second_s < 20 and second.rows_written == 0 and second_w == 0
        print(
            f"ratio first/baseline {first_s / baseline:.1f}; targets: first < 60 s {'OK' if ok_first else 'MISSED'}, "
            f"second < 20 s with 0 rows {'OK' if ok_second else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
