"""Template tags for content in the learner's language: the ``lang`` and ``dir`` of what is shown, and
the blocks of a partly translated page still in the source's words."""

from django import template
from django.utils.html import format_html

from ..content import Language, as_language, source_language
from ..display import Text, Title, lang_attributes, untranslated_block_ids

register = template.Library()


@register.simple_tag
def lang_attrs(language: Language | None):
    """`` lang="en" dir="ltr"`` for an element whose text is in ``language``."""
    return lang_attributes(language or source_language())


@register.filter
def text_lang(text):
    """`` lang="en" dir="ltr"`` for a ``display.Text`` (a question, a choice: content in a content
    language); nothing for any other text, which is the interface's (e.g. a scale's labels)."""
    return lang_attrs(text.language) if isinstance(text, Text) else ""


@register.filter
def in_lang(text, language: Language | None):
    """``{{ text|in_lang:language }}``: the text in a span with its ``lang``, for a text in a sentence of
    the interface's (e.g. "Not answered: …")."""
    return format_html("<span{}>{}</span>", lang_attrs(language), text)


@register.filter
def untranslated_blocks(page, field_name: str) -> frozenset[str]:
    return untranslated_block_ids(page, field_name) if hasattr(page, "translation") else frozenset()


@register.simple_tag
def source_lang_attrs():
    return lang_attrs(source_language())


@register.simple_tag
def title_of(page, titles: dict | None):
    """``{% title_of lesson titles %}``: the page's title in the learner's language where translated
    (``display.titles_in``), as an element with its ``lang`` when that differs from the source's."""
    title = (titles or {}).get(page.pk) or Title(page.title, source_language())
    return format_html("<span{}>{}</span>", lang_attrs(title.language), title.text)


@register.filter
def content_language(code: str) -> Language:
    """The language a stored code names (``content.as_language``), e.g. a completion's:
    ``{% with language=e.completed_language|content_language %}``."""
    return as_language(code)
