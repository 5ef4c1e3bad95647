"""Disclosure control for the public figures: no group under five people can be read or worked out.

The public page shows, per course, the whole group's figures (the total) and those of each
administration and company (the parts). The total is the sum of the parts and of the people in
neither (politicians in committees, staff placed directly under the municipality: the remainder,
never shown). So anyone can compute ``total - shown parts``: the participants and completions of
everything hidden taken together. The rule, applied to one course at a time:

1. A part or total with fewer than five participants is hidden (primary suppression).
2. While what is hidden can still be worked out, the smallest part still shown is hidden too
   (secondary suppression); if every part is hidden and it still can, the total is hidden.

"Can be worked out", for an attacker who knows only that a hidden part has at least one person,
the remainder at least none, and that completions lie between none and everyone:

- the hidden people together are a group of one to four (their number and completions follow);
- there are no more hidden people than hidden parts (each part would be exactly one person);
- some hidden group is under five and the hidden people completed none or all of it (its
  completion would follow).

Otherwise every hidden count has at least two possible values. tests/reports/test_disclosure.py
checks this with random group trees by solving the published figures' equations.

Everyone or no one (attribute disclosure). Who belongs to a shown group is often public (a council's
members, an administration's staff), so "61 of 61" would tell each member's status. A shown cell
where at most ``band_margin(n)`` people (a tenth of the group, at least one) have completed, or at
most that many have not, is *banded*: the page says "at most 10 %" or "at least 90 %" and not how
many completed. Then:

3. While a banded cell's completions could be worked out from the total's completions less the
   exact cells' (fewer than two values left inside its band), the smallest exact part is hidden.
4. Where the people behind each cell are known (``Cell.members``: the bodies' holders), two shown
   cells whose memberships differ by one to four people would tell those people's status by their
   difference: the smaller is hidden ("overlapping assignments").

Each hidden cell keeps its reason (``Reason``), which the page shows.
"""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _


class Reason:
    """Why a cell is hidden (stored with the snapshot, shown on the page)."""

    SMALL = "small"  # fewer than five people
    REVEALS = "reveals"  # showing it would let a hidden group be worked out
    OVERLAP = "overlap"  # the holders overlap another shown body's but for a few people


LOW, HIGH = "low", "high"


