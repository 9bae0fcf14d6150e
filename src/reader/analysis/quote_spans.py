"""Find quotation spans: straight and curly double quotes, multi-paragraph quotes, bad marks.

Each paragraph is scanned on its own, so one stray mark can never swallow the rest of the article:
the state is reset at every paragraph boundary. Single quotes and apostrophes are never top-level
marks (`it's`, `'90s`, `Afghanistan's`); single quotes inside a double-quoted span simply stay part
of its text. Two apostrophes (`''`) and two backticks (``` `` ```) count as a straight double mark,
as in some news archives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

#: Double quotation marks (two apostrophes first, so `''` is never read as two apostrophes).
_MARKS = re.compile("''|``|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb]")
_OPENING = "\u201c\u201e\u201f\u00ab``"
_CLOSING = "\u201d\u00bb"
_BEFORE_OPEN = "([{\u2014\u2013-/\u2018'\u2019:"
_AFTER_CLOSE = ".,;:!?)]}\u2014\u2013-\u2026\u2019'"
#: Where a paragraph may reopen a quote that ran on from the previous one.
_REOPEN = re.compile("[ \t]*(?:''|``|[\"\u201c\u201e\u00ab])")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """One quoted stretch inside one paragraph; `start:end` is the text between the marks."""

    open: int  # offset of the opening mark
    start: int
    end: int
    close: int  # offset just after the closing mark (== end when the mark is missing)
    paragraph: int  # position in the list of paragraphs given to `find_quote_spans`
    closed: bool  # a closing mark was found in this paragraph
    continues: bool = False  # closing mark omitted; the next paragraph reopens the quote
    continued: bool = False  # this paragraph reopens a quote from the previous one


def _role(text: str, pos: int, end: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for the mark at text[pos:end], from its neighbours."""
    mark = text[pos:end]
    prev = text[pos - 1] if pos > lo else ""
    nxt = text[end] if end < hi else ""
    opener = prev == "" or prev.isspace() or prev in _BEFORE_OPEN
    closer = nxt == "" or nxt.isspace() or nxt in _AFTER_CLOSE
    if mark in _OPENING:
        return "close" if (closer and not opener) else "open"
    if mark in _CLOSING:
        return "open" if (opener and not closer and nxt.isalnum()) else "close"
    if opener and not closer:
        return "open"
    if closer and not opener:
        return "close"
    return "either"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quote_spans(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[QuoteSpan]:
    """All quoted spans in `paragraphs` (ordered `(start, end)` offsets into `text`).

    Rules: a closing mark with nothing open is ignored; an opening mark while a quote is open
    restarts the quote there (the earlier mark was the bad one); a quote still open at the end of a
    paragraph runs to its end, and is marked `continues` when the next paragraph reopens it.
    """
    spans: list[QuoteSpan] = []
    reopen_next = False
    for number, (lo, hi) in enumerate(paragraphs):
        continued = reopen_next
        reopen_next = False
        current: tuple[int, int] | None = None  # (mark offset, content start)
        first = True
        for m in _MARKS.finditer(text, lo, hi):
            role = _role(text, m.start(), m.end(), lo, hi)
            if current is None:
                if role != "close":
                    current = (m.start(), m.end())
                continue
            if role == "open":
                current = (m.start(), m.end())
                continue
            start, end = _trim(text, current[1], m.start())
            if end > start:
                spans.append(
                    QuoteSpan(
                        current[0],
                        start,
                        end,
                        m.end(),
                        number,
                        True,
                        continued=continued and first and _at_start(text, lo, current[0]),
                    )
                )
                first = False
            current = None
        if current is not None:
            start, end = _trim(text, current[1], hi)
            nxt = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
            runs_on = nxt is not None and _REOPEN.match(text, nxt[0], nxt[1]) is not None
            if end > start:
                spans.append(
                    QuoteSpan(
                        current[0],
                        start,
                        end,
                        end,
                        number,
                        False,
                        continues=runs_on,
                        continued=continued and first and _at_start(text, lo, current[0]),
                    )
                )
            reopen_next = runs_on
    return spans


def _at_start(text: str, lo: int, pos: int) -> bool:
    return not text[lo:pos].strip()
