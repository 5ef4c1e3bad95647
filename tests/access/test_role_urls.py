"""The generated role × URL test (DESIGN.md, "The access rule"): every URL the project and Wagtail
register, requested as every role, with every integer filled with 900001 so it lands on a row of
the marker person, who sits where none of the limited roles may look (world.py).

Per role and URL: a GET; for the roles that must not see her also a GET with a query string that
tries to widen what the page shows, and a POST. Not sent, because the answer cannot differ: either of
them where the plain GET met Wagtail's admin gate (``require_admin_access``) as a user without admin
access and was sent to the login page (the gate answers before the view, whatever the method and
query string: walker.is_admin_gated); the widening GET where the plain GET was refused (404, 403, 405,
a sign-in or "no permission" redirect: the access rule refuses the view before it reads its query, so
there is no page to widen; a third of the walk's requests were these).

None may be a 500; for every role but HR for the whole group and the superuser, the marker's
names, e-mail, employee number and certificate code (raw and as displayed) must appear in no
answer (HTML, JSON, CSV, XLSX and PDF read as text, and the Location and Content-Disposition
headers); a refused POST (400/403/404/405, a redirect to a login page, or Wagtail's "no
permission" redirect to the dashboard) must change nothing in the database and send no mail.
Each request runs in a savepoint rolled back afterwards, so one request's allowed write does not
reach the next.

One test per role, collecting every failure of that role into one message.
"""

import sys
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import path

from . import probe
from .walker import PUBLIC_BY_DESIGN, url_targets
from .world import MARK, MARK_UUID, MARKER_FIRST, MARKER_LAST, ROLES, SEES_MARKER

WIDEN_QUERY = urlencode([("q", "Zxqmark"), ("id", "all"), ("unit", MARK), ("person", MARK), ("p", 1)])
# The test database exists only for marked tests; each test runs in its own savepoint inside the
# module's world (conftest.py).
pytestmark = pytest.mark.django_db

MIN_URLS = 300  # the project and Wagtail register over 330 patterns; far fewer means the walk broke
# Each role must get real answers (200) from some URLs, or it was refused everywhere and proved nothing.
MIN_ANSWERED = {"editor": 50, "hr_limited": 50, "hr_all": 50, "superuser": 100}

# Sign-out views: their redirect to the sign-in page is the success, and they write the sign-out log.
SIGNS_OUT = {"wagtailadmin_logout", "lms_admin_logout", "accounts:logout"}

# URLs that answer 500 on purpose.
ERROR_BY_DESIGN = {
    "wagtailadmin_error_test",  # Wagtail's /admin/failwhale/: raises to test the error page and its reporting
}


def test_every_url_pattern_can_be_filled(targets):
    _found, unfillable = targets
    assert not unfillable, "\n".join(unfillable)


def _view(request, **kwargs):
    return None


# A view added later with a parameter the walker does not know: it must ask to be taught.
urlpatterns = [
    path("known/<int:pk>/", _view, name="known"),
    path("new/<str:colour>/", _view, name="new_kind"),
    path("verify/<str:code>/", _view, name="not_public"),
]


def test_the_walker_asks_to_be_taught_a_new_parameter(world):
    found, unfillable = url_targets(world, urlconf=sys.modules[__name__])
    assert [t.url for t in found] == [f"/known/{MARK}/"]
    assert unfillable == [
        "teach the role × URL test how to fill colour in new/<str:colour>/ (new_kind)",
        "teach the role × URL test how to fill code in verify/<str:code>/ (not_public)",
    ]


def _client_for(world, role) -> Client:
    client = Client(raise_request_exception=False)
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def _widened(target) -> str:
    return f"{target.path}?{'&'.join(q for q in (target.query, WIDEN_QUERY) if q)}"


