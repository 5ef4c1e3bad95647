"""Which of a learner's attempts counts, by the quiz's grading method: pure functions of the attempts.

The counted attempt is stored (``Attempt.counted``), chosen when an attempt is submitted under the method
then in force; changing the method recounts nothing until someone recounts on purpose (``services.
quiz_recount``). The rules, argued in docs/architecture.md ("Grading method"):

* **First passing attempt** (the default): the first attempt that passed; before any pass, the latest.
  Passing closes the quiz.
* **Highest**: the best attempt. A pass beats a fail whatever the scores (a pass mark changed between
  attempts must not turn a pass into a fail); then the higher score; then the earlier attempt. The learner
  may try again after passing to improve, while attempts remain: a retake can only raise the result.
* **Last**: the latest attempt, even when lower. The learner may try again after passing until the course
  is completed; then a passed quiz is closed, so a completed course never gets a failing last attempt
  from the learner."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class GradingMethod(models.TextChoices):
    FIRST_PASS = "first_pass", _("First passing attempt")
    HIGHEST = "highest", _("Highest result")
    LAST = "last", _("Last attempt")


# What the learner is told on the quiz page and the result page: which attempt counts, and what another
# attempt after a pass would do.
METHOD_SENTENCES = {
    GradingMethod.FIRST_PASS: _("Your first passing attempt counts; once you have passed, the quiz is closed."),
    GradingMethod.HIGHEST: _("Your highest result counts. After passing you may try again to improve it."),
    GradingMethod.LAST: _("Your last attempt counts, even if it is lower, until you have completed the course."),
}
RETAKE_NOTES = {
    GradingMethod.HIGHEST: _(
        "You may try again to improve your result: a lower result does not replace it. The right answers "
        "are shown once you have used all your attempts."
    ),
    GradingMethod.LAST: _(
        "If you try again, the new attempt counts even if it is lower, and the quiz is passed only if it "
        "passes. Once the course is completed, the quiz is closed."
    ),
}


@dataclass(frozen=True)
class Graded:
    """What choosing needs of a submitted attempt (a model row or a row of values)."""

    pk: int
    number: int
    score: Decimal
    passed: bool


def counted_of(attempts: Iterable[Graded], method: str) -> Graded | None:
    """The attempt that counts among these submitted attempts, by ``method``; None without any."""
    attempts = sorted(attempts, key=lambda a: a.number)
    if not attempts:
        return None
    if method == GradingMethod.HIGHEST:
        return max(attempts, key=lambda a: (a.passed, a.score, -a.number))
    if method == GradingMethod.LAST:
        return attempts[-1]
    return next((a for a in attempts if a.passed), attempts[-1])


def may_retake_after_pass(method: str, *, course_completed: bool) -> bool:
    """Whether a learner whose counted attempt passed may start another (attempts left aside)."""
    if method == GradingMethod.HIGHEST:
        return True
    if method == GradingMethod.LAST:
        return not course_completed
    return False
