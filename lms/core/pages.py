"""Where the apps' landing pages live (the course catalogue, the survey list, the accessibility
statement): under the site's home page. The site (home) registers its home page type from its ready(),
so no app names the site's pages (``tests/core/test_layers.py``); a landing page takes
``UnderTheSiteHome`` instead of ``parent_page_types = ["home.HomePage"]``."""

from wagtail.coreutils import resolve_model_string

_home_page_types: list[str] = []


def register_site_home_page(model_label: str) -> None:
    """The site's home page type ("app_label.ModelName"), under which the apps' landing pages live."""
    if model_label not in _home_page_types:
        _home_page_types.append(model_label)


class UnderTheSiteHome:
    """A page type that lives only under the site's home page (none registered: nowhere)."""

    @classmethod
    def clean_parent_page_models(cls):
        return [resolve_model_string(label) for label in _home_page_types]
