"""What a learner is offered once a course is completed, by the apps above courses (a course
evaluation: "Vad tyckte du om kursen?", the certificate). Courses must not import them, so they
register a provider here from their AppConfig.ready(); the course page, the quiz's result and
"Mina kurser" ask every provider.

Likewise what waits for a learner outside their courses (an open survey they have not answered):
``register_waiting(key, fn)`` with ``fn(*, person) -> [Offer, ...]`` in a fixed number of queries;
"Mina kurser" and the home page show ``waiting_for(person=...)``.

A provider is ``fn(*, person, course_ids) -> {course_id: [Offer, ...]}`` for the given completed
courses, in a fixed number of queries however many courses it is asked about.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Offer:
    text: str
    url: str


_providers: dict[str, Callable] = {}
_waiting: dict[str, Callable] = {}


def register_completion_offers(key: str, fn: Callable) -> None:
    """Add (or replace, by key) a provider of offers after completion."""
    _providers[key] = fn


def completion_offers(*, person, course_ids) -> dict[int, list[Offer]]:
    """Every provider's offers to ``person`` for these completed courses; nothing is asked when
    there is no person or no course."""
    offers: dict[int, list[Offer]] = {}
    course_ids = list(course_ids)
    if person is None or not course_ids:
        return offers
    for fn in _providers.values():
        for course_id, found in fn(person=person, course_ids=course_ids).items():
            offers.setdefault(course_id, []).extend(found)
    return offers


def register_waiting(key: str, fn: Callable) -> None:
    """Add (or replace, by key) a provider of what waits for a learner besides their courses."""
    _waiting[key] = fn


def waiting_for(*, person) -> list[Offer]:
    """Every provider's waiting items for ``person``; nothing is asked without a person."""
    if person is None:
        return []
    return [offer for fn in _waiting.values() for offer in fn(person=person)]