@pytest.mark.parametrize("role", ROLES)
def test_role_sees_no_marker_and_refused_posts_change_nothing(role, world, targets, django_db_blocker, quiet_logs):
    found, _unfillable = targets
    restricted = role not in SEES_MARKER
    tokens = world.marker_tokens()
    failures, requests, answered, showed_marker = [], 0, 0, 0
    with django_db_blocker.unblock():
        cache.clear()
        client = _client_for(world, role)
        user = world.users[role]
        has_admin_access = user is not None and user.has_perm("wagtailadmin.access_admin")
        baseline = probe.snapshot() if restricted else None
        for target in found:
            gate_refused = get_refused = False
            plan = [("GET", target.url)]
            if restricted:  # nothing to widen for a role that sees the whole group
                plan += [("GET", _widened(target)), ("POST", target.url)]
            allowed = PUBLIC_BY_DESIGN.get(target.name, set())
            for method, url in plan:
                if method != "GET" or url != target.url:
                    if gate_refused:
                        continue  # the admin gate answered the plain GET; it answers these alike
                    if method == "GET" and get_refused:
                        continue  # refused before any query string is read: nothing to widen
                requests += 1
                try:
                    # Signing out answers with the sign-in page and logs the sign-out (axes): not a refusal.
                    checked = None if target.name in SIGNS_OUT else baseline
                    outcome = probe.request(client, method, url, baseline=checked)
                except Exception as exc:  # the answer could not even be read (a broken PDF, say)
                    failures.append(f"{method} {url} -> unreadable: {type(exc).__name__}: {exc}")
                    continue
                if method == "GET" and url == target.url:
                    gate_refused = (
                        target.admin_gated
                        and not has_admin_access
                        and probe.is_login_redirect(outcome.status, outcome.location)
                    )
                    get_refused = outcome.refused
                    answered += outcome.status == 200
                    showed_marker += bool(probe.leaks(outcome.text, tokens))
                problems = []
                if outcome.status >= 500 and target.name not in ERROR_BY_DESIGN:
                    problems.append(f"server error {outcome.exception}".rstrip())
                if restricted:
                    leaked = probe.leaks(outcome.text, tokens, allowed)
                    if leaked:
                        problems.append(f"leaked marker {', '.join(leaked)}")
                    if outcome.changed:
                        problems.append(f"refused but changed {', '.join(outcome.changed)}")
                if problems:
                    failures.append(f"{method} {url} -> {outcome.status} / {' / '.join(problems)}")
    n = len(found)
    print(
        f"checked {n} URL x role pairs (role {role}: {requests} requests, {answered} URLs answered 200, "
        f"{showed_marker} showed the marker, {connection.vendor})"
    )
    assert n > MIN_URLS, f"only {n} URLs found: the walk of the URL patterns is broken"
    # The role really works (not refused everywhere), and the marker is within reach of those who may see her.
    assert answered >= MIN_ANSWERED.get(role, 5), f"{role}: only {answered} URLs answered 200"
    if not restricted:
        assert showed_marker >= 10, f"{role} saw the marker on only {showed_marker} URLs: is the world reachable?"
    assert not failures, f"{len(failures)} failure(s) as {role}:\n" + "\n".join(failures)


def test_the_markers_are_detectable(world, django_db_blocker, quiet_logs):
    """Without this the test above could pass by never reaching the marker: the roles that may
    see her do, and the public verification page shows her name by design."""
    tokens = world.marker_tokens()
    with django_db_blocker.unblock():
        superuser = _client_for(world, "superuser")
        hr_all = _client_for(world, "hr_all")
        anonymous = _client_for(world, "anonymous")
        checks = [
            (superuser, f"/admin/organisation/people/edit/{MARK}/", {"first name", "last name", "e-mail"}),
            (hr_all, f"/admin/organisation/people/{MARK}/personal-data/", {"first name", "employee number"}),
            (hr_all, f"/admin/reports/completion/exports/{MARK_UUID}/download/", {"first name", "e-mail"}),
            (hr_all, f"/intyg/{MARK}/ladda-ner/", {"first name", "certificate display code"}),
            (anonymous, f"/intyg/verifiera/{world.display_code}/", {"first name", "last name"}),
        ]
        missing = []
        for client, url, expected in checks:
            outcome = probe.request(client, "GET", url)
            seen = set(probe.leaks(outcome.text, tokens))
            if outcome.status != 200 or not expected <= seen:
                missing.append(
                    f"GET {url} -> {outcome.status} {outcome.exception}, shows {sorted(seen)}, expected {sorted(expected)}"
                )
    assert not missing, "the marker cannot be found where it must be:\n" + "\n".join(missing)
    assert MARKER_FIRST.lower() not in WIDEN_QUERY.lower() and MARKER_LAST.lower() not in WIDEN_QUERY.lower()
