"""ArticleView on its own: layers, selection, mouse, cursor API, wide text, large text."""

from __future__ import annotations

from rich.style import Style
from tests.tui.conftest import all_lines, view_lines
from textual.app import App, ComposeResult
from textual.geometry import Offset
from textual.selection import Selection

from reader.article import Article, parse_article
from reader.tui.article_view import ArticleView


class ViewApp(App[None]):
    def __init__(self, article: Article, column_width: int = 80) -> None:
        from reader.tui.app import stylesheets

        self.CSS_PATH = stylesheets()  # the real app's styles
        super().__init__()
        self.article = article
        self.column_width = column_width

    def compose(self) -> ComposeResult:
        yield ArticleView(self.article, column_width=self.column_width, id="article")

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)


def _style_at(view: ArticleView, offset: int) -> Style:
    """The style the view draws the character at `offset` with."""
    layout = view.text_layout
    y = layout.line_of(offset)
    strip = view._line_strip(y)
    x = view._lead(y) + (offset - layout.starts[y])
    seen = 0
    for segment in strip:
        if seen + len(segment.text) > x:
            return segment.style or Style()
        seen += len(segment.text)
    raise AssertionError("offset not drawn")


async def test_layers_draw_in_priority_order_and_clear(bundled: Article) -> None:
    app = ViewApp(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view
        await pilot.pause()
        start = bundled.paragraphs[0].start + 10
        plain = _style_at(view, start)
        view.set_layer("highlights", [(start, start + 5, "article-view--highlight-green")])
        green = _style_at(view, start)
        assert green.bgcolor != plain.bgcolor
        # A higher-priority layer wins where it overlaps; outside it the lower one still shows.
        view.set_layer("search", [(start, start + 2, "article-view--search-current")])
        assert _style_at(view, start).bgcolor != green.bgcolor
        assert _style_at(view, start + 3).bgcolor == green.bgcolor
        # Attributes combine: an underline layer under a background layer keeps both.
        view.set_layer("glossary", [(start + 3, start + 4, "article-view--term")])
        combined = _style_at(view, start + 3)
        assert combined.underline and combined.bgcolor == green.bgcolor
        view.clear_layer("highlights")
        view.clear_layer("search")
        view.clear_layer("glossary")
        assert _style_at(view, start + 3) == plain
        assert view.layer_spans("highlights") == []


async def test_unknown_layer_class_is_registered_on_use() -> None:
    article = parse_article("Title\nSome words to colour here.\n")
    app = ViewApp(article)
    async with app.run_test(size=(60, 10)) as pilot:
        view = app.view
        await pilot.pause()
        view.set_layer(
            "x", [(article.blocks[1].start, article.blocks[1].start + 4, "article-view--speaker-3")]
        )
        assert "article-view--speaker-3" in view._get_component_classes()
        await pilot.pause()
        assert _style_at(view, article.blocks[1].start).color is not None


async def test_set_layer_refreshes_only_affected_lines(bundled: Article) -> None:
    app = ViewApp(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view
        await pilot.pause()
        # Declare the class first (the first use of a class restyles the whole view once).
        view.set_layer("notes", [(0, 1, "article-view--highlight-blue")])
        for y in range(view.size.height):
            view.render_line(y)
        cached = set(view._cache.keys())
        cached.discard(0)
        offset = bundled.paragraphs[1].start
        line = view.text_layout.line_of(offset)
        view.set_layer("notes", [(offset, offset + 3, "article-view--highlight-blue")])
        assert line not in view._cache
        assert (cached - {line}) <= set(view._cache.keys())


async def test_mouse_selection_copies_the_article_text(bundled: Article) -> None:
    app = ViewApp(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view
        await pilot.pause()
        layout = view.text_layout
        # From the 3rd character of the 2nd paragraph to the 10th of the next paragraph.
        y0, y1 = layout.block_first_line[1], layout.block_first_line[2]
        lead = view._lead(y0)
        selection = Selection(Offset(lead + 2, y0), Offset(view._lead(y1) + 10, y1))
        start, end = view.selection_offsets(selection)
        assert start == layout.starts[y0] + 2 and end == layout.starts[y1] + 10
        result = view.get_selection(selection)
        assert result is not None
        text, _ = result
        assert text.startswith(bundled.text[start : start + 20])
        assert text.endswith(bundled.text[end - 10 : end])
        # Drawn with the selection style.
        app.screen.selections = {view: selection}
        await pilot.pause()
        sel_bg = app.screen.get_component_rich_style("screen--selection", partial=True).bgcolor
        assert _style_at(view, start + 1).bgcolor == sel_bg


async def test_drag_selects_and_ctrl_c_copies(bundled: Article) -> None:
    app = ViewApp(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view
        await pilot.pause()
        lead = view._lead(2)
        await pilot.mouse_down(view, offset=(lead, 2))
        await pilot.hover(view, offset=(lead + 20, 3))
        await pilot.mouse_up(view, offset=(lead + 20, 3))
        await pilot.pause()
        selected = app.screen.get_selected_text()
        assert selected
        assert selected.split()[0] == bundled.text[view.text_layout.starts[2] :].split()[0]
        copied: list[str] = []
        app.copy_to_clipboard = copied.append  # type: ignore[method-assign]
        await pilot.press("ctrl+c")
        assert copied == [selected]


async def test_click_sets_cursor(bundled: Article) -> None:
    app = ViewApp(bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view
        await pilot.pause()
        y = 3
        await pilot.click(view, offset=(view._lead(y) + 5, y))
        assert view.cursor_offset == view.text_layout.starts[y] + 5


async def test_public_cursor_api(bundled: Article) -> None:
    app = ViewApp(bundled)
    async with app.run_test(size=(100, 20)) as pilot:
        view = app.view
        await pilot.pause()
        target = bundled.blocks[-3].start + 4
        view.move_cursor_to(target)
        await pilot.pause()
        assert view.cursor_offset == target
        top, bottom = view.visible_range()
        assert top <= target < bottom
        view.scroll_to_offset(bundled.blocks[5].start, center=True)
        await pilot.pause()
        top, bottom = view.visible_range()
        assert top <= bundled.blocks[5].start < bottom
        assert view.cursor_offset == target  # scrolling does not move the cursor
        # Offsets between blocks are moved into the next block.
        gap = bundled.blocks[3].end
        view.move_cursor_to(gap)
        assert view.cursor_offset == bundled.blocks[4].start


async def test_wide_and_combining_text_fits_the_column() -> None:
    from rich.cells import cell_len

    text = (
        "标题\n"
        + "这是一个很长的中文段落，没有空格，需要按单元格宽度折行。" * 6
        + "\n"
        + ("Emoji 😀😀 and cafe\u0301 with combining marks, " * 8)
    )
    app = ViewApp(parse_article(text), column_width=30)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        view = app.view
        for line in all_lines(view):
            assert cell_len(line.strip()) <= 30
        shown = "".join(line.strip() for line in all_lines(view))
        assert "没有空格" in shown.replace(" ", "") or "没有" in shown


async def test_large_text_paints_before_it_is_fully_wrapped(bundled: Article) -> None:
    big = parse_article((bundled.text + "\n") * 60)
    app = ViewApp(big)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.view
        assert view_lines(view)[0].strip() == big.title
        await pilot.press("G")
        await pilot.pause()
        assert view.text_layout.complete
        top, bottom = view.visible_range()
        assert top <= view.cursor_offset < bottom
        assert view.cursor_offset == big.blocks[-1].start
