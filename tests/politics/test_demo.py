"""The demo's elected representatives: the council (41 members, 20 substitutes), the executive
committee, three committees and a company board in the 2022–2026 and 2026–2030 terms, some of them
employees; the introduction required of all of them each term: most completed it in the previous
term, so the current term gave them a new cycle, about half done. Then the demo's clock passes
15 October 2030: every council assignment of the new term gets a new cycle, the old completions
stay.

On the demo tests' shared demo: the election of 2030 is made in a transaction rolled back at the end."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.db import transaction
from django.utils import timezone

from lms.courses.models import Enrolment
from lms.politics import selectors, services
from lms.politics.models import MEMBER_ROLES, Assignment, AssignmentRole, Body, BodyKind, Term
from lms.requirements.assignment import assign_all

TZ = ZoneInfo("Europe/Stockholm")
INTRO = "introduktion-for-fortroendevalda"


def latest_cycles(person_ids) -> dict[int, Enrolment]:
    latest = {}
    for e in Enrolment.objects.filter(course__slug=INTRO, person_id__in=person_ids).order_by("cycle"):
        latest[e.person_id] = e
    return latest


def test_the_demo_council_and_its_introduction(demo):
    with transaction.atomic():
        check_the_council_and_its_introduction()
        transaction.set_rollback(True)


def check_the_council_and_its_introduction():
    council = Body.objects.get(kind=BodyKind.COUNCIL)
    assert Body.objects.filter(kind=BodyKind.COMMITTEE).count() == 3
    assert (
        Body.objects.filter(kind=BodyKind.EXECUTIVE).count()
        == Body.objects.filter(kind=BodyKind.COMPANY_BOARD).count()
        == 1
    )
    previous = Term.objects.get(body=council, election_year=2022)
    assert (previous.starts_on, previous.ends_on) == (date(2022, 10, 15), date(2026, 10, 14))
    term = Term.objects.get(body=council, election_year=2026)
    assert term.starts_on == date(2026, 10, 15)
    for t in (previous, term):
        seats = Assignment.objects.filter(term=t)
        assert seats.filter(role__in=MEMBER_ROLES).count() == 41
        assert seats.filter(role=AssignmentRole.SUBSTITUTE).count() == 20
    seats = Assignment.objects.filter(term=term)
    assert seats.filter(person__employee_number__isnull=False).exists()  # some are employees too

    holders = {h.person_id for h in selectors.current_holdings()}
    latest = latest_cycles(holders)
    assert set(latest) == holders and all(e.is_required for e in latest.values())
    # Most completed the introduction in the previous term: a completion from before the current
    # term starts a new cycle, due 120 days from 15 October 2026; the old one stays completed.
    previous_term = Enrolment.objects.filter(course__slug=INTRO, person_id__in=holders, cycle=1)
    completed_then = previous_term.filter(completed_at__date__lt=term.starts_on)
    assert completed_then.count() > 0.7 * len(holders)
    assert all(latest[e.person_id].cycle == 2 for e in completed_then)
    # The few who never completed it carry their open cycle into the new term.
    never = previous_term.exclude(pk__in=completed_then)
    assert never.exists() and all(latest[e.person_id].cycle == 1 for e in never)
    assert {e.due_date for e in latest.values()} == {date(2027, 2, 12)}
    assert not Enrolment.objects.filter(course__slug=INTRO, cycle__gt=2).exists()
    # This term's cycle: about half done, none dated before the term.
    done = [e for e in latest.values() if e.completed_at is not None]
    assert 0.3 < len(done) / len(holders) < 0.7  # about half
    assert all(timezone.localdate(e.completed_at) >= term.starts_on for e in done)
    assert assign_all().rows_written == 0  # the demo's state is what the nightly run keeps

    # The election of 2030: the council is elected again (the same people, for the demo).
    new_term = Term.objects.create(
        body=council, election_year=2030, starts_on=date(2030, 10, 15), ends_on=date(2034, 10, 14)
    )
    services.assignments_create_many(
        assignments=[Assignment(person_id=a.person_id, term=new_term, role=a.role) for a in seats]
    )
    intro = Enrolment.objects.filter(course__slug=INTRO)
    completed_before = set(intro.filter(completed_at__isnull=False).values_list("pk", flat=True))
    with time_machine.travel(datetime(2030, 10, 16, 3, tzinfo=TZ), tick=False):
        assign_all()
    latest = latest_cycles(set(seats.values_list("person_id", flat=True)))
    assert all(e.completed_at is None and e.is_required for e in latest.values())  # a new cycle for every one
    assert {e.due_date.isoformat() for e in latest.values()} == {"2031-02-12"}  # 120 days from 15 October
    assert (
        set(Enrolment.objects.filter(pk__in=completed_before, completed_at__isnull=False).values_list("pk", flat=True))
        == completed_before
    )
