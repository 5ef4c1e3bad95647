"""A page as the learner reads it in their language."""

from dataclasses import dataclass
from functools import cache

from django.utils.html import format_html
from django.utils.safestring import SafeString
from wagtail.models import Page
from wagtail_localize.fields import TranslatableField, get_translatable_fields

from .content import Language, source_language
from .selectors import (
    in_settings_order,
    is_source,
    languages_of,
    preferred_language,
    translated_rows,
    translation_in,
)
from .streams import block_values

# The address stays the source's: learners always go to the source page (selectors' docstring).
KEPT_FROM_SOURCE = {"slug"}


@cache
def translated_field_names(model) -> frozenset[str]:
    """The fields a translator translates (wagtail-localize's list for the model): those the learner reads
    from the translation. Everything else (identity, address, place in the tree, rules) is the source's."""
    return frozenset(
        field.field_name
        for field in get_translatable_fields(model)
        if isinstance(field, TranslatableField) and field.field_name not in KEPT_FROM_SOURCE
    )


class InLanguage:
    """The source page with the translation's text: ``page.title`` and ``page.body`` are the translation's,
    ``page.pk``, ``page.url`` and every rule are the source's. ``language`` is what the text is in, and
    ``missing`` is the language asked for when there is no translation (the source is shown)."""

    def __init__(self, source, translation, language: Language, missing: Language | None = None, fields=None):
        self._source = source
        self._translation = translation or source
        if translation is None:
            fields = frozenset()
        self._fields = translated_field_names(type(source)) if fields is None else fields
        self.language = language
        self.missing = missing

    def __getattr__(self, name):
        # Only called for what the instance does not have itself (the source's and translation's fields).
        if name in self._fields:
            return getattr(self._translation, name)
        declared = getattr(type(self._source), name, None)
        if isinstance(declared, property):  # e.g. a course's objectives: read from the translated field
            return declared.fget(self)
        return getattr(self._source, name)

    @property
    def source(self):
        return self._source

    @property
    def translation(self):
        return self._translation if self._translation is not self._source else None


def in_language(page, lang: Language) -> InLanguage:
    """``page`` in ``lang``: its translation's text if published, else the source's with ``missing`` set."""
    translation = translation_in(page, lang)
    if translation is not None:
        return InLanguage(page, translation, lang)
    source = source_language()
    return InLanguage(page, None, source, missing=None if lang == source else lang)


def untranslated_block_ids(page: InLanguage, field_name: str) -> frozenset[str]:
    """The ids of the blocks of a StreamField that the translation still has in the source's words (a
    partly translated page publishes with the source's text where nothing is translated yet): their
    ``lang`` is the source's."""
    if page.translation is None:
        return frozenset()
    source = {item["id"]: item["value"] for item in getattr(page.source, field_name).raw_data}
    return frozenset(
        item["id"]
        for item in getattr(page.translation, field_name).raw_data
        if item["id"] in source and item["value"] == source[item["id"]] and _has_text(item["value"])
    )


