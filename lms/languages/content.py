"""The content languages the site is configured with (settings.LMS_CONTENT_LANGUAGES): which there are,
which is the source, and which way each is written. Configuration only: no queries."""

from dataclasses import dataclass

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils import translation
from django.utils.translation import gettext


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as the page's lang attribute says it
    name: str  # in the language itself

    @property
    def is_bidi(self) -> bool:
        # Django's list of right-to-left languages, matched on the primary subtag ("ar-dz" → "ar").
        return self.code in settings.LANGUAGES_BIDI or self.code.split("-")[0] in settings.LANGUAGES_BIDI

    @property
    def dir(self) -> str:
        return "rtl" if self.is_bidi else "ltr"


def content_languages() -> list[Language]:
    """The languages a course can be read in, the source first, as settings list them."""
    return [Language(code, str(name)) for code, name in settings.LMS_CONTENT_LANGUAGES]


def source_language() -> Language:
    """The language courses are written in (the default locale): every figure counts the source page."""
    return language(settings.LANGUAGE_CODE)


def language(code: str) -> Language | None:
    """The configured content language ``code`` names, or None (a language removed from settings)."""
    return next((item for item in content_languages() if item.code == code), None)


def source_language_code() -> str:
    """The source language's code: the language of rows written before languages were recorded (a
    field's default, so migrations name this function)."""
    return settings.LANGUAGE_CODE


def as_language(code: str) -> Language:
    """The ``Language`` a stored code names: the configured one, a language since removed from settings
    by its code (what was recorded stays readable), the source for an empty code."""
    if not code:
        return source_language()
    return language(code) or Language(code, code)


def interface_language(code: str) -> Language:
    """The interface language (ours, ``settings.LMS_INTERFACE_LANGUAGES``) that prints the labels beside a
    text in ``code``: that language, or its primary one (easy Swedish: Swedish), else the source's."""
    ours = dict(settings.LMS_INTERFACE_LANGUAGES)
    for candidate in (code, code.split("-")[0]):
        if candidate in ours:
            return language(candidate) or Language(candidate, str(ours[candidate]))
    return source_language()


def language_names() -> dict[str, Language]:
    """Every way a file may name a configured content language, folded (``folded_name``): its code, its name
    as settings give it (in the language itself), and its English and Swedish names where Django knows the
    code ("fi", "Suomi", "Finnish", "finska"). Built once per file, not per row."""
    names: dict[str, Language] = {}
    for item in content_languages():
        known = [item.code, item.name]
        if info := LANG_INFO.get(item.code):  # the code itself only: "sv-x-ll" is not Django's "sv"
            with translation.override("sv"):
                known += [info["name"], info["name_local"], gettext(info["name"])]
        for name in known:
            names.setdefault(folded_name(name), item)
    return names


def folded_name(text: str) -> str:
    return " ".join(str(text).replace("_", "-").split()).casefold()
