"""The side panel beside the text: a `TabbedContent` that other panes add themselves to as tabs.

It stays hidden while it has no tabs, and the `TabbedContent` is only imported and mounted when the
first pane arrives, so a bare start of the app pays nothing for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.widgets import TabbedContent, TabPane


class SidePanel(Vertical):
    """A container of tabs (glossary, speakers, notes ...); hidden until it has one."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._tabs: TabbedContent | None = None
        self._pending: list[TabPane] = []

    @property
    def tabbed_content(self) -> TabbedContent | None:
        """The `TabbedContent`, once the first pane was added."""
        return self._tabs

    @property
    def pane_count(self) -> int:
        return self._tabs.tab_count if self._tabs is not None else len(self._pending)

    def add_pane(self, title: str, id: str, widget: Widget) -> TabPane:
        """Add `widget` as a tab called `title` (plain text, never markup); shows the panel.

        `id` becomes the TabPane's id (use it with `show_pane`). Returns the TabPane.
        """
        from textual.content import Content
        from textual.widgets import TabbedContent, TabPane

        from reader.safety import one_line

        load_styles = getattr(self.app, "load_deferred_styles", None)
        if load_styles is not None:  # the panes' stylesheets are read after the first paint
            load_styles()
        pane = TabPane(Content(one_line(title)), widget, id=id)
        if self._tabs is None:
            self._tabs = TabbedContent(id="side-tabs")
            self.mount(self._tabs)
        if self._tabs.is_mounted:
            self._tabs.add_pane(pane)
        else:
            self._pending.append(pane)
            self._tabs.call_after_refresh(self._flush_pending)
        self.add_class("-has-panes")
        return pane

    def _flush_pending(self) -> None:
        if self._tabs is None:
            return
        pending, self._pending = self._pending, []
        for pane in pending:
            self._tabs.add_pane(pane)

    def show_pane(self, id: str) -> None:
        """Make tab `id` the active one and show the panel if the user had hidden it."""
        if self._tabs is not None:
            self._tabs.active = id
        self.remove_class("-hidden")

    @property
    def is_shown(self) -> bool:
        return self.has_class("-has-panes") and not self.has_class("-hidden")

    def toggle(self) -> bool:
        """Hide or show the panel (while it has panes); returns whether it is now shown."""
        self.toggle_class("-hidden")
        return self.is_shown
