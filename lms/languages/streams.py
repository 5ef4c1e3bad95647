"""A StreamField block by block, by id: what a translation's words are matched by, and whether a
translation has exactly its source's blocks.

Wagtail gives every block of a stream, and every item of a ListBlock inside one, an id that stays across
edits; a wagtail-localize translation keeps the source's ids (it rewrites the words of a copy of the
source's stream). So a page can take its structure and its rules (a quiz's answer keys, a survey's keys)
from the source and only the words from the translation, matched by id (``display.StreamWords``). Pure
functions of the streams' raw data: no queries."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# The fields whose words name a block in a message (a question's text, a choice's label, a heading).
NAMING_FIELDS = ("text", "label", "heading", "title")


def _items(raw: Iterable) -> Iterator[tuple[str, dict]]:
    """(id, value) of each block of a stream's raw data, and of each item of the ListBlocks (and nested
    streams) inside it, in order, depth first. Blocks without an id (a ListBlock stored in Wagtail's old
    list format) are skipped: nothing can be matched to them."""
    for item in raw:
        if not isinstance(item, dict) or not item.get("id"):
            continue
        value = item.get("value")
        yield item["id"], value if isinstance(value, dict) else {}
        if isinstance(value, dict):
            for child in value.values():
                if isinstance(child, list):
                    yield from _items(child)


def block_values(stream) -> dict[str, dict]:
    """Each block's value (and each list item's) by its id, in the stream's order. ``stream``: a
    StreamValue, or its raw data."""
    return dict(_items(getattr(stream, "raw_data", stream) or []))


@dataclass(frozen=True)
class BlocksDiffer:
    """How a translation's blocks differ from its source's: the source's blocks (and list items) the
    translation lacks, and those it has that the source lacks, each named by its first words (or id)."""

    missing: tuple[str, ...]
    added: tuple[str, ...]

    def named(self) -> dict[str, str]:
        """``missing`` and ``added`` as lists for a message ("“Fråga 2”, “Ja”"; "–" for none)."""
        return {
            name: ", ".join(f"“{item}”" for item in items) or "–"
            for name, items in (("missing", self.missing), ("added", self.added))
        }


def _name(block_id: str, value: dict) -> str:
    return next((value[name] for name in NAMING_FIELDS if isinstance(value.get(name), str) and value[name]), block_id)


def blocks_differ(sources: Iterable, translated) -> BlocksDiffer | None:
    """None when ``translated`` has exactly the blocks (by id, list items included) of one of ``sources``
    (e.g. the source as published and as last saved), else how it differs from the first of them."""
    translated_values = block_values(translated)
    differences = None
    for source in sources:
        source_values = block_values(source)
        if source_values.keys() == translated_values.keys():
            return None
        if differences is None:
            differences = BlocksDiffer(
                missing=tuple(_name(i, v) for i, v in source_values.items() if i not in translated_values),
                added=tuple(_name(i, v) for i, v in translated_values.items() if i not in source_values),
            )
    return differences
