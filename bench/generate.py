"""A municipal group at scale for benchmarks: units, people, courses and enrolments, bulk-inserted.

The tree has a municipality, administrations and companies, departments and units
(400 units by default). People are spread evenly over the leaf units, mostly staff,
some managers and politicians. Everything is inserted with bulk_create: the point is
to measure the code under test, not the generator.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from lms.organisation.models import Audience, OrgUnit, OrgUnitKind, Person

BATCH = 5000


def make_units(total: int = 400) -> list[OrgUnit]:
    """municipality > 8 administrations/companies > departments > units; ``total`` nodes in all."""
    root = OrgUnit.add_root(name="Storstad kommun", code="B-ROOT", kind=OrgUnitKind.MUNICIPALITY)
    units = [root]
    tops = []
    for i in range(8):
        kind = OrgUnitKind.COMPANY if i >= 6 else OrgUnitKind.ADMINISTRATION
        tops.append(root.add_child(name=f"Förvaltning {i}", code=f"B-F{i}", kind=kind))
    units += tops
    departments = []
    for i in range(40):
        departments.append(tops[i % 8].add_child(name=f"Avdelning {i}", code=f"B-A{i}", kind=OrgUnitKind.DEPARTMENT))
    units += departments
    leaves = []
    i = 0
    while len(units) + len(leaves) < total:
        parent = OrgUnit.objects.get(pk=departments[i % len(departments)].pk)  # fresh numchild for treebeard
        leaves.append(parent.add_child(name=f"Enhet {i}", code=f"B-E{i}", kind=OrgUnitKind.UNIT))
        i += 1
    return units + leaves


def make_people(units: list[OrgUnit], total: int) -> list[int]:
    """``total`` people with users, spread over the leaf units. Returns their ids."""
    User = get_user_model()
    leaves = [u for u in units if u.kind == OrgUnitKind.UNIT] or units
    password = make_password(None)
    start = User.objects.count()
    users = [
        User(username=f"bench{start + n}", first_name="Test", last_name=f"Person {n}", password=password)
        for n in range(total)
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    user_ids = list(User.objects.filter(username__startswith="bench").order_by("pk").values_list("pk", flat=True))
    user_ids = user_ids[-total:]
    rng = random.Random(42)
    people = []
    for n, user_id in enumerate(user_ids):
        roll = rng.random()
        audience = Audience.POLITICIAN if roll < 0.02 else Audience.MANAGER if roll < 0.08 else Audience.STAFF
        people.append(
            Person(
                user_id=user_id,
                org_unit=leaves[n % len(leaves)],
                audience=audience,
                employee_number=None if audience == Audience.POLITICIAN else f"B{start + n:07d}",
            )
        )
    Person.objects.bulk_create(people, batch_size=BATCH)
    return list(Person.objects.filter(user_id__in=user_ids).values_list("pk", flat=True))


def make_courses(count: int = 20, lessons: int = 3):
    from home.demo import _home_page
    from lms.courses.models import CourseIndexPage, CoursePage, LessonPage

    home = _home_page()
    index = CourseIndexPage.objects.first() or home.add_child(instance=CourseIndexPage(title="Kurser", slug="kurser"))
    courses = []
    for c in range(count):
        course = index.add_child(
            instance=CoursePage(title=f"Kurs {c}", slug=f"bench-kurs-{c}", summary="Om kursen.", ends_with_quiz=False)
        )
        for i in range(lessons):
            course.add_child(instance=LessonPage(title=f"Lektion {i}", slug=f"lektion-{i}", body=[]))
        courses.append(course)
    return courses


def make_enrolments(person_ids: list[int], courses, total: int, seed: int = 7) -> int:
    """``total`` enrolments over people × courses: about 60 % completed, some overdue, a few renewed."""
    from lms.courses.models import Enrolment

    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate()
    per_person = max(1, total // len(person_ids))
    rows = []
    made = 0
    for person_id in person_ids:
        for course in rng.sample(courses, min(per_person, len(courses))):
            roll = rng.random()
            completed = now - timedelta(days=rng.randint(1, 700)) if roll < 0.6 else None
            rows.append(
                Enrolment(
                    person_id=person_id,
                    course_id=course.pk,
                    cycle=1,
                    source="assigned",
                    is_required=roll < 0.95,
                    due_date=today + timedelta(days=rng.randint(-90, 120)),
                    started_at=completed or (now if roll < 0.8 else None),
                    completed_at=completed,
                )
            )
            made += 1
            if len(rows) >= BATCH:
                Enrolment.objects.bulk_create(rows)
                rows = []
            if made >= total:
                break
        if made >= total:
            break
    Enrolment.objects.bulk_create(rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return made
