"""The public figures' disclosure control (lms/reports/disclosure.py) survives differencing: for
random group trees and small populations, solving the published figures' equations pins down no
group under five people, neither its size nor its completions."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lms.reports.disclosure import Cell, Reason, band_range, protect

MIN = 5

group = st.integers(min_value=1, max_value=12).flatmap(
    lambda n: st.tuples(st.just(n), st.integers(min_value=0, max_value=n))
)
remainder = st.integers(min_value=0, max_value=8).flatmap(
    lambda n: st.tuples(st.just(n), st.integers(min_value=0, max_value=n))
)


def published(parts_truth, rest_truth):
    parts = [Cell(required=n, completed=c) for n, c in parts_truth]
    total = Cell(
        required=sum(n for n, _c in parts_truth) + rest_truth[0],
        completed=sum(c for _n, c in parts_truth) + rest_truth[1],
    )
    protect(total, parts, min_group=MIN)
    return total, parts


def pinned_small_groups(total, parts, parts_truth, rest_truth) -> list[str]:
    """What an attacker can pin down about groups under five, from the shown cells alone.

    Unknowns: each hidden part's people x (at least 1) and completions (0..x), the remainder's
    people r (at least 0) and completions. One equation each: total = shown parts + hidden + r.
    A quantity is pinned when its least and greatest feasible values are equal."""
    found = [f"a shown cell of {c.required}" for c in [total, *parts] if not c.suppressed and c.required < MIN]
    if total.suppressed:
        return found  # no equation: hidden cells are only known to be hidden
    hidden = [(n, c, 1) for cell, (n, c) in zip(parts, parts_truth, strict=True) if cell.suppressed]
    hidden.append((*rest_truth, 0))  # the remainder, never shown, at least nobody
    people = total.required - sum(p.required for p in parts if not p.suppressed)
    completed = total.completed - sum(p.completed for p in parts if not p.suppressed)
    lows = sum(low for _n, _c, low in hidden)
    if 0 < people < MIN:
        found.append(f"the hidden people together: {people}")
    for n, _c, low in hidden:
        if not 0 < n < MIN:
            continue
        most = people - (lows - low)
        if most == low:
            found.append(f"a hidden group of {n}: its size")
        least_done = max(0, completed - (people - low))
        most_done = min(completed, most)
        if least_done == most_done:
            found.append(f"a hidden group of {n}: its completions")
    return found


@settings(max_examples=400, deadline=None)
@given(parts_truth=st.lists(group, min_size=0, max_size=6), rest_truth=remainder)
def test_no_group_under_five_can_be_pinned_down(parts_truth, rest_truth):
    total, parts = published(parts_truth, rest_truth)
    assert pinned_small_groups(total, parts, parts_truth, rest_truth) == []


def test_the_issues_scenarios_no_longer_reveal_anyone():
    # Three politicians (one completed) in committees, outside every shown part: the remainder.
    total, parts = published([(20, 10), (17, 8), (20, 10)], (3, 1))
    assert not total.suppressed and sum(p.suppressed for p in parts) == 1
    assert pinned_small_groups(total, parts, [(20, 10), (17, 8), (20, 10)], (3, 1)) == []
    # Two companies of two people each, both suppressed: together a group of four.
    truth = [(2, 1), (2, 0), (30, 12), (25, 20)]
    total, parts = published(truth, (0, 0))
    assert [p.suppressed for p in parts] == [True, True, False, True]
    assert pinned_small_groups(total, parts, truth, (0, 0)) == []


def pinned_bands(total, parts, parts_truth, rest_truth) -> list[str]:
    """Banded cells ("at least 90 %") whose completions the other shown figures pin to one value:
    the total's completions less the exact parts' are shared by the banded parts (each within its
    band), the hidden parts and the remainder (anything from none to all of their people)."""
    if total.suppressed or total.band:
        return []
    banded = [(i, p) for i, p in enumerate(parts) if not p.suppressed and p.band]
    exact = [p for p in parts if not p.suppressed and not p.band]
    left = total.completed - sum(p.completed for p in exact)
    others = total.required - sum(p.required for p in parts if not p.suppressed)
    found = []
    for i, part in banded:
        feasible = []
        for value in range(band_range(part.required, part.band)[0], band_range(part.required, part.band)[1] + 1):
            rest = [band_range(p.required, p.band) for j, p in banded if j != i]
            if sum(r[0] for r in rest) <= left - value <= sum(r[1] for r in rest) + others:
                feasible.append(value)
        if len(feasible) < 2:
            found.append(f"banded part {parts_truth[i]}: {feasible}")
    return found


def shown_extremes(total, parts) -> list[str]:
    """Shown cells that print a share of exactly 0 % or 100 %, or counts beside a band."""
    return [
        f"{c.required}/{c.completed}"
        for c in [total, *parts]
        if not c.suppressed and not c.band and c.completed in (0, c.required)
    ]


@settings(max_examples=400, deadline=None)
@given(parts_truth=st.lists(group, min_size=0, max_size=6), rest_truth=remainder)
def test_no_share_of_everyone_or_no_one_is_shown_or_can_be_worked_out(parts_truth, rest_truth):
    total, parts = published(parts_truth, rest_truth)
    assert shown_extremes(total, parts) == []
    assert pinned_bands(total, parts, parts_truth, rest_truth) == []


def test_a_band_next_to_a_total_that_would_undo_it_hides_another_part():
    # 12 of 12 banded ("at least 91 %"), but 52 - 30 - 10 = 12 would give it: 25/10 is hidden too.
    truth = [(40, 30), (25, 10), (12, 12)]
    total, parts = published(truth, (0, 0))
    assert [(p.suppressed, p.reason, p.band) for p in parts] == [
        (False, "", ""),
        (True, Reason.REVEALS, ""),
        (False, "", "high"),
    ]
    assert pinned_bands(total, parts, truth, (0, 0)) == []


def test_bodies_whose_holders_differ_by_a_few_are_not_both_shown():
    a = frozenset(range(10))
    b = frozenset(range(1, 11))  # one left, one joined: the difference of their figures tells about them
    total = Cell(required=11, completed=6, members=a | b)
    parts = [Cell(required=10, completed=5, members=a), Cell(required=10, completed=6, members=b)]
    protect(total, parts, min_group=MIN)
    assert sum(p.suppressed for p in parts) >= 1
    assert {p.reason for p in parts if p.suppressed} == {Reason.OVERLAP}


def test_large_groups_stay_visible():
    truth = [(40, 30), (25, 10), (12, 6)]
    total, parts = published(truth, (0, 0))
    assert not total.suppressed and not any(p.suppressed for p in parts)
