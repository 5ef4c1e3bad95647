"""Requesting one URL as one role and judging the answer: its text (HTML, JSON, CSV, XLSX, PDF
alike), whether it leaked a marker, and whether a refused POST changed the database anyway."""

from __future__ import annotations

import hashlib
import io
import zipfile
from http.cookies import SimpleCookie
from urllib.parse import urlparse

from django.apps import apps
from django.core import mail
from django.db import connection, transaction
from django.urls import reverse

# Tables a refused request may legitimately write: session state, not rows about anyone.
IGNORED_TABLES = {
    "django_session",  # the signed-in session itself (Django may save it on any response)
}

REFUSED_STATUSES = {400, 403, 404, 405}
POST_DATA = {"confirm": "yes", "id": "900001"}


def login_paths() -> set[str]:
    return {reverse("accounts:login"), reverse("wagtailadmin_login")}


def response_text(response) -> str:
    """Everything a reader of the response could see: headers that carry text, and the body
    decoded by kind (PDF and XLSX through their text, not their bytes). Read inside the request's
    transaction: streamed exports query the database as they go."""
    if response.streaming:
        # The test client closes the response once this is read, without closing the connection.
        raw = b"".join(response.streaming_content)
    else:
        raw = response.content
    if raw.startswith(b"%PDF"):
        from pypdf import PdfReader

        body = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(raw)).pages)
    elif raw.startswith(b"PK\x03\x04"):  # XLSX, or any zip: every member's text
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            body = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    else:
        body = raw.decode("utf-8", "replace")
    headers = " ".join(response.get(h, "") for h in ("Location", "Content-Disposition", "Refresh"))
    return f"{headers}\n{body}".lower()


def leaks(text: str, tokens: dict[str, str], allowed: set[str] = frozenset()) -> list[str]:
    return [what for what, token in tokens.items() if what not in allowed and token in text]


def _tables() -> list[tuple[str, str]]:
    seen, tables = set(), []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen or meta.db_table in IGNORED_TABLES:
            continue
        seen.add(meta.db_table)
        tables.append((meta.db_table, meta.pk.column))
    return tables


def snapshot() -> dict[str, tuple[int, str]]:
    """Per table: the number of rows and a hash of all of them, in key order."""
    quote = connection.ops.quote_name
    out = {}
    with connection.cursor() as cursor:
        for table, pk in _tables():
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {quote(pk)}")  # noqa: S608 - our own table names
            rows = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in cursor.fetchall()]
            out[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return out


def write_counter() -> int | None:
    """A number that grows with every row written in this connection, or None if the database
    has none (then every refused POST takes a full snapshot). Only a fast path: when it moved,
    the full snapshot decides."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
            return cursor.fetchone()[0]
        if connection.vendor == "postgresql":
            cursor.execute("SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_all_tables")
            return int(cursor.fetchone()[0])
    return None


def is_login_redirect(status: int, location: str) -> bool:
    return status in (301, 302, 303, 307, 308) and urlparse(location).path in login_paths()


def is_refused(response) -> bool:
    """400/403/404/405, a redirect to a login page, or Wagtail's "you do not have permission"
    (a redirect to the admin's dashboard)."""
    status, location = response.status_code, response.get("Location", "")
    return (
        status in REFUSED_STATUSES
        or is_login_redirect(status, location)
        or (status in (301, 302, 303, 307, 308) and urlparse(location).path == reverse("wagtailadmin_home"))
    )


class Outcome:
    def __init__(
        self, status: int, text: str, location: str, exception: str = "", changed: list[str] | None = None, *, refused
    ):
        self.status, self.text, self.location = status, text, location
        self.exception, self.changed, self.refused = exception, changed or [], refused


def request(client, method: str, url: str, *, baseline=None) -> Outcome:
    """One request in a savepoint that is rolled back afterwards, so an allowed write does not leak
    into the next request. With ``baseline`` (a snapshot), a refused answer must leave the
    database and the mail outbox as they were."""
    cookies = {key: morsel.value for key, morsel in client.cookies.items()}
    outbox = len(mail.outbox)
    try:
        with transaction.atomic():
            counter = write_counter() if baseline is not None else None
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, POST_DATA)
            text = response_text(response)
            changed = []
            if baseline is not None and is_refused(response):
                if len(mail.outbox) != outbox:
                    changed.append(f"{len(mail.outbox) - outbox} mail(s) sent")
                if counter is None or write_counter() != counter:
                    after = snapshot()
                    changed += [table for table in sorted(after) if after[table] != baseline.get(table)]
            transaction.set_rollback(True)
    finally:
        del mail.outbox[outbox:]
        client.cookies = SimpleCookie(cookies)  # a logout or language switch does not stick
    exception = ""
    if response.status_code >= 500 and getattr(response, "exc_info", None):
        exc = response.exc_info[1]
        exception = f"{type(exc).__name__}: {str(exc)[:160]}"
    return Outcome(
        response.status_code, text, response.get("Location", ""), exception, changed, refused=is_refused(response)
    )
