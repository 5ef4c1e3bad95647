"""Every view, hook and form asks the access rule (``visible_rows``, ``user_may``…) or Wagtail's permission
policies, never ``has_perm`` by hand: only the access module itself asks Django's permissions."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def hand_checks(source: str) -> list[int]:
    """The lines of ``source`` that call ``has_perm``/``has_perms`` on anything."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("has_perm", "has_perms")
    ]


def is_the_access_module(path: Path) -> bool:
    return path.name == "access.py" or path.parts[1] == "access"  # (the rule's own app, once split out)


def test_no_view_checks_permissions_by_hand():
    wrong = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "lms").rglob("*.py"))
        if "migrations" not in path.parts and not is_the_access_module(path.relative_to(ROOT))
        for line in hand_checks(path.read_text())
    ]
    assert wrong == []


def test_a_hand_check_is_seen():
    assert hand_checks("if request.user.has_perm('auth.change_user'):\n    pass\n") == [1]
    assert hand_checks("user_may(request.user, User, 'change')\n") == []


# A unit's subtree spelled as a tree path by hand (``org_unit__path__startswith=unit.path``): the access
# rule draws it (``rows_within(OrgScope(unit=unit), qs)``, ``OrgScope.condition``), from the model's declared
# path; only the tree itself (organisation) and the rule know how paths nest.
HAND_SUBTREE = re.compile(r"\w*unit\w*__path__startswith")


def test_no_unit_subtree_is_spelled_by_hand():
    wrong = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "lms").rglob("*.py"))
        if "migrations" not in path.parts and path.relative_to(ROOT).parts[1] not in ("access", "organisation")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if HAND_SUBTREE.search(line)
    ]
    assert wrong == []


def test_a_subtree_by_hand_is_seen():
    assert HAND_SUBTREE.search("people.filter(person__org_unit__path__startswith=unit.path)")
    assert not HAND_SUBTREE.search("rows_within(OrgScope(unit=unit), people)")
