"""Named placeholders in texts editors write ({name}, {course} …): checked on save, filled on use.

Only bare names are allowed: a format spec or conversion ({name:>99}, {name!r}) or an attribute
({name.attr}) could fail or leak at send time, long after the editor saved the text."""

from collections.abc import Iterable, Mapping
from string import Formatter

from django.utils.translation import gettext as _


class PlaceholderError(ValueError):
    """A text uses a placeholder we do not know, or its braces do not pair up."""


def placeholders_in(text: str, allowed: Iterable[str]) -> list[str]:
    """The placeholder names the text uses, in order; PlaceholderError for anything else."""
    allowed = tuple(allowed)
    try:
        parsed = list(Formatter().parse(text or ""))
    except ValueError as exc:
        raise PlaceholderError(
            _("The braces do not pair up. Write placeholders as {name}; write {{ or }} for a brace itself.")
        ) from exc
    names = []
    for _literal, field, spec, conversion in parsed:
        if field is None:
            continue
        shown = "{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if field not in allowed or spec or conversion:
            raise PlaceholderError(
                _("Unknown placeholder %(placeholder)s. You can use: %(known)s.")
                % {"placeholder": shown, "known": ", ".join(f"{{{p}}}" for p in allowed)}
            )
        names.append(field)
    return names


def fill(text: str, values: Mapping[str, object], allowed: Iterable[str]) -> str:
    """The text with its placeholders replaced. Checks first, so a bad text never half-renders."""
    allowed = tuple(allowed)
    placeholders_in(text, allowed)
    return (text or "").format_map({name: values.get(name, "") for name in allowed})
