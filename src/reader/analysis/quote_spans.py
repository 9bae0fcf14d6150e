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

from reader.analysis.name_words import NOT_NAME

#: Double quotation marks (two apostrophes first, so `''` is never read as two apostrophes).
#: Written as alternatives that each open with one literal character (not a character class),
#: so the regex engine skips ahead to those characters instead of trying every position.
_MARKS = re.compile("''|``|\"|\u201c|\u201d|\u201e|\u201f|\u00ab|\u00bb")
_OPENING = "\u201c\u201e\u201f\u00ab``"
_CLOSING = "\u201d\u00bb"
_BEFORE_OPEN = "([{\u2014\u2013-/\u2018'\u2019:"
_AFTER_CLOSE = ".,;:!?)]}\u2014\u2013-\u2026\u2019'"
#: Where a paragraph may reopen a quote that ran on from the previous one.
_REOPEN = re.compile("[ \t]*(?:''|``|[\"\u201c\u201e\u00ab])")


_span = re.Match.span


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
        # a paragraph never opens by closing a quote: a `”` there is a misprinted opening mark
        # (`” … what I learned is ...”`)
        return "open" if (pos == lo or (opener and not closer and nxt.isalnum())) else "close"
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

    A quote may hold one level of quotation inside it (`"He read: “As you know ...” and
    stopped."`), kept as part of the outer quote when the paragraph's marks balance that way.
    Otherwise the robust rules apply: a closing mark with nothing open is ignored; an opening
    mark while a quote is open restarts the quote there (the earlier mark was the bad one); a quote
    still open at the end of a paragraph runs to its end, and is marked `continues` when the next
    paragraph reopens it.
    """
    spans: list[QuoteSpan] = []
    reopen_next = False
    role, finditer = _role, _MARKS.finditer
    for number, (lo, hi) in enumerate(paragraphs):
        continued = reopen_next
        marks = [
            (pos, end, role(text, pos, end, lo, hi))
            for pos, end in map(_span, finditer(text, lo, hi))
        ]
        if not marks:  # most paragraphs: no quote, and none running on into the next one
            reopen_next = False
            continue
        nxt = paragraphs[number + 1] if number + 1 < len(paragraphs) else None
        runs_on = nxt is not None and _REOPEN.match(text, nxt[0], nxt[1]) is not None
        found = _nested(marks, _mixed(text, marks) if runs_on else False)
        if found is None:
            found = _flat(marks)
        reopen_next = False
        first = True
        for mark, content, close, after in found:
            closed = close is not None
            start, end = _trim(text, content, close if close is not None else hi)
            if end <= start:
                continue
            spans.append(
                QuoteSpan(
                    mark,
                    start,
                    end,
                    after if after is not None else end,
                    number,
                    closed,
                    continues=not closed and runs_on,
                    continued=continued and first and _at_start(text, lo, mark),
                )
            )
            first = False
        if found and found[-1][2] is None:
            reopen_next = runs_on
    return spans


#: (opening mark offset, content start, closing mark offset, offset after it), None when open
_Found = list[tuple[int, int, int | None, int | None]]


def _flat(marks: list[tuple[int, int, str]]) -> _Found:
    """One level only: an opening mark inside a quote restarts it."""
    out: _Found = []
    current: tuple[int, int] | None = None
    for start, end, role in marks:
        if current is None:
            if role != "close":
                current = (start, end)
        elif role == "open":
            current = (start, end)
        else:
            out.append((current[0], current[1], start, end))
            current = None
    if current is not None:
        out.append((current[0], current[1], None, None))
    return out


def _nested(marks: list[tuple[int, int, str]], open_outer: bool = False) -> _Found | None:
    """Quotes with one nested level, or None when the marks do not balance that way.

    Only a paragraph whose marks all pair up is read as nested: when an outer quote is left open
    (a bad mark, or a quote running on to the next paragraph) the flat rules are safer, since
    a narrative excerpt opened by a stray mark would otherwise become one long quote. The
    exception (`open_outer`) is a quote running on to the next paragraph whose opening mark is of
    another style than the pairs inside it (`"PENCE: ... “Shark Tank.” But ...`): the styles
    say which marks nest.
    """
    out: _Found = []
    outer: tuple[int, int] | None = None
    depth = 0
    nested = False
    for start, end, role in marks:
        if depth == 0:
            if role != "close":
                outer = (start, end)
                depth = 1
        elif role == "open":
            if depth == 2:
                return None
            depth = 2
            nested = True
        elif depth == 2:
            depth = 1
        else:
            assert outer is not None
            out.append((outer[0], outer[1], start, end))
            depth = 0
    if not nested:
        return None  # nothing nested: the flat rules give the same answer
    if depth == 1 and open_outer and outer is not None:
        out.append((outer[0], outer[1], None, None))
        return out
    return out if depth == 0 else None


_STRAIGHT = frozenset(('"', "''", "``"))


def _mixed(text: str, marks: list[tuple[int, int, str]]) -> bool:
    """The paragraph's first mark is straight and every other one curly, or the reverse."""
    straight = [text[pos:end] in _STRAIGHT for pos, end, _ in marks]
    return len(marks) >= 3 and all(s != straight[0] for s in straight[1:])


def _at_start(text: str, lo: int, pos: int) -> bool:
    return not text[lo:pos].strip()


#: The name word before a nickname (`Earvin "Magic" Johnson`) and the capital after it.
_NAME_BEFORE = re.compile(r"(?<![\w’'])([A-Z][\w’'-]*\.?)[ \u00a0]$")
_CAPITAL_AFTER = re.compile(r"[ \u00a0][A-Z][a-z’']")
#: Most characters a nickname and its marks take.
NICKNAME_CHARS = 30


def is_nickname(text: str, sp: QuoteSpan) -> bool:
    """Is the quote a nickname inside a name (`Thomas "Tip" O'Neill`): one or two capitalised
    words in marks between a first name and a surname? It is part of the name, nobody's words."""
    if not sp.closed or sp.close - sp.open > NICKNAME_CHARS or sp.open < 2:
        return False
    words = text[sp.start : sp.end].split()
    if not 1 <= len(words) <= 2 or not all(w[0].isupper() and w.isalpha() for w in words):
        return False
    m = _NAME_BEFORE.search(text, max(0, sp.open - NICKNAME_CHARS), sp.open)
    if m is None or m.group(1).lower().rstrip(".") in NOT_NAME:
        return False
    return _CAPITAL_AFTER.match(text, sp.close) is not None
