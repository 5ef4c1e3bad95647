"""Content blocks shared by every page with a body. Lessons extend BaseStreamBlock with their own."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))],
        default="h2",
        label=_("Level"),
        help_text=_("Use level 2 for main sections, level 3 below them, so screen readers can navigate."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Demokratins grundvärderingar", "level": "h2"}
        description = _("A section heading.")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for those who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"
        description = _("An image with required alternative text.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Video URL"), help_text=_("A link to the video, e.g. on the municipality's video service.")
    )
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text_alternative = blocks.RichTextBlock(
        label=_("Text alternative"),
        features=RICH_TEXT_FEATURES,
        help_text=_("A transcript or full description of the video, for those who cannot watch or hear it. Required."),
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"
        description = _("An embedded video with a text alternative.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {"text": "All offentlig makt utgår från folket.", "source": "Regeringsformen 1 kap. 1 §"}
        description = _("A quotation with its source.")


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        label = _("Fact box")
        template = "blocks/fact_box_block.html"
        preview_value = {"title": "Visste du?", "body": "<p>Kommunallagen gäller alla kommuner och regioner.</p>"}
        description = _("A highlighted box with facts to remember.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Downloadable document")
        template = "blocks/document_block.html"
        description = _("A document the reader can download, such as a policy.")


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Sections"))

    class Meta:
        icon = "list-ul"
        label = _("Accordion")
        template = "blocks/accordion_block.html"
        description = _("Sections the reader opens one at a time; works without JavaScript.")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description=_("Paragraphs of text."),
    )
    image = ImageBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    fact_box = FactBoxBlock()
    document = DocumentBlock()
    accordion = AccordionBlock()
