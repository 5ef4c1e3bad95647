"""The registry of /resultat/'s further sections, which the apps above reports fill."""

import pytest

from lms.reports import public_sections


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(public_sections, "_sections", {})
    return public_sections


def test_sections_come_in_order_and_one_with_nothing_to_show_is_left_out(registry, rf):
    registry.register_public_section(key="b", order=20, template="b.html", context=lambda request: {"n": 2})
    registry.register_public_section(key="a", order=10, template="a.html", context=lambda request: {"n": 1})
    registry.register_public_section(key="empty", order=5, template="e.html", context=lambda request: None)
    shown = registry.public_sections(rf.get("/resultat/"))
    assert [(section.key, context) for section, context in shown] == [("a", {"n": 1}), ("b", {"n": 2})]


def test_registering_a_key_again_replaces_it(registry, rf):
    registry.register_public_section(key="a", order=10, template="a.html", context=lambda request: {"v": 1})
    registry.register_public_section(key="a", order=10, template="a.html", context=lambda request: {"v": 2})
    assert [context for _section, context in registry.public_sections(rf.get("/"))] == [{"v": 2}]
