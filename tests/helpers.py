"""Small helpers shared by the tests."""

from django.contrib.auth.models import Group

from lms.organisation.roles import HR_GROUP
from tests.factories import UserFactory


def body(response) -> str:
    """A response's text, streamed (exports, downloads) or not."""
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode()


def hr(username: str):
    """A user in the HR group (no report scope: the whole group)."""
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=HR_GROUP))
    return user
