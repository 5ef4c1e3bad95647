"""The ``<id:…>`` path converter for page ids in URLs.

Like ``<int:…>`` but at most 18 digits, so an absurd id is a plain 404 instead of an
integer overflow in SQLite (page ids are one-to-one keys, which Django's own overflow
guard for integer lookups does not cover). Registered once, on first import."""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")
