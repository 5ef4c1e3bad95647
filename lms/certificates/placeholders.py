"""The named placeholders of certificate texts, checked when editors save and filled when rendering."""

from string import Formatter

from django.utils.translation import gettext as _

PLACEHOLDERS = ("name", "course", "completed_on", "valid_until", "organisation", "code")


class PlaceholderError(ValueError):
    """A text uses a placeholder we do not know, or its braces do not pair up."""


def placeholders_in(text: str) -> list[str]:
    """The placeholder names the text uses, in order. Raises PlaceholderError for unknown names,
    broken braces, or anything beyond a bare name ({name!r}, {name:>10}, {name.attr})."""
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
        if field not in PLACEHOLDERS or spec or conversion:
            raise PlaceholderError(
                _("Unknown placeholder %(placeholder)s. You can use: %(known)s.")
                % {"placeholder": shown, "known": ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)}
            )
        names.append(field)
    return names


def fill(text: str, values: dict[str, str]) -> str:
    """The text with its placeholders replaced. Validates first, so a bad text never half-renders."""
    placeholders_in(text)
    return (text or "").format_map({name: values.get(name, "") for name in PLACEHOLDERS})
