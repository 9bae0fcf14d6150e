"""A small yes/no modal, reused wherever an action would throw work away (e.g. discarding a note).

The question may quote user data, so it is sanitised and rendered as `Content`, never as markup.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from reader.safety import printable


class ConfirmModal(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with True (yes) or False (no, Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n,escape", "answer(False)", "No", show=False),
        Binding("left,right,h,l", "app.focus_next", "Switch", show=False),
    ]

    def __init__(
        self,
        question: str,
        *,
        yes_label: str = "Yes",
        no_label: str = "No",
        default: bool = False,
    ) -> None:
        """`default` chooses which button has focus, so Enter does the safe thing by default."""
        super().__init__()
        self._question = question
        self._yes_label = yes_label
        self._no_label = no_label
        self._default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(Content(printable(self._question)), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(printable(self._yes_label)), id="confirm-yes", variant="error")
                yield Button(Content(printable(self._no_label)), id="confirm-no")
            yield Static(Content("y yes · n/esc no · enter the focused button"), id="confirm-help")

    def on_mount(self) -> None:
        self.query_one("#confirm-yes" if self._default else "#confirm-no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
