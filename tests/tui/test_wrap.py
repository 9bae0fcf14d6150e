"""The wrapper: spans map back to the text, lines fit the column in cells, nothing is lost."""

from __future__ import annotations

import itertools

import pytest
from rich.cells import cell_len

from reader.article import BlockKind, parse_article
from reader.tui.wrap import PULL_QUOTE_LEAD, Layout, _wrap_cells, wrap_span

SAMPLES = [
    "The quick brown fox jumps over the lazy dog, again and again and again.",
    "supercalifragilisticexpialidocious is a long word that does not fit",
    "日本語のテキストは空白なしで折り返されます。これはテストです。",
    "Emoji 😀😀😀 and wide 中文字符 mixed with ascii words here and there.",
    "Combining marks: e\u0301e\u0301e\u0301 cafe\u0301 re\u0301sume\u0301 na\u0131\u0308ve words",
    "   leading and trailing spaces   ",
]


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("width", [1, 5, 12, 30, 80])
def test_wrap_fits_and_loses_nothing(text: str, width: int) -> None:
    spans = wrap_span(text, 0, len(text), width)
    pieces = [text[s:e] for s, e in spans]
    for piece in pieces:
        # A single grapheme wider than the line (a wide char in width 1) is the only exception.
        assert cell_len(piece) <= max(width, 2)
        assert piece == piece.strip()
    # Concatenating the lines gives back every non-space character, in order.
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
    # Spans are increasing and inside the text.
    assert all(0 <= s <= e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize("width", [7, 20, 33])
def test_fast_path_agrees_with_cell_path(width: int) -> None:
    text = SAMPLES[0] + " " + SAMPLES[1]
    assert wrap_span(text, 0, len(text), width) == _wrap_cells(text, 0, len(text), width)


def test_words_are_not_split_when_they_fit() -> None:
    text = "alpha beta gamma delta epsilon"
    pieces = [text[s:e] for s, e in wrap_span(text, 0, len(text), 11)]
    assert pieces == ["alpha beta", "gamma delta", "epsilon"]


def test_combining_marks_stay_with_their_letter() -> None:
    text = "e\u0301" * 10
    for s, e in wrap_span(text, 0, len(text), 3):
        assert text[s] == "e" and text[e - 1] == "\u0301"


def test_layout_separates_blocks_and_indents_pull_quotes() -> None:
    article = parse_article(
        "A title\nFirst paragraph here.\nA pulled quote that is long enough to wrap |\nLast one."
    )
    layout = Layout(article.text, article.blocks, 20)
    layout.extend()
    owners = layout.owners
    assert -1 in owners  # blank separator lines
    assert owners[0] == 0 and owners[1] == -1
    quote = next(b for b in article.blocks if b.kind is BlockKind.PULL_QUOTE)
    quote_lines = [y for y, o in enumerate(owners) if o == quote.index]
    for y in quote_lines:
        assert cell_len(article.text[layout.starts[y] : layout.ends[y]]) <= 20 - PULL_QUOTE_LEAD
    # The pull quote marker is not part of any line.
    assert all(
        "|" not in article.text[s:e] for s, e in zip(layout.starts, layout.ends, strict=True)
    )


def test_line_of_offset_round_trips() -> None:
    article = parse_article("Title\n" + "word " * 200 + "\nanother paragraph " * 5)
    layout = Layout(article.text, article.blocks, 30)
    layout.extend()
    for y in range(layout.line_count):
        if layout.owners[y] >= 0:
            assert layout.line_of(layout.starts[y]) == y
            assert layout.line_of(layout.ends[y] - 1) == y


def test_incremental_layout_equals_full_layout() -> None:
    article = parse_article("T\n" + "\n".join(f"Paragraph {i} " + "x " * i for i in range(300)))
    full = Layout(article.text, article.blocks, 25)
    full.extend()
    steps = Layout(article.text, article.blocks, 25)
    while not steps.complete:
        steps.extend(7)
    assert (steps.starts, steps.ends, steps.owners) == (full.starts, full.ends, full.owners)
