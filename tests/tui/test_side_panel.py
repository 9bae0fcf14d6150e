"""The side panel's own tab strip: one widget for the names, the panes its direct children."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from reader.tui.side_panel import TAB_GAP, PanelTabs, SidePanel


class PanelApp(App[None]):
    CSS = "SidePanel { display: none; } SidePanel.-has-panes { display: block; }"

    def compose(self) -> ComposeResult:
        yield SidePanel(id="panel")


async def _panel_with_tabs(app: PanelApp) -> SidePanel:
    panel = app.query_one(SidePanel)
    panel.add_pane("One", "one-tab", Static("first body", id="first"))
    panel.add_pane("[b]Two[/b]", "two-tab", Static("second body", id="second"))
    panel.add_pane("Three\x1b[2J", "three-tab", Static("third body", id="third"))
    return panel


async def test_first_tab_shown_and_show_pane_switches() -> None:
    app = PanelApp()
    async with app.run_test(size=(60, 12)) as pilot:
        panel = await _panel_with_tabs(app)
        await pilot.pause()
        assert panel.tab_ids == ["one-tab", "two-tab", "three-tab"]
        assert panel.active == "one-tab"
        assert panel.active_pane is app.query_one("#first")
        assert [app.query_one(f"#{w}").display for w in ("first", "second", "third")] == [
            True,
            False,
            False,
        ]
        panel.show_pane("three-tab")
        await pilot.pause()
        assert panel.active == "three-tab"
        assert [app.query_one(f"#{w}").display for w in ("first", "second", "third")] == [
            False,
            False,
            True,
        ]
        # an unknown tab changes nothing
        panel.show_pane("nope")
        assert panel.active == "three-tab"


async def test_names_are_plain_text_and_a_click_picks_the_tab() -> None:
    app = PanelApp()
    async with app.run_test(size=(60, 12)) as pilot:
        panel = await _panel_with_tabs(app)
        await pilot.pause()
        strip = app.query_one(PanelTabs)
        names, rule = ("".join(seg.text for seg in strip.render_line(y)).rstrip() for y in range(2))
        # markup shows literally; the escape character is made visible, never sent
        assert "[b]Two[/b]" in names
        assert "\x1b" not in names and "Three" in names
        assert set(rule) == {"━", "─"}
        two_start = names.index("[b]Two[/b]") - 1  # the name is drawn as ` [b]Two[/b] `
        assert strip.tab_at(two_start) == "two-tab"
        assert strip.tab_at(two_start - TAB_GAP) is None  # the gap between names
        await pilot.click(PanelTabs, offset=(two_start + 2, 0))
        await pilot.pause()
        assert panel.active == "two-tab"
        assert app.query_one("#second").display
        assert not app.query_one("#first").display
        # the rule marks the active tab
        rule = "".join(seg.text for seg in strip.render_line(1))
        assert rule[two_start : two_start + 3] == "━━━"
        assert rule[0] == "─"


async def test_hidden_until_a_pane_arrives_and_toggle() -> None:
    app = PanelApp()
    async with app.run_test(size=(60, 12)) as pilot:
        panel = app.query_one(SidePanel)
        await pilot.pause()
        assert not panel.is_shown and panel.active is None and panel.active_pane is None
        panel.add_pane("One", "one-tab", Static("body"))
        await pilot.pause()
        assert panel.is_shown and panel.pane_count == 1
        assert panel.toggle() is False
        panel.show_pane("one-tab")  # showing a pane reveals a hidden panel
        assert panel.is_shown
        with pytest.raises(ValueError, match="already has a tab"):
            panel.add_pane("Again", "one-tab", Static("other"))


async def test_names_wider_than_the_strip_are_cut_not_wrapped() -> None:
    app = PanelApp()
    async with app.run_test(size=(24, 8)) as pilot:
        panel = app.query_one(SidePanel)
        for n in range(4):
            panel.add_pane(f"Pane number {n}", f"tab-{n}", Static(f"body {n}"))
        await pilot.pause()
        strip = app.query_one(PanelTabs)
        names = "".join(seg.text for seg in strip.render_line(0))
        rule = "".join(seg.text for seg in strip.render_line(1))
        assert len(names) == len(rule) == strip.size.width
        assert names.rstrip().endswith("…")
        assert set(rule) <= {"━", "─"}
