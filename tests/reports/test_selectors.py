"""Every figure against the hand-computed fixture, from the roll-up and live, and the roll-up
against a hand-written SQL GROUP BY over every unit, course and audience."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from lms.reports import selectors, services
from lms.reports.selectors import WHOLE_GROUP, Figures, Scope

from .conftest import EXPECTED, FIELDS, month_start

pytestmark = pytest.mark.django_db

WHOLE = WHOLE_GROUP


def as_tuple(figures: Figures) -> tuple:
    return tuple(getattr(figures, f) for f in FIELDS)


@pytest.mark.parametrize("source", ["rollup", "live"])
def test_every_figure_per_unit_and_course_matches_the_hand_computed_fixture(refreshed, source):
    read = selectors.rollup_figures if source == "rollup" else selectors.live_figures
    for unit_key, per_course in EXPECTED.items():
        unit = refreshed["units"][unit_key]
        got = read(scope=WHOLE, unit=unit, by=("course_id",))
        expected = {(refreshed["courses"][c].pk,): figures for c, figures in per_course.items()}
        assert {k: as_tuple(v) for k, v in got.items()} == expected, unit_key


def test_figures_per_audience(refreshed):
    A, c1 = refreshed["units"]["A"], refreshed["courses"]["c1"]
    got = selectors.rollup_figures(scope=WHOLE, unit=A, course_id=c1.pk, by=("audience",))
    assert as_tuple(got[("staff",)]) == (2, 1, 0, 1, 0)
    assert as_tuple(got[("manager",)]) == (1, 0, 0, 1, 1)
    only_managers = selectors.rollup_figures(scope=WHOLE, audience="manager")[()]
    assert as_tuple(only_managers) == (2, 0, 1, 1, 1)  # a3 (A, overdue) and d1 (D, in progress) on c1


def test_completion_rate_rounds_down_and_is_none_without_anyone_required():
    assert Figures(required=7, completed=3).percent == 42
    assert Figures(required=3, completed=3).percent == 100
    assert Figures(required=3, completed=2).percent == 66
    assert Figures().rate is None and Figures().percent is None


def test_rollup_equals_a_hand_written_sql_group_by_for_every_unit_course_and_audience(refreshed):
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT u.id, e.course_id, p.audience,
                   COUNT(*),
                   SUM(CASE WHEN e.completed_at IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN e.completed_at IS NULL AND e.started_at IS NOT NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN e.completed_at IS NULL AND e.started_at IS NULL THEN 1 ELSE 0 END),
                   SUM(CASE WHEN e.completed_at IS NULL AND e.due_date < %s THEN 1 ELSE 0 END)
            FROM organisation_orgunit u
            JOIN organisation_orgunit d ON d.path LIKE u.path || '%%'
            JOIN organisation_person p ON p.org_unit_id = d.id
            JOIN courses_enrolment e ON e.person_id = p.id
            JOIN (SELECT person_id, course_id, MAX(cycle) AS cycle FROM courses_enrolment
                  GROUP BY person_id, course_id) latest
              ON latest.person_id = e.person_id AND latest.course_id = e.course_id AND latest.cycle = e.cycle
            WHERE p.is_active = %s AND e.is_required = %s
            GROUP BY u.id, e.course_id, p.audience
            """,
            [today, True, True],
        )
        by_hand = {(row[0], row[1], row[2]): tuple(int(v) for v in row[3:]) for row in cursor.fetchall()}
    assert by_hand  # the fixture has figures at all
    rolled = {}
    for unit in refreshed["units"].values():
        for (course_id, audience), figures in selectors.rollup_figures(
            scope=WHOLE, unit=unit, by=("course_id", "audience")
        ).items():
            rolled[(unit.pk, course_id, audience)] = as_tuple(figures)
    assert rolled == by_hand


def test_refresh_replaces_the_rollup_and_records_its_time(refreshed):
    c1 = refreshed["courses"]["c1"]
    refreshed["a2"].enrolments.filter(course=c1).update(completed_at=timezone.now(), started_at=timezone.now())
    assert selectors.rollup_figures(scope=WHOLE, course_id=c1.pk)[()].completed == 3  # stale until refreshed
    services.summary_refresh()
    assert selectors.rollup_figures(scope=WHOLE, course_id=c1.pk)[()].completed == 4
    assert selectors.summary_refreshed_at() is not None


