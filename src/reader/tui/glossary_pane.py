"""The Glossary pane: every acronym of the article with its expansion, count and source.

A standalone widget: it never touches the text pane. Enter on a row posts `GlossaryPane.Selected`
and the app jumps the text and highlights the occurrences (see `analysis_panes.py`).

Rows are drawn by `FittedRow`, a `Visual` that lays a row out for the exact width it is given (the
count right-aligned, long expansions cut with an ellipsis) and is only built when first shown;
all article text in it goes through `one_line` and is drawn as `Content`, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.theme import Theme
from textual.visual import RenderOptions, Visual
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.safety import one_line

if TYPE_CHECKING:
    from reader.analysis.glossary import Glossary, GlossaryEntry

#: Source of an expansion -> (mark, legend words). The legend line under the list explains them.
SOURCE_MARKS: dict[str, tuple[str, str]] = {
    "text": ("●", "in the text"),
    "builtin": ("○", "bundled"),
    "none": ("?", "unknown"),
}
LEGEND = "  ".join(f"{mark} {words}" for mark, words in SOURCE_MARKS.values())
ANALYSING_TEXT = "Analysing…"
NO_EXPANSION = "no expansion found"


class FittedRow(Visual):
    """A list row laid out for the width it gets, built only when first drawn.

    OptionList asks every option for its height up front; measuring a `Content` wraps it. Rows
    here never wrap (their height is known from the data), and the content is built per width
    by `build(width)`, so columns stay aligned and long text is cut with an ellipsis.
    """

    __slots__ = ("_build", "_cache", "lines")

    def __init__(self, build: Callable[[int], Content], lines: int) -> None:
        self._build = build
        self._cache: tuple[int, Content] | None = None
        self.lines = lines

    def content(self, width: int) -> Content:
        if self._cache is None or self._cache[0] != width:
            self._cache = (width, self._build(width))
        return self._cache[1]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.content(width).render_strips(width, self.lines, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.lines


def fit_line(left: Content, right: Content, width: int) -> Content:
    """`left` cut to leave room for `right`, which is drawn flush with the right edge."""
    room = max(0, width - right.cell_length - 1) if right.cell_length else width
    if left.cell_length > room:
        left = left.truncate(room, ellipsis=True)
    gap = max(0, width - left.cell_length - right.cell_length)
    return Content.assemble(left, " " * gap, right) if right.cell_length else left


@dataclass(frozen=True, slots=True)
class _Row:
    """An entry with its lower-case search text and its option (kept across filters)."""

    entry: GlossaryEntry
    order: int
    haystack: str
    option: Option

    def matches(self, terms: Sequence[str]) -> bool:
        return all(term in self.haystack for term in terms)


class GlossaryFilter(Input):
    """The filter box: Enter looks up the highlighted row, Down goes to the list, Esc clears."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "to_list", "To the list", show=False),
        Binding("escape", "clear", "Clear filter", show=False),
    ]

    def _pane(self) -> GlossaryPane | None:
        pane = self.parent
        return pane if isinstance(pane, GlossaryPane) else None

    def action_to_list(self) -> None:
        if (pane := self._pane()) is not None:
            pane.query_one(GlossaryList).focus()

    def action_clear(self) -> None:
        if (pane := self._pane()) is not None:
            pane.set_filter("")
            pane.query_one(GlossaryList).focus()


