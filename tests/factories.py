"""factory_boy factories for the whole suite. Tree nodes and people are made through the services."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from lms.access.models import StaffScope
from lms.access.roles import HR_GROUP
from lms.organisation import services
from lms.organisation.models import Audience, OrgUnit, OrgUnitKind, Person


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    password = factory.django.Password("secret-pass-123")


def hr_user(*, scope: OrgUnit | None = None, username: str | None = None, **fields):
    """A user in the HR group; with ``scope``, limited to that unit's subtree (a StaffScope),
    without it the whole group. ``fields`` go to UserFactory (``is_staff=True``, ``email=…``)."""
    if username is not None:
        fields["username"] = username
    user = UserFactory(**fields)
    user.groups.add(Group.objects.get(name=HR_GROUP))
    if scope is not None:
        StaffScope.objects.create(user=user, org_unit=scope)
    return user


class OrgUnitFactory(factory.Factory):
    """OrgUnit.add_root / add_child keep the materialised path right; plain create() would not."""

    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Enhet {n}")
    code = factory.Sequence(lambda n: f"U{n:05d}")
    kind = OrgUnitKind.UNIT
    parent = None

    @classmethod
    def _create(cls, model_class, parent=None, **kwargs):
        return services.org_unit_create(parent=parent, **kwargs)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    user = factory.SubFactory(UserFactory)
    org_unit = factory.SubFactory(OrgUnitFactory)
    audience = Audience.STAFF
    employee_number = factory.Sequence(lambda n: f"E{n:06d}")
