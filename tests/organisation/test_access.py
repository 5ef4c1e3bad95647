"""The access rule itself (lms/organisation/access.py): it fails closed."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured

from lms.core.models import SiteSettings
from lms.organisation.access import scope_of, visible_rows
from lms.organisation.models import Person
from tests.factories import OrgUnitFactory, PersonFactory, UserFactory, hr_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    root = OrgUnitFactory(name="Kommunen")
    inside, outside = OrgUnitFactory(parent=root, name="Förvaltning A"), OrgUnitFactory(parent=root, name="Bolaget")
    return {"unit": inside, "inside": PersonFactory(org_unit=inside), "outside": PersonFactory(org_unit=outside)}


def test_anonymous_and_inactive_users_see_nothing(people):
    assert not visible_rows(AnonymousUser(), Person.objects.all()).exists()
    assert not visible_rows(hr_user(is_active=False), Person.objects.all()).exists()
    assert scope_of(AnonymousUser()).is_limited


def test_a_user_without_the_declared_permission_sees_nothing_whatever_their_scope(people):
    assert not visible_rows(UserFactory(), Person.objects.all()).exists()


def test_hr_without_a_scope_sees_the_whole_group_and_with_one_only_its_subtree(people):
    everyone = hr_user()
    assert set(visible_rows(everyone, Person.objects.all())) == {people["inside"], people["outside"]}
    limited = hr_user(scope=people["unit"])
    assert list(visible_rows(limited, Person.objects.all())) == [people["inside"]]


def test_a_model_without_a_declaration_is_an_error_not_everything(people):
    with pytest.raises(ImproperlyConfigured):
        visible_rows(hr_user(), SiteSettings.objects.all())
