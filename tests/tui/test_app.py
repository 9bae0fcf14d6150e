"""Pilot tests of the reader app: keys, search, help, resize, safety, side panel, status line."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import all_lines, view_lines
from textual.widgets import DataTable, Static

from reader.article import Article, BlockKind, parse_article
from reader.tui.app import ReaderApp
from reader.tui.help import HelpScreen
from reader.tui.side_panel import SidePanel

SIZE = (100, 30)


async def test_opens_with_title_and_first_paragraph(bundled: Article) -> None:
    app = ReaderApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = view_lines(app.article_view)
        assert lines[0].strip() == bundled.title
        first_para = bundled.paragraphs[0]
        assert bundled.text[first_para.start : first_para.start + 30] in "\n".join(lines)
        assert app.status_bar.get_field("title") == bundled.title
        assert app.status_bar.get_field("position").startswith("¶ 0/")
        # A reading column: at most 80 cells of text, centred in the pane.
        for line in lines:
            assert len(line.strip()) <= 80


async def test_bracketed_words_are_shown_literally(bundled: Article) -> None:
    app = ReaderApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = "\n".join(all_lines(app.article_view))
        assert "[Taliban]" in text
        assert "[IS-K]" in text


HOSTILE = (
    "[bold]Title[/] \x1b]0;pwned\x07\n"
    "A paragraph with [bold]x[/], [@click=app.quit]click me[/] and a stray [/] tag.\n"
    "Escapes: \x1b[2J and \x1b]52;c;aGVsbG8=\x07 and bidi \u202eevil\u202c here.\n"
)


async def test_hostile_text_is_shown_literally_and_safely() -> None:
    article = parse_article(HOSTILE)
    app = ReaderApp(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # Joined with spaces: the side panel narrows the column, so phrases may wrap.
        text = " ".join(" ".join(all_lines(app.article_view)).split())
        assert "[bold]x[/]" in text
        assert "[@click=app.quit]click me[/]" in text
        assert "stray [/] tag" in text
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
        assert "␛[2J" in text
        title = app.status_bar.get_field("title")
        assert title.startswith("[bold]Title[/]") and "\x1b" not in title
        # Clicking the would-be action link must not quit the app.
        await pilot.click("#article", offset=(30, 3))
        await pilot.pause()
        assert app.is_running
        await pilot.press("j", "j", "G", "g")
        assert app.is_running


async def test_cursor_and_scroll_keys(bundled: Article) -> None:
    app = ReaderApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        view = app.article_view
        await pilot.pause()
        start = view.cursor_offset
        await pilot.press("j")
        after_j = view.cursor_offset
        assert after_j > start
        await pilot.press("k")
        assert view.cursor_offset == start
        await pilot.press("right", "right")
        assert view.cursor_offset == start + 2
        await pilot.press("left")
        assert view.cursor_offset == start + 1
        assert view.scroll_offset.y == 0
        await pilot.press("space")
        await pilot.pause()
        page = view.scroll_offset.y
        assert page == view.size.height - 1
        # The cursor moved with the page and is still visible.
        top, bottom = view.visible_range()
        assert top <= view.cursor_offset < bottom
        await pilot.press("b")
        await pilot.pause()
        assert view.scroll_offset.y == 0
        await pilot.press("G")
        await pilot.pause()
        assert view.scroll_offset.y == view.max_scroll_y > 0
        assert view.cursor_offset == bundled.blocks[-1].start
        assert app.status_bar.get_field("position").startswith(f"¶ {len(bundled.paragraphs)}/")
        await pilot.press("g")
        await pilot.pause()
        assert view.scroll_offset.y == 0 and view.cursor_offset == 0
        # j held down scrolls the view once the cursor reaches the bottom line.
        await pilot.resize_terminal(100, 12)
        await pilot.pause()
        await pilot.press(*["j"] * (view.size.height + 3))
        await pilot.pause()
        assert view.scroll_offset.y > 0
        top, bottom = view.visible_range()
        assert top <= view.cursor_offset <= bottom


async def test_paragraph_jumps(bundled: Article) -> None:
    app = ReaderApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        view = app.article_view
        await pilot.pause()
        blocks = bundled.blocks
        await pilot.press("right_curly_bracket")
        assert view.cursor_offset == blocks[1].start
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        assert view.cursor_offset == blocks[3].start
        await pilot.press("right", "left_curly_bracket")
        assert view.cursor_offset == blocks[3].start
        await pilot.press("left_curly_bracket")
        assert view.cursor_offset == blocks[2].start
        for _ in range(12):
            await pilot.press("right_curly_bracket")
        await pilot.pause()
        top, bottom = view.visible_range()
        assert top <= view.cursor_offset < bottom


async def test_search_highlights_counts_and_cycles(bundled: Article) -> None:
    app = ReaderApp(bundled)
    expected = bundled.text.lower().count("kabul")
    assert expected > 2
    async with app.run_test(size=SIZE) as pilot:
        view = app.article_view
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"KABUL".lower())
        await pilot.pause()
        assert len(view.layer_spans("search")) == expected
        assert app.status_bar.get_field("search") == f"/kabul  1/{expected}"
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused is view
        first = view.cursor_offset
        assert bundled.text[first : first + 5].lower() == "kabul"
        await pilot.press("n")
        assert app.status_bar.get_field("search").endswith(f"2/{expected}")
        second = view.cursor_offset
        assert second > first
        assert view.layer_spans("search-current")[0][:2] == (second, second + 5)
        await pilot.press("N", "N")
        assert app.status_bar.get_field("search").endswith(f"{expected}/{expected}")
        # Esc in the text clears the search.
        await pilot.press("escape")
        await pilot.pause()
        assert view.layer_spans("search") == []
        assert app.status_bar.get_field("search") == ""


async def test_search_is_smart_case_and_escape_cancels(bundled: Article) -> None:
    app = ReaderApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        view = app.article_view
        await pilot.press("slash", *"IS-K")
        await pilot.pause()
        assert len(view.matches) == bundled.text.count("IS-K")
        await pilot.press("escape")
        await pilot.pause()
        assert view.matches == [] and app.focused is view
        await pilot.press("slash", *"zzzqqq", "enter")
        await pilot.pause()
        assert app.status_bar.get_field("search").endswith("0/0")


async def test_resize_rewraps_and_keeps_position(bundled: Article) -> None:
    app = ReaderApp(bundled)
    async with app.run_test(size=(120, 30)) as pilot:
        view = app.article_view
        await pilot.pause()
        wide = view.text_layout.line_count
        for _ in range(5):
            await pilot.press("right_curly_bracket")
        cursor = view.cursor_offset
        await pilot.resize_terminal(50, 30)
        await pilot.pause()
        assert view.text_layout.column == 47  # 50 minus the scrollbar gutter and a margin
        assert view.text_layout.line_count > wide
        assert max(len(line) for line in view_lines(view)) <= 49
        assert view.cursor_offset == cursor
        top, bottom = view.visible_range()
        assert top <= cursor < bottom


async def test_width_option_sets_the_reading_column(bundled: Article) -> None:
    app = ReaderApp(bundled, column_width=50)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.article_view.text_layout.column == 50
        lines = [line for line in view_lines(app.article_view) if line.strip()]
        assert max(len(line.strip()) for line in lines) <= 50
        indent = min(len(line) - len(line.lstrip()) for line in lines)
        available = app.article_view.scrollable_content_region.width
        assert indent == (available - 50) // 2


async def test_help_lists_bindings_and_database(bundled: Article, tmp_path: object) -> None:
    db = f"{tmp_path}/notes.json"
    app = ReaderApp(bundled, db_path=db)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        descriptions = {r[1] for r in rows}
        for wanted in (
            "Line down",
            "Page down",
            "Next paragraph",
            "Search",
            "Quit",
            "Next match",
            "Help (this screen)",
        ):
            assert wanted in descriptions
        keys = {r[1]: r[0] for r in rows}
        assert "j" in keys["Line down"] and "space" in keys["Page down"]
        db_text = str(app.screen.query_one("#help-db", Static).content)
        assert db in db_text
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_quit_key(bundled: Article) -> None:
    app = ReaderApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


async def test_too_small_terminal_says_so(bundled: Article) -> None:
    app = ReaderApp(bundled)
    async with app.run_test(size=(30, 8)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-too-small")
        notice = app.query_one("#too-small", Static)
        assert notice.display and "too small" in str(notice.content)
        for hidden in (app.article_view, app.status_bar, app.side_panel):
            assert not hidden.display or hidden.region.area == 0
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not app.screen.has_class("-too-small")
        assert app.article_view.region.area > 0 and app.status_bar.region.area > 0
        await pilot.press("j", "space")
        assert app.is_running


async def test_side_panel_toggles_takes_panes_and_tab_moves_focus(bundled: Article) -> None:
    app = ReaderApp(bundled)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.query_one(SidePanel)
        assert panel is app.side_panel
        assert panel.region.width > 0
        width_with_panel = app.article_view.region.width
        # The panel runs the full height; the status line sits under the text only, so a key that
        # moves the text redraws nothing of the panel.
        view, status = app.article_view.region, app.status_bar.region
        assert panel.region.height == 30 and panel.region.x >= view.right
        assert (status.x, status.width, status.y) == (view.x, view.width, view.bottom)
        before = panel.pane_count
        panel.add_pane("Extra [x]", "extra", Static("entries", id="extra-body"))
        await pilot.pause()
        assert panel.pane_count == before + 1
        # Tab moves focus from the text to the panel and back.
        app.article_view.focus()
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is not app.article_view
        await pilot.press("shift+tab")
        assert app.focused is app.article_view
        await pilot.press("p")
        await pilot.pause()
        assert panel.region.width == 0
        assert app.article_view.region.width > width_with_panel
        assert app.status_bar.region.width == 120
        await pilot.press("p")
        await pilot.pause()
        assert panel.region.width > 0


async def test_status_hint_and_encoding_notice() -> None:
    article = parse_article("Titre\nCafé crème.\n", notice="not UTF-8: decoded as Windows-1252")
    app = ReaderApp(article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.status_bar.get_field("notice") == "not UTF-8: decoded as Windows-1252"
        app.set_status_hint("ANA: Afghan National Army \x1b[31m")
        await pilot.pause()
        hint = app.status_bar.get_field("hint")
        assert hint.startswith("ANA: Afghan National Army") and "\x1b" not in hint


async def test_the_status_line_follows_the_cursor_in_the_same_frame(bundled: Article) -> None:
    """The status line is updated while the key is handled (a watcher, not a message that
    arrives after the text's frame and would cost a second frame per key)."""
    app = ReaderApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.article_view
        before = app.status_bar.get_field("position")
        view.action_go_bottom()  # synchronous: no message loop runs before the assert
        assert view.cursor_offset > len(bundled.text) // 2
        position = app.status_bar.get_field("position")
        assert position != before and position.endswith(("99%", "100%"))
        view.action_go_top()
        assert app.status_bar.get_field("position") == before


async def test_pull_quotes_are_set_apart(bundled: Article) -> None:
    app = ReaderApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = all_lines(app.article_view)
        quote = next(b for b in bundled.blocks if b.kind is BlockKind.PULL_QUOTE)
        words = bundled.text[quote.start : quote.start + 20]
        line = next(line for line in lines if words in line)
        body_indent = len(lines[3]) - len(lines[3].lstrip())
        assert "\u258e" in line and line.index(words) > body_indent
        assert not any(line.rstrip().endswith(" |") for line in lines)


async def test_n_searches_from_the_cursor(bundled: Article) -> None:
    app = ReaderApp(bundled)
    async with app.run_test(size=SIZE) as pilot:
        view = app.article_view
        await pilot.press("slash", *"kabul", "enter")
        await pilot.pause()
        starts = [s for s, _ in view.matches]
        await pilot.press("G")
        await pilot.press("N")
        assert view.cursor_offset == max(s for s in starts if s < bundled.blocks[-1].start)
        await pilot.press("g", "n")
        assert view.cursor_offset == starts[1] if starts[0] == 0 else starts[0]


async def test_settled_heap_is_frozen_while_open_and_released_on_exit(
    bundled: Article, tmp_path: Path
) -> None:
    """Once both analyses are in, what the app holds for good is kept out of the collector's
    full passes (gc.freeze); quitting gives it back."""
    import gc

    app = ReaderApp(bundled, db_path=str(tmp_path / "notes.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            await pilot.pause()
            if app.analysis_done:
                break
        await pilot.pause()
        assert app.analysis_done
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


async def test_collector_paused_for_start_up_resumes_after_the_first_paint(
    bundled: Article, tmp_path: Path
) -> None:
    """`reader` turns the collector off for the start-up; the app turns it back on (with the
    start-up heap frozen) once it has painted, and unfreezes it on exit."""
    import gc

    gc.disable()
    try:
        app = ReaderApp(bundled, db_path=str(tmp_path / "notes.json"), collector_paused=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() == 0
    finally:
        gc.enable()


async def test_collector_left_alone_by_default(bundled: Article, tmp_path: Path) -> None:
    import gc

    gc.disable()
    try:
        app = ReaderApp(bundled, db_path=str(tmp_path / "notes.json"))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert not gc.isenabled()  # not the app's to turn on
    finally:
        gc.enable()


def test_peak_rss_is_this_process_own() -> None:
    """The start-up benchmark's RSS figure: this process's high-water mark, in KiB."""
    import resource
    import sys

    from reader.tui.app import peak_rss_kib

    peak = peak_rss_kib()
    if not sys.platform.startswith("linux"):
        assert peak == 0
        return
    # the kernel's two counters differ by a little; both are this process's, in KiB
    current = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert 1024 < peak < current * 1.25
