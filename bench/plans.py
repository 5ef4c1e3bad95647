"""The democracy plan's follow-up at municipal-group scale: 400 units, 4,000 activities, 20 indicators.

Measured side by side in one run (interleaved, so a noisy neighbour slows each alike), each as the
whole server time of the request through the Django test client as the coordinator (the HR group,
no staff scope: the whole group):

- the follow-up overview (``/admin/democracy-plan/follow-up/``): every commitment with its indicators'
  latest figures and its activities per status, the focus areas' counts, the units without a choice;
  target under 150 ms;
- one commitment's page: its indicators over time drawn against their targets (one measured live from
  the roll-up), and the activities serving it (about 400);
- the units' page: all 400 units with their choice, guide and activities done;
- the baseline: a plain Wagtail listing of the same data (the activities' ModelViewSet index, one page),
  i.e. what any admin page costs here.

    .venv/bin/python bench/plans.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_plan .venv/bin/python bench/plans.py
"""

import argparse
import random
import time
from datetime import date, timedelta
from decimal import Decimal

from common import count_queries, interleaved_medians_ms, setup_django, test_database

setup_django()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=400)
    parser.add_argument("--activities", type=int, default=4000)
    parser.add_argument("--indicators", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    from django.db import connection

    with test_database():
        t = time.perf_counter()
        commitment = generate(args)
        print(
            f"database: {connection.vendor}; generated {args.units} units, {args.activities} activities, "
            f"{args.indicators} indicators in {time.perf_counter() - t:.1f} s"
        )
        measure(args, commitment)


def generate(args):
    from bench.generate import make_courses, make_units
    from lms.organisation.models import OrgUnitKind
    from lms.plans.measurements import COURSE_COMPLETION, ENTERED
    from lms.plans.models import (
        Activity,
        ActivityStatus,
        Commitment,
        CommitmentGroup,
        FocusArea,
        Indicator,
        IndicatorCombine,
        IndicatorValue,
        Plan,
        UnitYearPlan,
    )
    from lms.reports import services as report_services

    rng = random.Random(16)
    year = date.today().year
    units = [u for u in make_units(args.units) if u.kind != OrgUnitKind.MUNICIPALITY]
    courses = make_courses(4, lessons=1)
    report_services.summary_refresh()
    plan = Plan.objects.create(
        name="Handlingsplan",
        decision_reference="KF § 1",
        decision_date=date(year - 2, 1, 1),
        start_year=year - 2,
        end_year=year + 4,
    )
    groups = [CommitmentGroup.INTERNAL] * 3 + [CommitmentGroup.EXTERNAL] * 4 + [CommitmentGroup.COMMUNICATIVE] * 3
    commitments = [
        Commitment.objects.create(plan=plan, number=n + 1, group=g, text=f"Åtagande {n + 1} i planen.")
        for n, g in enumerate(groups)
    ]
    values = []
    for n in range(args.indicators):
        measured = n % 2 == 0
        indicator = Indicator.objects.create(
            commitment=commitments[n % len(commitments)],
            name=f"Indikator {n}",
            kind=COURSE_COMPLETION if measured else ENTERED,
            target_value=Decimal(80),
            target_year=year + 4,
            combine=IndicatorCombine.AVERAGE if measured else IndicatorCombine.LOWEST,
        )
        if measured:
            indicator.courses.set(courses[:2])
            # a figure a month for four years, as the nightly recording leaves them
            days = [date(year - 4 + m // 12, m % 12 + 1, 1) for m in range(48)]
            values += [
                IndicatorValue(
                    indicator=indicator, value=Decimal(rng.randint(40, 95)), measured_on=d, source="Plattformen"
                )
                for d in days
            ]
        else:  # six districts at three elections
            for on in (date(year - 8, 9, 9), date(year - 4, 9, 11), date(year, 9, 13)):
                values += [
                    IndicatorValue(
                        indicator=indicator,
                        part=f"Distrikt {d}",
                        value=Decimal(rng.randint(65, 92)),
                        measured_on=on,
                        source="Valmyndigheten",
                    )
                    for d in range(6)
                ]
    IndicatorValue.objects.bulk_create(values)
    areas = [
        FocusArea.objects.create(name=name, sort_order=i)
        for i, name in enumerate(("Kommunikation", "Medborgardialog", "Aktivt medborgarskap", "Grundvärderingar"))
    ]
    chosen = UnitYearPlan.objects.bulk_create(
        [UnitYearPlan(org_unit=u, year=year, focus_area=areas[i % 4]) for i, u in enumerate(units) if i % 10 != 0]
    )
    statuses = [s for s, _label in ActivityStatus.choices]
    activities = []
    for n in range(args.activities):
        unit_plan = chosen[n % len(chosen)]
        status = statuses[n % 4]
        start = date(year, 1, 1) + timedelta(days=n % 330)
        activities.append(
            Activity(
                unit_plan=unit_plan,
                title=f"Aktivitet {n}",
                focus_area=unit_plan.focus_area,
                commitment=commitments[n % len(commitments)],
                starts_on=start,
                ends_on=start + timedelta(days=14),
                status=status,
                evaluation="Utvärderad." if status == ActivityStatus.DONE else "",
            )
        )
    Activity.objects.bulk_create(activities, batch_size=2000)
    return commitments[0]


def coordinator():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from lms.access.roles import HR_GROUP

    user, _ = get_user_model().objects.get_or_create(username="bench-coordinator")
    user.groups.add(Group.objects.get(name=HR_GROUP))
    return user


def measure(args, commitment):
    from django.test import Client

    client = Client()
    client.force_login(coordinator())
    year = date.today().year
    urls = {
        "follow-up overview": f"/admin/democracy-plan/follow-up/?year={year}",
        "one commitment": f"/admin/democracy-plan/follow-up/commitment/{commitment.pk}/?year={year}",
        "units' page (all units)": f"/admin/democracy-plan/follow-up/units/?year={year}",
        "baseline: plain listing": "/admin/democracy-plan/activities/",
    }
    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    queries = {name: count_queries(lambda url=url: client.get(url)) for name, url in urls.items()}
    medians = interleaved_medians_ms(
        {name: (lambda url=url: client.get(url)) for name, url in urls.items()}, repeat=args.repeat, warmup=3
    )
    baseline = medians["baseline: plain listing"]
    print(f"{'page':28} {'median ms':>10} {'× listing':>10} {'queries':>8}")
    for name, ms in medians.items():
        print(f"{name:28} {ms:10.1f} {ms / baseline:10.2f} {queries[name]:8d}")
    verdict = "met" if medians["follow-up overview"] < 150 else "NOT met"
    print(f"target: the follow-up overview under 150 ms: {verdict}")


if __name__ == "__main__":
    main()
