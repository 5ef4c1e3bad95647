"""The demo's group session: Ekskolan's workplace meeting took "Likabehandling och diskrimineringsgrunderna"
together, led by its manager (``chef``), six present, two of them kitchen staff from the HR file without a
sign-in of their own. ``chef`` leads sessions for Ekskolan (the leaders' role and a staff scope on the unit).

Idempotent: the two people are matched by username, the session by course, unit and day."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from lms.access.models import StaffScope
from lms.courses.demo import demo_course
from lms.organisation import services as organisation_services
from lms.organisation.demo import DEMO_ACCOUNTS
from lms.organisation.models import Audience, OrgUnit, Person

from . import services
from .apps import SESSION_LEADERS_GROUP
from .models import GroupSession

COURSE_SLUG = "likabehandling-och-diskrimineringsgrunderna"
UNIT_CODE = "BUF-GR-EKS"
# From the HR file: no e-mail, no password: they never sign in, and need not.
WITHOUT_SIGN_IN = [("kok.eks.1", "Leyla", "Demir", "E9001"), ("kok.eks.2", "Bengt", "Sjöberg", "E9002")]


def load(stdout=None) -> dict:
    course = demo_course(COURSE_SLUG)
    unit = OrgUnit.objects.filter(code=UNIT_CODE).first()
    chef = Person.objects.filter(user__username="chef").select_related("user").first()
    if course is None or unit is None or chef is None:
        return {"group_sessions": 0}
    group_session_leader_demo(chef=chef, unit=unit)
    held_on = timezone.localdate() - timedelta(days=3)
    if GroupSession.objects.filter(course=course, org_unit=unit).exists():
        return {"group_sessions": 0}
    kitchen = [_without_sign_in(unit, chef, *row) for row in WITHOUT_SIGN_IN]
    colleagues = list(
        Person.objects.active()
        .filter(org_unit=unit, audience=Audience.STAFF)
        .exclude(pk__in=[p.pk for p in kitchen])
        .exclude(user__username__in=[account[0] for account in DEMO_ACCOUNTS])  # anna keeps her course to take
        .order_by("pk")[:4]
    )
    session = services.session_start(course=course, org_unit=unit, held_on=held_on, leader=chef.user)
    services.session_confirm(session=session, person_ids=[p.pk for p in colleagues + kitchen], by=chef.user)
    return {"group_sessions": 1}


def group_session_leader_demo(*, chef: Person, unit: OrgUnit) -> None:
    """The demo manager leads group sessions for their own unit: HR's grant of the role, with a scope."""
    chef.user.groups.add(Group.objects.get_or_create(name=SESSION_LEADERS_GROUP)[0])
    StaffScope.objects.get_or_create(user=chef.user, defaults={"org_unit": unit})


def _without_sign_in(unit, manager, username, first, last, number) -> Person:
    existing = Person.objects.filter(user__username=username).first()
    if existing is not None:
        return existing
    return organisation_services.person_create(
        username=username, first_name=first, last_name=last, org_unit=unit, employee_number=number, manager=manager
    )
