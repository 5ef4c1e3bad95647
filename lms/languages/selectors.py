"""Reads: which language a learner reads courses in, and a page's published translations.

A translation is a page of its own in its language's tree (Wagtail's model, as wagtail-localize makes
them), linked to its source by ``translation_key``. Learners never go to it: they go to the source page,
which shows the translation's text (``display.InLanguage``), so that every row that counts (enrolment,
progress, attempts, certificates) names the source whatever language it was read in."""

from django.conf import settings
from wagtail.models import Page

from .content import Language, content_languages, language, source_language
from .streams import BlocksDiffer, blocks_differ

VIEW_PARAMETER = "sprak"  # ?sprak=en: this page in English, without changing what the learner chose


def browser_language(request) -> Language | None:
    """The first content language the browser's Accept-Language names (by its primary subtag too)."""
    configured = {item.code.lower(): item for item in content_languages()}
    wanted = []
    for part in request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:500].split(","):
        tag, _sep, params = part.strip().partition(";")
        try:
            weight = float(params.strip()[2:]) if params.strip().startswith("q=") else 1.0
        except ValueError:
            continue
        if tag and weight > 0:
            wanted.append((-weight, len(wanted), tag.lower()))
    for _weight, _order, tag in sorted(wanted):
        if found := configured.get(tag) or configured.get(tag.split("-")[0]):
            return found
    return None


def remembered_language(person) -> Language | None:
    """The language the person reads courses in when no request says (a certificate issued by a worker):
    their own choice, else the HR file's; None when neither names a configured language."""
    if person is None:
        return None
    return next(
        (found for code in (person.content_language, person.hr_content_language) if (found := language(code))), None
    )


def preferred_language(request, person=None) -> Language:
    """What this request shows courses in: ``?sprak=`` for this page only, else the person's own
    choice, the HR file's language, what they chose while signed out (the session), the browser's, and
    last the source. Only configured languages count: one removed from settings falls through."""
    cached = getattr(request, "_lms_content_language", None)
    if cached is not None:
        return cached
    candidates = [request.GET.get(VIEW_PARAMETER, "")]
    if person is not None:
        candidates += [person.content_language, person.hr_content_language]
    if hasattr(request, "session"):
        candidates.append(request.session.get(SESSION_KEY, ""))
    chosen = next((found for code in candidates if code and (found := language(code))), None)
    chosen = chosen or browser_language(request) or source_language()
    request._lms_content_language = chosen
    return chosen


SESSION_KEY = "lms_content_language"


def is_source(lang: Language) -> bool:
    return lang.code == settings.LANGUAGE_CODE


def translation_in(page: Page, lang: Language) -> Page | None:
    """The published translation of ``page`` into ``lang`` (its specific page), or None: the source
    itself, or not translated (yet)."""
    if is_source(lang) or page.pk is None:
        return None
    return (
        _translations(page.specific_class.objects.live())
        .filter(translation_key=page.translation_key, locale__language_code=lang.code)
        .exclude(pk=page.pk)
        .first()
    )


def _translations(pages):
    """Without aliases: wagtail-localize copies a translated page's untranslated parents into the
    language's tree as aliases of the source (the source's words), which are not translations."""
    return pages.filter(alias_of__isnull=True)


def source_of(page: Page) -> Page | None:
    """The source page (in the source language) of which ``page`` is a translation, specific; None when
    ``page`` is itself in the source language or has no source there."""
    if page.locale_id is None or page.locale.language_code == settings.LANGUAGE_CODE:
        return None
    return (
        page.specific_class.objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .exclude(pk=page.pk)
        .first()
    )


def translation_blocks_differ(page: Page, field_name: str) -> BlocksDiffer | None:
    """How ``page``, a translation, differs from its source in the blocks of its StreamField
    ``field_name`` (by id, list items included: ``streams.blocks_differ``); None when it has the same
    blocks, or is no translation. The source as published and as last saved both count, so the
    translation of a source's next version may be saved before the source publishes it."""
    source = source_of(page)
    if source is None:
        return None
    latest = source.get_latest_revision_as_object() if source.has_unpublished_changes else source
    return blocks_differ([getattr(source, field_name), getattr(latest, field_name)], getattr(page, field_name))


def translations_in(pages, lang: Language) -> dict[int, Page]:
    """The published translations of ``pages`` into ``lang``, by the source page's id (one query per
    page type)."""
    by_key = {page.translation_key: page.pk for page in pages}
    if is_source(lang) or not by_key:
        return {}
    found = _translations(Page.objects.live()).filter(translation_key__in=by_key, locale__language_code=lang.code)
    found = found.specific()
    return {by_key[page.translation_key]: page for page in found}


def languages_of(pages) -> dict[int, list[Language]]:
    """The configured languages each page can be read in (published), by page id, in settings' order."""
    by_key = {page.translation_key: page.pk for page in pages}
    codes: dict[int, set[str]] = {pk: set() for pk in by_key.values()}
    rows = (
        _translations(Page.objects.live())
        .filter(translation_key__in=by_key)
        .values_list("translation_key", "locale__language_code")
    )
    for key, code in rows:
        codes[by_key[key]].add(code)
    return {pk: [item for item in content_languages() if item.code in found] for pk, found in codes.items()}


def in_source_language(queryset):
    """Only the source pages of a page queryset: translations are the same course, not other ones."""
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)
