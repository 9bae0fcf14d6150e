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
        self._pending.append(pane)
        self._flush_pending()
        self.add_class("-has-panes")
        return pane

    def _flush_pending(self, tries: int = 200) -> None:
        """Add the queued panes once the tab strip inside the `TabbedContent` is mounted.

        `TabbedContent.is_mounted` turns true before its own tab strip is, and adding a tab
        then fails with MountError; under load (or while the app is quitting) that window is
        real, so wait for the strip itself.
        """
        if not self._pending or not self.is_attached:
            return
        if not self._tabs_ready():
            if tries > 0:
                self.set_timer(0.02, lambda: self._flush_pending(tries - 1))
            return
        assert self._tabs is not None
        pending, self._pending = self._pending, []
        for pane in pending:
            self._tabs.add_pane(pane)

    def _tabs_ready(self) -> bool:
        tabs = self._tabs
        if tabs is None or not tabs.is_mounted:
            return False
        strips = tabs.query("#tabs-list")
        return bool(strips) and all(strip.is_mounted for strip in strips)

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