def band_margin(required: int) -> int:
    """How many people may be "nearly none" or "nearly all": a tenth of the group, at least one."""
    return max(1, required // 10)


def band_of(required: int, completed: int) -> str:
    """LOW or HIGH where the share is too near 0 % or 100 % to show exactly, else ""."""
    margin = band_margin(required)
    if completed <= margin:
        return LOW
    if completed >= required - margin:
        return HIGH
    return ""


def band_range(required: int, band: str) -> tuple[int, int]:
    """The completions a banded cell may hold (inclusive)."""
    margin = band_margin(required)
    return (0, margin) if band == LOW else (required - margin, required)


def band_percent(required: int, band: str) -> int:
    """The bound the page prints: "at most X %" (rounded up) or "at least X %" (rounded down)."""
    low, high = band_range(required, band)
    return math.ceil(100 * high / required) if band == LOW else math.floor(100 * low / required)


def band_label(required: int, band: str) -> str:
    """How a banded share is printed everywhere (pages, PDFs, the admin): "at least 90 %", "at most 10 %"."""
    label = _("at least %(percent)s") if band == HIGH else _("at most %(percent)s")
    return label % {"percent": f"{band_percent(required, band)}\u00a0%"}


@dataclass
class Cell:
    """One unit's (or body's) figures for one course; ``suppressed``, ``reason`` and ``band`` are
    set by ``protect``. ``members``: the people behind it, where they are known to the public."""

    required: int
    completed: int
    suppressed: bool = False
    reason: str = ""
    band: str = ""
    members: frozenset | None = None


def _hide(cell: Cell, reason: str) -> None:
    cell.suppressed, cell.reason, cell.band = True, reason, ""


def protect(total: Cell, parts: list[Cell], *, min_group: int) -> None:
    """Mark the cells of one course to hide or band (see the module docstring)."""
    for cell in (total, *parts):
        if cell.required < min_group:
            _hide(cell, Reason.SMALL)
    if total.suppressed:
        for part in parts:
            _hide(part, Reason.SMALL)  # every part is within the total: under five too
        return
    for cell in (total, *parts):
        if not cell.suppressed:
            cell.band = band_of(cell.required, cell.completed)
    while True:
        found = _problem(total, parts, min_group=min_group)
        if found is None:
            return
        reason, victim = found
        if victim is None:
            _hide(total, reason)
            return
        _hide(victim, reason)


def _problem(total: Cell, parts: list[Cell], *, min_group: int) -> tuple[str, Cell | None] | None:
    """The first thing that could still be worked out, with the cell to hide for it (None: the
    total, when no part is left to hide); None when nothing can."""
    shown = [part for part in parts if not part.suppressed]
    smallest = min(shown, key=lambda part: (part.required, part.completed)) if shown else None
    if not _safe(total, parts, min_group=min_group):
        overlapping = sum(part.required for part in parts) > total.required
        primary = any(part.reason == Reason.SMALL for part in parts)
        return (Reason.OVERLAP if overlapping and not primary else Reason.REVEALS), smallest
    if not _bands_safe(total, parts):
        exact = [part for part in shown if not part.band]
        return Reason.REVEALS, min(exact, key=lambda part: part.required) if exact else smallest
    pair = _close_pair([cell for cell in (total, *parts) if not cell.suppressed], min_group=min_group)
    if pair is not None:
        first, second = (cell for cell in pair)
        victim = first if second is total else second if first is total else min(pair, key=lambda c: c.required)
        return Reason.OVERLAP, victim
    return None


def _bands_safe(total: Cell, parts: list[Cell]) -> bool:
    """No banded part's completions are pinned to one value by the total less the exact parts."""
    if total.suppressed or total.band:
        return True  # no exact total of completions to subtract from
    banded = [part for part in parts if not part.suppressed and part.band]
    if not banded:
        return True
    exact = [part for part in parts if not part.suppressed and not part.band]
    unknown_done = total.completed - sum(part.completed for part in exact)
    # Hidden parts and the people in no part: any number of completions from none to all of them.
    others = max(total.required - sum(part.required for part in parts if not part.suppressed), 0)
    ranges = [band_range(part.required, part.band) for part in banded]
    for i, (low, high) in enumerate(ranges):
        rest_low = sum(r[0] for j, r in enumerate(ranges) if j != i)
        rest_high = sum(r[1] for j, r in enumerate(ranges) if j != i) + others
        if min(high, unknown_done - rest_low) <= max(low, unknown_done - rest_high):
            return False
    return True


def _close_pair(cells: list[Cell], *, min_group: int) -> tuple[Cell, Cell] | None:
    """Two shown cells whose known memberships differ by one to ``min_group - 1`` people."""
    known = [cell for cell in cells if cell.members is not None]
    for i, first in enumerate(known):
        for second in known[i + 1 :]:
            if 0 < len(first.members ^ second.members) < min_group:
                return first, second
    return None


def _safe(total: Cell, parts: list[Cell], *, min_group: int) -> bool:
    hidden = [part for part in parts if part.suppressed]
    shown = [part for part in parts if not part.suppressed]
    people = total.required - sum(part.required for part in shown)  # hidden parts and the remainder
    completed = total.completed - sum(part.completed for part in shown)
    if people == 0:
        return True
    if people < min_group or people <= len(hidden):
        return False
    remainder = total.required - sum(part.required for part in parts)
    small = 0 < remainder < min_group or any(part.required < min_group for part in hidden)
    return not (small and completed in (0, people))
