"""The search bar: `/` opens it, typing searches incrementally, Enter keeps the matches, Esc clears.

On a large text each keystroke does not search at once: the search runs when typing pauses
(`DEBOUNCE` seconds), so a 4 MB article never makes typing lag.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Static

#: Texts longer than this are searched after a pause in typing rather than on every key.
LARGE_TEXT = 200_000
DEBOUNCE = 0.15


class SearchBar(Horizontal):
    """A one-line search input docked at the bottom; hidden until opened."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close search", id="search.cancel"),
    ]

    class Submitted(Message):
        """Search requested for `query`; `final` when the user pressed Enter or Esc."""

        def __init__(self, query: str, final: bool) -> None:
            super().__init__()
            self.query = query
            self.final = final

    class Closed(Message):
        """The bar closed; `keep` is False when the search was cancelled (Esc)."""

        def __init__(self, keep: bool) -> None:
            super().__init__()
            self.keep = keep

    def __init__(self, *, text_length: int = 0, id: str | None = None) -> None:
        super().__init__(id=id)
        self._debounce = DEBOUNCE if text_length > LARGE_TEXT else 0.0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("/", id="search-prompt", markup=False)
        yield Input(placeholder="search (smart case)", id="search-input", compact=True)

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    def open(self, query: str = "") -> None:
        self.add_class("-open")
        self.input.value = query
        self.input.focus()

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def close(self, keep: bool) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.remove_class("-open")
        self.post_message(self.Closed(keep))

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._debounce:
            query = event.value
            self._timer = self.set_timer(
                self._debounce, lambda: self.post_message(self.Submitted(query, False))
            )
        else:
            self.post_message(self.Submitted(event.value, False))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.post_message(self.Submitted(event.value, True))
        self.close(keep=True)

    def action_cancel(self) -> None:
        self.close(keep=False)
