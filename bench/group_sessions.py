"""Confirming a group session of 60 people: who was present recorded and each one's enrolment completed.

Target: under 2 s on SQLite, under 1 s on PostgreSQL. The baseline in the same run is what a training
event's attendance does for the same 60 people (``lms.requirements``: per person, the enrolment found or
made, then ``enrolment_complete_by_attendance``), the way the platform completed a course for a group
before. Both run in a transaction rolled back after each sample, so every sample starts from the same
state (half of the 60 with an assigned enrolment, half with none) and the on-commit work (the Celery
tasks that make the certificates) is not counted: it runs in the workers, after the leader's request.

    .venv/bin/python bench/group_sessions.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lms_bench_group .venv/bin/python bench/group_sessions.py
"""

import argparse
from datetime import date

from common import count_queries, interleaved_medians_ms, setup_django, test_database

setup_django()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--present", type=int, default=60)
    parser.add_argument("--others", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    from django.contrib.auth.models import Group
    from django.db import connection, transaction

    from bench.generate import make_courses, make_people, make_units
    from lms.access.models import StaffScope
    from lms.courses import services as course_services
    from lms.courses.models import Enrolment, EnrolmentSource
    from lms.group_training import services
    from lms.group_training.apps import SESSION_LEADERS_GROUP
    from lms.organisation.models import OrgUnitKind, Person

    with test_database():
        units = make_units(60)
        make_people(units, args.others)
        unit = next(u for u in units if u.kind == OrgUnitKind.UNIT)
        present = make_people([unit], args.present)
        (course,) = make_courses(1)
        Enrolment.objects.bulk_create(
            Enrolment(person_id=pid, course=course, source=EnrolmentSource.ASSIGNED, is_required=True)
            for pid in present[::2]
        )
        leader_person = Person.objects.get(pk=present[0])
        leader = leader_person.user
        leader.groups.add(Group.objects.get(name=SESSION_LEADERS_GROUP))
        StaffScope.objects.create(user=leader, org_unit=unit)
        people = list(Person.objects.filter(pk__in=present))

        def confirm():
            with transaction.atomic():
                session = services.session_start(course=course, org_unit=unit, held_on=date.today(), leader=leader)
                services.session_confirm(session=session, person_ids=present, by=leader)
                transaction.set_rollback(True)

        def baseline():
            with transaction.atomic():
                for person in people:
                    enrolment = course_services.enrolment_self_enrol(person=person, course=course)
                    course_services.enrolment_complete_by_attendance(enrolment=enrolment)
                transaction.set_rollback(True)

        medians = interleaved_medians_ms({"confirm": confirm, "baseline": baseline}, repeat=args.repeat, warmup=2)
        target = 1000 if connection.vendor == "postgresql" else 2000
        print(f"database: {connection.vendor}; {args.present} present, {args.others} others in the group")
        print(f"  session started and confirmed:  {medians['confirm']:8.1f} ms  ({count_queries(confirm)} queries)")
        print(f"  baseline, one by one (events):  {medians['baseline']:8.1f} ms  ({count_queries(baseline)} queries)")
        print(
            f"  ratio: {medians['confirm'] / medians['baseline']:.2f}x the baseline; target under {target} ms: "
            f"{'met' if medians['confirm'] < target else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
