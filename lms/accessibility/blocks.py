"""The statement's repeatable items: what is not accessible, what is exempted, what the law does not cover.

Each is a list the editors keep item by item; the page renders them in DIGG's order."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class InaccessibleContentBlock(blocks.StructBlock):
    """Content that fails the law's requirements (DOS-lagen 10 §): what, which WCAG criteria, and the plan."""

    description = blocks.TextBlock(
        label=_("What is not accessible"),
        help_text=_("Say what the user meets, in plain words: which content or function, and on which pages."),
    )
    criteria = blocks.CharBlock(
        label=_("WCAG success criteria"),
        max_length=300,
        help_text=_('The criteria it fails, e.g. "1.1.1 Non-text content (level A)". Unknown: say so.'),
    )
    plan = blocks.TextBlock(
        label=_("Why, and when it will be fixed"),
        help_text=_("The reason it is not accessible yet and what is done about it, with a date if there is one."),
    )

    class Meta:
        icon = "warning"
        label = _("Inaccessible content")


class DisproportionateBurdenBlock(blocks.StructBlock):
    """Content exempted because adapting it would be a disproportionate burden (DOS-lagen 12 §)."""

    description = blocks.TextBlock(label=_("What is exempted"))
    reason = blocks.TextBlock(
        label=_("Why adapting it would be a disproportionate burden"),
        help_text=_(
            "The assessment behind the exemption: cost, benefit to users, and how they can get the content instead."
        ),
    )

    class Meta:
        icon = "help"
        label = _("Disproportionate burden")


class OutOfScopeBlock(blocks.StructBlock):
    """Content the law does not cover (DOS-lagen 9 §), e.g. third-party content the body does not control."""

    description = blocks.TextBlock(label=_("What the law does not cover"))
    reason = blocks.TextBlock(
        label=_("Why it is outside the law"),
        help_text=_('The ground in the law (9 §), e.g. "recorded video published before 23 September 2020".'),
    )

    class Meta:
        icon = "cross"
        label = _("Outside the law")
