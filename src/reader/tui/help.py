"""The help screen (`?`): every binding that is active where the user pressed `?`, generated from
the bindings themselves (so keys that later panes add appear without touching this file), plus the
path of the notes database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from reader.safety import one_line


@dataclass(frozen=True)
class HelpRow:
    keys: str
    description: str
    where: str
    binding_id: str


def collect_bindings(screen: Screen[object]) -> list[HelpRow]:
    """Rows for the bindings active on `screen` (focused widget first, then its ancestors, app).

    Bindings with the same action and owner are merged into one row listing all their keys.
    """
    app = screen.app
    rows: dict[tuple[str, str], list[str]] = {}
    meta: dict[tuple[str, str], tuple[str, str, str]] = {}
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if binding.system and not binding.description:
            continue
        owner = str(getattr(active.node, "HELP_NAME", type(active.node).__name__))
        group = (owner, binding.action)
        display = binding.key_display or app.get_key_display(
            Binding(key, binding.action, binding.description)
        )
        rows.setdefault(group, [])
        if display not in rows[group]:
            rows[group].append(display)
        meta[group] = (binding.description or binding.action, owner, binding.id or "")
    result = [
        HelpRow(", ".join(keys), meta[group][0], meta[group][1], meta[group][2])
        for group, keys in rows.items()
    ]
    return result


class HelpScreen(ModalScreen[None]):
    """A modal table of keys; Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "close", "Close help", id="help.close"),
    ]

    def __init__(self, rows: list[HelpRow], db_path: str) -> None:
        super().__init__()
        self._rows = rows
        self._db_path = db_path

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static("Keys", id="help-title", markup=False)
            yield DataTable(id="help-table", cursor_type="row", zebra_stripes=True)
            yield Static(
                Content(one_line(f"Notes database: {self._db_path}")), id="help-db", markup=False
            )
            yield Static("Esc, q or ? to close", id="help-footer", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Action", "Where")
        for row in self._rows:
            table.add_row(Text(row.keys), Text(row.description), Text(row.where))
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
