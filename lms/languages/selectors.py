"""Reads: which language a learner reads courses in, and a page's published translations.

A translation is a page of its own in its language's tree (Wagtail's model, as wagtail-localize makes
them), linked to its source by ``translation_key``. Learners never go to it: they go to the source page,
which shows the translation's text (``display.InLanguage``), so that every row that counts (enrolment,
progress, attempts, certificates) names the source whatever language it was read in."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from .content import Language, as_language, content_languages, language, source_language
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


def translated_rows(pages, fields: tuple[str, ...], codes=None, model=None) -> list[dict]:
    """The published pages of ``pages``' translation keys (the sources themselves too) as rows: ``source``
    (the source page's id), ``code`` (the language) and each of ``fields``, read from ``model`` (by default
    the pages' own type, which all share); in the languages ``codes``, or every one. One query, and no page
    is built (a list needs a few words of each, not their bodies)."""
    by_key = {page.translation_key: page.pk for page in pages}
    if not by_key:
        return []
    model = model or type(pages[0])
    found = _translations(model.objects.live()).filter(translation_key__in=by_key)
    if codes is not None:
        found = found.filter(locale__language_code__in=codes)
    rows = found.values("translation_key", "locale__language_code", *fields)
    return [
        {"source": by_key[row.pop("translation_key")], "code": row.pop("locale__language_code"), **row} for row in rows
    ]


def languages_of(pages) -> dict[int, list[Language]]:
    """The configured languages each page can be read in (published), by page id, in settings' order."""
    codes: dict[int, set[str]] = {page.pk: set() for page in pages}
    for row in translated_rows(pages, (), model=Page):
        codes[row["source"]].add(row["code"])
    return {pk: in_settings_order(found) for pk, found in codes.items()}


def in_settings_order(codes: set[str]) -> list[Language]:
    """The configured languages among ``codes``, in settings' order (a removed one is left out)."""
    return [item for item in content_languages() if item.code in codes]


def in_source_language(queryset):
    """Only the source pages of a page queryset: translations are the same course, not other ones."""
    return queryset.filter(locale__language_code=settings.LANGUAGE_CODE)


# --- The editors' side: translations behind their source, machine output not yet reviewed ---------------
#
# A translation is wagtail-localize's: a ``Translation`` of a ``TranslationSource`` (the source page's words
# as they were when last synced: ``last_updated_at``) into a locale, made into the translated page when
# published. Machine output is a ``StringTranslation`` of type "machine" until an editor saves the string in
# the translation editor (Edit, Save: wagtail-localize then records it as "manual", by that editor).

DASHBOARD_ROWS = 10
MACHINE = StringTranslation.TRANSLATION_TYPE_MACHINE


def synced_translation(page: Page) -> Translation | None:
    """The wagtail-localize translation that makes ``page`` (enabled: edited in the translation editor), or
    None: a source page, or one converted to a page edited by hand."""
    if page.locale_id is None or page.translation_key is None:
        return None
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def unreviewed_machine_segments(*, source, locale):
    """The segments of ``source`` (a ``TranslationSource``, or an ``OuterRef`` to one) whose translation into
    ``locale`` is still the machine's: not yet approved by an editor. Only the source's present segments
    count: a string the source no longer has is in no translation."""
    return StringSegment.objects.filter(
        source=source,
        string__translations__locale=locale,
        string__translations__context=F("context"),
        string__translations__translation_type=MACHINE,
    )


def unreviewed_machine_count(translation: Translation) -> int:
    return unreviewed_machine_segments(source=translation.source_id, locale=translation.target_locale_id).count()


@dataclass(frozen=True)
class TranslationToUpdate:
    """A translated page the dashboard flags, and why: ``behind`` (its source was published after the last
    sync, so learners read an older version), ``unpublished`` (synced or translated since it was last
    published: the new words wait for Publish) and ``unreviewed`` machine-translated strings."""

    page_id: int
    title: str
    source_title: str
    language: Language
    source_id: int  # the TranslationSource (the "Sync translated pages" view's key)
    behind: bool
    unpublished: bool
    unreviewed: int
    live: bool

    @property
    def configured(self) -> bool:
        """Whether learners are offered the language (one removed from settings keeps its pages)."""
        return language(self.language.code) is not None


def translations_to_update(*, editable_ids, limit: int = DASHBOARD_ROWS) -> list[TranslationToUpdate]:
    """The translated pages among ``editable_ids`` (a subquery of page ids) that need an editor: behind their
    source, with changes not yet published, or with machine-translated strings nobody has reviewed. Drafts
    are flagged only for the latter (learners see no draft). One query, newest source publication first."""
    target = Page.objects.filter(translation_key=OuterRef("source__object_id"), locale_id=OuterRef("target_locale_id"))
    source_page = Page.objects.filter(
        translation_key=OuterRef("source__object_id"), locale_id=OuterRef("source__locale_id")
    )
    last_string = StringTranslation.objects.filter(
        locale_id=OuterRef("target_locale_id"), context__object_id=OuterRef("source__object_id")
    ).order_by("-updated_at")
    unreviewed = (
        unreviewed_machine_segments(source=OuterRef("source_id"), locale=OuterRef("target_locale_id"))
        .order_by()
        .values("source_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        Translation.objects.filter(enabled=True)
        .annotate(
            page_id=Subquery(target.values("pk")[:1]),
            page_title=Subquery(target.values("title")[:1]),
            page_live=Subquery(target.values("live")[:1]),
            page_published_at=Subquery(target.values("last_published_at")[:1]),
            source_title=Subquery(source_page.values("title")[:1]),
            source_published_at=Subquery(source_page.values("last_published_at")[:1]),
            strings_changed_at=Subquery(last_string.values("updated_at")[:1]),
            unreviewed=Coalesce(Subquery(unreviewed), 0),
        )
        .filter(page_id__in=editable_ids)
        .annotate(
            behind=ExpressionWrapper(
                Q(page_live=True, source_published_at__gt=F("source__last_updated_at")), output_field=BooleanField()
            ),
            unpublished=ExpressionWrapper(
                Q(page_live=True)
                & (
                    Q(source__last_updated_at__gt=F("page_published_at"))
                    | Q(strings_changed_at__gt=F("page_published_at"))
                ),
                output_field=BooleanField(),
            ),
        )
        .filter(Q(behind=True) | Q(unpublished=True) | Q(unreviewed__gt=0))
        .select_related("target_locale")
        .order_by(F("source_published_at").desc(nulls_last=True), "page_id")
    )
    return [
        TranslationToUpdate(
            page_id=row.page_id,
            title=row.page_title,
            source_title=row.source_title or "",
            language=as_language(row.target_locale.language_code),  # also one removed from settings
            source_id=row.source_id,
            behind=bool(row.behind),
            unpublished=bool(row.unpublished),
            unreviewed=row.unreviewed,
            live=bool(row.page_live),
        )
        for row in rows[:limit]
    ]
