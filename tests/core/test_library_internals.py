"""The private names of libraries we still rely on (docs/architecture.md, "Private names we rely on"):
one test each that fails loudly when the library changes the name, its signature or what it does with
it, instead of our optimisation or defence disappearing in silence. Upper bounds in requirements*.in
keep such a change from arriving unannounced."""

import inspect
from pathlib import Path

import pytest
import wagtail
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail import views as wagtail_views
from wagtail.admin.templatetags import wagtailadmin_tags
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

from lms.accounts import permission_cache
from lms.core.models import SiteSettings

# --- Wagtail -------------------------------------------------------------------------------------------


def test_wagtails_admin_base_prints_the_sidebar_with_the_tag_we_register():
    """permission_cache.install() registers our cached ``sidebar_props`` in Wagtail's tag library."""
    base = Path(wagtail.__file__).parent / "admin/templates/wagtailadmin/base.html"
    assert base.read_text().count("{% sidebar_props %}") == 1
    node = engines["django"].from_string("{% load wagtailadmin_tags %}{% sidebar_props %}").template.nodelist[-1]
    assert node.func is permission_cache.sidebar_props
    # Wagtail's own, which the cached one calls on a miss: one argument, the template context.
    assert permission_cache._wagtail_sidebar_props.__module__ == wagtailadmin_tags.__name__
    assert list(inspect.signature(permission_cache._wagtail_sidebar_props).parameters) == ["context"]


@pytest.fixture
def anonymous_request(home_page):
    request = RequestFactory().get("/no-such-page/")
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    request.session = {}
    return request


def test_wagtail_routes_from_request_wagtail_route_for_request(anonymous_request, home_page):
    """core/serving.py seeds the route Wagtail's ``Page.route_for_request`` keeps on the request."""
    anonymous_request._wagtail_route_for_request = RouteResult(home_page, [], {})
    with CaptureQueriesContext(connection) as routing:
        assert Page.route_for_request(anonymous_request, "/no-such-page/").page is home_page
    assert len(routing) == 0
    response = wagtail_views.serve(anonymous_request, "/no-such-page/")  # the seeded page, not a 404
    assert response.status_code == 200


def test_wagtail_checks_the_view_restrictions_the_page_object_answers(anonymous_request, home_page):
    """core/serving.py answers ``page.get_view_restrictions()`` from the cache with a list: Wagtail's
    check (its on_serve_page hook) asks the page object and accepts a list."""
    restriction = PageViewRestriction(page=home_page, restriction_type=PageViewRestriction.LOGIN, pk=1)
    home_page.get_view_restrictions = lambda: [restriction]
    anonymous_request._wagtail_route_for_request = RouteResult(home_page, [], {})
    response = wagtail_views.serve(anonymous_request, "/no-such-page/")
    assert (response.status_code, "login" in response["Location"]) == (302, True)  # Wagtail's sign-in for a page


def test_site_settings_are_kept_where_wagtails_for_request_reads_them(home_page):
    """Our ``SiteSettings.for_request`` keeps the settings under ``get_cache_attr_name()``; Wagtail's own
    (the ``settings`` context processor, ``{% get_settings %}``) then reads them from there."""
    request = RequestFactory().get("/")
    ours = SiteSettings.for_request(request)
    assert getattr(request, SiteSettings.get_cache_attr_name()) is ours
    with CaptureQueriesContext(connection) as reading:
        assert BaseSiteSetting.for_request.__func__(SiteSettings, request) is ours
    assert len(reading) == 0


# --- pytest-django (public since the conftest overrides django_db_setup; its rule copied, checked here) ----


class _Item:
    """A collected test as pytest-django reads it: its fixtures, no mark, no TestCase class."""

    cls = None

    def __init__(self, *fixturenames):
        self.fixturenames = fixturenames

    def get_closest_marker(self, name):
        return None


