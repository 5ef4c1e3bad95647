"""A learner's answer to a poll in a page's body (``blocks.PollBlock``).

The poll itself is content: a block in the page's StreamField, identified by the block's id and
its choices by their list items' ids (both kept by Wagtail across edits and revisions). Only the
answers are rows here.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.access.rule import RowAccess


class PollVote(models.Model):
    """One person's current answer to one poll on one page; answering again changes it.

    Nobody reads who answered what: there is no admin view of these rows (``actions=()``), each is
    its owner's only, and the pages show counts alone (``selectors.poll_states``). No time is
    kept: it is not needed, and it would let an answer be matched with who was on the page when."""

    row_access = RowAccess(unit_path="user__person__org_unit__path", owner="user", actions=())

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="poll_votes", verbose_name=_("user")
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="poll_votes", verbose_name=_("page")
    )
    block_id = models.CharField(_("poll"), max_length=64, help_text=_("The poll block's id in the page's body."))
    choice_id = models.CharField(_("choice"), max_length=64, help_text=_("The chosen item's id in the poll."))
    # What the poll's released tally counts for this person ("" for nobody yet). A vote whose
    # choice differs from it is waiting for the next release (services.poll_tally_release_if_due):
    # one person changing their mind back and forth is one waiting answer, never five.
    released_choice_id = models.CharField(
        _("counted choice"),
        max_length=64,
        blank=True,
        default="",
        help_text=_("The choice the released counts hold for this answer; empty before its first release."),
    )

    class Meta:
        verbose_name = _("poll answer")
        verbose_name_plural = _("poll answers")
        constraints = [
            # One answer per person and poll, whatever two requests at once try (services.poll_vote).
            models.UniqueConstraint(fields=["page", "block_id", "user"], name="polls_one_vote_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.page_id}/{self.block_id}"


class PollTally(models.Model):
    """The counts of one poll that learners see: released in steps, never live.

    Written only by ``services.poll_tally_release_if_due``, when at least ``MIN_GROUP`` people have
    answered for the first time, changed their answer or been erased since the last release, so
    no single answer (or change of answer) can be seen arriving. Counts only: no person, no time,
    so it is not personal data (nothing for the register extract, erasure or retention)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page"))
    block_id = models.CharField(_("poll"), max_length=64)
    counts = models.JSONField(_("counts"), default=dict, help_text=_("Answers per choice id at the last release."))
    # Released answers since erased (their rows are gone): waiting for the next release like a change.
    erased_since_release = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("poll tally")
        verbose_name_plural = _("poll tallies")
        default_permissions = ()
        constraints = [models.UniqueConstraint(fields=["page", "block_id"], name="polls_one_tally_per_poll")]

    def __str__(self) -> str:
        return f"{self.page_id}/{self.block_id}"
