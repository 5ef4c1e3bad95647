"""The access rule itself (lms/access/rule.py): it fails closed."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import ImproperlyConfigured

from lms.access.models import StaffScope
from lms.access.rule import OrgScope, rows_in_scope, rows_within, scope_of, user_may, visible_rows
from lms.certificates.models import Certificate
from lms.core.models import SiteSettings
from lms.organisation.models import OrgUnit, Person
from lms.quizzes.models import Attempt
from lms.records.models import RetentionDecision
from lms.reports.models import CompletionSummary
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


def test_rows_in_scope_reads_the_declared_path_also_through_a_relation(people):
    limited = hr_user()
    StaffScope.objects.create(user=limited, org_unit=people["unit"])
    # OrgUnit declares "path"; users declare nothing but reach Person's declaration through "person".
    assert set(rows_in_scope(limited, OrgUnit.objects.all())) == {people["unit"]}
    users = get_user_model().objects.filter(person__isnull=False)
    assert list(rows_in_scope(limited, users, through="person")) == [people["inside"].user]
    assert set(rows_within(OrgScope(unit=people["outside"].org_unit), Person.objects.all())) == {people["outside"]}
    with pytest.raises(ImproperlyConfigured):
        rows_in_scope(limited, users)  # users declare nothing themselves: an error, not everyone


def test_user_may_asks_the_models_policy_and_fails_closed(people):
    superuser = UserFactory(is_superuser=True)
    assert user_may(superuser, RetentionDecision, "view")  # a model without a declaration: Wagtail's policy
    assert not user_may(superuser, Certificate, "change")  # the declaration has no such action, for anyone
    assert not user_may(UserFactory(is_superuser=True, is_active=False), RetentionDecision, "view")
    assert not user_may(AnonymousUser(), CompletionSummary, "view_reports")
    assert not user_may(None, CompletionSummary, "view_reports")
    assert user_may(hr_user(), CompletionSummary, "view_reports")  # a Meta permission, by its codename
    assert not user_may(UserFactory(), CompletionSummary, "view_reports")
    statistician = UserFactory()
    statistician.user_permissions.add(Permission.objects.get(codename="view_question_statistics"))
    assert user_may(statistician, Attempt, "change", "view_question_statistics")  # any of the actions
    assert not user_may(statistician, Attempt, "change")
