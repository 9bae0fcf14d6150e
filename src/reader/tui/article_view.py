"""The text pane: a Line-API `ScrollView` over an `Article`, drawing only the visible lines.

Why a custom widget: a 4 MB article is ~60,000 wrapped lines; a `Static` or `TextArea` would lay
all of it out as widgets or rich renderables. Here each visual line is a `[start, end)` span of the
text (see `wrap.py`), rendered on demand into an LRU-cached `Strip`. Every cell maps back to an
offset into `Article.text`, which is what search, the cursor, selection and other panes' layers
(glossary terms, speaker tints, highlights) are expressed in.

Article text is passed through `reader.safety.printable` and drawn as plain `Segment`s: it is never
parsed as markup and never reaches the terminal as a control sequence.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.dom import DOMNode
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from reader.article import Article, BlockKind
from reader.safety import printable
from reader.tui.drawing import crop_columns, draws_plain, filtered
from reader.tui.scrollbar import LineScrollBar
from reader.tui.wrap import CHUNK_BLOCKS, PULL_QUOTE_LEAD, Layout

#: Component class for each kind of block (styled in styles/reader.tcss).
KIND_CLASSES: dict[BlockKind, str] = {
    BlockKind.TITLE: "article-view--title",
    BlockKind.HEADING: "article-view--heading",
    BlockKind.BYLINE: "article-view--byline",
    BlockKind.PARAGRAPH: "article-view--paragraph",
    BlockKind.PULL_QUOTE: "article-view--pull-quote",
    BlockKind.BIO: "article-view--bio",
}

#: Draw order of layers: a higher number is drawn later, so its colours win where spans overlap.
#: Layers not listed are drawn after these, in the order they were first set.
LAYER_PRIORITY: dict[str, int] = {
    "speakers": 10,
    "glossary": 20,
    "highlights": 30,
    "notes": 35,
    "glossary-active": 40,
    "speaker-active": 45,
    "search": 50,
    "search-current": 60,
    "selection": 70,
}

#: Matches beyond this are counted as "N+" and not highlighted (keeps a 4 MB search responsive).
MAX_MATCHES = 50_000

#: Wrapped lines drawn synchronously before the rest of a large text is wrapped in steps.
_FIRST_SCREEN_LINES = 400


@dataclass
class _Layer:
    """Spans of one layer, sorted by start, with a running max of ends for overlap queries."""

    priority: float
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    max_ends: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, priority: float, spans: Iterable[tuple[int, int, str]]) -> _Layer:
        ordered = sorted((s, e, c) for s, e, c in spans if e > s)
        running = 0
        max_ends = []
        for _, e, _ in ordered:
            running = max(running, e)
            max_ends.append(running)
        return cls(priority, ordered, [s for s, _, _ in ordered], max_ends)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Spans that intersect `[start, end)` (or touch `start` when the range is empty)."""
        found = []
        i = bisect.bisect_left(self.starts, max(end, start + 1)) - 1
        while i >= 0 and self.max_ends[i] > start:
            span = self.spans[i]
            if span[1] > start:
                found.append(span)
            i -= 1
        found.reverse()
        return found


def _with_offsets(segments: list[Segment], y: int) -> list[Segment]:
    """`segments` with the `offset` meta Textual's text selection reads (what
    `Strip.apply_offsets(0, y)` does, without making a strip to throw away)."""
    x = 0
    marked = []
    from_meta = Style.from_meta
    for text, style, _ in segments:
        offset_style = from_meta({"offset": (x, y)})
        marked.append(Segment(text, style + offset_style if style else offset_style))
        x += len(text)
    return marked


