"""More sections of the public results page (/resultat/), from the apps above reports (survey
results, the democracy plan's yearly report). Reports must not import them, so each registers its
sections here from its AppConfig.ready().

A section is rendered after the completion figures, in ``order`` (then key), with its own template
and the context its function returns; a function that returns None leaves the section out (nothing
published yet). A section may also give a ``headline`` template: its figures in a sentence or two,
shown with the same context at the top of the page, where a reader on a phone looks first. Whatever a section shows must already obey the small-group rule (disclosure.py).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PublicSection:
    key: str
    order: int
    template: str
    context: Callable  # fn(request) -> dict | None
    headline: str = ""  # a template of the section's headline figures, or none


_sections: dict[str, PublicSection] = {}


def register_public_section(*, key: str, order: int, template: str, context: Callable, headline: str = "") -> None:
    """Add (or replace, by key) a section of /resultat/."""
    _sections[key] = PublicSection(key=key, order=order, template=template, context=context, headline=headline)


def public_sections(request) -> list[tuple[PublicSection, dict]]:
    """The sections with something to show, in order, each with its context."""
    shown = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.key)):
        context = section.context(request)
        if context is not None:
            shown.append((section, context))
    return shown
