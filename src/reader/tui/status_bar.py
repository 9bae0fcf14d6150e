"""The status line: title, position, search state, encoding notice, and a hint slot for panes.

Every field is set from plain strings through `one_line`, and shown as `Content` (never markup), so
a title like `[bold]x[/]` or one with control characters shows literally. The fields are tiny
widgets that only ask for a new layout when their width changes: the position field changes on
every key press, and a full layout per key would cost more than drawing the page.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget

from reader.safety import one_line

FIELDS = ("title", "hint", "notice", "search", "position")


class StatusField(Widget):
    """One field of the status line; `text` is plain text."""

    def __init__(
        self, text: str = "", *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = one_line(text)
        self.set_class(not self._text, "-empty")

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        text = one_line(text)
        if text == self._text:
            return
        resized = cell_len(text) != cell_len(self._text) or not (text and self._text)
        self._text = text
        self.set_class(not text, "-empty")
        self.refresh(layout=resized)

    def render(self) -> Content:
        return Content(self._text)


class StatusBar(Horizontal):
    """One line at the bottom; each field is styled by id in the .tcss."""

    def __init__(self, *, id: str | None = None, **initial: str) -> None:
        super().__init__(id=id)
        self._initial = initial

    def compose(self) -> ComposeResult:
        for name in FIELDS:
            yield StatusField(
                self._initial.get(name, ""), id=f"status-{name}", classes="status-field"
            )

    def set_field(self, name: str, text: str) -> None:
        """Set field `name` (one of FIELDS) to `text`; an empty text hides the field."""
        self.query_one(f"#status-{name}", StatusField).set_text(text)

    def get_field(self, name: str) -> str:
        return self.query_one(f"#status-{name}", StatusField).text
