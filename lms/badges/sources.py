"""The kinds of certificate a badge sits beside: a course's (certificates) and each kind the apps above
register in ``lms.certificates.kinds`` (a learning path's), known by their key, row model and access rule."""

from collections.abc import Callable
from dataclasses import dataclass

from lms.certificates import kinds
from lms.certificates.models import Certificate
from lms.certificates.selectors import can_view_certificate

# Open Badges 3.0's achievementType for each kind; a kind not named here is a plain "Achievement".
ACHIEVEMENT_TYPES = {"course": "Course", "path": "LearningProgram"}


@dataclass(frozen=True)
class BadgeSource:
    key: str
    model: type
    may_view: Callable  # fn(user, row) -> bool: the owner, or staff whom the access rule lets see the row

    @property
    def achievement_type(self) -> str:
        return ACHIEVEMENT_TYPES.get(self.key, "Achievement")


COURSE = BadgeSource(key="course", model=Certificate, may_view=can_view_certificate)


def sources() -> list[BadgeSource]:
    found = [COURSE]
    for kind in kinds.certificate_kinds():
        if kind.model is not None and kind.may_view is not None:
            found.append(BadgeSource(key=kind.key, model=kind.model, may_view=kind.may_view))
    return found


def source_by_key(key: str) -> BadgeSource | None:
    return next((s for s in sources() if s.key == key), None)


def source_of(row) -> BadgeSource | None:
    return next((s for s in sources() if isinstance(row, s.model)), None)
