"""The status line: title, position, search state, encoding notice, and a hint slot for panes.

Every field is set from plain strings through `one_line`, and shown as `Content` (never markup), so
a title like `[bold]x[/]` or one with control characters shows literally.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from reader.safety import one_line

FIELDS = ("title", "hint", "notice", "search", "position")


class StatusBar(Horizontal):
    """One line at the bottom; each field is a `Static` styled by id in the .tcss."""

    def compose(self) -> ComposeResult:
        for name in FIELDS:
            yield Static("", id=f"status-{name}", markup=False, classes="status-field -empty")

    def set_field(self, name: str, text: str) -> None:
        """Set field `name` (one of FIELDS) to `text`; an empty text hides the field."""
        widget = self.query_one(f"#status-{name}", Static)
        widget.update(Content(one_line(text)))
        widget.set_class(not text, "-empty")

    def get_field(self, name: str) -> str:
        return str(self.query_one(f"#status-{name}", Static).content)
