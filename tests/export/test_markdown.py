"""The Markdown export: structure checked by parsing it back with markdown-it-py and PyYAML."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.article import BlockKind
from reader.export import to_markdown
from reader.export.markdown import ORPHAN_HEADING, _Locator, block_id, select, yaml_string
from reader.notes.model import COLORS, Anchor, AnchorStatus
from reader.safety import printable
from tests.export.helpers import (
    EXPORTED,
    FakeSpeaker,
    FakeSpeakers,
    annotate,
    article_of,
    bundled,
    orphan,
)
from tests.export.mdcheck import LITERAL, front_matter_text, parse

UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def export(article, annotations, speakers=None, **options):
    options.setdefault("exported", EXPORTED)
    return to_markdown(article, annotations, speakers, **options)


def single(quote: str, note: str = "", **kw):
    """An article holding `quote` in its second paragraph, and a highlight of it."""
    article = article_of(f"A title\nBefore it.\n{quote} after.\nThe end.\n")
    return article, annotate(article, quote, ident="h1", note=note, **kw)


# ---------------------------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------------------------


def test_front_matter_fields_and_counts():
    art = bundled()
    anns = [
        annotate(art, "ring of steel", ident="a1", tags=("security", "Kabul")),
        annotate(art, "massive security failure", ident="a2", note="Why?", tags=("security",)),
        orphan(art, "a sentence that was cut", ident="a3", start=100, note="kept"),
    ]
    md = export(art, anns)
    doc = parse(md)
    assert doc.top[0] == "front_matter"
    assert doc.front == {
        "title": art.title,
        "source": art.path,
        "sha256": art.sha256,
        "exported": EXPORTED,
        "highlights": 3,
        "notes": 2,
        "orphans": 1,
        "tags": ["Kabul", "security"],
        "group_by": "paragraph",
    }
    assert doc.headings[0] == ("h1", art.title)


HOSTILE_TITLES = [
    "Title: with a colon",
    "# hash at the start",
    "quotes \" and ' and `",
    "line\nbreak",
    "--- dashes",
    "- list? [flow] {map} & *alias !tag | > % @",
    "esc \x1b[31m red \x07 bell \x9b csi",
    "bidi \u202e override \u2028 sep \x85 nel \ufeff bom \u00a0 nbsp",
    "yes",
    "null",
    "0x1F",
    "  padded  ",
    "back\\slash \\n",
    "emoji 👍🏽 and 中文",
    "",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_title_and_path_stay_valid_yaml(title):
    art = replace(article_of("T\nOne paragraph here.\n"), title=title, path=f"/tmp/{title}.txt")
    md = export(art, [annotate(art, "One", ident="x")])
    front = yaml.safe_load(front_matter_text(md))
    assert front["title"] == title
    assert front["source"] == f"/tmp/{title}.txt"
    assert UNSAFE.search(md.replace("\n", "")) is None
    doc = parse(md)
    assert doc.top[:2] == ["front_matter", "h1"]


@given(st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
@settings(max_examples=200, deadline=None)
def test_yaml_string_round_trips_any_text(value):
    line = f"k: {yaml_string(value)}"
    assert "\n" not in line
    assert yaml.safe_load(line) == {"k": value}


def test_tags_in_front_matter_are_quoted():
    art, ann = single("words", tags=("yes", "no", "123", "a:b"))
    front = yaml.safe_load(front_matter_text(export(art, [ann])))
    assert front["tags"] == ["123", "a:b", "no", "yes"]


# ---------------------------------------------------------------------------------------------
# Quotes: hostile Markdown stays one literal blockquote
# ---------------------------------------------------------------------------------------------

HOSTILE_QUOTES = [
    "# not a heading",
    "## also not",
    "> not nested",
    "* not a list",
    "- not a list",
    "+ not a list",
    "1. not ordered",
    "2) not ordered",
    "---",
    "***",
    "___",
    "- - -",
    "Setext\n===",
    "Setext\n---",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "a | b\n--|--",
    "```python\nprint(1)",
    "~~~\ncode",
    "    four spaces",
    "\ttab indented",
    "[x](y)",
    "![img](src.png)",
    "<html>",
    "<div>\nblock\n</div>",
    "<!-- comment",
    "<script>alert(1)</script>",
    "title: x\n---",
    "---\ntitle: x\n---",
    "&amp; &#35; &copy;",
    "`code` and ``more``",
    "*em* _em_ **strong** __strong__",
    "~~strike~~",
    "ends with a backslash\\",
    "back\\slash \\* escaped",
    "[ref]: http://example.com",
    "[^1]: footnote",
    "==mark== $x^2$ %%comment%% #tag [[wiki]] ^block",
    "line one\nline two\nline three",
    "para one\n\npara two",
    "two trailing spaces  \nhard break?",
    "<https://example.com> and <me@example.com>",
    "  leading spaces",
    "trailing spaces  ",
    "5 > 3 and 2 < 4",
    'IS-K, it\'s "quoted" (parens) 50% 3.5 a+b a-b',
    "2017. A year",
    "\\",
    "*",
    "#",
    "!",
]


def literal(quote: str) -> str:
    """What a reader should see: the quote with controls made visible (tabs as spaces)."""
    return printable(quote)


@pytest.mark.parametrize("quote", HOSTILE_QUOTES)
def test_hostile_quote_is_one_literal_blockquote(quote):
    art, ann = single(quote)
    md = export(art, [ann])
    doc = parse(md)
    assert doc.top == ["front_matter", "h1", "h2", "blockquote", "paragraph"], md
    assert len(doc.quotes) == 1 and not doc.notes
    q = doc.quotes[0]
    assert q.text == literal(quote)
    for inline in q.paragraphs:
        assert {c.type for c in inline.children or []} <= LITERAL, md
    # Inside the blockquote there are only paragraphs: no heading, list, table, code, html, hr.
    kinds = {t.type for t in q.tokens}
    assert kinds <= {"paragraph_open", "paragraph_close", "inline"}, kinds
    assert doc.paragraphs[-1].endswith("^h1")


QUOTE_ALPHABET = st.sampled_from(
    [*"ab #>*_-+=|`~[]()!<>&;:\\$%^{}\"'.,0123456789\t", "\n", "  ", "é", "😀", "\x1b"]
)


@given(st.lists(QUOTE_ALPHABET, min_size=1, max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_any_quote_renders_literally(quote):
    # A blank line inside a quote is a paragraph break: the number of blank lines is not kept.
    quote = re.sub(r"\n{2,}", "\n\n", quote.strip("\n"))
    if not quote:
        return
    art = replace(article_of("T\nx\n"), text="T\n" + quote + "\n")
    ann = annotate(art, quote, ident="p")
    doc = parse(export(art, [ann]))
    assert doc.top == ["front_matter", "h1", "h2", "blockquote", "paragraph"]
    assert doc.quotes[0].text == literal(quote)


# ---------------------------------------------------------------------------------------------
# Notes: Markdown kept, but contained
# ---------------------------------------------------------------------------------------------

HOSTILE_NOTES = [
    "---",
    "# A heading in my note\nand text",
    "Text\n===",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "```\nunclosed fence",
    "<!-- unclosed html comment",
    "<div>\nraw block",
    "---\ntitle: fake front matter\n---",
    "> a quote in my note",
    "%%unbalanced obsidian comment",
    "[^1]: a footnote\n[x]: http://example.com",
    "    indented code in the note",
    "- list\n- items\n\n1. one\n2. two",
    "\n\n\nblank lines around\n\n\n",
]


@pytest.mark.parametrize("note", HOSTILE_NOTES)
def test_hostile_note_cannot_break_the_document(note):
    art, ann = single("the quoted words", note=note)
    md = export(art, [ann])
    doc = parse(md)
    assert doc.top == ["front_matter", "h1", "h2", "blockquote", "blockquote", "paragraph"], md
    assert len(doc.notes) == 1
    html = MD_RENDER(md)
    assert "<!--" not in html and "<div>" not in html
    assert html.count("<hr") == 0 or "---" in note  # an hr may exist only inside the note callout
    assert doc.paragraphs[-1].endswith("^h1")


def MD_RENDER(md: str) -> str:
    from tests.export.mdcheck import MD

    return MD.render(md)


def test_note_markdown_is_kept_as_written():
    note = "**Important**: see [the report](https://example.org/r).\n\n- one\n- two\n\n# Sub"
    art, ann = single("the quoted words", note=note)
    md = export(art, [ann])
    body = md.split("> [!NOTE]\n", 1)[1].split("\n\n", 1)[0]
    assert body.split("\n")[0] == "> **Important**: see [the report](https://example.org/r)."
    doc = parse(md)
    inner = {t.type for t in doc.notes[0].tokens}
    assert {"bullet_list_open", "heading_open"} <= inner
    assert any(c.type == "strong_open" for t in doc.notes[0].paragraphs for c in t.children or [])
    assert any(c.type == "link_open" for t in doc.notes[0].paragraphs for c in t.children or [])
    # The note's own heading is inside the callout, not an extra top-level heading.
    assert [h for h, _ in doc.headings] == ["h1", "h2"]


def test_note_autolink_kept_html_escaped():
    art, ann = single("words", note="see <https://example.org> not <b>bold</b>")
    md = export(art, [ann])
    assert "> see <https://example.org> not \\<b>bold\\</b>" in md
    html = MD_RENDER(md)
    assert '<a href="https://example.org">' in html and "<b>" not in html


def test_note_code_keeps_angle_brackets():
    note = "inline `a<b>` and <i>\n```\nif a < b:\n    x = '<div>'\n```\nafter <div>"
    art, ann = single("words", note=note)
    md = export(art, [ann])
    assert "> inline `a<b>` and \\<i>\n> ```\n> if a < b:\n>     x = '<div>'\n> ```\n" in md
    assert "> after \\<div>" in md
    html = MD_RENDER(md)
    assert "<code>a&lt;b&gt;</code>" in html and "if a &lt; b:" in html
    assert "<div>" not in html and "<i>" not in html


def test_whitespace_only_note_is_no_note():
    art, ann = single("words", note="  \n ")
    doc = parse(export(art, [ann]))
    assert not doc.notes and doc.front["notes"] == 0


# ---------------------------------------------------------------------------------------------
# Control characters: the file is clean text
# ---------------------------------------------------------------------------------------------


def test_control_characters_are_made_visible():
    quote = "red \x1b[31m bell \x07 csi \x9b bidi \u202e zw \u200b del \x7f"
    art, ann = single(quote, note="note \x1b]8;;http://evil\x07 link\r\nnext \x00 line")
    ann = replace(ann, tags=("t\x1bag",), color="yellow")
    md = export(art, [ann])
    assert UNSAFE.search(md.replace("\n", "")) is None
    assert "\r" not in md
    doc = parse(md)
    assert doc.quotes[0].text == printable(quote)
    assert "␛" in md and "␇" in md and "\ufffd" in md
    assert "> next ␀ line" in md


# ---------------------------------------------------------------------------------------------
# Entries: order, location, speaker, block ids
# ---------------------------------------------------------------------------------------------


def test_entries_in_text_order_with_overlaps_and_deterministic_bytes():
    art = bundled()
    anns = [
        annotate(art, "Kabul's ring of steel", ident="b"),
        annotate(art, "ring of steel - a network of around 25 checkpoints", ident="c"),
        annotate(art, "The Islamic State-Khorasan group", ident="a"),
        annotate(art, "Kabul's ring of steel", ident="d"),  # the same span twice
    ]
    md = export(art, anns)
    shuffled = anns[:]
    random.Random(4).shuffle(shuffled)
    assert export(art, shuffled) == md
    assert md.endswith("\n") and not md.endswith("\n\n") and "\r" not in md
    assert not any(line != line.rstrip() for line in md.split("\n"))
    ids = re.findall(r"\^(\w+)$", md, re.M)
    assert ids == ["a", "b", "d", "c"]
    doc = parse(md)
    assert [q.text for q in doc.quotes] == [
        "The Islamic State-Khorasan group",
        "Kabul's ring of steel",
        "Kabul's ring of steel",
        "ring of steel - a network of around 25 checkpoints",
    ]


def test_locator_agrees_with_article_paragraph_number():
    art = bundled()
    loc = _Locator(art)
    for offset in range(0, len(art.text), 7):
        assert loc.paragraph_number(offset) == art.paragraph_number(offset)
    other = article_of("# Head\nBy Jane Doe\n\nPara one.\n\nA pull quote |\nPara two.\n")
    for offset in range(len(other.text)):
        assert _Locator(other).paragraph_number(offset) == other.paragraph_number(offset)


def test_location_labels():
    art = bundled()
    pull = next(b for b in art.blocks if b.kind is BlockKind.PULL_QUOTE)
    anns = [
        annotate(art, art.title[:10], ident="t"),
        replace(
            annotate(art, "whack-a-mole", ident="p", occurrence=2),
        ),
    ]
    assert anns[1].start >= pull.start and anns[1].end <= pull.end
    md = export(art, anns, group_by="colour")
    n = art.paragraph_number(pull.start)
    assert "title · yellow ^t" in md
    assert f"pull quote after paragraph {n} · yellow ^p" in md
    spanning = annotate(art, "by any measure.\nA report", ident="s")
    n3 = art.paragraph_number(spanning.start)
    assert f"paragraphs {n3}-{n3 + 1} · yellow ^s" in export(art, [spanning], group_by="tag")
    md = export(art, anns)
    assert [h for _, h in parse(md).headings] == [
        art.title,
        "Title",
        f"Pull quote after paragraph {n}",
    ]


def test_speaker_line_only_inside_a_quotation():
    art = bundled()
    inside = annotate(art, "To avenge its defeat in Iraq", ident="in")
    outside = annotate(art, "drew a more direct line", ident="out")
    quote_start = art.text.index('"To avenge')
    who = FakeSpeaker(0, "Jawed *Kohistani*", "a Kabul-based security analyst")
    speakers = FakeSpeakers([(quote_start, quote_start + 101, who)])
    md = export(art, [inside, outside], speakers)
    assert "> -- Jawed \\*Kohistani\\*, a Kabul-based security analyst" in md
    doc = parse(md)
    by_text = {q.text: q.speaker for q in doc.quotes}
    assert by_text == {
        "To avenge its defeat in Iraq": "Jawed *Kohistani*, a Kabul-based security analyst",
        "drew a more direct line": None,
    }
    no_description = FakeSpeakers([(quote_start, quote_start + 101, replace(who, description=""))])
    assert "> -- Jawed \\*Kohistani\\*\n" in export(art, [inside], no_description)
    anonymous = FakeSpeaker(2, "Shinwar resident", "one Shinwar resident")
    md = export(art, [inside], FakeSpeakers([(quote_start, quote_start + 101, anonymous)]))
    assert "> -- one Shinwar resident\n" in md


def test_block_ids_are_safe_unique_and_stable():
    ids = ["0190abcdef", "a_b", "a.b", "a b", "ünï", "", "-", "urn:reader:annotation:x"]
    made = [block_id(i) for i in ids]
    assert all(re.fullmatch(r"[A-Za-z0-9-]+", b) for b in made)
    assert len(set(made)) == len(made)
    assert made[0] == "0190abcdef"
    assert [block_id(i) for i in ids] == made


# ---------------------------------------------------------------------------------------------
# Grouping, filters, orphans
# ---------------------------------------------------------------------------------------------


def _sample():
    art = bundled()
    quote_start = art.text.index('"To avenge')
    kohistani = FakeSpeaker(0, "Jawed Kohistani", "a Kabul-based security analyst")
    official = FakeSpeaker(1, "one Afghan intelligence official", "")
    official_start = art.text.index("\"It's also important")
    speakers = FakeSpeakers(
        [
            (quote_start, quote_start + 101, kohistani),
            (official_start, official_start + 300, official),
        ]
    )
    anns = [
        annotate(art, "ring of steel", ident="s1", tags=("security", "kabul"), color="green"),
        annotate(art, "It's also important", ident="s2", note="Anonymous.", color="blue"),
        annotate(art, "To avenge its defeat", ident="s3", tags=("Motive",), note="Revenge."),
        annotate(art, "massive security failure", ident="s4", color="purple"),
        orphan(art, "gone from the text", ident="s5", start=50, tags=("security",)),
    ]
    return art, anns, speakers


def _sections(md):
    return [text for tag, text in parse(md).headings if tag == "h2"]


def test_group_by_paragraph():
    art, anns, speakers = _sample()
    md = export(art, anns, speakers)
    numbers = sorted({art.paragraph_number(a.start) for a in anns[:4]})
    assert len(numbers) == 3  # two highlights share a paragraph
    assert _sections(md) == [f"Paragraph {n}" for n in numbers] + [ORPHAN_HEADING]


def test_group_by_speaker():
    art, anns, speakers = _sample()
    md = export(art, anns, speakers, group_by="speaker")
    assert _sections(md) == [
        "Jawed Kohistani",
        "one Afghan intelligence official",
        "Not in an attributed quotation",
        ORPHAN_HEADING,
    ]
    with pytest.raises(ValueError, match="speaker index"):
        export(art, anns, None, group_by="speaker")


def test_group_by_tag_repeats_entries_but_not_block_ids():
    art, anns, speakers = _sample()
    md = export(art, anns, speakers, group_by="tag")
    assert _sections(md) == ["#kabul", "#Motive", "#security", "Untagged", ORPHAN_HEADING]
    doc = parse(md)
    assert [q.text for q in doc.quotes].count("ring of steel") == 2
    ids = re.findall(r"\^([\w-]+)$", md, re.M)
    assert sorted(ids) == ["s1", "s2", "s3", "s4", "s5"]


def test_group_by_colour_in_palette_order():
    art, anns, speakers = _sample()
    md = export(art, anns, speakers, group_by="colour")
    assert _sections(md) == ["Yellow", "Green", "Blue", "Purple", ORPHAN_HEADING]
    assert export(art, anns, speakers, group_by="color") == md
    assert list(COLORS[:3]) == ["yellow", "green", "blue"]


def test_unknown_group_is_an_error():
    art, anns, _ = _sample()
    with pytest.raises(ValueError, match="group_by"):
        export(art, anns, group_by="date")


def test_only_notes_and_tag_filters():
    art, anns, speakers = _sample()
    md = export(art, anns, speakers, only_notes=True)
    assert re.findall(r"\^([\w-]+)$", md, re.M) == ["s2", "s3"]
    assert parse(md).front["only_notes"] is True
    md = export(art, anns, speakers, tags=["#SECURITY"])
    assert re.findall(r"\^([\w-]+)$", md, re.M) == ["s1", "s5"]
    front = parse(md).front
    assert front["highlights"] == 2 and front["orphans"] == 1
    assert front["tags"] == ["kabul", "security"]
    assert front["filter_tags"] == ["#SECURITY"]
    md = export(art, anns, speakers, tags=["nothing"])
    assert "No highlights to export." in md and parse(md).front["highlights"] == 0
    assert select(anns, tags=["motive"]) == [anns[2]]


def test_orphans_have_their_own_flagged_section_last():
    art, anns, speakers = _sample()
    for group in ("paragraph", "speaker", "tag", "colour"):
        md = export(art, anns, speakers, group_by=group)
        assert _sections(md)[-1] == ORPHAN_HEADING
        tail = md.split(f"## {ORPHAN_HEADING}", 1)[1]
        assert "> gone from the text" in tail
        assert "orphaned (was at characters 50-68)" in tail
        assert "gone from the text" not in md.split(f"## {ORPHAN_HEADING}", 1)[0]


def test_fuzzy_anchor_is_mentioned():
    art, ann = single("words")
    ann = replace(ann, anchor=Anchor(AnchorStatus.FUZZY, 0.874))
    assert "re-anchored by fuzzy match (87%)" in export(art, [ann])


def test_no_annotations():
    art = bundled()
    md = export(art, [])
    doc = parse(md)
    assert doc.top == ["front_matter", "h1", "paragraph"]
    assert doc.front["highlights"] == 0 and doc.front["tags"] == []


NOTE_ALPHABET = st.sampled_from(
    [
        "#",
        "# ",
        "---",
        "***",
        "> ",
        "- ",
        "1. ",
        "|",
        "|---|",
        "```",
        "~~~",
        "<!--",
        "<div>",
        "</div>",
        "%%",
        "[x]: y",
        "    ",
        "\t",
        "\n",
        "\n\n",
        "text",
        "*",
        "_",
        "\\",
        "<",
        "=",
    ]
)


@given(st.lists(NOTE_ALPHABET, min_size=1, max_size=25).map("".join))
@settings(max_examples=200, deadline=None)
def test_any_note_stays_inside_its_callout(note):
    art, ann = single("the quoted words", note=note)
    doc = parse(export(art, [ann]))
    expected = ["front_matter", "h1", "h2", "blockquote", "paragraph"]
    if note.strip():
        expected.insert(4, "blockquote")
    assert doc.top == expected
    assert doc.paragraphs[-1].endswith("^h1")
