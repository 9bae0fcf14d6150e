"""Text motions for the cursor and keyboard selection: words and sentences inside blocks.

Pure functions over `(text, blocks)` and an offset, so they are tested without a screen and shared
by the text pane's motion keys and the "highlight this sentence" key. A block (paragraph, pull
quote ...) always bounds a sentence: text never runs on from one paragraph into the next.

Sentence ends are `.`, `!`, `?` or `…` (plus closing quotes/brackets) followed by whitespace and
something that is not lower-case. A full stop after a known abbreviation ("Mr.", "Gen.", "e.g.")
or after a single capital letter ("U.S.", "J. Smith") does not end a sentence: news prose is full
of both, and a highlight that stops at "Mr." is the wrong highlight.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from reader.article import Block

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
#: A candidate sentence end: terminal punctuation, closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?…]+[\"'”’)\]»]*(?=\s)")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "gen",
        "col",
        "lt",
        "maj",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "pres",
        "rev",
        "hon",
        "fr",
        "vs",
        "etc",
        "inc",
        "ltd",
        "corp",
        "dept",
        "univ",
        "vol",
        "fig",
        "approx",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "e.g",
        "i.e",
        "cf",
        "al",
    ]
)


def _block_index(blocks: Sequence[Block], offset: int) -> int:
    """Index of the block containing `offset`, or of the nearest one before it (0 if none)."""
    starts = [b.start for b in blocks]
    return max(0, bisect.bisect_right(starts, offset) - 1)


def next_word(text: str, blocks: Sequence[Block], offset: int) -> int:
    """Start of the next word after `offset` (crossing into later blocks); `offset` at the end."""
    m = _WORD.search(text, offset)
    if m is not None and m.start() <= offset:
        m = _WORD.search(text, m.end())
    if m is None:
        return offset
    return _inside_blocks(blocks, m.start(), offset)


def prev_word(text: str, blocks: Sequence[Block], offset: int) -> int:
    """Start of the word before `offset` (or of the word `offset` is in, if not at its start)."""
    window_start = max(0, offset - 4096)
    last = None
    for m in _WORD.finditer(text, window_start, offset):
        if m.start() < offset:
            last = m.start()
    if last is None:
        return offset if window_start == 0 else prev_word(text, blocks, window_start)
    return _inside_blocks(blocks, last, offset)


def _inside_blocks(blocks: Sequence[Block], target: int, fallback: int) -> int:
    """`target` if it lies in a block (text between blocks is not shown), else `fallback`."""
    if not blocks:
        return target
    block = blocks[_block_index(blocks, target)]
    return target if block.start <= target < block.end else fallback


def _is_sentence_end(text: str, block_start: int, match: re.Match[str]) -> bool:
    """Whether punctuation `match` ends a sentence (see the module docstring)."""
    punct = match.group()
    if punct == ".":
        word = re.search(r"([\w.]+)$", text[max(block_start, match.start() - 12) : match.start()])
        if word is not None:
            token = word.group(1)
            if token.casefold().rstrip(".") in _ABBREVIATIONS:
                return False
            # "U.S." / "J." : an initial or an initialism, not the end of a sentence.
            if re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", token):
                return False
    after = re.match(r"\s+(\S)", text[match.end() : match.end() + 8])
    if after is None:
        return True
    return not after.group(1).islower()


def sentences(text: str, block: Block) -> list[tuple[int, int]]:
    """`[start, end)` of each sentence of `block`, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = block.start
    for m in _END.finditer(text, block.start, block.end):
        if not _is_sentence_end(text, block.start, m):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, block.end))
    trimmed = []
    for s, e in spans:
        chunk = text[s:e]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        if e - trail > s + lead:
            trimmed.append((s + lead, e - trail))
    return trimmed


def sentence_at(text: str, blocks: Sequence[Block], offset: int) -> tuple[int, int] | None:
    """The sentence containing `offset` (the next one when `offset` is on whitespace between)."""
    if not blocks:
        return None
    block = blocks[_block_index(blocks, offset)]
    spans = sentences(text, block)
    for s, e in spans:
        if offset < e:
            return (s, e)
    return spans[-1] if spans else None


def next_sentence(text: str, blocks: Sequence[Block], offset: int) -> int:
    """Start of the sentence after the one at `offset` (the next block's first one at the end)."""
    if not blocks:
        return offset
    index = _block_index(blocks, offset)
    for s, _ in sentences(text, blocks[index]):
        if s > offset:
            return s
    if index + 1 < len(blocks):
        return blocks[index + 1].start
    return offset


def prev_sentence(text: str, blocks: Sequence[Block], offset: int) -> int:
    """Start of the sentence at `offset`, or of the previous one if already at a start."""
    if not blocks:
        return offset
    index = _block_index(blocks, offset)
    starts = [s for s, _ in sentences(text, blocks[index])]
    before = [s for s in starts if s < offset]
    if before:
        return before[-1]
    if index > 0:
        previous = [s for s, _ in sentences(text, blocks[index - 1])]
        return previous[-1] if previous else blocks[index - 1].start
    return offset
