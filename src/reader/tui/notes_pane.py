"""The Notes pane: every highlight of the article in text order, with a filter, and orphans apart.

A standalone widget: it never touches the store or the text pane. It posts `NotesPane.*` messages
upward and the app acts on them; the app pushes new data in with `set_annotations`.

Filtering is a case-insensitive substring match per word (all words must match; `#word` matches
the start of a tag). Fuzzy matching (rapidfuzz) was rejected: readers search for a word they
remember, and partial-ratio scores over 2,000 notes rank unrelated rows above an exact hit in a
tag, while a substring test is predictable and costs microseconds on precomputed lower-case text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.theme import Theme
from textual.timer import Timer
from textual.visual import RenderOptions, Visual
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.notes.model import COLORS, AnchorStatus, Annotation
from reader.safety import one_line

#: Words of the quote shown in a row (the row is also cut to the pane width by CSS).
QUOTE_WORDS = 12
#: Seconds of typing pause before the filter is applied.
FILTER_DELAY = 0.15
EMPTY_TEXT = "No highlights yet: select text and press h"
ORPHAN_HEADER_ID = "notes-orphan-header"
#: Shown before the quote of a highlight that was re-anchored, so an uncertain place is visible.
_MARKERS = {AnchorStatus.FUZZY: "≈ ", AnchorStatus.MOVED: "↕ "}


def _snippet(text: str, words: int) -> str:
    """The first `words` words of `text` on one line, with an ellipsis when cut."""
    parts = one_line(text).split()
    head = " ".join(parts[:words])
    return head + "…" if len(parts) > words else head


def _first_line(text: str) -> str:
    """The first non-blank line of a note, for the row's second line."""
    for line in text.splitlines():
        if line.strip():
            return one_line(line.strip())
    return ""


class _Row(Visual):
    """A row prompt whose height is known without building or wrapping it.

    OptionList measures every option's height up front; measuring a `Content` wraps it, which
    costs ~0.2 ms a row (0.45 s for 2,000 rows). Rows never wrap (CSS `text-wrap: nowrap`), so
    the height is known from the data, and the content is built only when a row is first shown.
    """

    __slots__ = ("_build", "_content", "lines")

    def __init__(self, build: Callable[[], Content], lines: int) -> None:
        self._build = build
        self._content: Content | None = None
        self.lines = lines

    @classmethod
    def of(cls, content: Content) -> _Row:
        return cls(lambda: content, content.plain.count("\n") + 1)

    @property
    def content(self) -> Content:
        if self._content is None:
            self._content = self._build()
        return self._content

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.content.render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.lines


@dataclass(frozen=True, slots=True)
class _Entry:
    """An annotation with its precomputed search text and its option (reused across filters)."""

    annotation: Annotation
    haystack: str
    tags: tuple[str, ...]
    option: Option
    height: int

    def matches(self, terms: Sequence[str]) -> bool:
        for term in terms:
            if term.startswith("#") and len(term) > 1:
                if not any(tag.startswith(term[1:]) for tag in self.tags):
                    return False
            elif term not in self.haystack:
                return False
        return True


