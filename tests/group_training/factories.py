"""A unit with its people, a leader who may lead sessions for it, and a course to take together."""

from dataclasses import dataclass

from django.contrib.auth.models import Group

from lms.access.models import StaffScope
from lms.courses.models import CoursePage
from lms.group_training.apps import SESSION_LEADERS_GROUP
from lms.organisation.models import Audience, OrgUnit, Person
from tests.certificates.factories import CertificateTemplateFactory
from tests.courses.factories import make_course
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory

LESSON_BODY = [
    ("paragraph", "<p>Alla ska behandlas lika.</p>"),
    ("discussion", {"question": "Var ser ni risker hos oss?", "leader_guidance": "<p>Inga namn.</p>", "minutes": 5}),
    ("poll", {"question": "Vad skulle du göra?", "choices": ["Säga ifrån", "Vänta"], "explanation": ""}),
]


@dataclass
class World:
    unit: OrgUnit
    other_unit: OrgUnit
    people: list[Person]
    stranger: Person  # outside the leader's scope
    leader: object  # a user
    course: CoursePage


def make_leader(*, unit: OrgUnit, **fields):
    user = UserFactory(**fields)
    PersonFactory(user=user, org_unit=unit, audience=Audience.MANAGER)
    user.groups.add(Group.objects.get(name=SESSION_LEADERS_GROUP))
    StaffScope.objects.create(user=user, org_unit=unit)
    return user


def make_world(*, people: int = 5, certificate: bool = True, title: str = "Likabehandling") -> World:
    root = OrgUnitFactory(name="Kommunen")
    unit = OrgUnitFactory(name="Ekskolan", parent=root)
    other_unit = OrgUnitFactory(name="Björkskolan", parent=root)
    course, lessons = make_course(
        title=title, lessons=2, certificate_template=CertificateTemplateFactory() if certificate else None
    )
    lessons[0].body = LESSON_BODY
    lessons[0].save_revision().publish()
    return World(
        unit=unit,
        other_unit=other_unit,
        people=[PersonFactory(org_unit=unit) for _ in range(people)],
        stranger=PersonFactory(org_unit=other_unit),
        leader=make_leader(unit=unit, username="kberg", first_name="Karin", last_name="Berg"),
        course=course,
    )
