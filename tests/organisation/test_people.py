import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.http import HttpRequest

from lms.organisation import services
from lms.organisation.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_deactivation_keeps_the_person_and_blocks_sign_in(client):
    person = PersonFactory(user__username="leaver")
    services.person_deactivate(person=person)
    person.refresh_from_db()
    assert person.is_active is False and person.deactivated_at is not None
    assert person.user.is_active is False
    assert Person.objects.filter(pk=person.pk).exists()
    assert client.login(request=HttpRequest(), username="leaver", password="secret-pass-123") is False


def test_deactivating_twice_keeps_the_first_date():
    person = services.person_deactivate(person=PersonFactory())
    first = person.deactivated_at
    services.person_deactivate(person=person)
    person.refresh_from_db()
    assert person.deactivated_at == first


def test_reactivation_clears_the_date():
    person = services.person_deactivate(person=PersonFactory())
    services.person_reactivate(person=person)
    person.refresh_from_db()
    assert person.is_active and person.deactivated_at is None and person.user.is_active


def test_a_person_cannot_be_deleted_with_their_user():
    person = PersonFactory()
    with pytest.raises(ProtectedError):
        person.user.delete()


def test_database_keeps_active_flag_and_date_consistent():
    person = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(is_active=False)


def test_nobody_is_their_own_manager():
    person = PersonFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=person.pk).update(manager=person)


def test_update_rejects_unknown_fields():
    with pytest.raises(TypeError):
        services.person_update(person=PersonFactory(), shoe_size=42)