class FilterInput(Input):
    """The filter box: Down moves into the list, Esc clears the filter and leaves the box."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "to_list", "To the list", show=False),
        Binding("escape", "clear", "Clear filter", show=False),
    ]

    def action_to_list(self) -> None:
        pane = self.parent
        if isinstance(pane, NotesPane):
            pane.query_one(NotesList).focus()

    def action_clear(self) -> None:
        pane = self.parent
        if isinstance(pane, NotesPane):
            pane.set_filter("")
            pane.query_one(NotesList).focus()


class NotesList(OptionList):
    """The rows; row keys act on the highlighted annotation (only while the list has focus)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e,a", "request('edit')", "Edit note"),
        Binding("x,delete", "request('delete')", "Delete"),
        Binding("r", "request('reattach')", "Re-attach"),
        Binding("slash", "focus_filter", "Filter"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "notes-list--swatch",
        *(f"notes-list--swatch-{color}" for color in COLORS),
        "notes-list--quote",
        "notes-list--note",
        "notes-list--tags",
        "notes-list--marker",
        "notes-list--orphan-header",
    }

    def __init__(self, pane: NotesPane, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._pane = pane

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "request":
            annotation = self._pane.highlighted_annotation
            if annotation is None:
                return False
            if parameters == ("reattach",) and not annotation.is_orphan:
                return False
        return True

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.refresh_bindings()  # "r" only applies to orphans

    def action_request(self, kind: str) -> None:
        annotation = self._pane.highlighted_annotation
        if annotation is None:
            return
        message: Message
        if kind == "edit":
            message = NotesPane.EditRequested(self._pane, annotation)
        elif kind == "delete":
            message = NotesPane.DeleteRequested(self._pane, annotation)
        elif kind == "reattach" and annotation.is_orphan:
            message = NotesPane.ReattachRequested(self._pane, annotation)
        else:
            return
        self._pane.post_message(message)

    def action_focus_filter(self) -> None:
        self._pane.query_one("#notes-filter", Input).focus()


class NotesPane(Widget):
    """All highlights of one article in text order; orphans listed last in their own section."""

    class AnnotationMessage(Message):
        """Base of the pane's messages: `annotation` is the row acted on, `pane` the sender."""

        def __init__(self, pane: NotesPane, annotation: Annotation) -> None:
            super().__init__()
            self.pane = pane
            self.annotation = annotation

        @property
        def control(self) -> NotesPane:
            return self.pane

    class Selected(AnnotationMessage):
        """Enter (or click) on an anchored highlight: the app moves the text there."""

    class EditRequested(AnnotationMessage):
        """`e`/`a` on a row, or Enter on an orphan (there is nowhere to jump): open the editor."""

    class DeleteRequested(AnnotationMessage):
        """`x`/Delete on a row: the app deletes it (and offers undo)."""

    class ReattachRequested(AnnotationMessage):
        """`r` on an orphan: the app re-attaches it to the current text selection."""

    def __init__(
        self,
        annotations: Sequence[Annotation] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._annotations: list[Annotation] = []
        self._entries: dict[str, _Entry] = {}
        self._visible: list[Annotation] = []
        self._row_of: dict[str, int] = {}
        self._heights: list[int] = []  # lines per row, to keep the cursor row's screen position
        self._filter = ""
        self._filter_timer: Timer | None = None
        self._pending: list[Annotation] = []
        self._ready = False  # `is_mounted` is still False inside on_mount
        self._restyle = False  # set when the theme changes: every row prompt is rebuilt
        self.set_annotations(annotations)

    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder="Filter: words, #tag", id="notes-filter")
        yield Static(Content(""), id="notes-count")
        yield NotesList(self, id="notes-list")
        yield Static(Content(EMPTY_TEXT), id="notes-empty")

    def on_mount(self) -> None:
        self._ready = True
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.set_annotations(self._pending)

    def _theme_changed(self, _theme: Theme) -> None:
        # Row prompts carry resolved colours: rebuild them for the new theme.
        self._restyle = True
        self.set_annotations(self._annotations)

    # -- public API -----------------------------------------------------------------------------
    @property
    def annotations(self) -> tuple[Annotation, ...]:
        """All annotations given (text order, orphans last), ignoring the filter."""
        return tuple(self._annotations)

    @property
    def visible_annotations(self) -> tuple[Annotation, ...]:
        """The rows currently listed (after the filter), in display order."""
        return tuple(self._visible)

    @property
    def filter_text(self) -> str:
        """The filter currently applied (may lag the input by `FILTER_DELAY`)."""
        return self._filter

    @property
    def highlighted_annotation(self) -> Annotation | None:
        if not self._ready:
            return None
        option = self.query_one(NotesList).highlighted_option
        if option is None or option.id is None or option.id not in self._entries:
            return None
        return self._entries[option.id].annotation

    def set_annotations(self, annotations: Sequence[Annotation]) -> None:
        """Replace the list, keeping the highlighted row (or its nearest neighbour) in place."""
        ordered = sorted(annotations, key=lambda a: (a.is_orphan, a.start, a.end, a.id))
        unique: dict[str, Annotation] = {}
        for annotation in ordered:
            unique.setdefault(annotation.id, annotation)  # ids are unique; never crash if not
        self._annotations = list(unique.values())
        if not self._ready:
            self._pending = list(self._annotations)
            return
        self._refresh_rows()

    def set_filter(self, text: str) -> None:
        """Show only rows matching `text` now (no debounce); also updates the filter box."""
        box = self.query_one("#notes-filter", Input)
        if box.value != text:
            with box.prevent(Input.Changed):
                box.value = text
        self._apply_filter(text)

    def highlight(self, annotation_id: str) -> bool:
        """Move the row cursor to `annotation_id` if listed (e.g. to follow the text cursor)."""
        row = self._row_of.get(annotation_id)
        if row is None:
            return False
        self.query_one(NotesList).highlighted = row
        return True

    # -- filtering ------------------------------------------------------------------------------
    @on(Input.Changed, "#notes-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._filter_timer is not None:
            self._filter_timer.stop()
        value = event.value
        self._filter_timer = self.set_timer(FILTER_DELAY, lambda: self._apply_filter(value))

    @on(Input.Submitted, "#notes-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._apply_filter(event.value)
        self.query_one(NotesList).focus()

    def _apply_filter(self, text: str) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
            self._filter_timer = None
        if text == self._filter:
            return
        self._filter = text
        self._refresh_rows()

    # -- rows -----------------------------------------------------------------------------------
    def _entry(self, annotation: Annotation, styles: dict[str, Style]) -> _Entry:
        cached = self._entries.get(annotation.id)
        if cached is not None and cached.annotation == annotation and not self._restyle:
            return cached
        note = _first_line(annotation.note)
        row = _Row(
            lambda: self._prompt(annotation, note, styles),
            lines=2 if note or annotation.tags else 1,
        )
        tags = tuple(t.casefold() for t in annotation.tags)
        haystack = "\n".join((annotation.target.exact, annotation.note, *annotation.tags))
        entry = _Entry(
            annotation, haystack.casefold(), tags, Option(row, id=annotation.id), row.lines
        )
        self._entries[annotation.id] = entry
        return entry

    @staticmethod
    def _styles(rows: NotesList) -> dict[str, Style]:
        """The row component styles, resolved once per refresh (it is not cheap per row)."""
        names = [name for name in NotesList.COMPONENT_CLASSES if name != "notes-list--swatch"]
        styles = {name: rows.get_visual_style(name) for name in names}
        styles["notes-list--swatch"] = rows.get_visual_style("notes-list--swatch")
        for color in COLORS:
            name = f"notes-list--swatch-{color}"
            styles[name] = rows.get_visual_style("notes-list--swatch", name)
        return styles

    @staticmethod
    def _prompt(annotation: Annotation, note: str, styles: dict[str, Style]) -> Content:
        """Two lines: swatch + start of the quote; first line of the note + tags (if any)."""
        swatch = styles.get(f"notes-list--swatch-{annotation.color}", styles["notes-list--swatch"])
        parts: list[tuple[str, Style] | str] = [("■ ", swatch)]
        marker = _MARKERS.get(annotation.anchor.status, "")
        if marker:
            parts.append((marker, styles["notes-list--marker"]))
        quote = _snippet(annotation.target.exact, QUOTE_WORDS)
        parts.append((f"“{quote}”", styles["notes-list--quote"]))
        tags = " ".join(f"#{one_line(tag)}" for tag in annotation.tags)
        if note or tags:
            parts.append("\n  ")
            if note:
                parts.append((note, styles["notes-list--note"]))
            if note and tags:
                parts.append("  ")
            if tags:
                parts.append((tags, styles["notes-list--tags"]))
        return Content.assemble(*parts)

    def _refresh_rows(self) -> None:
        rows = self.query_one(NotesList)
        previous = self.highlighted_annotation
        previous_row = rows.highlighted
        offset = None
        if previous_row is not None and previous is not None:
            offset = self._line_of(previous_row) - round(rows.scroll_y)

        terms = self._filter.casefold().split()
        live = {a.id for a in self._annotations}
        for stale in self._entries.keys() - live:
            del self._entries[stale]
        styles = self._styles(rows)
        entries = [self._entry(a, styles) for a in self._annotations]
        self._restyle = False
        if terms:
            entries = [e for e in entries if e.matches(terms)]

        options: list[Option] = []
        self._visible = []
        self._row_of = {}
        self._heights = []
        orphans = sum(1 for e in entries if e.annotation.is_orphan)
        for entry in entries:
            first_orphan = not self._visible or not self._visible[-1].is_orphan
            if entry.annotation.is_orphan and first_orphan:
                header_text = Content.styled(
                    f"Orphans ({orphans}): text not found in this article\n"
                    "r re-attach to the selection · x delete",
                    styles["notes-list--orphan-header"],
                )
                header = _Row.of(header_text)
                options.append(Option(header, id=ORPHAN_HEADER_ID, disabled=True))
                self._heights.append(header.lines)
            self._row_of[entry.annotation.id] = len(options)
            options.append(entry.option)
            self._heights.append(entry.height)
            self._visible.append(entry.annotation)

        rows.set_options(options)
        self._update_status(len(entries))

        target = self._choose_row(previous)
        if target is not None:
            rows.highlighted = target
            if offset is not None and rows.size.height:
                y = max(0, self._line_of(target) - offset)
                rows.scroll_to(y=y, animate=False, immediate=True)
        rows.refresh_bindings()

    def _choose_row(self, previous: Annotation | None) -> int | None:
        """The same annotation if still listed, else the next one in text order, else the last."""
        if not self._visible:
            return None
        if previous is None:
            return self._row_of[self._visible[0].id]
        if previous.id in self._row_of:
            return self._row_of[previous.id]
        key = (previous.is_orphan, previous.start, previous.end, previous.id)
        for annotation in self._visible:
            if (annotation.is_orphan, annotation.start, annotation.end, annotation.id) > key:
                return self._row_of[annotation.id]
        return self._row_of[self._visible[-1].id]

    def _line_of(self, row: int) -> int:
        return sum(self._heights[:row])

    def _update_status(self, shown: int) -> None:
        total = len(self._annotations)
        empty = shown == 0
        self.set_class(empty, "-empty")
        message = EMPTY_TEXT if total == 0 else f"No highlights match “{one_line(self._filter)}”"
        self.query_one("#notes-empty", Static).update(Content(message))
        noun = "highlight" if total == 1 else "highlights"
        count = f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
        self.query_one("#notes-count", Static).update(Content(count))

    # -- selection ------------------------------------------------------------------------------
    @on(OptionList.OptionSelected, "#notes-list")
    def _row_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self._entries.get(event.option.id or "")
        if entry is None:
            return
        annotation = entry.annotation
        if annotation.is_orphan:
            self.post_message(self.EditRequested(self, annotation))
        else:
            self.post_message(self.Selected(self, annotation))

    @on(OptionList.OptionHighlighted, "#notes-list")
    def _row_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
