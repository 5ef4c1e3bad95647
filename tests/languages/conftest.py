import pytest
from django.contrib.auth.models import Group

from lms.access.roles import MODERATORS_GROUP
from tests.factories import UserFactory


@pytest.fixture
def editor_client(client):
    """Signed in as a moderator: may edit and publish pages in every language's tree."""
    editor = UserFactory()
    editor.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    client.force_login(editor)
    return client
