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


def status_and_location(response) -> tuple[int, str]:
    """A response's status and where it redirects to, without the query string (``?next=…``), to assert
    one answer exactly: ``== (302, "/admin/login/")``. In the Wagtail admin, no admin access at all is
    302 to /admin/login/; admin access without the permission is 302 to the dashboard, /admin/ (Wagtail's
    ``permission_denied``; 403 only for XMLHttpRequest)."""
    return response.status_code, response.get("Location", "").split("?")[0]
