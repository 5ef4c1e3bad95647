"""The site's primary colour: a hex colour that white text on it can be read against (WCAG 2.1, 1.4.3).

Buttons and the header's marks put white text on the primary colour, and links put the colour on
white, so one contrast ratio against white decides both."""

import math
import re

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CONTRAST = 4.5  # WCAG 2.1 AA for normal text
WHITE_LUMINANCE = 1.0


def _channel(value: int) -> float:
    """An sRGB channel (0–255) in linear light, as WCAG's relative luminance defines it."""
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_with_white(hex_colour: str) -> float:
    return (WHITE_LUMINANCE + 0.05) / (relative_luminance(hex_colour) + 0.05)


def darker(hex_colour: str, factor: float = 0.7) -> str:
    """The colour with each channel scaled towards black: for hover and the footer's edge. Darker
    than a colour white text passes on, so white text passes on it too."""
    r, g, b = (int(int(hex_colour[i : i + 2], 16) * factor) for i in (1, 3, 5))
    return f"#{r:02x}{g:02x}{b:02x}"


def validate_primary_colour(value: str) -> None:
    """Refuses anything but ``#rrggbb`` and any colour white text on it would not reach 4.5:1."""
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(_("Enter a colour as # and six hexadecimal digits, for example #005a9c."), code="format")
    ratio = contrast_with_white(value)
    if ratio < MIN_CONTRAST:
        # Rounded down, so that a refused colour never reads as "4.50:1".
        shown = formats.number_format(math.floor(ratio * 100) / 100, decimal_pos=2)  # "1,51" in Swedish
        raise ValidationError(
            _(
                "White text on %(colour)s has a contrast of only %(ratio)s:1; at least 4.5:1 is needed so that "
                "buttons and the header can be read. Choose a darker colour."
            ),
            code="contrast",
            params={"colour": value, "ratio": shown},
        )
