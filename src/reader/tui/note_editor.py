"""The note editor: a modal that edits one highlight's note, tags and colour.

It knows nothing about the store: it returns a `NoteEdit` (or None when cancelled) and the app
applies it, so saving, undo and error handling live in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea

from reader.notes.model import COLORS, DEFAULT_COLOR, Annotation, normalise_tags
from reader.safety import printable
from reader.tui.confirm import ConfirmModal

HELP = "ctrl+s save · esc cancel · tab next field · ctrl+o next colour · ←/→ or 1-5 in the colours"


@dataclass(frozen=True, slots=True)
class NoteEdit:
    """What the user saved: the app turns it into `annotation.with_changes(...)`."""

    note: str
    tags: tuple[str, ...]
    color: str


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed as a comma list ("war, #IS-K ,  security council") -> normalised tuple."""
    return normalise_tags(text.split(","))


@cache
def markdown_highlighting() -> bool:
    """True when TextArea can highlight Markdown (tree-sitter and its grammar are installed)."""
    return find_spec("tree_sitter") is not None and find_spec("tree_sitter_markdown") is not None


class _Swatch(Static):
    """One colour in the picker; clicking it picks the colour."""

    def __init__(self, color: str) -> None:
        super().__init__(Content(f"● {color}"), classes=f"swatch color-{color}")
        self.color = color

    def on_click(self, event: events.Click) -> None:
        event.stop()
        picker = self.parent
        if isinstance(picker, ColorPicker):
            picker.focus()
            picker.value = self.color


class ColorPicker(Widget, can_focus=True):
    """The five highlight colours as swatches; ←/→ (or h/l) move, 1-5 pick directly."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "step(-1)", "Previous colour", show=False),
        Binding("right,l", "step(1)", "Next colour", show=False),
        *(Binding(str(i), f"pick({i - 1})", show=False) for i in range(1, len(COLORS) + 1)),
    ]

    value: reactive[str] = reactive(DEFAULT_COLOR)

    class Changed(Message):
        """The chosen colour changed."""

        def __init__(self, picker: ColorPicker, color: str) -> None:
            super().__init__()
            self.picker = picker
            self.color = color

        @property
        def control(self) -> ColorPicker:
            return self.picker

    def __init__(self, value: str = DEFAULT_COLOR, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # An unknown colour (e.g. from an imported file) is kept until the user picks another.
        self.set_reactive(ColorPicker.value, value)

    def compose(self) -> ComposeResult:
        for color in COLORS:
            yield _Swatch(color)

    def on_mount(self) -> None:
        self._mark(self.value)

    def watch_value(self, value: str) -> None:
        self._mark(value)
        self.post_message(self.Changed(self, value))

    def _mark(self, value: str) -> None:
        for swatch in self.query(_Swatch):
            swatch.set_class(swatch.color == value, "-selected")

    def action_step(self, delta: int) -> None:
        index = COLORS.index(self.value) if self.value in COLORS else -1 if delta > 0 else 0
        self.value = COLORS[(index + delta) % len(COLORS)]

    def action_pick(self, index: int) -> None:
        self.value = COLORS[index]


class NoteEditor(ModalScreen[NoteEdit | None]):
    """Edit one highlight: read-only quote, Markdown note, comma-separated tags, colour.

    Dismisses with a `NoteEdit` on ctrl+s, or None on Esc (asking first if anything changed).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+o", "cycle_color", "Next colour", priority=True),
    ]

    def __init__(
        self,
        quote: str,
        note: str = "",
        tags: Sequence[str] = (),
        color: str = DEFAULT_COLOR,
        *,
        is_new: bool = False,
    ) -> None:
        super().__init__()
        self._quote = quote
        self._is_new = is_new
        # Whatever is loaded into the widgets is sanitised: TextArea and Input send control
        # characters straight to the terminal. The baseline for "changed?" is what is shown.
        self._initial_note = printable(note)
        self._initial_tags_text = printable(", ".join(tags))
        self._initial_color = color
        self._initial = NoteEdit(
            self._initial_note.rstrip(), parse_tags(self._initial_tags_text), color
        )
        self._dismissing = False

    @classmethod
    def for_annotation(cls, annotation: Annotation, *, is_new: bool = False) -> NoteEditor:
        """An editor pre-filled from `annotation` (its saved quote is shown, even for an orphan)."""
        return cls(
            annotation.target.exact,
            annotation.note,
            annotation.tags,
            annotation.color,
            is_new=is_new,
        )

    def compose(self) -> ComposeResult:
        title = "New note" if self._is_new else "Edit note"
        with Vertical(id="note-editor-dialog"):
            yield Static(Content(title), id="note-editor-title")
            with VerticalScroll(id="note-editor-quote-box"):
                yield Static(Content(printable(self._quote)), id="note-editor-quote")
            yield Static(Content("Note (Markdown)"), classes="note-editor-label")
            yield TextArea(
                self._initial_note,
                language="markdown" if markdown_highlighting() else None,
                soft_wrap=True,
                tab_behavior="focus",
                id="note-editor-note",
            )
            with Horizontal(classes="note-editor-row"):
                yield Static(Content("Tags"), classes="note-editor-row-label")
                yield Input(
                    self._initial_tags_text,
                    placeholder="comma-separated, e.g. sources, to-check",
                    id="note-editor-tags",
                )
            with Horizontal(classes="note-editor-row"):
                yield Static(Content("Colour"), classes="note-editor-row-label")
                yield ColorPicker(self._initial_color, id="note-editor-color")
            yield Static(Content(HELP), id="note-editor-help")

    def on_mount(self) -> None:
        area = self.query_one("#note-editor-note", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    # -- sanitising pasted text -------------------------------------------------------------
    @on(TextArea.Changed, "#note-editor-note")
    def _clean_note(self, event: TextArea.Changed) -> None:
        area = event.text_area
        clean = printable(area.text)
        if clean != area.text:
            # `printable` keeps length and newlines, so the cursor position stays valid.
            selection = area.selection
            area.text = clean
            area.selection = selection

    @on(Input.Changed, "#note-editor-tags")
    def _clean_tags(self, event: Input.Changed) -> None:
        clean = printable(event.value)
        if clean != event.value:
            event.input.value = clean

    @on(Input.Submitted, "#note-editor-tags")
    def _tags_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    # -- state ----------------------------------------------------------------------------------
    @property
    def edit(self) -> NoteEdit:
        """The edit as it stands now (note without trailing whitespace, tags normalised)."""
        note = self.query_one("#note-editor-note", TextArea).text.rstrip()
        tags = parse_tags(self.query_one("#note-editor-tags", Input).value)
        color = self.query_one("#note-editor-color", ColorPicker).value
        return NoteEdit(note, tags, color)

    @property
    def changed(self) -> bool:
        return self.edit != self._initial

    # -- actions --------------------------------------------------------------------------------
    def action_save(self) -> None:
        if not self._dismissing:
            self._dismissing = True
            self.dismiss(self.edit)

    def action_cycle_color(self) -> None:
        self.query_one("#note-editor-color", ColorPicker).action_step(1)

    def action_cancel(self) -> None:
        if self._dismissing:
            return
        if not self.changed:
            self._dismissing = True
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard and not self._dismissing:
                self._dismissing = True
                self.dismiss(None)

        self.app.push_screen(
            ConfirmModal("Discard changes?", yes_label="Discard", no_label="Keep editing"),
            answered,
        )
