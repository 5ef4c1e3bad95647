"""Demo requirements, following the action plan: everyone in the group knows the democracy goals,
staff and managers know the equal-treatment policy, elected politicians get their introduction.
Then the demo learner gets one course overdue, so reminders and "Mina kurser" show it.
Idempotent: requirements are found by course and unit; assignment writes nothing the second time."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from lms.courses import services as course_services
from lms.courses.demo import demo_course
from lms.courses.models import Enrolment
from lms.courses.selectors import live_lessons
from lms.organisation.demo import DEMO_ACCOUNTS
from lms.organisation.models import OrgUnit
from lms.politics.selectors import current_holdings

from .assignment import assign_all, assign_course
from .models import AssignmentHolders, Requirement, TrainingEvent

# (course slug, unit code, audiences, due days, renewal months, note)
REQUIREMENTS = [
    (
        "demokratins-grundvarderingar",
        "EK",
        ("staff", "manager", "politician"),
        90,
        36,
        "Handlingsplanen för demokratiutveckling: alla i kommunkoncernen ska känna till fullmäktiges mål för demokrati.",
    ),
    (
        "likabehandling-och-diskrimineringsgrunderna",
        "EK",
        ("staff", "manager"),
        60,
        24,
        "Likabehandlingspolicyn ska verkställas och följas upp.",
    ),
    (
        "introduktion-for-fortroendevalda",
        "EK",
        ("politician",),
        120,
        None,
        "Kompetenshöjande insatser i demokratifrågor för förtroendevalda.",
    ),
]


def load(stdout=None) -> dict:
    made = 0
    for slug, code, audiences, days, renewal, note in REQUIREMENTS:
        course = demo_course(slug)
        unit = OrgUnit.objects.filter(code=code).first()
        if course is None or unit is None or Requirement.objects.filter(course=course, org_unit=unit).exists():
            continue
        Requirement.objects.create(
            course=course,
            org_unit=unit,
            due_days=days,
            renewal_months=renewal,
            note=note,
            **{Requirement.AUDIENCE_FIELDS[a]: True for a in audiences},
        )
        made += 1
    made += _require_the_introduction_of_every_assignment_holder()
    _the_previous_term_introduction()
    result = assign_all()
    _make_one_course_overdue()
    _plan_a_seminar()
    completed = _show_some_progress()
    return {"requirements_created": made, "enrolments_written": result.rows_written, "completed": completed}


def _require_the_introduction_of_every_assignment_holder() -> int:
    """The introduction for elected representatives, required of everyone holding an assignment
    (lms.politics demo), each term anew."""
    course = demo_course("introduktion-for-fortroendevalda")
    if course is None or Requirement.objects.filter(course=course, assignment_holders=AssignmentHolders.ALL).exists():
        return 0
    Requirement.objects.create(
        course=course,
        assignment_holders=AssignmentHolders.ALL,
        due_days=120,
        note="Introduktion efter valet: alla förtroendevalda med uppdrag under mandatperioden.",
    )
    return 1


# The previous term: the council elected in 2022 (from 15 October 2022, lms.politics demo).
PREVIOUS_TERM_RUN = date(2023, 1, 2)  # the nightly run once the committees' term had started too
PREVIOUS_TERM_DECIDED = datetime(2022, 10, 20, 9, tzinfo=ZoneInfo("Europe/Stockholm"))


def _the_previous_term_introduction() -> None:
    """The introduction was required after the 2022 election too: its requirement dates from then,
    and most of that term's assignment holders completed it in 2023. Those completions are from
    before the current term (15 October 2026), so the run that follows gives each of them a new
    cycle, due 120 days into the new term; the few who never completed it carry their open cycle
    into the new term. Only once: not when the course already has a completion from then."""
    requirement = Requirement.objects.filter(
        course__slug="introduktion-for-fortroendevalda", assignment_holders=AssignmentHolders.ALL
    ).first()
    if (
        requirement is None
        or Enrolment.objects.filter(course_id=requirement.course_id, completed_at__year=2023).exists()
    ):
        return
    Requirement.objects.filter(pk=requirement.pk).update(created_at=PREVIOUS_TERM_DECIDED)
    holders = {h.person_id for h in current_holdings(on=PREVIOUS_TERM_RUN)}
    assign_course(course_id=requirement.course_id, person_ids=holders, today=PREVIOUS_TERM_RUN)
    lessons = list(live_lessons(course=requirement.course))
    for enrolment in (
        Enrolment.objects.filter(course_id=requirement.course_id, person_id__in=holders)
        .select_related("person", "course")
        .order_by("pk")
    ):
        share = (enrolment.person_id * 53) % 100
        if share >= 85:
            continue  # never completed it in that term
        for lesson in lessons:
            course_services.lesson_mark_done(person=enrolment.person, lesson=lesson)
        finished = datetime(2023, 1, 16, 10, tzinfo=ZoneInfo("Europe/Stockholm")) + timedelta(
            days=share, hours=share % 7
        )
        # Dated before the completion commits, so the certificate (rendered on commit) agrees.
        Enrolment.objects.filter(pk=enrolment.pk).update(
            created_at=PREVIOUS_TERM_DECIDED + timedelta(days=74),
            started_at=finished - timedelta(days=2),
        )
        course_services.enrolment_record_quiz_pass(enrolment=enrolment)
        Enrolment.objects.filter(pk=enrolment.pk).update(quiz_passed_at=finished, completed_at=finished)


def _show_some_progress() -> int:
    """Months into the action plan: about half of the others have completed their required courses
    (spread over the last eight months, so the reports have a history), some are part-way through.
    The demo accounts keep their courses untouched, to take them themselves. Who does what follows
    from the person's id, so running the demo again changes nothing."""
    demo_usernames = [account[0] for account in DEMO_ACCOUNTS]
    open_enrolments = (
        Enrolment.objects.filter(is_required=True, completed_at__isnull=True, started_at__isnull=True)
        .exclude(person__user__username__in=demo_usernames)
        .select_related("person", "course")
        .order_by("pk")
    )
    lessons = {}
    completed = 0
    now = timezone.now()
    # An assignment holder's completion belongs to their current term: not back-dated before it.
    term_started = {}
    for holding in current_holdings():
        term_started[holding.person_id] = max(
            term_started.get(holding.person_id, holding.term_starts_on), holding.term_starts_on
        )
    for enrolment in open_enrolments:
        share = (enrolment.person_id * 37 + enrolment.course_id * 11) % 100
        if share >= 75:
            continue  # not started yet
        if enrolment.course_id not in lessons:
            lessons[enrolment.course_id] = list(live_lessons(course=enrolment.course))
        course_lessons = lessons[enrolment.course_id]
        if share >= 55:
            course_services.lesson_mark_done(person=enrolment.person, lesson=course_lessons[0])
            continue
        for lesson in course_lessons:
            course_services.lesson_mark_done(person=enrolment.person, lesson=lesson)
        done = course_services.enrolment_record_quiz_pass(enrolment=enrolment)
        if done.completed_at is None:
            continue
        # Back-dated before the completion commits, so the certificate (rendered on commit) agrees.
        finished = now - timedelta(days=7 + share * 4, hours=share % 9)
        if enrolment.person_id in term_started:
            days_into_term = (timezone.localdate() - term_started[enrolment.person_id]).days
            finished = now - timedelta(days=min(7 + share * 4, max(days_into_term - 1, 0)), hours=share % 9)
        Enrolment.objects.filter(pk=enrolment.pk).update(
            created_at=finished - timedelta(days=20),
            started_at=finished - timedelta(days=3),
            quiz_passed_at=finished,
            completed_at=finished,
        )
        completed += 1
    return completed