@pytest.mark.parametrize("fixtures", [("demo", "demo_page"), ("db",), ("live_server",), ("transactional_db",), ()])
def test_the_conftest_knows_which_tests_pytest_django_makes_a_database_for(fixtures):
    """tests/conftest.py's ``django_db_setup`` creates the database for a run of demo tests alone when
    pytest-django would not: its copy of pytest-django's rule must agree with pytest-django's own."""
    import pytest_django.fixtures as pytest_django_fixtures

    from tests.conftest import asks_pytest_django_for_the_database

    item = _Item(*fixtures)
    theirs = bool(pytest_django_fixtures._get_databases_for_setup([item])[0])
    assert asks_pytest_django_for_the_database(item) is theirs


# --- WeasyPrint (and its PDF writer, pydyf) ------------------------------------------------------------


def test_the_pdf_finisher_reaches_the_xmp_stream_through_weasyprint_and_pydyf(settings):
    """certificates/rendering.py ``declare_pdf_ua`` (a documented ``finisher``) reads WeasyPrint's
    ``document.metadata.generate_rdf_metadata(variant, version, conformance)`` and writes the XMP stream
    through pydyf's ``pdf.catalog["Metadata"]``, ``pdf.objects`` and a stream's ``stream`` and ``compress``.
    tests/certificates/test_pdf_accessibility.py checks the whole file; this names what we touch."""
    import pydyf
    from weasyprint import HTML

    from lms.certificates.rendering import PDF_VARIANT, declare_pdf_ua

    seen = {}

    def finisher(document, pdf):
        seen["parameters"] = list(inspect.signature(document.metadata.generate_rdf_metadata).parameters)
        stream = pdf.objects[int(pdf.catalog["Metadata"].split()[0])]
        seen["stream"] = (type(stream), type(stream.stream), stream.compress)
        declare_pdf_ua(document, pdf)
        seen["written"] = stream.stream[0]

    HTML(string="<html lang='sv'><title>T</title><p>x</p></html>").write_pdf(pdf_variant=PDF_VARIANT, finisher=finisher)
    assert seen["parameters"][:3] == ["variant", "version", "conformance"]
    assert seen["stream"][0] is pydyf.Stream and seen["stream"][1] is list
    assert b"pdfuaid:part" in seen["written"]


# --- redis-py ------------------------------------------------------------------------------------------


def test_our_pipeline_is_built_as_redis_py_builds_its_own():
    """core/rediscache.py ``BreakingRedis.pipeline`` builds its ``Pipeline`` subclass with the arguments
    redis-py's own ``Redis.pipeline`` passes."""
    from redis import Redis
    from redis.client import Pipeline

    source = inspect.getsource(Redis.pipeline)
    assert "Pipeline(\n            self.connection_pool, self.response_callbacks, transaction, shard_hint\n" in source
    parameters = list(inspect.signature(Pipeline.__init__).parameters)
    assert parameters[:5] == ["self", "connection_pool", "response_callbacks", "transaction", "shard_hint"]


# --- Django ----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_statement_passes_the_write_watch_installed_in_execute_wrappers():
    """core/sitecache.py puts ``watch_writes`` first in ``connection.execute_wrappers``, the list Django's
    ``execute_wrapper()`` appends to and every cursor's execute runs through."""
    from django.contrib.auth.models import Group

    from lms.accounts.permission_cache import permissions_cache
    from lms.core import sitecache

    connection.ensure_connection()
    assert connection.execute_wrappers[0] is sitecache.watch_writes
    assert list(inspect.signature(connection.execute_wrapper).parameters) == ["wrapper"]
    before = permissions_cache.version()
    Group.objects.filter(name="nobody").update(name="nobody")  # a bulk UPDATE: no signal, still seen
    assert permissions_cache.version() != before


# --- pytest-xdist --------------------------------------------------------------------------------------


def test_xdist_asks_the_scheduler_for_each_tests_unit_of_work():
    """tests/conftest.py's ``GroupScheduling`` (the demo's and the access world's tests on one worker each)
    overrides ``LoadScopeScheduling._split_scope``: the scheduler must still ask it, test by test."""
    from xdist.scheduler import LoadScopeScheduling

    assert list(inspect.signature(LoadScopeScheduling._split_scope).parameters) == ["self", "nodeid"]
    assert "self._split_scope(nodeid)" in inspect.getsource(LoadScopeScheduling.schedule)
