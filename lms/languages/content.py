"""The content languages the site is configured with (settings.LMS_CONTENT_LANGUAGES): which there are,
which is the source, and which way each is written. Configuration only: no queries."""

from dataclasses import dataclass

from django.conf import settings


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
