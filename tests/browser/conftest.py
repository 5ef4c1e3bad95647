"""Every test here runs on the demo, loaded once for all of them (tests/conftest.py: ``demo``)."""

import pytest


@pytest.fixture
def page(demo_page):
    """A tab on the demo's live server (not pytest-django's live_server, which would flush the demo)."""
    return demo_page