def _has_text(value) -> bool:
    """Whether a block's raw value holds any words (an image or a divider is in no language)."""
    if isinstance(value, str):
        return any(ch.isalpha() for ch in value)
    if isinstance(value, dict):
        return any(_has_text(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_text(v) for v in value)
    return False


def lang_attributes(language: Language) -> SafeString:
    """`` lang="en" dir="ltr"``: the attributes of an element whose text is in ``language``."""
    return format_html(' lang="{}" dir="{}"', language.code, language.dir)


@dataclass(frozen=True)
class Text:
    """A text with the language it is in (its ``lang``): a page's title as a list shows it, a question, a
    choice. Renders as the text."""

    text: str
    language: Language

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:  # an empty text is no text ({% if choice.feedback %})
        return bool(self.text)


Title = Text  # a page's title as a list shows it (``titles_in``)


def titles_in(pages, lang: Language) -> dict[int, Title]:
    """Each page's title in ``lang`` where translated, else the source's, by page id (for lists; one
    query whatever the pages' types)."""
    pages = [page for page in pages if page is not None]
    rows = [] if is_source(lang) else translated_rows(pages, ("title",), codes=[lang.code], model=Page)
    translated = {row["source"]: row["title"] for row in rows}
    source = source_language()
    return {
        page.pk: Title(translated[page.pk], lang) if page.pk in translated else Title(page.title, source)
        for page in pages
    }


class StreamWords:
    """The words of a translation's StreamField, looked up by block id (``streams``): what a page whose
    structure and rules stay the source's (a quiz's questions and answer keys, a survey's keys) shows in
    the learner's language. A word the translation lacks (no block with that id, an empty field, or still
    the source's own words, as a partly translated page is published) is the caller's own, in the source
    language: e.g. the words an attempt's snapshot kept."""

    def __init__(self, translated: dict[str, dict], source: dict[str, dict], language: Language):
        self._translated = translated
        self._source = source
        self.language = language

    @classmethod
    def none(cls) -> "StreamWords":
        """No translation: every word is the caller's, in the source language."""
        return cls({}, {}, source_language())

    def text(self, block_id: str, name: str, fallback: str) -> Text:
        """The field ``name`` of block ``block_id`` in the translation's words, else ``fallback``."""
        word = self._translated.get(block_id, {}).get(name)
        if isinstance(word, str) and word.strip() and word != self._source.get(block_id, {}).get(name):
            return Text(word, self.language)
        return Text(fallback, source_language())

    def worded(self, item: dict, names) -> dict:
        """A copy of ``item`` (a dict with an ``id``) with each of its fields ``names`` as a ``Text``."""
        return {**item, **{name: self.text(item["id"], name, item[name]) for name in names}}


def stream_words(source_stream, translated_stream, language: Language) -> StreamWords:
    """The words of ``translated_stream`` (a translation's StreamField, in ``language``) by block id,
    told from the untranslated ones by ``source_stream`` (the source's)."""
    return StreamWords(block_values(translated_stream), block_values(source_stream), language)


def words_of(page, field_name: str) -> StreamWords:
    """The words of ``page``'s StreamField ``field_name`` in the language it is shown in: ``page`` an
    ``InLanguage`` (``in_language``), with no further query; anything else shows the source's words."""
    translation = getattr(page, "translation", None) if isinstance(page, InLanguage) else None
    if translation is None:
        return StreamWords.none()
    return stream_words(getattr(page.source, field_name), getattr(translation, field_name), page.language)


class _Words:
    """The fields of a translation a list reads (``list_in_language``), in place of the whole page."""

    def __init__(self, values: dict):
        self.__dict__.update(values)


def list_in_language(pages, lang: Language, fields=("title",)) -> tuple[dict[int, InLanguage], dict]:
    """A list of pages of one type as the learner reads it, in one query: each page in ``lang``
    (``in_language`` with only its ``fields`` from the translation, the rest the source's) and the
    languages each can be read in (``languages_of``), both by page id."""
    rows = translated_rows(pages, tuple(fields))
    codes: dict[int, set[str]] = {page.pk: set() for page in pages}  # the sources' own rows add theirs
    words: dict[int, dict] = {}
    for row in rows:
        codes[row["source"]].add(row["code"])
        if row["code"] == lang.code:
            words[row["source"]] = {name: row[name] for name in fields}
    source = source_language()
    missing = None if lang == source else lang
    shown = {}
    for page in pages:
        if page.pk in words and not is_source(lang):
            shown[page.pk] = InLanguage(page, _Words(words[page.pk]), lang, fields=frozenset(fields))
        else:
            shown[page.pk] = InLanguage(page, None, source, missing=missing)
    return shown, {pk: in_settings_order(found) for pk, found in codes.items()}


def show_in_language(context, request, page, person, *, course=None, listed=()) -> None:
    """A page's template context as the learner reads it: ``page`` (and ``self``) in their language,
    the titles of the pages it ``listed`` (``titles``), the language (``content_language``) and those its
    ``course`` (or the page itself) can be read in (``available_languages``, for the switch). Not in the
    editor's preview, which shows the page being edited as it is."""
    if getattr(request, "is_preview", False):
        return
    language = preferred_language(request, person)
    context["page"] = context["self"] = in_language(page, language)
    context["titles"] = titles_in(listed, language)
    context["content_language"] = language
    context["available_languages"] = languages_of([course or page])[(course or page).pk]
