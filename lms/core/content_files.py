"""Content files: long texts (the demo courses) kept as YAML beside the app that loads them, one file
per item, read by one reader whose every error names the file and the field.

An app reads its files with ``read_content_files(directory)`` and describes what a file holds with a
small function over its ``Node`` (a value and where it was read). A StreamField body is written as a list of
``- block_type: value`` and checked by the page's own StreamBlock (``stream_items``), so content that
loads is content the editor would accept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError

_MISSING: Any = object()


class ContentFileError(ValueError):
    """A content file that cannot be used: which file, which field, and what is wrong with it."""

    def __init__(self, file: Path, field: str, problem: str):
        self.file, self.field, self.problem = file, field, problem
        try:
            shown = file.relative_to(settings.BASE_DIR)
        except ValueError:
            shown = file
        super().__init__(f"{shown}: {field or '(top)'}: {problem}")


class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when built with it
    """PyYAML keeps the last of two equal keys; in a hand-edited file the first one would vanish unseen."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key!r} appears twice in the same mapping", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_KINDS = {str: "text", bool: "true/false", int: "a number", list: "a list", dict: "fields", type(None): "nothing"}


def _kind(value: Any) -> str:
    return _KINDS.get(type(value), type(value).__name__)


@dataclass(frozen=True)
class Node:
    """A value read from a content file, with its file and its field (``lessons[2].body[0].heading``)."""

    file: Path
    field: str
    value: Any

    def error(self, problem: str) -> ContentFileError:
        return ContentFileError(self.file, self.field, problem)

    def child(self, key: str | int) -> Node:
        return Node(self.file, self._field(key), self.value[key])

    def _field(self, key: str | int) -> str:
        return f"{self.field}[{key}]" if isinstance(key, int) else f"{self.field}.{key}".lstrip(".")

    def _missing(self, key: str) -> ContentFileError:
        return ContentFileError(self.file, self._field(key), "required, but missing")

    def fields(self, *, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        """The value is a mapping with every required field and no field beyond these (a misspelt one)."""
        known = set(required) | set(optional)
        if not isinstance(self.value, dict):
            raise self.error(f"expected fields ({', '.join(sorted(known))}), got {_kind(self.value)}")
        for key in self.value:
            if key not in known:
                raise self.child(key).error(f"unknown field (known: {', '.join(sorted(known))})")
        for key in required:
            if key not in self.value:
                raise self._missing(key)

    def _get(self, key: str, kind: type, default: Any) -> Any:
        if key not in self.value:
            if default is _MISSING:
                raise self._missing(key)
            return default
        node = self.child(key)
        # bool is an int in Python; a count written as "yes" is a mistake, not 1.
        if not isinstance(node.value, kind) or (kind is int and isinstance(node.value, bool)):
            raise node.error(f"expected {_KINDS[kind]}, got {_kind(node.value)}: {node.value!r}")
        return node.value

    def text(self, key: str, default: Any = _MISSING) -> str:
        value = self._get(key, str, default)
        if key in self.value and not value.strip():
            raise self.child(key).error("empty")
        return value

    def integer(self, key: str, default: Any = _MISSING, *, minimum: int = 0) -> int:
        value = self._get(key, int, default)
        if key in self.value and value < minimum:
            raise self.child(key).error(f"must be at least {minimum}, got {value}")
        return value

    def boolean(self, key: str, default: Any = _MISSING) -> bool:
        return self._get(key, bool, default)

    def items(self, key: str, *, at_least: int = 1) -> list[Node]:
        self._get(key, list, _MISSING)
        node = self.child(key)
        if len(node.value) < at_least:
            raise node.error(f"needs at least {at_least}, has {len(node.value)}")
        return [node.child(i) for i in range(len(node.value))]

    def texts(self, key: str) -> list[str]:
        return [item.text_value() for item in self.items(key)]

    def text_value(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            raise self.error(f"expected text, got {_kind(self.value)}: {self.value!r}")
        return self.value


def read_content_file(path: Path) -> Node:
    """The file's top-level fields, as a Node. YAML errors name the line."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ContentFileError(path, f"line {mark.line + 1}" if mark else "", exc.problem or str(exc)) from exc
    node = Node(path, "", data)
    if not isinstance(data, dict):
        raise node.error(f"expected fields at the top of the file, got {_kind(data)}")
    return node


def read_content_files(directory: Path, *, pattern: str = "*.yaml") -> list[Node]:
    """Each file of ``directory`` matching ``pattern``, in the order of their names (a number in front
    orders them), as the Node of its top-level fields."""
    paths = sorted(directory.glob(pattern))
    if not paths:
        raise ContentFileError(directory, "", f"no {pattern} files")
    return [read_content_file(path) for path in paths]


def stream_items(node: Node, block: blocks.StreamBlock) -> list[tuple[str, Any]]:
    """A body written as ``- block_type: value`` items, checked as the editor would check it, returned
    as the ``(block_type, value)`` pairs a StreamField is given."""
    raw = _raw(node, block)
    with translation.override("en"):  # one language in the message: the rest of it is English
        try:
            block.clean(block.to_python(raw))
        except ValidationError as exc:
            field, problem = next(_flat(exc, node.field, raw))
            raise ContentFileError(node.file, field, problem) from exc
    return [(name, value) for item in node.value for name, value in item.items()]


def _raw(node: Node, block: blocks.Block) -> Any:
    """The value in Wagtail's stored form, after checking what ``to_python`` would silently drop:
    an unknown block type, a misspelt field."""
    if isinstance(block, blocks.StreamBlock):
        if not isinstance(node.value, list):
            raise node.error(f"expected a list of blocks, got {_kind(node.value)}")
        raw = []
        for i in range(len(node.value)):
            item = node.child(i)
            if not isinstance(item.value, dict) or len(item.value) != 1:
                raise item.error("expected one block written as 'block_type: value'")
            (name,) = item.value
            if name not in block.child_blocks:
                raise item.error(f"unknown block type {name!r} (known: {', '.join(block.child_blocks)})")
            raw.append({"type": name, "value": _raw(item.child(name), block.child_blocks[name])})
        return raw
    if isinstance(block, blocks.StructBlock):
        node.fields(required=set(), optional=set(block.child_blocks))
        return {name: _raw(node.child(name), block.child_blocks[name]) for name in node.value}
    if isinstance(block, blocks.ListBlock):
        if not isinstance(node.value, list):
            raise node.error(f"expected a list, got {_kind(node.value)}")
        return [_raw(node.child(i), block.child_block) for i in range(len(node.value))]
    return node.value


def _flat(error: ValidationError, field: str, raw: Any) -> Iterator[tuple[str, str]]:
    """(field, message) for each error inside a Stream/Struct/ListBlock validation error, the field
    named as in the file (a stream's item by its index and block type)."""
    nested = getattr(error, "block_errors", None)
    if nested is None:
        yield field, " ".join(error.messages)
        return
    for message in error.non_block_errors.as_data():
        yield field, " ".join(message.messages)
    for key, child in nested.items():
        if isinstance(error, StreamBlockValidationError):
            yield from _flat(child, f"{field}[{key}].{raw[key]['type']}", raw[key]["value"])
        else:
            # A missing field has no value in the file, only its error.
            inner = raw.get(key) if isinstance(raw, dict) else raw[key]
            yield from _flat(child, f"{field}[{key}]" if isinstance(key, int) else f"{field}.{key}", inner)
