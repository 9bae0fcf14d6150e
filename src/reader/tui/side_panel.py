"""The side panel beside the text: a strip of tab names over the panes other features add to it.

Deliberately not Textual's `TabbedContent`: that is thirteen widgets for three tabs (a tab strip
of six, an underline, a switcher and one `TabPane` wrapper per tab), and every widget on screen
costs something on every frame and every key (style updates, idle and callback messages). Here
the strip is one widget that draws its two lines itself, and the panes are the panel's own
children, one shown at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.containers import Vertical
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.widget import Widget

from reader.safety import one_line

#: Cells between two tab names.
TAB_GAP = 1


@dataclass(frozen=True)
class _Tab:
    id: str
    title: str


class PanelTabs(Widget):
    """The tab names on one line and, below, a rule marked under the active one; a click on a
    name posts `PanelTabs.Clicked`. Keys switch tabs through the app's bindings (1, 2, 3)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "panel-tabs--tab",
        "panel-tabs--active",
        "panel-tabs--rule",
        "panel-tabs--active-rule",
    }

    class Clicked(Message):
        """Tab `tab_id` was clicked."""

        def __init__(self, tabs: PanelTabs, tab_id: str) -> None:
            super().__init__()
            self.tabs = tabs
            self.tab_id = tab_id

        @property
        def control(self) -> PanelTabs:
            return self.tabs

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._tabs: list[_Tab] = []
        self._active = ""

    def add_tab(self, tab_id: str, title: str) -> None:
        self._tabs.append(_Tab(tab_id, one_line(title)))
        if not self._active:
            self._active = tab_id
        self.refresh()

    @property
    def active(self) -> str:
        return self._active

    @active.setter
    def active(self, tab_id: str) -> None:
        if tab_id not in self.tab_ids:
            raise KeyError(tab_id)
        if tab_id != self._active:
            self._active = tab_id
            self.refresh()

    @property
    def tab_ids(self) -> list[str]:
        return [tab.id for tab in self._tabs]

    def _spans(self) -> list[tuple[int, int, _Tab]]:
        """(first cell, end cell, tab) of each name as drawn: ` Name ` with a gap between."""
        spans = []
        x = 0
        for tab in self._tabs:
            width = Content(tab.title).cell_length + 2
            spans.append((x, x + width, tab))
            x += width + TAB_GAP
        return spans

    def tab_at(self, x: int) -> str | None:
        """The id of the tab whose name covers cell `x`, if any."""
        for start, end, tab in self._spans():
            if start <= x < end:
                return tab.id
        return None

    def render(self) -> Content:
        names: list[Content] = []
        rule: list[Content] = []
        width = self.size.width
        styles = {
            name: self.get_visual_style(f"panel-tabs--{name}", partial=True)
            for name in ("tab", "active", "rule", "active-rule")
        }
        used = 0
        for start, end, tab in self._spans():
            active = tab.id == self._active
            gap = start - used
            names.append(Content(" " * gap))
            rule.append(Content.styled("─" * gap, styles["rule"]))
            names.append(Content.styled(f" {tab.title} ", styles["active" if active else "tab"]))
            if active:
                rule.append(Content.styled("━" * (end - start), styles["active-rule"]))
            else:
                rule.append(Content.styled("─" * (end - start), styles["rule"]))
            used = end
        rest = max(0, width - used)
        rule.append(Content.styled("─" * rest, styles["rule"]))
        # more names than room: cut both lines at the edge rather than wrap onto the rule
        name_line = Content.assemble(*names)
        rule_line = Content.assemble(*rule)
        if name_line.cell_length > width:
            name_line = name_line.truncate(width, ellipsis=True)
            rule_line = rule_line.truncate(width)
        return Content.assemble(name_line, "\n", rule_line)

    def on_click(self, event: Click) -> None:
        tab_id = self.tab_at(event.x)
        if tab_id is not None:
            event.stop()
            self.post_message(self.Clicked(self, tab_id))


class SidePanel(Vertical):
    """A container of tabs (glossary, speakers, notes ...); hidden until it has one."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._strip: PanelTabs | None = None
        self._panes: dict[str, Widget] = {}

    @property
    def pane_count(self) -> int:
        return len(self._panes)

    @property
    def tab_ids(self) -> list[str]:
        return list(self._panes)

    @property
    def active(self) -> str | None:
        """The id of the tab shown, None while there is none."""
        return self._strip.active if self._strip is not None else None

    @property
    def active_pane(self) -> Widget | None:
        active = self.active
        return self._panes.get(active) if active is not None else None

    def has_pane(self, id: str) -> bool:
        return id in self._panes

    def add_pane(self, title: str, id: str, widget: Widget) -> Widget:
        """Add `widget` as a tab called `title` (plain text, never markup); shows the panel.

        `id` names the tab (use it with `show_pane`). The first tab added is the one shown.
        Returns `widget`.
        """
        if id in self._panes:
            raise ValueError(f"the side panel already has a tab {id!r}")
        load_styles = getattr(self.app, "load_deferred_styles", None)
        if load_styles is not None:  # the panes' stylesheets are read after the first paint
            load_styles()
        if self._strip is None:
            self._strip = PanelTabs(id="side-tabs")
            self.mount(self._strip)
        self._strip.add_tab(id, title)
        self._panes[id] = widget
        widget.add_class("side-pane")
        widget.display = self._strip.active == id
        self.mount(widget)
        self.add_class("-has-panes")
        return widget

    def show_pane(self, id: str) -> None:
        """Make tab `id` the active one and show the panel if the user had hidden it."""
        if self._strip is not None and id in self._panes:
            self._strip.active = id
            for tab_id, pane in self._panes.items():
                pane.display = tab_id == id
        self.remove_class("-hidden")

    def on_panel_tabs_clicked(self, message: PanelTabs.Clicked) -> None:
        message.stop()
        self.show_pane(message.tab_id)

    @property
    def is_shown(self) -> bool:
        return self.has_class("-has-panes") and not self.has_class("-hidden")

    def toggle(self) -> bool:
        """Hide or show the panel (while it has panes); returns whether it is now shown."""
        self.toggle_class("-hidden")
        return self.is_shown
