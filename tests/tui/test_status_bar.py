"""The status line draws its fields itself (`StatusBar.render_lines`): same cells as Textual's
general path, redrawn when a field or the width changes, and never markup."""

from __future__ import annotations

from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.widget import Widget

from reader.tui.status_bar import StatusBar


class BarApp(App[None]):
    CSS = """
    StatusBar { height: 1; background: $panel; }
    StatusBar > .status-bar--position { color: $accent; text-style: bold; }
    """

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status", title="[bold]A title[/]", position="¶ 1/9  0%")


def _cells(strips: list[Strip]) -> list[tuple[str, object, object, bool]]:
    return [
        (
            segment.text,
            segment.style and segment.style.color,
            segment.style and segment.style.bgcolor,
            bool(segment.style and segment.style.bold),
        )
        for strip in strips
        for segment in strip
        if isinstance(segment, Segment)
    ]


def _text(strips: list[Strip]) -> str:
    return "".join(segment.text for strip in strips for segment in strip)


def _general_path(bar: StatusBar) -> list[Strip]:
    bar._styles_cache.clear()
    bar._dirty_regions.add(bar.size.region)
    return Widget.render_lines(bar, bar.size.region)


async def test_draws_what_textuals_general_path_draws_and_follows_changes() -> None:
    app = BarApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        bar = app.query_one(StatusBar)
        ours = bar.render_lines(bar.size.region)
        assert len(ours) == 1 and ours[0].cell_length == 60
        assert _cells(ours) == _cells(_general_path(bar))
        assert "[bold]A title[/]" in _text(ours)  # the title is text, not markup
        assert _text(ours).rstrip().endswith("¶ 1/9  0%")
        bar.set_field("position", "¶ 2/9  11%")
        changed = bar.render_lines(bar.size.region)
        assert _text(changed).rstrip().endswith("¶ 2/9  11%")
        assert _cells(changed) == _cells(_general_path(bar))
        # nothing changed: the same strip object comes back (no redraw)
        assert bar.render_lines(bar.size.region)[0] is changed[0]
        await pilot.resize_terminal(40, 5)
        await pilot.pause()
        narrow = bar.render_lines(bar.size.region)
        assert narrow[0].cell_length == 40
        assert _cells(narrow) == _cells(_general_path(bar))
