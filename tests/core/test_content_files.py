"""The content-file reader: a file that does not fit says which file, which field and what is wrong."""

import pytest
from wagtail import blocks

from lms.core.content_files import ContentFileError, read_content_file, read_content_files, stream_items


class ItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=20)
    note = blocks.CharBlock(required=False)


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock()
    item = ItemBlock()
    items = blocks.ListBlock(ItemBlock(), min_num=2)


def body(tmp_path, text):
    path = tmp_path / "page.yaml"
    path.write_text(text, encoding="utf-8")
    return read_content_file(path).child("body")


def problem(tmp_path, text) -> str:
    with pytest.raises(ContentFileError) as caught:
        stream_items(body(tmp_path, text), BodyBlock())
    return str(caught.value)


def test_a_body_reads_as_the_pairs_a_streamfield_takes(tmp_path):
    text = "body:\n  - paragraph: >-\n      <p>Två\n      rader.</p>\n  - item:\n      title: Rubrik\n"
    assert stream_items(body(tmp_path, text), BodyBlock()) == [
        ("paragraph", "<p>Två rader.</p>"),
        ("item", {"title": "Rubrik"}),
    ]


def test_an_unknown_block_type_names_the_file_the_item_and_the_known_types(tmp_path):
    message = problem(tmp_path, "body:\n  - paragraph: <p>Ja</p>\n  - paragraf: <p>Nej</p>\n")
    assert message.endswith("page.yaml: body[1]: unknown block type 'paragraf' (known: paragraph, item, items)")


def test_a_misspelt_field_is_not_dropped_unseen(tmp_path):
    message = problem(tmp_path, "body:\n  - item:\n      title: Rubrik\n      noet: en anteckning\n")
    assert message.endswith("page.yaml: body[0].item.noet: unknown field (known: note, title)")


def test_the_blocks_own_rules_apply_with_the_field_named_as_in_the_file(tmp_path):
    assert "page.yaml: body[0].item.title: This field is required." in problem(
        tmp_path, "body:\n  - item:\n      note: utan rubrik\n"
    )
    assert "page.yaml: body[0].item.title: Ensure this value has at most 20 characters" in problem(
        tmp_path, "body:\n  - item:\n      title: En alldeles för lång rubrik\n"
    )
    nested = "body:\n  - items:\n      - title: Ett\n      - note: två\n"
    assert "page.yaml: body[0].items[1].title: This field is required." in problem(tmp_path, nested)
    assert "page.yaml: body[0].items: The minimum number of items is 2" in problem(
        tmp_path, "body:\n  - items:\n      - title: Ett\n"
    )


def test_a_block_must_be_written_as_type_and_value(tmp_path):
    assert problem(tmp_path, "body:\n  - <p>Bara text</p>\n").endswith(
        "page.yaml: body[0]: expected one block written as 'block_type: value'"
    )


def test_yaml_mistakes_name_the_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("title: Kurs\nsummary: [inte stängd\nslug: kurs\n", encoding="utf-8")
    with pytest.raises(ContentFileError, match=r"broken\.yaml: line \d+: "):
        read_content_file(path)


def test_a_key_given_twice_is_an_error_not_a_silent_loss(tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text("title: Första\nslug: kurs\ntitle: Andra\n", encoding="utf-8")
    with pytest.raises(ContentFileError, match=r"twice\.yaml: line 3: 'title' appears twice"):
        read_content_file(path)


def test_a_file_without_fields_at_the_top_and_a_directory_without_files(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- en\n- två\n", encoding="utf-8")
    with pytest.raises(ContentFileError, match=r"list\.yaml: \(top\): expected fields at the top of the file"):
        read_content_file(path)
    with pytest.raises(ContentFileError, match=r"no \*\.yaml files"):
        read_content_files(tmp_path / "empty")


def test_files_are_read_in_the_order_of_their_names(tmp_path):
    for name in ("02-b.yaml", "10-c.yaml", "01-a.yaml"):
        (tmp_path / name).write_text(f"name: {name}\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("not content", encoding="utf-8")
    assert [node.value["name"] for node in read_content_files(tmp_path)] == ["01-a.yaml", "02-b.yaml", "10-c.yaml"]


def test_a_value_of_the_wrong_kind_says_what_was_expected(tmp_path):
    path = tmp_path / "kinds.yaml"
    path.write_text("title: no\ncount: '3'\nflag: 1\n", encoding="utf-8")
    node = read_content_file(path)
    # YAML 1.1 reads an unquoted "no" as false: the message says so, rather than a title "False".
    with pytest.raises(ContentFileError, match=r"kinds\.yaml: title: expected text, got true/false: False"):
        node.text("title")
    with pytest.raises(ContentFileError, match=r"count: expected a number, got text: '3'"):
        node.integer("count")
    with pytest.raises(ContentFileError, match=r"flag: expected true/false, got a number: 1"):
        node.boolean("flag")
    with pytest.raises(ContentFileError, match=r"kinds\.yaml: missing: required, but missing"):
        node.text("missing")
    assert node.text("missing", "") == ""
