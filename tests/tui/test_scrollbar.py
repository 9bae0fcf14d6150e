"""The text pane's scroll bar: Textual's bar drawn faster (`reader.tui.scrollbar`), same cells."""

from __future__ import annotations

import pytest
from rich.style import Style
from tests.tui.test_article_view import ViewApp
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from reader.article import Article, parse_article
from reader.tui.drawing import draws_plain
from reader.tui.scrollbar import LineScrollBar


def _long() -> Article:
    return parse_article(
        "Title\n\n" + "\n\n".join(f"Paragraph {i} " + "word " * 60 for i in range(200))
    )


def _cells(strips: list[Strip]) -> list[list[tuple[str, object, object, bool, object]]]:
    """Text, colours, reverse flag and click action of every segment."""
    rows = []
    for strip in strips:
        row = []
        for segment in strip:
            style = segment.style or Style()
            action = style.meta.get("@mouse.down")
            row.append((segment.text, style.color, style.bgcolor, bool(style.reverse), action))
        rows.append(row)
    return rows


def _textual_drawing(bar: ScrollBar) -> list[Strip]:
    """What Textual's own ScrollBar draws for the same state (its renderable path)."""
    bar._styles_cache.clear()
    bar._dirty_regions.add(bar.size.region)
    return ScrollBar.render_lines(bar, bar.size.region)


@pytest.mark.parametrize("where", ["top", "middle", "bottom"])
async def test_bar_draws_the_same_cells_as_textuals(where: str) -> None:
    app = ViewApp(_long())
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.view
        await pilot.pause()
        bar = view.vertical_scrollbar
        assert isinstance(bar, LineScrollBar)
        assert bar.display
        if where == "middle":
            view.scroll_to(y=view.max_scroll_y // 2, animate=False, immediate=True)
        elif where == "bottom":
            view.scroll_to(y=view.max_scroll_y, animate=False, immediate=True)
        await pilot.pause()
        ours = bar.render_lines(bar.size.region)
        assert len(ours) == bar.size.height
        assert all(strip.cell_length == bar.size.width for strip in ours)
        theirs = _textual_drawing(bar)
        assert _cells(ours) == _cells(theirs)
        # the thumb moved: top, middle and bottom draw differently
        thumb_rows = [
            y for y, strip in enumerate(_cells(ours)) if strip[0][3] or strip[0][0] != " "
        ]
        assert thumb_rows
        if where == "top":
            assert thumb_rows[0] == 0
        elif where == "bottom":
            assert thumb_rows[-1] == bar.size.height - 1
        else:
            assert thumb_rows[0] > 0 and thumb_rows[-1] < bar.size.height - 1


async def test_clicking_the_track_pages_and_dragging_the_thumb_scrolls() -> None:
    app = ViewApp(_long())
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.view
        await pilot.pause()
        bar = view.vertical_scrollbar
        x = bar.region.x
        assert view.scroll_offset.y == 0
        await pilot.click(offset=(x, bar.region.bottom - 2))  # the track below the thumb
        await pilot.pause()
        paged = view.scroll_offset.y
        assert paged > 0
        # drag the thumb (now a little way down) to the bottom of the track
        thumb = next(
            y for y, row in enumerate(_cells(bar.render_lines(bar.size.region))) if row[0][3]
        )
        await pilot.mouse_down(offset=(x, bar.region.y + thumb))
        await pilot.hover(offset=(x, bar.region.bottom - 1))
        await pilot.mouse_up(offset=(x, bar.region.bottom - 1))
        await pilot.pause()
        assert view.scroll_offset.y > paged


async def test_a_short_text_shows_no_bar() -> None:
    app = ViewApp(parse_article("Title\n\nOne short paragraph."))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.view.vertical_scrollbar.display


async def test_the_text_pane_falls_back_to_textuals_path_when_css_decorates_it() -> None:
    """The fast path draws lines as they are; a border, padding, tint or faded text set in CSS
    must still show, so those bring Textual's general drawing back."""
    app = ViewApp(_long())
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.view
        await pilot.pause()
        assert draws_plain(view)
        for rule, value in (("text_opacity", 0.5), ("tint", "red 20%"), ("padding", (0, 1))):
            setattr(view.styles, rule, value)
            assert not draws_plain(view), rule
            view.styles.clear_rule(rule)
            assert draws_plain(view), rule
        view.styles.border = ("solid", "red")
        assert not draws_plain(view)
        await pilot.pause()
        top = view.render_lines(view.size.region)[0]
        assert "┌" in "".join(segment.text for segment in top) or "─" in "".join(
            segment.text for segment in top
        )