class GlossaryList(OptionList):
    """The rows. Typing a capital letter starts the filter with it (acronyms are capitals)."""

    HELP_NAME = "glossary"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "toggle_sort", "Sort: first appearance / A-Z", id="glossary.sort"),
        Binding("slash", "focus_filter", "Filter acronyms", id="glossary.filter"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "glossary-list--short",
        "glossary-list--expansion",
        "glossary-list--unknown",
        "glossary-list--count",
        *(f"glossary-list--mark-{source}" for source in SOURCE_MARKS),
    }

    def __init__(self, pane: GlossaryPane, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._pane = pane

    def action_toggle_sort(self) -> None:
        self._pane.toggle_sort()

    def action_focus_filter(self) -> None:
        self._pane.focus_filter()

    def on_key(self, event: events.Key) -> None:
        char = event.character
        if char is not None and len(char) == 1 and "A" <= char <= "Z":
            event.stop()
            event.prevent_default()
            self._pane.focus_filter(append=char)


class GlossaryPane(Widget):
    """The article's acronyms: filterable, sorted by first appearance or alphabetically."""

    class Selected(Message):
        """Enter (or a click) on a row: the app jumps to the entry's occurrences."""

        def __init__(self, pane: GlossaryPane, entry: GlossaryEntry) -> None:
            super().__init__()
            self.pane = pane
            self.entry = entry

        @property
        def control(self) -> GlossaryPane:
            return self.pane

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._glossary: Glossary | None = None
        self._rows: list[_Row] = []
        self._visible: list[GlossaryEntry] = []
        self._filter = ""
        self._alphabetical = False
        self._error = ""
        self._ready = False

    def compose(self) -> ComposeResult:
        yield GlossaryFilter(
            placeholder="Filter: type an acronym or a word",
            id="glossary-filter",
            select_on_focus=False,
            compact=True,
        )
        yield Static(Content(ANALYSING_TEXT), id="glossary-status")
        yield GlossaryList(self, id="glossary-list")
        yield Static(Content(LEGEND), id="glossary-legend")

    def on_mount(self) -> None:
        self._ready = True
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._build_rows()
        self._refresh_rows()

    def _theme_changed(self, _theme: Theme) -> None:
        # Row prompts hold resolved colours: rebuild them for the new theme.
        self._build_rows()
        self._refresh_rows()

    # -- public API -----------------------------------------------------------------------------
    @property
    def glossary(self) -> Glossary | None:
        return self._glossary

    @property
    def visible_entries(self) -> tuple[GlossaryEntry, ...]:
        """The entries listed now (after the filter, in the current order)."""
        return tuple(self._visible)

    @property
    def alphabetical(self) -> bool:
        return self._alphabetical

    @property
    def filter_text(self) -> str:
        return self._filter

    @property
    def highlighted_entry(self) -> GlossaryEntry | None:
        if not self._ready:
            return None
        index = self.query_one(GlossaryList).highlighted
        if index is None or not 0 <= index < len(self._visible):
            return None
        return self._visible[index]

    def set_glossary(self, glossary: Glossary) -> None:
        """Show `glossary` (replacing the "Analysing…" note)."""
        self._glossary = glossary
        self._error = ""
        if self._ready:
            self._build_rows()
            self._refresh_rows()

    def show_error(self, message: str) -> None:
        """Show a one-line error instead of the rows (the analysis failed)."""
        self._error = one_line(message)
        self._glossary = None
        self._rows = []
        if self._ready:
            self._refresh_rows()

    def set_filter(self, text: str) -> None:
        """List only entries matching every word of `text`; also updates the filter box."""
        if self._ready:
            box = self.query_one(GlossaryFilter)
            if box.value != text:
                with box.prevent(Input.Changed):
                    box.value = text
        self._apply_filter(text)

    def toggle_sort(self) -> None:
        """Switch between order of first appearance and alphabetical order."""
        self._alphabetical = not self._alphabetical
        self._refresh_rows()

    def focus_filter(self, append: str = "") -> None:
        box = self.query_one(GlossaryFilter)
        if append:
            box.value = box.value + append
            box.cursor_position = len(box.value)
        box.focus()

    def focus_list(self) -> None:
        self.query_one(GlossaryList).focus()

    def highlight(self, short: str) -> bool:
        """Move the row cursor to the entry `short` (clearing a filter that hides it)."""
        if not self._ready:
            return False
        if not any(e.short == short for e in self._visible):
            self.set_filter("")
        for index, entry in enumerate(self._visible):
            if entry.short == short:
                self.query_one(GlossaryList).highlighted = index
                return True
        return False

    # -- filtering ------------------------------------------------------------------------------
    @on(Input.Changed, "#glossary-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._apply_filter(event.value)

    @on(Input.Submitted, "#glossary-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter looks up the highlighted (or first) row."""
        event.stop()
        self._apply_filter(event.value)
        self.focus_list()
        entry = self.highlighted_entry
        if entry is not None:
            self.post_message(self.Selected(self, entry))

    def _apply_filter(self, text: str) -> None:
        if text == self._filter:
            return
        self._filter = text
        self._refresh_rows()

    # -- rows -----------------------------------------------------------------------------------
    def _styles(self) -> dict[str, Style]:
        rows = self.query_one(GlossaryList)
        return {name: rows.get_visual_style(name) for name in GlossaryList.COMPONENT_CLASSES}

    def _build_rows(self) -> None:
        if self._glossary is None or not self._ready:
            self._rows = []
            return
        styles = self._styles()
        rows = []
        for order, entry in enumerate(self._glossary.entries):
            haystack = " ".join((entry.short, *entry.variants, entry.expansion)).casefold()
            row = FittedRow(self._builder(entry, styles), lines=2)
            rows.append(_Row(entry, order, haystack, Option(row, id=f"g{order}")))
        self._rows = rows

    @staticmethod
    def _builder(entry: GlossaryEntry, styles: dict[str, Style]) -> Callable[[int], Content]:
        mark, _ = SOURCE_MARKS.get(entry.source, SOURCE_MARKS["none"])
        mark_style = styles.get(f"glossary-list--mark-{entry.source}", Style())
        count = len(entry.occurrences)

        def build(width: int) -> Content:
            left = Content.assemble(
                (mark, mark_style), " ", (one_line(entry.short), styles["glossary-list--short"])
            )
            right = Content.styled(f"×{count}", styles["glossary-list--count"])
            if entry.expansion:
                second = Content.styled(
                    one_line(entry.expansion), styles["glossary-list--expansion"]
                )
            else:
                second = Content.styled(NO_EXPANSION, styles["glossary-list--unknown"])
            second = Content.assemble("  ", second)
            if second.cell_length > width:
                second = second.truncate(width, ellipsis=True)
            return Content("\n").join([fit_line(left, right, width), second])

        return build

    def _refresh_rows(self) -> None:
        if not self._ready:
            return
        rows_widget = self.query_one(GlossaryList)
        previous = self.highlighted_entry
        terms = self._filter.casefold().split()
        rows = [r for r in self._rows if r.matches(terms)] if terms else list(self._rows)
        if self._alphabetical:
            rows.sort(key=lambda r: (r.entry.short.casefold(), r.order))
        self._visible = [r.entry for r in rows]
        rows_widget.set_options([r.option for r in rows])
        if rows:
            target = 0
            if previous is not None:
                target = next((i for i, r in enumerate(rows) if r.entry is previous), 0)
            rows_widget.highlighted = target
        self._update_status(len(rows))

    def _update_status(self, shown: int) -> None:
        status = self.query_one("#glossary-status", Static)
        if self._error:
            text = self._error
        elif self._glossary is None:
            text = ANALYSING_TEXT
        else:
            total = len(self._rows)
            if total == 0:
                text = "No acronyms in this article"
            else:
                noun = "acronym" if total == 1 else "acronyms"
                count = f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
                order = "A-Z" if self._alphabetical else "by first appearance"
                text = f"{count} · {order}"
        self.set_class(bool(self._error), "-error")
        status.update(Content(text))

    @on(OptionList.OptionSelected, "#glossary-list")
    def _row_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if 0 <= index < len(self._visible):
            self.post_message(self.Selected(self, self._visible[index]))