class ArticleView(ScrollView, can_focus=True):
    """The article, word-wrapped to a centred reading column, with a cursor and span layers."""

    ALLOW_SELECT = True
    #: How the help screen names the owner of these bindings.
    HELP_NAME = "text"

    #: Only what the first paint needs: every component class costs a style resolution at
    #: mount. Classes named in `set_layer` spans are declared on first use (see
    #: `register_component_classes`), e.g. article-view--term, --speaker-N, --highlight-COLOUR,
    #: which reader.tcss already styles.
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *KIND_CLASSES.values(),
        "article-view--pull-quote-bar",
        "article-view--cursor",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Line down", id="view.line-down"),
        Binding("k,up", "cursor_up", "Line up", id="view.line-up"),
        Binding("left", "cursor_left", "Character left", id="view.char-left"),
        Binding("right", "cursor_right", "Character right", id="view.char-right"),
        Binding("space,pagedown", "page_down", "Page down", id="view.page-down"),
        Binding("b,pageup", "page_up", "Page up", id="view.page-up"),
        Binding("g,home", "go_top", "Top", id="view.top"),
        Binding("G,end", "go_bottom", "Bottom", id="view.bottom"),
        Binding("left_curly_bracket", "prev_paragraph", "Previous paragraph", id="view.prev-para"),
        Binding("right_curly_bracket", "next_paragraph", "Next paragraph", id="view.next-para"),
        Binding("n", "search_next", "Next match", id="view.search-next"),
        Binding("N", "search_previous", "Previous match", id="view.search-prev"),
        Binding("escape", "escape", "Cancel selection / clear search", id="view.clear-search"),
        Binding("v", "toggle_selection", "Start/stop selecting", id="view.select"),
        Binding("w,ctrl+right", "word_right", "Next word", id="view.word-next"),
        Binding("B,ctrl+left", "word_left", "Previous word", id="view.word-prev"),
        Binding("right_parenthesis", "next_sentence", "Next sentence", id="view.next-sentence"),
        Binding("left_parenthesis", "prev_sentence", "Previous sentence", id="view.prev-sentence"),
    ]

    cursor_offset: var[int] = var(0, init=False)
    """Where the cursor is (an index into `Article.text`); moved by the view's own motions.

    Those who follow the cursor (the status line, the pane hints) watch it (`App.watch`): a
    watcher runs at once, so what it redraws joins the text's own frame. A message would reach
    them after that frame, and every key would cost a second one (~15% of a PageDown's CPU).
    """

    class SelectionChanged(Message):
        """The keyboard or mouse selection changed; `span` is `[start, end)` or None."""

        def __init__(self, view: ArticleView, span: tuple[int, int] | None) -> None:
            super().__init__()
            self.view = view
            self.span = span

        @property
        def control(self) -> ArticleView:
            return self.view

    class SearchChanged(Message):
        """The search query, match count or current match changed (`status` is e.g. "3/7")."""

        def __init__(self, view: ArticleView, query: str, status: str) -> None:
            super().__init__()
            self.view = view
            self.query = query
            self.status = status

        @property
        def control(self) -> ArticleView:
            return self.view

    def __init__(
        self,
        article: Article,
        *,
        column_width: int = 80,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article = article
        self.column_width = max(10, column_width)
        # Sanitised per line when drawn (`printable` keeps lengths, so offsets stay valid); doing
        # the whole text here would cost ~40 ms on a 4 MB article before the first paint.
        self._text = article.text
        self._layout = Layout(self._text, article.blocks, self.column_width)
        self._layout_width = -1
        self._margin = 0
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        self._layers: dict[str, _Layer] = {}
        self._layer_seq = 0
        self._cursor = self.initial_cursor(article)
        self.set_reactive(ArticleView.cursor_offset, self._cursor)
        self._goal_cell: int | None = None
        #: Starts of the counted paragraphs (the status line's "¶ 3/41").
        self.paragraph_starts = article.paragraph_starts
        self._search_query = ""
        self._matches: list[tuple[int, int]] = []
        self._match_starts: list[int] = []
        self._match_index = -1
        self._match_overflow = False
        self._lower: str | None = None
        self._layout_pending = False
        #: Set after the first frame: the background wrapping of a large text waits for it.
        self._painted = False
        self._base_style: Style | None = None
        #: Partial styles of component classes by name, read once per style change (looking one
        #: up walks the CSS; every line of every frame needs several).
        self._class_styles: dict[str, Style] = {}
        #: Where a keyboard selection (`v`) started; None when not selecting with the keyboard.
        self._anchor: int | None = None

    @staticmethod
    def initial_cursor(article: Article) -> int:
        """Where the cursor starts: the first character of the first block."""
        return article.blocks[0].start if article.blocks else 0

    # ------------------------------------------------------------------ extension points

    @classmethod
    def register_component_classes(cls, *names: str) -> None:
        """Declare component classes that layer spans use (style them in a `.tcss` file).

        `set_layer` calls this for any class it has not seen, so panes need not; calling it at
        import time of a pane module saves one restyle of the view later.
        """
        missing = set(names) - ArticleView.COMPONENT_CLASSES
        if missing:
            ArticleView.COMPONENT_CLASSES.update(missing)
            DOMNode._get_component_classes.cache_clear()

    def _ensure_component_classes(self, names: Iterable[str]) -> None:
        missing = set(names) - self._get_component_classes()
        if not missing:
            return
        self.register_component_classes(*missing)
        if self.is_mounted:
            self.app.stylesheet.apply(self)
            self._cache.clear()

    def set_layer(
        self, name: str, spans: Sequence[tuple[int, int, str]], *, priority: float | None = None
    ) -> None:
        """Replace layer `name` with `spans` of `(start, end, component_class)`; redraw lines hit.

        Layers are drawn in `LAYER_PRIORITY` order (unknown names after, in first-set order); a
        later layer's colours win where spans overlap, attributes (bold, italic...) combine.
        """
        old = self._layers.get(name)
        if priority is None:
            if old is not None:
                priority = old.priority
            else:
                self._layer_seq += 1
                priority = LAYER_PRIORITY.get(name, 1000 + self._layer_seq)
        layer = _Layer.build(priority, spans)
        self._ensure_component_classes({c for _, _, c in layer.spans})
        self._layers[name] = layer
        self._invalidate_spans((old.spans if old else []) + layer.spans)

    def clear_layer(self, name: str) -> None:
        """Remove layer `name` (no-op when absent)."""
        old = self._layers.pop(name, None)
        if old is not None:
            self._invalidate_spans(old.spans)

    def layer_spans(self, name: str) -> list[tuple[int, int, str]]:
        """The spans of layer `name`, sorted (empty when absent)."""
        layer = self._layers.get(name)
        return list(layer.spans) if layer else []

    # ------------------------------------------------------------------ public state

    @property
    def text(self) -> str:
        """The article text (offsets index into this)."""
        return self.article.text

    @property
    def text_layout(self) -> Layout:
        """The wrapped lines (rebuilt on resize)."""
        return self._layout

    @property
    def search_query(self) -> str:
        return self._search_query

    @property
    def search_status(self) -> str:
        """ "3/7" while searching, "0/0" for no match, "" without a query."""
        if not self._search_query:
            return ""
        total = f"{len(self._matches)}{'+' if self._match_overflow else ''}"
        current = self._match_index + 1 if self._matches else 0
        return f"{current}/{total}"

    @property
    def matches(self) -> list[tuple[int, int]]:
        return list(self._matches)

    def paragraph_position(self, offset: int | None = None) -> tuple[int, int]:
        """(i, n): the counted paragraph at `offset` (1-based, 0 before the first) and the total."""
        offset = self._cursor if offset is None else offset
        starts = self.paragraph_starts
        return bisect.bisect_right(starts, offset), len(starts)

    def visible_range(self) -> tuple[int, int]:
        """Offsets `[start, end)` of the text shown in the visible lines."""
        layout = self._layout
        top = int(self.scroll_offset.y)
        layout.extend_to_line(top + self.size.height)
        if not layout.line_count:
            return 0, 0
        first = min(top, layout.line_count - 1)
        last = min(top + max(1, self.size.height), layout.line_count) - 1
        return layout.starts[first], max(layout.ends[last], layout.starts[first])

    # ------------------------------------------------------------------ cursor and scrolling

    def move_cursor_to(self, offset: int, *, scroll: bool = True, center: bool = False) -> None:
        """Put the cursor at `offset` (clamped into the text) and keep it on screen."""
        offset = self._clamp(offset)
        self._goal_cell = None
        self._set_cursor(offset)
        if scroll:
            self._scroll_to_cursor(center=center)

    def scroll_to_offset(self, offset: int, center: bool = True) -> None:
        """Scroll so that `offset` is visible (centred by default); the cursor does not move."""
        y = self._line_of(offset)
        height = max(1, self.size.height)
        target = y - height // 2 if center else y
        self._scroll_y(max(0, target))

    def _scroll_y(self, y: int) -> None:
        """Scroll to line `y` now (forced: the scrollbar may not be laid out yet at startup)."""
        self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def _clamp(self, offset: int) -> int:
        """`offset` moved into the nearest block (never into the gap between two blocks)."""
        blocks = self.article.blocks
        if not blocks:
            return 0
        offset = max(blocks[0].start, min(offset, max(blocks[-1].start, blocks[-1].end - 1)))
        block = self.article.block_at(offset)
        if block is not None and offset >= block.end:
            if block.index + 1 < len(blocks):
                return blocks[block.index + 1].start
            return max(block.start, block.end - 1)
        return offset

    def _line_of(self, offset: int) -> int:
        layout = self._layout
        y = layout.line_of(offset)
        if self.is_mounted:
            self._sync_virtual_size()
        return y

    def _set_cursor(self, offset: int) -> None:
        if offset == self._cursor:
            return
        old = self._cursor
        self._cursor = offset
        self._refresh_offsets((old, offset))
        self.cursor_offset = offset  # the watchers run now (see `cursor_offset`)
        if self._anchor is not None:
            self._show_keyboard_selection()

    def _scroll_to_cursor(self, *, center: bool = False) -> None:
        y = self._line_of(self._cursor)
        height = max(1, self.size.height)
        top = int(self.scroll_offset.y)
        if center and not (top <= y < top + height):
            self._scroll_y(max(0, y - height // 2))
        elif y < top:
            self._scroll_y(y)
        elif y >= top + height:
            self._scroll_y(y - height + 1)

    def _cursor_cell(self) -> int:
        y = self._layout.line_of(self._cursor)
        start = self._layout.starts[y] if self._layout.line_count else 0
        return cell_len(printable(self._text[start : max(start, self._cursor)]))

    def _offset_at_cell(self, y: int, cells: int) -> int:
        """The offset at `cells` cells into visual line `y` (clamped to its last character)."""
        layout = self._layout
        start, end = layout.starts[y], layout.ends[y]
        if end <= start:
            return start
        text = printable(self._text[start:end])
        if text.isascii():
            return start + max(0, min(cells, len(text) - 1))
        used = 0
        for i, char in enumerate(text):
            used += cell_len(char)
            if used > cells:
                return start + i
        return end - 1

    def _text_line(self, y: int, step: int) -> int | None:
        """The nearest line from `y` in direction `step` that shows text (skipping blank lines)."""
        layout = self._layout
        while True:
            y += step
            layout.extend_to_line(y)
            if y < 0 or y >= layout.line_count:
                return None
            if layout.owners[y] >= 0:
                return y

    def _cursor_line_or_visible(self) -> int:
        """The cursor's line; if the cursor was scrolled off screen, bring it to the top line."""
        y = self._line_of(self._cursor)
        top = int(self.scroll_offset.y)
        height = max(1, self.size.height)
        if top <= y < top + height:
            return y
        first = (
            top
            if self._layout.owners[min(top, self._layout.line_count - 1)] >= 0
            else (self._text_line(top, 1) or top)
        )
        self._goal_cell = None
        self._set_cursor(self._offset_at_cell(first, 0))
        return first

    def _move_lines(self, count: int) -> None:
        if not self._layout.line_count:
            return
        y = self._cursor_line_or_visible()
        goal = self._goal_cell if self._goal_cell is not None else self._cursor_cell()
        step = 1 if count > 0 else -1
        target = y
        for _ in range(abs(count)):
            nxt = self._text_line(target, step)
            if nxt is None:
                break
            target = nxt
        if target == y:
            # Already on the first/last line: go to its start/end, as a pager does.
            layout = self._layout
            offset = layout.starts[y] if step < 0 else max(layout.starts[y], layout.ends[y] - 1)
            self._set_cursor(offset)
            self._goal_cell = None
        else:
            self._set_cursor(self._offset_at_cell(target, goal))
            self._goal_cell = goal
        self._scroll_to_cursor()

    def action_cursor_down(self) -> None:
        self._move_lines(1)

    def action_cursor_up(self) -> None:
        self._move_lines(-1)

    def action_cursor_left(self) -> None:
        self.move_cursor_to(self._prev_char(self._cursor))

    def action_cursor_right(self) -> None:
        self.move_cursor_to(self._next_char(self._cursor))

    def _next_char(self, offset: int) -> int:
        block = self.article.block_at(offset)
        if block is not None and offset + 1 >= block.end:
            blocks = self.article.blocks
            return blocks[block.index + 1].start if block.index + 1 < len(blocks) else offset
        return offset + 1

    def _prev_char(self, offset: int) -> int:
        block = self.article.block_at(offset)
        if block is not None and offset <= block.start:
            if block.index == 0:
                return offset
            return max(
                self.article.blocks[block.index - 1].start,
                self.article.blocks[block.index - 1].end - 1,
            )
        return offset - 1

    def _page(self, direction: int) -> None:
        height = max(1, self.size.height)
        page = max(1, height - 1)
        top = int(self.scroll_offset.y)
        self._layout.extend_to_line(top + height + page)
        self._sync_virtual_size()
        max_top = max(0, self._layout.line_count - height)
        new_top = max(0, min(max_top, top + direction * page))
        y = self._cursor_line_or_visible()
        if new_top == top:
            self._move_lines(direction * page)
            return
        goal = self._goal_cell if self._goal_cell is not None else self._cursor_cell()
        target = max(0, min(self._layout.line_count - 1, y + (new_top - top)))
        if self._layout.owners[target] < 0:
            target = self._text_line(target, direction) or self._text_line(target, -direction) or y
        self._scroll_y(new_top)
        self._set_cursor(self._offset_at_cell(target, goal))
        self._goal_cell = goal
        self._scroll_to_cursor()

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_go_top(self) -> None:
        self.move_cursor_to(0)
        self._scroll_y(0)

    def action_go_bottom(self) -> None:
        self._complete_layout()
        blocks = self.article.blocks
        if blocks:
            last = blocks[-1]
            self.move_cursor_to(last.start)
        self._scroll_y(self.max_scroll_y)

    def action_next_paragraph(self) -> None:
        block = self.article.block_at(self._cursor)
        blocks = self.article.blocks
        if block is None:
            return
        if block.index + 1 < len(blocks):
            self.move_cursor_to(blocks[block.index + 1].start)
            self._scroll_block_into_view()
        else:
            self.action_go_bottom()

    def action_prev_paragraph(self) -> None:
        block = self.article.block_at(self._cursor)
        if block is None:
            return
        if self._cursor > block.start:
            self.move_cursor_to(block.start)
        elif block.index > 0:
            self.move_cursor_to(self.article.blocks[block.index - 1].start)
        self._scroll_block_into_view()

    def _scroll_block_into_view(self) -> None:
        """After a paragraph jump, show the paragraph from its first line when it is off the top."""
        y = self._line_of(self._cursor)
        top = int(self.scroll_offset.y)
        if y < top or y >= top + max(1, self.size.height):
            self._scroll_y(max(0, y - 1))

    # ------------------------------------------------------------------ search

    def search(self, query: str, *, move: bool = True) -> str:
        """Highlight every match of `query` (smart case: case-insensitive unless it has a capital).

        The current match is the first at or after the cursor. Returns `search_status`.
        """
        self._search_query = query
        self._matches = []
        self._match_index = -1
        self._match_overflow = False
        if query:
            self._matches, self._match_overflow = self._find_all(query)
        self._match_starts = [s for s, _ in self._matches]
        if self._matches:
            i = bisect.bisect_left(self._match_starts, self._cursor)
            self._match_index = i if i < len(self._match_starts) else 0
        self.set_layer("search", [(s, e, "article-view--search-match") for s, e in self._matches])
        self._show_current_match(move=move)
        return self.search_status

    def _find_all(self, query: str) -> tuple[list[tuple[int, int]], bool]:
        text = self.article.text
        if query != query.lower():
            haystack, needle = text, query
        else:
            if self._lower is None:
                lowered = text.lower()
                # Some characters lower-case to two (e.g. "İ"); then offsets would drift.
                self._lower = lowered if len(lowered) == len(text) else ""
            if self._lower:
                haystack, needle = self._lower, query.lower()
            else:
                import re

                pattern = re.compile(re.escape(query), re.IGNORECASE)
                found: list[tuple[int, int]] = []
                for m in pattern.finditer(text):
                    if len(found) >= MAX_MATCHES:
                        return found, True
                    found.append(m.span())
                return found, False
        found = []
        size = len(needle)
        pos = haystack.find(needle)
        while pos >= 0:
            if len(found) >= MAX_MATCHES:
                return found, True
            found.append((pos, pos + size))
            pos = haystack.find(needle, pos + size)
        return found, False

    def _show_current_match(self, *, move: bool = True) -> None:
        if 0 <= self._match_index < len(self._matches):
            s, e = self._matches[self._match_index]
            self.set_layer("search-current", [(s, e, "article-view--search-current")])
            if move:
                self.move_cursor_to(s, scroll=False)
                y = self._line_of(s)
                top = int(self.scroll_offset.y)
                if not (top <= y < top + max(1, self.size.height)):
                    self.scroll_to_offset(s, center=True)
        else:
            self.clear_layer("search-current")
        self.post_message(self.SearchChanged(self, self._search_query, self.search_status))

    def action_search_next(self) -> None:
        """The first match after the cursor (wrapping), as in vi and less."""
        if self._matches:
            i = bisect.bisect_right(self._match_starts, self._cursor)
            self._match_index = i if i < len(self._matches) else 0
            self._show_current_match()
        elif self._search_query:
            self.app.bell()

    def action_search_previous(self) -> None:
        """The last match before the cursor (wrapping)."""
        if self._matches:
            i = bisect.bisect_left(self._match_starts, self._cursor) - 1
            self._match_index = i if i >= 0 else len(self._matches) - 1
            self._show_current_match()
        elif self._search_query:
            self.app.bell()

    def action_escape(self) -> None:
        """Esc: cancel a selection first; without one, clear the search."""
        if self._anchor is not None or self.text_selection is not None:
            self.clear_selection()
        else:
            self.action_clear_search()

    def action_clear_search(self) -> None:
        if self._search_query:
            self.search("")
        else:
            # No search to clear: let Esc reach the app (it clears glossary/speaker marks).
            from textual.actions import SkipAction

            raise SkipAction()

    # ------------------------------------------------------------------ layout

    def on_mount(self) -> None:
        # Wrap for the width the view will most likely get (the whole screen minus the scrollbar
        # gutter), so the first layout pass already knows the virtual size; on_resize corrects it.
        self._relayout(self.app.size.width - 1)
        # Say now whether the scrollbar shows: Textual would find out only in the first layout
        # pass, then lay out and draw the whole screen a second time before the first paint.
        # (A wrong guess costs just that; the next layout pass corrects it.)
        if self.styles.overflow_y == "auto":
            self.show_vertical_scrollbar = self._layout.line_count > self.app.size.height - 1
        # The rest of a large text is wrapped in steps once the first frame is on screen: a
        # timer started now would fire (and wrap a chunk) before the first paint.
        self.call_after_refresh(self._start_background_layout)

    def _start_background_layout(self) -> None:
        self._painted = True
        self._schedule_layout()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def _column_for(self, width: int) -> int:
        return max(1, min(self.column_width, width - 2 if width > 12 else width))

    def _relayout(self, width: int | None = None) -> None:
        """Re-wrap for the current width, keeping the cursor and the top visible offset in place."""
        if width is None:
            width = self._content_width()
        if width <= 0:
            return
        column = self._column_for(width)
        self._margin = max(0, (width - column) // 2)
        if column == self._layout.column and self._layout_width == width:
            return
        top_offset = None
        if self._layout.line_count and self._layout_width > 0:
            top = min(int(self.scroll_offset.y), self._layout.line_count - 1)
            top_offset = self._layout.starts[top]
        self._layout_width = width
        if column != self._layout.column or not self._layout.line_count:
            self._layout = Layout(self._text, self.article.blocks, column)
            self._layout.extend_to_line(_FIRST_SCREEN_LINES)
            if top_offset is not None:
                self._layout.extend_to_offset(max(top_offset, self._cursor))
        self._cache.clear()
        self._sync_virtual_size()
        if top_offset is not None:
            self._scroll_y(self._layout.line_of(top_offset))
        self.refresh()
        self._schedule_layout()

    def _schedule_layout(self) -> None:
        if self._painted and not self._layout.complete and not self._layout_pending:
            self._layout_pending = True
            self.set_timer(0.01, self._continue_layout)

    def _continue_layout(self) -> None:
        """Wrap the next chunk of a large text between frames, so typing and scrolling stay live."""
        self._layout_pending = False
        self._layout.extend(CHUNK_BLOCKS)
        self._sync_virtual_size()
        self._schedule_layout()

    def _complete_layout(self) -> None:
        self._layout.extend()
        self._sync_virtual_size()

    def _sync_virtual_size(self) -> None:
        size = Size(self._layout_width, self._layout.line_count)
        if size != self.virtual_size:
            self.virtual_size = size

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        """Textual's bar, drawn by `LineScrollBar` (a fifth of a PageDown was drawing the bar)."""
        if self._vertical_scrollbar is None and hasattr(self.app, "_start_widget"):
            bar = LineScrollBar(thickness=self.scrollbar_size_vertical)
            bar.display = False
            self._vertical_scrollbar = bar
            self.app._start_widget(self, bar)
        return super().vertical_scrollbar

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    def on_focus(self) -> None:
        self._restyle()

    def on_blur(self) -> None:
        self._restyle()

    def _restyle(self) -> None:
        """Styles changed (CSS, theme, focus): forget every style and line drawn with them."""
        self._base_style = None
        self._class_styles.clear()
        self._cache.clear()

    def _component(self, name: str, owner: Widget | None = None) -> Style:
        """The partial style of component class `name` of `owner` (this view by default; empty
        when no rule styles it)."""
        style = self._class_styles.get(name)
        if style is None:
            node = self if owner is None else owner
            style = node.get_component_rich_style(name, partial=True, default=Style())
            self._class_styles[name] = style
        return style

    @property
    def _base(self) -> Style:
        """The widget's own style (computing `rich_style` walks the DOM, so it is kept)."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    def selection_updated(self, selection: Selection | None) -> None:
        self._cache.clear()
        self.refresh()
        if selection is not None and self._anchor is not None:
            # A mouse drag replaces a keyboard selection (only one selection at a time).
            self._anchor = None
            self.clear_layer("selection")
        self.post_message(self.SelectionChanged(self, self.selection_range()))

    # ------------------------------------------------------------------ keyboard selection

    @property
    def selecting(self) -> bool:
        """True while a keyboard selection (`v`) is being extended by motion keys."""
        return self._anchor is not None

    def keyboard_selection(self) -> tuple[int, int] | None:
        """`[start, end)` between the anchor and the cursor (cursor end exclusive, so `v` then a
        word or sentence motion selects exactly that word or sentence); None when not selecting.

        At the very last character of the text (where the cursor cannot go further) it is
        included, so the end of an article can be selected too.
        """
        if self._anchor is None:
            return None
        start, end = sorted((self._anchor, self._cursor))
        blocks = self.article.blocks
        if blocks and end == self._cursor and end >= blocks[-1].end - 1:
            end = blocks[-1].end
        return (start, end) if end > start else None

    def selection_range(self) -> tuple[int, int] | None:
        """The current selection, keyboard or mouse, as `[start, end)` text offsets (or None).

        Whitespace at either end is left out: it is never what a reader means to highlight.
        """
        span = self.keyboard_selection()
        if span is None and self.is_mounted and self.text_selection is not None:
            span = self.selection_offsets(self.text_selection)
        if span is None:
            return None
        start, end = span
        text = self.article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def start_selection(self, offset: int | None = None) -> None:
        """Start a keyboard selection anchored at `offset` (default: the cursor)."""
        if self.is_mounted and self.text_selection is not None:
            self.screen.clear_selection()
        self._anchor = self._cursor if offset is None else self._clamp(offset)
        self._show_keyboard_selection()

    def clear_selection(self) -> None:
        """Drop the keyboard selection and this pane's mouse selection."""
        had = self._anchor is not None
        self._anchor = None
        self.clear_layer("selection")
        if self.is_mounted and self.text_selection is not None:
            self.screen.clear_selection()  # posts SelectionChanged via selection_updated
        elif had:
            self.post_message(self.SelectionChanged(self, None))

    def _show_keyboard_selection(self) -> None:
        span = self.keyboard_selection()
        if span is None:
            self.clear_layer("selection")
        else:
            self.set_layer("selection", [(span[0], span[1], "article-view--selection")])
        self.post_message(self.SelectionChanged(self, self.selection_range()))

    def action_toggle_selection(self) -> None:
        """`v`: start selecting at the cursor, or stop (cancel) a selection in progress."""
        if self._anchor is None:
            self.start_selection()
        else:
            self.clear_selection()

    def action_word_right(self) -> None:
        from reader.tui.motions import next_word

        self.move_cursor_to(next_word(self._text, self.article.blocks, self._cursor))

    def action_word_left(self) -> None:
        from reader.tui.motions import prev_word

        self.move_cursor_to(prev_word(self._text, self.article.blocks, self._cursor))

    def action_next_sentence(self) -> None:
        from reader.tui.motions import next_sentence

        self.move_cursor_to(next_sentence(self._text, self.article.blocks, self._cursor))

    def action_prev_sentence(self) -> None:
        from reader.tui.motions import prev_sentence

        self.move_cursor_to(prev_sentence(self._text, self.article.blocks, self._cursor))

    def sentence_at_cursor(self) -> tuple[int, int] | None:
        """`[start, end)` of the sentence under the cursor (the next one on a gap)."""
        from reader.tui.motions import sentence_at

        return sentence_at(self._text, self.article.blocks, self._cursor)

    # ------------------------------------------------------------------ invalidation

    def _invalidate_spans(self, spans: Sequence[tuple[int, int, str]]) -> None:
        if not spans:
            return
        if len(spans) > 256:
            self._cache.clear()
            self.refresh()
            return
        layout = self._layout
        lines: set[int] = set()
        for s, e, _ in spans:
            lines.update(layout.lines_between(s, e))
        self._refresh_lines(lines)

    def _refresh_offsets(self, offsets: Iterable[int]) -> None:
        layout = self._layout
        self._refresh_lines({layout.line_of(o) for o in offsets})

    def _refresh_lines(self, lines: Iterable[int]) -> None:
        top = int(self.scroll_offset.y)
        height = self.size.height
        width = self._content_width()
        for y in lines:
            self._cache.discard(y)
            if top <= y < top + height:
                self.refresh(Region(0, y - top, width, 1))

    # ------------------------------------------------------------------ rendering

    def render_line(self, y: int) -> Strip:
        scroll_y = int(self.scroll_offset.y)
        return self._line_strip(scroll_y + y)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The visible lines straight from the line cache, when nothing is drawn around them.

        Textual's style cache would pass every line through border, padding, tint and opacity
        steps; the text pane has none of them (its background is in the strips already), and on a
        PageDown that pass cost as much as drawing the new lines. Any of them set in CSS brings
        the general path back.
        """
        if not draws_plain(self):
            return super().render_lines(crop)
        top = int(self.scroll_offset.y)
        filters = self.get_line_filters()
        background = self.background_colors[1]
        widths = self._widths()  # once a frame, not once a line
        strips = [
            filtered(self._line_strip(top + y, widths), filters, background)
            for y in crop.line_range
        ]
        return crop_columns(strips, crop, self.size.width)

    def _lead(self, y: int) -> int:
        """Characters drawn before the text of line `y` (margin, pull quote indent and bar)."""
        block = self._layout.block_of_line(y)
        if block is not None and block.kind is BlockKind.PULL_QUOTE:
            return self._margin + PULL_QUOTE_LEAD
        return self._margin

    def _content_width(self) -> int:
        return self.scrollable_content_region.width

    def _line_strip(self, y: int, widths: tuple[int, int] | None = None) -> Strip:
        """Line `y` of the layout, styled and with offsets for Textual's selection; `widths` is
        `_widths()` when the caller has it already.

        As wide as the widget less a shown scroll bar: the compositor then takes the strip whole
        instead of cutting it at the bar's edge into two new strips, every line of every frame.
        """
        width, text_width = widths or self._widths()
        cached = self._cache.get(y)
        if cached is not None and cached.cell_length == width:
            return cached
        layout = self._layout
        base = self._base
        if y >= layout.line_count:
            layout.extend_to_line(y)
        if y >= layout.line_count or width <= 0:
            return Strip.blank(width, base)
        owner = layout.owners[y]
        if owner < 0:
            strip = Strip(_with_offsets([Segment(" " * width, base)], y), width)
            self._cache[y] = strip
            return strip
        block = self.article.blocks[owner]
        start, end = layout.starts[y], layout.ends[y]
        text_style = base + self._component(KIND_CLASSES[block.kind])
        segments: list[Segment] = [Segment(" " * self._margin, base)] if self._margin else []
        if block.kind is BlockKind.PULL_QUOTE:
            bar = base + self._component("article-view--pull-quote-bar")
            segments += [Segment("  ", base), Segment("\u258e", bar), Segment(" ", text_style)]
        segments += self._text_segments(y, start, end, block.end, text_style)
        cells = sum(len(seg.text) if seg.text.isascii() else cell_len(seg.text) for seg in segments)
        text_width = min(width, text_width)
        if cells > text_width:  # nothing is drawn into the scroll bar's gutter
            segments = list(Strip(segments, cells).crop(0, text_width))
            cells = text_width
        if cells < width:
            segments.append(Segment(" " * (width - cells), base))
        strip = Strip(_with_offsets(segments, y), width)
        self._cache[y] = strip
        return strip

    def _widths(self) -> tuple[int, int]:
        """(strip width, text width): the widget less a shown scroll bar, and the content area
        (which leaves the bar's gutter out whether or not the bar shows)."""
        width = self.size.width
        if self.show_vertical_scrollbar:
            width -= self.scrollbar_size_vertical
        return width, self._content_width()

    def _span_styles(self, start: int, end: int) -> list[tuple[int, int, Style]]:
        """(start, end, partial style) of every layer span on `[start, end)`, in draw order."""
        found: list[tuple[float, int, int, str]] = []
        for layer in self._layers.values():
            for s, e, cls in layer.overlapping(start, end):
                found.append((layer.priority, max(s, start), min(e, end), cls))
        found.sort(key=lambda item: item[0])
        get = self._component
        return [(s, e, get(cls)) for _, s, e, cls in found]

    def _selection_span(self, y: int, start: int, end: int) -> tuple[int, int] | None:
        selection = self.text_selection
        if selection is None:
            return None
        span = selection.get_span(y)
        if span is None:
            return None
        lead = self._lead(y)
        x0, x1 = span
        s = start + max(0, x0 - lead)
        e = end if x1 == -1 else start + max(0, x1 - lead)
        return (min(s, end), min(e, end)) if e > s else None

    def _text_segments(
        self, y: int, start: int, end: int, block_end: int, text_style: Style
    ) -> list[Segment]:
        text = printable(self._text[start:end]).replace("\n", " ")
        # The cursor may sit on whitespace at a wrap point: draw it one cell past the text.
        next_start = self._layout.starts[y + 1] if y + 1 < self._layout.line_count else block_end
        cursor = self._cursor
        trailing_cursor = end <= cursor < max(end + 1, min(next_start, block_end))
        styled = self._span_styles(start, end + (1 if trailing_cursor else 0))
        selection = self._selection_span(y, start, end)
        if selection is not None:
            sel_style = self._component("screen--selection", self.screen)
            styled.append((selection[0], selection[1], sel_style))
        if start <= cursor < end or trailing_cursor:
            styled.append((cursor, cursor + 1, self._component("article-view--cursor")))
        if trailing_cursor:
            text += " "
            end += 1
        if not styled:
            return [Segment(text, text_style)]
        points = {start, end}
        for s, e, _ in styled:
            points.add(max(start, min(end, s)))
            points.add(max(start, min(end, e)))
        ordered = sorted(points)
        segments = []
        for a, b in itertools.pairwise(ordered):
            style = text_style
            for s, e, extra in styled:
                if s <= a and e >= b:
                    style = style + extra
            segments.append(Segment(text[a - start : b - start], style))
        return segments

    # ------------------------------------------------------------------ mouse and selection

    def offset_at(self, x: int, y: int) -> int:
        """The text offset under widget-relative cell `(x, y)` (content coordinates)."""
        line = int(self.scroll_offset.y) + y
        layout = self._layout
        layout.extend_to_line(line)
        if not layout.line_count:
            return 0
        line = max(0, min(line, layout.line_count - 1))
        if layout.owners[line] < 0:
            return self._clamp(layout.starts[line])
        return self._offset_at_cell(line, max(0, x - self._lead(line)))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        self.focus()
        self.move_cursor_to(self.offset_at(offset.x, offset.y), scroll=False)

    def _selection_offset(self, x: int, y: int) -> int:
        layout = self._layout
        if not layout.line_count:
            return 0
        y = max(0, min(y, layout.line_count - 1))
        start, end = layout.starts[y], layout.ends[y]
        return max(start, min(end, start + x - self._lead(y)))

    def selection_offsets(self, selection: Selection) -> tuple[int, int]:
        """`[start, end)` text offsets covered by a Textual `Selection` of this widget."""
        layout = self._layout
        if selection.start is None:
            start = 0
        else:
            start = self._selection_offset(selection.start.x, selection.start.y)
        if selection.end is None:
            end = len(self.article.text)
        else:
            y = selection.end.y
            if y >= layout.line_count:
                end = len(self.article.text)
            else:
                end = self._selection_offset(selection.end.x, y)
        return start, max(start, end)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The selected text: block texts joined by blank lines, markers like ` |` left out."""
        start, end = self.selection_offsets(selection)
        parts = []
        for block in self.article.blocks:
            if block.end <= start:
                continue
            if block.start >= end:
                break
            parts.append(self.article.text[max(start, block.start) : min(end, block.end)])
        if not parts:
            return None
        return "\n\n".join(parts), "\n"
