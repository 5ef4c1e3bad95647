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
"""

from dataclasses import dataclass


@dataclass
class Cell:
    """One unit's figures for one course; ``suppressed`` is set by ``protect``."""

    required: int
    completed: int
    suppressed: bool = False


def protect(total: Cell, parts: list[Cell], *, min_group: int) -> None:
    """Mark the cells of one course to hide (see the module docstring)."""
    for cell in (total, *parts):
        if cell.required < min_group:
            cell.suppressed = True
    if total.suppressed:
        for part in parts:
            part.suppressed = True
        return
    while not _safe(total, parts, min_group=min_group):
        shown = [part for part in parts if not part.suppressed]
        if not shown:
            total.suppressed = True
            return
        min(shown, key=lambda part: (part.required, part.completed)).suppressed = True


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