def _make_one_course_overdue() -> None:
    """The demo learner's equal-treatment course was due last week."""
    enrolment = Enrolment.objects.filter(
        person__user__username="anna",
        course__slug="likabehandling-och-diskrimineringsgrunderna",
        completed_at__isnull=True,
    ).first()
    if enrolment and enrolment.due_date and enrolment.due_date >= timezone.localdate():
        Enrolment.objects.filter(pk=enrolment.pk).update(due_date=timezone.localdate() - timedelta(days=5))


def _plan_a_seminar() -> None:
    course = demo_course("likabehandling-och-diskrimineringsgrunderna")
    if course is None or TrainingEvent.objects.filter(course=course).exists():
        return
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=21)
    TrainingEvent.objects.create(
        title="Workshop: aktiva åtgärder i praktiken",
        course=course,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        place="Stadshuset, sammanträdesrum Eken",
        seats=20,
        description="För chefer och skyddsombud: vi går igenom de fyra stegen med exempel från våra egna verksamheter.",
    )


def settle(stdout=None) -> dict:
    """The nightly assignment, run once every app's demo has added its people, paths and completions
    (the group session's new staff, the path's requirements, the imported seminar), and the same
    progress for the enrolments it made: the demo is left as the nightly run would keep it, and a
    second run of the demo finds nothing left to do."""
    written = assign_all().rows_written
    return {"rows_written": written, "completed": _show_some_progress()}
