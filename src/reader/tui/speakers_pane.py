"""The Speakers pane: who is quoted, in order of first appearance, with their quotes.

A standalone widget like the glossary pane: an `OptionList` whose speaker rows expand (space,
right) into one row per quote, showing its first words. Enter on a speaker or a quote posts
`SpeakersPane.QuoteChosen`, and the app moves the text there (see `analysis_panes.py`).

A speaker in a long text may have thousands of quotes, so an expanded speaker lists
`QUOTE_STEP` of them and a "… N more" row that lists the next ones; rows are `FittedRow`s built
only when drawn. Names, descriptions and quotes go through `one_line` and are drawn as
`Content`, never markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.theme import Theme
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.safety import one_line
from reader.tui.glossary_pane import ANALYSING_TEXT, FittedRow, fit_line

if TYPE_CHECKING:
    from reader.analysis.quotes import Quote, SpeakerIndex

#: Quotes listed per step when a speaker is expanded (a "… N more" row lists the next step).
QUOTE_STEP = 50
#: Words of a quote shown in its row (the row is also cut to the pane's width).
QUOTE_WORDS = 10
#: Distinct speaker colours (`article-view--speaker-N` / `speakers-list--swatch-N` in the tcss).
SPEAKER_COLOURS = 12
#: Group key of the quotes nobody was found to have said.
UNATTRIBUTED = -1


def first_words(text: str, words: int = QUOTE_WORDS) -> str:
    """The first `words` words of `text` on one line, with an ellipsis when cut."""
    parts = one_line(text).split()
    head = " ".join(parts[:words])
    return head + "…" if len(parts) > words else head


@dataclass(frozen=True)
class SpeakerGroup:
    """A speaker (or the unattributed quotes) with its quotes in text order."""

    key: int  # index into SpeakerIndex.speakers, or UNATTRIBUTED
    name: str
    description: str
    anonymous: bool
    quotes: tuple[Quote, ...]


def speaker_groups(index: SpeakerIndex) -> list[SpeakerGroup]:
    """One group per speaker (order of first appearance), then the unattributed quotes if any."""
    groups = [
        SpeakerGroup(
            s.index,
            s.name,
            s.description,
            s.anonymous,
            tuple(sorted(s.quotes, key=lambda q: (q.start, q.end))),
        )
        for s in index.speakers
    ]
    if index.unattributed:
        quotes = tuple(sorted(index.unattributed, key=lambda q: (q.start, q.end)))
        groups.append(SpeakerGroup(UNATTRIBUTED, "Unattributed quotes", "", False, quotes))
    return groups


@dataclass(frozen=True, slots=True)
class _RowRef:
    """What a row of the list stands for: a speaker, one of its quotes, or its "more" row."""

    kind: str  # "speaker" | "quote" | "more"
    group: int  # position in the pane's groups
    quote: int = -1  # position in the group's quotes


class SpeakersList(OptionList):
    """The rows; space/right expand a speaker, left collapses it."""

    HELP_NAME = "speakers"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_speaker", "Expand/collapse speaker", id="speakers.toggle"),
        Binding("right,l", "expand", "Expand speaker", id="speakers.expand"),
        Binding("left,h", "collapse", "Collapse speaker", id="speakers.collapse"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "speakers-list--arrow",
        "speakers-list--name",
        "speakers-list--anonymous",
        "speakers-list--description",
        "speakers-list--count",
        "speakers-list--quote",
        "speakers-list--kind",
        "speakers-list--more",
        *(f"speakers-list--swatch-{n}" for n in range(SPEAKER_COLOURS)),
    }

    def __init__(self, pane: SpeakersPane, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._pane = pane

    def action_toggle_speaker(self) -> None:
        self._pane.toggle_highlighted()

    def action_expand(self) -> None:
        self._pane.expand_highlighted(True)

    def action_collapse(self) -> None:
        self._pane.expand_highlighted(False)


class SpeakersPane(Widget):
    """Speakers in order of first appearance; each expands into its quotes."""

    class QuoteChosen(Message):
        """Enter on a speaker (its first quote) or on a quote: the app moves the text there."""

        def __init__(self, pane: SpeakersPane, group: SpeakerGroup, position: int) -> None:
            super().__init__()
            self.pane = pane
            self.group = group
            self.position = position

        @property
        def quote(self) -> Quote:
            return self.group.quotes[self.position]

        @property
        def control(self) -> SpeakersPane:
            return self.pane

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._index: SpeakerIndex | None = None
        self._groups: list[SpeakerGroup] = []
        self._shown: dict[int, int] = {}  # group position -> quotes listed (expanded groups)
        self._refs: list[_RowRef] = []
        self._options: dict[_RowRef, Option] = {}
        self._styles: dict[str, Style] = {}
        self._error = ""
        self._ready = False

    def compose(self) -> ComposeResult:
        yield Static(Content(ANALYSING_TEXT), id="speakers-status")
        yield SpeakersList(self, id="speakers-list")

    def on_mount(self) -> None:
        self._ready = True
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self._rebuild()

    def _theme_changed(self, _theme: Theme) -> None:
        self._options.clear()
        self._rebuild()

    # -- public API -----------------------------------------------------------------------------
    @property
    def groups(self) -> tuple[SpeakerGroup, ...]:
        return tuple(self._groups)

    @property
    def row_count(self) -> int:
        return len(self._refs)

    def row_text(self, row: int, width: int = 60) -> str:
        """The plain text of row `row` as drawn at `width` cells (for tests and debugging)."""
        option = self.query_one(SpeakersList).get_option_at_index(row)
        prompt = option.prompt
        return prompt.content(width).plain if isinstance(prompt, FittedRow) else str(prompt)

    def is_expanded(self, group: int) -> bool:
        return group in self._shown

    def set_index(self, index: SpeakerIndex) -> None:
        """Show the speakers of `index` (replacing the "Analysing…" note)."""
        self._index = index
        self._error = ""
        self._groups = speaker_groups(index)
        self._shown.clear()
        self._options.clear()
        self._rebuild()

    def show_error(self, message: str) -> None:
        """Show a one-line error instead of the rows (the analysis failed)."""
        self._error = one_line(message)
        self._index = None
        self._groups = []
        self._shown.clear()
        self._options.clear()
        self._rebuild()

    def set_expanded(self, group: int, expanded: bool) -> None:
        if not 0 <= group < len(self._groups) or expanded == (group in self._shown):
            return
        if expanded:
            self._shown[group] = min(QUOTE_STEP, len(self._groups[group].quotes))
        else:
            del self._shown[group]
        self._options.pop(_RowRef("speaker", group), None)  # its arrow changes
        self._rebuild(keep=_RowRef("speaker", group))

    def toggle_highlighted(self) -> None:
        ref = self._highlighted_ref()
        if ref is not None:
            self.set_expanded(ref.group, ref.group not in self._shown)

    def expand_highlighted(self, expanded: bool) -> None:
        ref = self._highlighted_ref()
        if ref is not None:
            self.set_expanded(ref.group, expanded)

    def focus_list(self) -> None:
        self.query_one(SpeakersList).focus()

    def highlight_group(self, key: int) -> SpeakerGroup | None:
        """Move the row cursor to the speaker whose index is `key`; returns its group."""
        for position, group in enumerate(self._groups):
            if group.key == key:
                self._highlight(_RowRef("speaker", position))
                return group
        return None

    def follow(self, group: SpeakerGroup, position: int) -> None:
        """Keep the row cursor on quote `position` of `group` (the text walked to it)."""
        if group not in self._groups:
            return
        g = self._groups.index(group)
        if g in self._shown and position < self._shown[g]:
            self._highlight(_RowRef("quote", g, position))
        else:
            self._highlight(_RowRef("speaker", g))

    # -- rows -----------------------------------------------------------------------------------
    def _highlighted_ref(self) -> _RowRef | None:
        if not self._ready:
            return None
        row = self.query_one(SpeakersList).highlighted
        if row is None or not 0 <= row < len(self._refs):
            return None
        return self._refs[row]

    def _highlight(self, ref: _RowRef) -> None:
        if self._ready and ref in self._refs:
            self.query_one(SpeakersList).highlighted = self._refs.index(ref)

    def _rebuild(self, keep: _RowRef | None = None) -> None:
        if not self._ready:
            return
        rows = self.query_one(SpeakersList)
        previous = keep or self._highlighted_ref()
        scroll_y = rows.scroll_y
        if not self._styles or not self._options:
            names = SpeakersList.COMPONENT_CLASSES
            self._styles = {name: rows.get_visual_style(name) for name in names}
        refs: list[_RowRef] = []
        for g, group in enumerate(self._groups):
            refs.append(_RowRef("speaker", g))
            shown = self._shown.get(g)
            if shown is not None:
                refs.extend(_RowRef("quote", g, k) for k in range(shown))
                if shown < len(group.quotes):
                    refs.append(_RowRef("more", g))
        self._refs = refs
        options = []
        for ref in refs:
            option = self._options.get(ref)
            if option is None:
                option = self._options[ref] = self._make_option(ref)
            options.append(option)
        rows.set_options(options)
        if refs:
            rows.highlighted = refs.index(previous) if previous in refs else 0
            rows.scroll_to(y=scroll_y, animate=False, immediate=True)
            if rows.highlighted is not None:
                rows.scroll_to_highlight()
        self._update_status()

    def _make_option(self, ref: _RowRef) -> Option:
        group = self._groups[ref.group]
        row_id = f"{ref.kind}-{ref.group}-{ref.quote}"
        if ref.kind == "speaker":
            lines = 2 if group.description or group.anonymous or group.key < 0 else 1
            build = self._speaker_builder(ref.group, group)
            return Option(FittedRow(build, lines), id=row_id)
        if ref.kind == "quote":
            return Option(FittedRow(self._quote_builder(group.quotes[ref.quote]), 1), id=row_id)
        return Option(FittedRow(self._more_builder(ref.group, group), 1), id=row_id)

    def _speaker_builder(self, g: int, group: SpeakerGroup) -> Callable[[int], Content]:
        styles = self._styles
        expanded = g in self._shown
        arrow = "▾ " if expanded else "▸ "
        if group.key >= 0:
            swatch = ("■ ", styles[f"speakers-list--swatch-{group.key % SPEAKER_COLOURS}"])
            description = one_line(group.description)
        else:
            swatch = ("  ", Style())
            description = "quotes with no speaker found"
        count = len(group.quotes)

        def build(width: int) -> Content:
            left = Content.assemble(
                (arrow, styles["speakers-list--arrow"]),
                swatch,
                (one_line(group.name), styles["speakers-list--name"]),
            )
            noun = "quote" if count == 1 else "quotes"
            right = Content.styled(f"{count} {noun}", styles["speakers-list--count"])
            lines = [fit_line(left, right, width)]
            if group.anonymous or description:
                parts: list[tuple[str, Style] | str] = ["    "]
                if group.anonymous:
                    parts.append(("anonymous", styles["speakers-list--anonymous"]))
                    if description:
                        parts.append(" · ")
                if description:
                    parts.append((description, styles["speakers-list--description"]))
                second = Content.assemble(*parts)
                lines.append(second.truncate(width, ellipsis=True))
            return Content("\n").join(lines)

        return build

    def _quote_builder(self, quote: Quote) -> Callable[[int], Content]:
        styles = self._styles

        def build(width: int) -> Content:
            words = first_words(quote.text)
            kind = str(quote.kind)
            if kind == "reported":
                parts: list[tuple[str, Style] | str] = [
                    "    ",
                    ("≈ ", styles["speakers-list--kind"]),
                    (words, styles["speakers-list--quote"]),
                ]
            else:
                parts = ["    ", (f"“{words}”", styles["speakers-list--quote"])]
                if kind == "fragment":
                    parts.append((" fragment", styles["speakers-list--kind"]))
            return Content.assemble(*parts).truncate(width, ellipsis=True)

        return build

    def _more_builder(self, g: int, group: SpeakerGroup) -> Callable[[int], Content]:
        style = self._styles["speakers-list--more"]

        def build(width: int) -> Content:
            left = len(group.quotes) - self._shown.get(g, 0)
            text = f"    … {left} more (Enter lists {min(QUOTE_STEP, left)} more)"
            return Content.styled(text, style).truncate(width, ellipsis=True)

        return build

    def _update_status(self) -> None:
        status = self.query_one("#speakers-status", Static)
        if self._error:
            text = self._error
        elif self._index is None:
            text = ANALYSING_TEXT
        else:
            speakers = len(self._index.speakers)
            quotes = sum(len(g.quotes) for g in self._groups if g.key >= 0)
            if not self._groups:
                text = "No quotes found in this article"
            else:
                noun = "speaker" if speakers == 1 else "speakers"
                text = f"{speakers} {noun} · {quotes} quotes · t: tint"
        self.set_class(bool(self._error), "-error")
        status.update(Content(text))

    def _show_more(self, g: int) -> None:
        total = len(self._groups[g].quotes)
        shown = self._shown.get(g, 0)
        self._shown[g] = min(total, shown + QUOTE_STEP)
        self._options.pop(_RowRef("more", g), None)  # its count changes
        self._rebuild(keep=_RowRef("quote", g, shown))

    @on(OptionList.OptionSelected, "#speakers-list")
    def _row_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        if not 0 <= index < len(self._refs):
            return
        ref = self._refs[index]
        if ref.kind == "more":
            self._show_more(ref.group)
            return
        group = self._groups[ref.group]
        if group.quotes:
            self.post_message(self.QuoteChosen(self, group, max(0, ref.quote)))
