"""What is wrong with a page on a phone (issue 34): wider than its 390 px viewport, or showing one of
Python's or Django's raw values (True, False, None, an ISO time, an enum key in snake_case). Shared by
the crawl (tests/browser/test_every_page_fits.py) and by the pages tests make (``MadePages``)."""

import re
from contextlib import contextmanager

PHONE = {"width": 390, "height": 844}
# Links not followed, pages not asked for again: signing out, files, and admin actions that are forms.
NOT_FOLLOWED = re.compile(
    r"logga-ut|logout|ladda-ner|download|\.(pdf|json|csv|xlsx)|export|/delete/|/unpublish|/revisions/|/history/"
    r"|/usage/|/copy/|/move/|/media/|/static/|/documents/|/images/|/erase|/oidc/"
)
# Raw values: Python's constants, an ISO 8601 time, a key in snake_case (an enum's value, a field's name).
RAW = re.compile(r"\b(True|False|None)\b|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\b[a-z]+_[a-z_]+\b")


# The visible text in the page's own language. Words marked with another ``lang`` are content in that
# language (an English quiz's "True" and "False"), not a raw value a template printed.
PAGE_LANGUAGE_TEXT = """(() => {
  const language = document.documentElement.lang, parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!element || element.closest("script, style, template, noscript")) continue;
    const marked = element.closest("[lang]");
    if ((marked && marked.lang !== language) || !element.checkVisibility()) continue;
    parts.push(walker.currentNode.data);
  }
  return parts.join(" ");
})()"""


def phone_context(browser, base_url: str, **kwargs):
    context = browser.new_context(base_url=base_url, viewport=PHONE, locale="sv-SE", is_mobile=True, **kwargs)
    context.set_default_timeout(15_000)
    return context


def what_is_wrong(tab, path: str) -> list[str]:
    """Asks for ``path`` in ``tab`` (a phone) and says what is wrong with it; not an HTML page: nothing."""
    response = tab.goto(path)
    if response is None or "text/html" not in (response.headers.get("content-type") or ""):
        return []
    wrong = []
    width = tab.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        wrong.append(f"{path}: {width} px wide")
    raw = sorted({m.group(0) for m in RAW.finditer(tab.evaluate(PAGE_LANGUAGE_TEXT))})
    if raw:
        wrong.append(f"{path}: raw values {raw[:5]}")
    return wrong


class MadePages:
    """The pages a browser test makes: the objects it creates that have a page (a live Wagtail page's
    URL, a model's ``get_absolute_url``), found by ``post_save`` while the test runs, and the pages its
    tabs were shown (GET, HTML). ``check`` asks for each on a phone, as the test's tab was signed in."""

    def __init__(self):
        self.created: list[tuple[type, object]] = []
        self.shown: list[str] = []

    @contextmanager
    def recording(self):
        from django.db.models.signals import post_save

        def saved(sender, instance, created, **kwargs):
            if created and instance.pk is not None:
                self.created.append((type(instance), instance.pk))

        post_save.connect(saved, weak=False, dispatch_uid=f"made-pages-{id(self)}")
        try:
            yield self
        finally:
            post_save.disconnect(dispatch_uid=f"made-pages-{id(self)}")

    def watch(self, tab) -> None:
        def answered(response):
            request = response.request
            if (
                request.method == "GET"
                and request.is_navigation_request()
                and request.frame == tab.main_frame
                and "text/html" in (response.headers.get("content-type") or "")
            ):
                self.shown.append(response.url)

        tab.on("response", answered)

    def urls(self, base_url: str) -> list[str]:
        from urllib.parse import urlparse

        from django.urls import NoReverseMatch
        from wagtail.models import Page

        found = []
        for model, pk in self.created:
            obj = model._default_manager.filter(pk=pk).first()
            if isinstance(obj, Page):
                obj = obj.specific
                found.append(obj.url if obj.live else None)
            elif obj is not None and hasattr(obj, "get_absolute_url"):
                try:
                    found.append(obj.get_absolute_url())
                except (NoReverseMatch, AttributeError, ValueError):  # its URL needs more than itself: no page
                    continue
        host = urlparse(base_url).netloc
        for url in self.shown:
            parsed = urlparse(url)
            if parsed.netloc == host:
                found.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
        paths = []
        for path in found:
            if path and path.startswith("/") and not NOT_FOLLOWED.search(path) and path not in paths:
                paths.append(path)
        return paths

    def check(self, browser, base_url: str, storage_state=None) -> list[str]:
        """What is wrong on a phone with each page made or shown (signed in as the test's tab was)."""
        paths = self.urls(base_url)
        if not paths:
            return []
        context = phone_context(browser, base_url, storage_state=storage_state)
        try:
            tab = context.new_page()
            return [problem for path in paths for problem in what_is_wrong(tab, path)]
        finally:
            context.close()

    def forget(self) -> None:
        self.created.clear()
        self.shown.clear()
