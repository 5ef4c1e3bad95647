"""The named placeholders of certificate texts, checked when editors save and filled when rendering."""

from collections.abc import Mapping

from lms.core import placeholders
from lms.core.placeholders import PlaceholderError

__all__ = ["PLACEHOLDERS", "PlaceholderError", "fill", "placeholders_in"]

PLACEHOLDERS = ("name", "course", "completed_on", "valid_until", "organisation", "code")


def placeholders_in(text: str) -> list[str]:
    return placeholders.placeholders_in(text, PLACEHOLDERS)


def fill(text: str, values: Mapping[str, str]) -> str:
    return placeholders.fill(text, values, PLACEHOLDERS)