def test_breakdown_rolls_up_three_levels_with_direct_people_as_their_own_row(refreshed):
    units, c1 = refreshed["units"], refreshed["courses"]["c1"]
    top = selectors.unit_breakdown(scope=WHOLE)  # the municipality: its children F and C
    assert [r.unit.name for r in top.rows] == ["Förvaltning", "Bolaget"]
    assert as_tuple(top.rows[0].by_course[c1.pk]) == EXPECTED["F"]["c1"]
    assert as_tuple(top.total) == tuple(a + b for a, b in zip(EXPECTED["K"]["c1"], EXPECTED["K"]["c2"], strict=True))

    f = selectors.unit_breakdown(scope=WHOLE, unit=units["F"])
    assert [(r.unit.name, r.is_direct) for r in f.rows] == [("Förvaltning", True), ("Avdelning", False)]
    assert as_tuple(f.rows[0].figures) == (1, 1, 0, 0, 0)  # the politician sitting directly in F

    d = selectors.unit_breakdown(scope=WHOLE, unit=units["D"], course_id=c1.pk)
    assert [(r.unit.name, as_tuple(r.figures)) for r in d.rows] == [
        ("Avdelning", (1, 0, 1, 0, 0)),
        ("Enhet A", EXPECTED["A"]["c1"]),
        ("Enhet B", EXPECTED["B"]["c1"]),
    ]
    assert as_tuple(d.total) == EXPECTED["D"]["c1"]


def test_people_figures_name_everyone_active_in_the_unit(refreshed):
    rows = selectors.people_figures(scope=WHOLE, unit=refreshed["units"]["A"])
    assert [r.name for r in rows] == ["Test Ahlberg", "Test Berg", "Test Carlsson"]  # Dahl has left
    assert [as_tuple(r.figures) for r in rows] == [(2, 1, 1, 0, 1), (2, 0, 0, 2, 1), (1, 0, 0, 1, 1)]


def test_enrolment_rows_and_overdue_list(refreshed):
    rows = list(selectors.enrolment_rows(scope=WHOLE))
    assert len(rows) == 9  # every current required enrolment of active people
    overdue = list(selectors.enrolment_rows(scope=WHOLE, overdue_only=True))
    assert sorted(r["person__user__last_name"] for r in overdue) == ["Ahlberg", "Berg", "Carlsson"]
    assert all(r["is_overdue"] for r in overdue)
    renewed = [r for r in rows if r["person__user__last_name"] == "Berg" and r["course__title"] == "Likabehandling"]
    assert [(r["cycle"], r["status"]) for r in renewed] == [(2, "not_started")]


def test_monthly_completions_count_every_cycle_and_people_who_left(refreshed):
    series = dict(selectors.monthly_completions(scope=WHOLE))
    this, last, before = (month_start(n).date().replace(day=1) for n in (0, 1, 2))
    assert series[this] == 3  # a1 c1, b1 c1, b2's self-enrolment
    assert series[last] == 1  # a4, who has since left
    assert series[before] == 1  # f1
    assert len(series) == 12
    longer = dict(
        selectors.monthly_completions(scope=WHOLE, date_from=month_start(14).date(), date_to=timezone.localdate())
    )
    assert longer[month_start(14).date()] == 1  # a2's first cycle


def test_targets_progress(refreshed):
    from lms.reports.models import CourseTarget

    c1 = refreshed["courses"]["c1"]
    CourseTarget.objects.create(course=c1, percent=50, by_date=timezone.localdate() + timedelta(days=30))
    (progress,) = selectors.target_progress(scope=WHOLE)
    assert progress.figures.required == 7 and progress.figures.completed == 3
    assert progress.needed == 1 and not progress.reached  # 50 % of 7 is 3.5: 4 needed
    CourseTarget.objects.update(percent=40)
    (progress,) = selectors.target_progress(scope=WHOLE)
    assert progress.reached


def test_people_figures_of_one_page_equal_those_counted_for_everyone(refreshed):
    A, c1 = refreshed["units"]["A"], refreshed["courses"]["c1"]
    for course_id in (None, c1.pk):
        everyone = selectors.people_figures(scope=WHOLE, unit=A, course_id=course_id)
        page = selectors.people_in_unit(scope=WHOLE, unit=A)[1:3]
        counted = selectors.people_figures(scope=WHOLE, unit=A, course_id=course_id, people=page)
        assert [(r.name, as_tuple(r.figures)) for r in counted] == [
            (r.name, as_tuple(r.figures)) for r in everyone[1:3]
        ]
    assert selectors.people_in_unit(scope=WHOLE, unit=A).count() == 3
    assert selectors.people_figures(scope=WHOLE, unit=A, people=[]) == []


def test_people_in_a_unit_outside_the_scope_are_not_found(refreshed):
    from django.http import Http404

    scope = Scope(unit=refreshed["units"]["C"])
    with pytest.raises(Http404):
        selectors.people_in_unit(scope=scope, unit=refreshed["units"]["A"])
    with pytest.raises(Http404):
        selectors.people_figures(scope=scope, unit=refreshed["units"]["A"], people=[])
