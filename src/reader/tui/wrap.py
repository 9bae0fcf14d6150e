"""Word-wrap an article into visual lines whose characters map back to offsets in `Article.text`.

No Textual import: this is plain data, so it is cheap to test and to benchmark. A visual line is a
span `[start, end)` of the text (whitespace at a wrap point belongs to no line) plus the index of
the block it shows; `-1` marks the blank line that separates two blocks. Wrapping is by terminal
cells (wide CJK characters, emoji, combining marks), with a regex fast path for text whose
characters are all one cell wide, which is nearly every news article.

The layout can be built incrementally (`extend`), so the first screen of a 4 MB text is drawn
before the rest is wrapped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache

from rich.cells import _is_single_cell_widths, split_graphemes

from reader.article import Block, BlockKind
from reader.safety import printable

#: Cells taken on the left of a pull quote line by its indent and bar (the view draws them).
PULL_QUOTE_LEAD = 4

#: Blocks wrapped per `extend` step when the layout is completed in the background.
CHUNK_BLOCKS = 1500

#: The first step of `extend_to_line` (doubled until CHUNK_BLOCKS): about one screen of text.
FIRST_STEP_BLOCKS = 16


def _block_start(block: Block) -> int:
    return block.start


@lru_cache(maxsize=16)
def _wrap_regex(width: int) -> re.Pattern[str]:
    """Greedy word wrap in one C-level pass: the longest run that ends before whitespace, or a
    hard break of `width` characters inside a word longer than the line."""
    if width <= 1:
        return re.compile(r"\S", re.S)
    return re.compile(rf"\S(?:.{{0,{width - 2}}}\S)?(?=\s|\Z)|\S{{{width}}}", re.S)


def wrap_span(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Visual line spans of `text[start:end]` at most `width` cells wide (at least one span)."""
    width = max(1, width)
    chunk = text[start:end]
    if _is_single_cell_widths(chunk.replace("\n", " ")):
        spans = [m.span() for m in _wrap_regex(width).finditer(text, start, end)]
        return spans or [(start, start)]
    # Measure what is drawn: control characters are shown as one-cell stand-ins (same length).
    shown = printable(chunk)
    return [(start + s, start + e) for s, e in _wrap_cells(shown, 0, len(shown), width)]


def _wrap_cells(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Slow path: greedy wrap over graphemes (never split), measuring each in cells.

    A line may break at whitespace, or after a wide character (CJK text has no spaces); a word
    wider than the line is cut where it overflows.
    """
    chunk = text[start:end]
    graphemes, _ = split_graphemes(chunk)
    space = [chunk[gs:ge].isspace() for gs, ge, _ in graphemes]
    n = len(graphemes)
    spans: list[tuple[int, int]] = []
    i = 0
    while i < n:
        while i < n and space[i]:
            i += 1
        if i >= n:
            break
        first = i
        cells = 0
        last_break: int | None = None  # grapheme index the line may end before
        j = i
        overflow = False
        while j < n:
            g_cells = graphemes[j][2]
            if space[j]:
                if not space[j - 1]:
                    last_break = j
                cells += g_cells
                j += 1
                continue
            if cells + g_cells > width and j > first:
                overflow = True
                break
            cells += g_cells
            j += 1
            if g_cells == 2:
                last_break = j
        stop = (
            (last_break if last_break is not None and last_break > first else j) if overflow else n
        )
        k = stop
        while k > first and space[k - 1]:
            k -= 1
        spans.append((start + graphemes[first][0], start + graphemes[k - 1][1]))
        i = stop
    return spans or [(start, start)]


def wrap_width(kind: BlockKind, column: int) -> int:
    """Cells available for the text of a block of `kind` in a reading column `column` wide."""
    if kind is BlockKind.PULL_QUOTE:
        return max(1, column - PULL_QUOTE_LEAD)
    return max(1, column)


class Layout:
    """Visual lines of an article at one column width; grows block by block (`extend`).

    Mutable on purpose: it is completed in steps after first paint, and rebuilt on resize.
    """

    __slots__ = (
        "block_first_line",
        "blocks",
        "column",
        "ends",
        "next_block",
        "owners",
        "starts",
        "text",
    )

    def __init__(self, text: str, blocks: Sequence[Block], column: int) -> None:
        self.text = text
        self.blocks = blocks
        self.column = max(1, column)
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.owners: list[int] = []
        self.block_first_line: list[int] = []
        self.next_block = 0

    @property
    def complete(self) -> bool:
        return self.next_block >= len(self.blocks)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def extend(self, max_blocks: int | None = None) -> int:
        """Wrap up to `max_blocks` more blocks (all when None); returns lines added."""
        before = len(self.starts)
        stop = (
            len(self.blocks)
            if max_blocks is None
            else min(len(self.blocks), self.next_block + max_blocks)
        )
        text, starts, ends, owners = self.text, self.starts, self.ends, self.owners
        for index in range(self.next_block, stop):
            block = self.blocks[index]
            if index:
                # The blank separator line sits at the next block's start, so bisect on `starts`
                # finds the block's first text line for offsets inside it.
                starts.append(block.start)
                ends.append(block.start)
                owners.append(-1)
            self.block_first_line.append(len(starts))
            for s, e in wrap_span(
                text, block.start, block.end, wrap_width(block.kind, self.column)
            ):
                starts.append(s)
                ends.append(e)
                owners.append(index)
        self.next_block = stop
        return len(self.starts) - before

    def extend_to_offset(self, offset: int) -> None:
        """Wrap at least up to the block containing `offset` (and no further)."""
        if self.complete or (self.starts and self.ends[-1] > offset):
            return
        # The first block starting after `offset`: wrap every block before it.
        stop = bisect.bisect_right(self.blocks, offset, lo=self.next_block, key=_block_start)
        self.extend(max(1, stop - self.next_block))
        while not self.complete and self.ends[-1] <= offset:  # `offset` is between two blocks
            self.extend(1)

    def extend_to_line(self, y: int) -> None:
        """Wrap until line `y` exists, in growing steps: the first screen of a large text must
        not wait for a whole chunk of blocks to be wrapped."""
        step = FIRST_STEP_BLOCKS
        while not self.complete and len(self.starts) <= y:
            self.extend(step)
            step = min(CHUNK_BLOCKS, step * 2)

    def line_of(self, offset: int) -> int:
        """The visual line showing `offset` (or the last line starting before it)."""
        self.extend_to_offset(offset)
        if not self.starts:
            return 0
        y = bisect.bisect_right(self.starts, offset) - 1
        return max(0, y)

    def lines_between(self, start: int, end: int) -> range:
        """Visual lines that show any character of `[start, end)` (wrapped lines only)."""
        if not self.starts:
            return range(0)
        first = max(0, bisect.bisect_right(self.starts, start) - 1)
        last = bisect.bisect_left(self.starts, max(start + 1, end))
        return range(first, max(first + 1, last))

    def block_of_line(self, y: int) -> Block | None:
        if 0 <= y < len(self.owners) and self.owners[y] >= 0:
            return self.blocks[self.owners[y]]
        return None
