"""Pilot tests of the Glossary tab: rows, jump, ]/[ walk with "2/5", Esc, filter, sort, hints."""

from __future__ import annotations

import pytest
from tests.tui.conftest import analysed, hint
from textual.app import App, ComposeResult

from reader.analysis.glossary import Glossary, GlossaryEntry, build_glossary
from reader.article import Article, parse_article
from reader.tui.analysis_panes import GLOSSARY_TAB
from reader.tui.app import ReaderApp
from reader.tui.glossary_pane import GlossaryFilter, GlossaryList, GlossaryPane

SIZE = (120, 36)


def pane(app: App[None]) -> GlossaryPane:
    return app.query_one(GlossaryPane)


@pytest.fixture(scope="module")
def glossary(bundled: Article) -> Glossary:
    return build_glossary(bundled)


async def test_rows_in_order_of_first_appearance(
    bundled: Article, glossary: Glossary, db: str
) -> None:
    app = ReaderApp(bundled, db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(app, pilot)
        assert app.side_panel.active is not None
        assert app.side_panel.active == GLOSSARY_TAB
        shorts = [e.short for e in pane(app).visible_entries]
        assert shorts == [e.short for e in glossary.entries]
        firsts = [min(s for s, _ in e.occurrences) for e in pane(app).visible_entries]
        assert firsts == sorted(firsts)
        order = [shorts.index(a) for a in ("IS-K", "UNAMA", "ANA", "TTP")]
        assert order == sorted(order)
        # Every occurrence is subtly marked in the text.
        marked = app.article_view.layer_spans("glossary")
        assert len(marked) == sum(len(e.occurrences) for e in glossary.entries)
        assert {c for _, _, c in marked} == {"article-view--term"}
        # A row: source mark, acronym, count; its expansion on the second line.
        rows = app.query_one(GlossaryList)
        index = shorts.index("ANA")
        prompt = rows.get_option_at_index(index).prompt
        text = prompt.content(38).plain  # type: ignore[union-attr]
        first, second = text.split("\n")
        assert first.startswith("● ANA") and first.endswith("×3") and len(first) == 38
        assert second.strip() == "Afghan National Army"
        unama = rows.get_option_at_index(shorts.index("UNAMA")).prompt
        assert unama.content(30).plain.startswith("○ UNAMA")  # type: ignore[union-attr]
        assert "●" in str(app.query_one("#glossary-legend").render())


async def test_enter_jumps_marks_all_and_walks(
    bundled: Article, glossary: Glossary, db: str
) -> None:
    entry = next(e for e in glossary.entries if e.short == "ANA")
    starts = sorted(s for s, _ in entry.occurrences)
    assert len(starts) == 3
    app = ReaderApp(bundled, db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(app, pilot)
        view = app.article_view
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.focused, GlossaryList)
        shorts = [e.short for e in pane(app).visible_entries]
        await pilot.press(*["down"] * shorts.index("ANA"), "enter")
        await pilot.pause()
        assert view.cursor_offset == starts[0]
        top, bottom = view.visible_range()
        assert top <= starts[0] < bottom
        active = view.layer_spans("glossary-active")
        assert {(s, e) for s, e, _ in active} >= set(entry.occurrences)
        assert hint(app).startswith("ANA 1/3 = Afghan National Army")
        await pilot.press("right_square_bracket")
        assert view.cursor_offset == starts[1]
        assert hint(app).startswith("ANA 2/3")
        assert view.layer_spans("glossary-current")[0][:2] == entry.occurrences[1]
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert view.cursor_offset == starts[0] and hint(app).startswith("ANA 1/3")  # wraps
        await pilot.press("left_square_bracket")
        assert view.cursor_offset == starts[2] and hint(app).startswith("ANA 3/3")
        await pilot.pause()
        top, bottom = view.visible_range()
        assert top <= starts[2] < bottom
        # Esc (from the list, then nothing left to clear) removes the marks and the "3/3".
        await pilot.press("escape")
        await pilot.pause()
        assert view.layer_spans("glossary-active") == []
        assert view.layer_spans("glossary-current") == []
        assert "3/3" not in hint(app)
        assert app.walk_status == ""
        # In the text, Esc first ends a search, then clears the marks.
        app.look_up_term("ANA")
        view.focus()
        await pilot.press("slash", *"kabul", "enter")
        await pilot.pause()
        assert view.search_query == "kabul" and view.has_focus
        await pilot.press("escape")
        assert view.search_query == "" and view.layer_spans("glossary-active")
        await pilot.press("escape")
        assert view.layer_spans("glossary-active") == []


async def test_filter_narrows_rows_and_sort_toggles(
    bundled: Article, glossary: Glossary, db: str
) -> None:
    app = ReaderApp(bundled, db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(app, pilot)
        gp = pane(app)
        await pilot.press("1")
        await pilot.pause()
        # A capital letter typed on the list starts the filter with it.
        await pilot.press("T", "T")
        await pilot.pause()
        assert isinstance(app.focused, GlossaryFilter)
        assert gp.filter_text == "TT"
        assert [e.short for e in gp.visible_entries] == ["TTP"]
        await pilot.press("enter")  # looks up the first row
        await pilot.pause()
        ttp = next(e for e in glossary.entries if e.short == "TTP")
        assert app.article_view.cursor_offset == ttp.occurrences[0][0]
        assert isinstance(app.focused, GlossaryList)
        # / focuses the filter, Esc there clears it; words match expansions too.
        await pilot.press("slash")
        assert isinstance(app.focused, GlossaryFilter)
        await pilot.press("escape")
        assert gp.filter_text == "" and isinstance(app.focused, GlossaryList)
        await pilot.press("slash", *"army")
        await pilot.pause()
        assert gp.filter_text == "army"
        assert [e.short for e in gp.visible_entries] == ["ANA"]
        await pilot.press("escape")
        await pilot.pause()
        assert gp.filter_text == "" and isinstance(app.focused, GlossaryList)
        assert len(gp.visible_entries) == len(glossary.entries)
        # s: alphabetical, and back to first appearance.
        await pilot.press("s")
        alphabetical = [e.short for e in gp.visible_entries]
        assert alphabetical == sorted(alphabetical, key=str.casefold)
        assert alphabetical != [e.short for e in glossary.entries]
        assert "A-Z" in str(app.query_one("#glossary-status").render())
        await pilot.press("s")
        assert [e.short for e in gp.visible_entries] == [e.short for e in glossary.entries]


async def test_acronym_under_cursor_and_mouse_shows_expansion(
    bundled: Article, glossary: Glossary, db: str
) -> None:
    unama = next(e for e in glossary.entries if e.short == "UNAMA")
    app = ReaderApp(bundled, db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(app, pilot)
        view = app.article_view
        view.move_cursor_to(unama.occurrences[0][0] + 2, center=True)
        await pilot.pause()
        assert "UNAMA = United Nations Assistance Mission in Afghanistan" in hint(app)
        view.move_cursor_to(0)
        view.scroll_to_offset(unama.occurrences[0][0], center=True)
        await pilot.pause()
        assert "UNAMA" not in hint(app)
        # The mouse over an acronym shows it too.
        target = unama.occurrences[0][0] + 1
        cell = next(
            (x, y)
            for y in range(view.size.height)
            for x in range(view.size.width)
            if view.offset_at(x, y) == target
        )
        await pilot.hover("#article", offset=cell)
        await pilot.pause()
        assert "UNAMA = United Nations" in hint(app)
        await pilot.hover("#article", offset=(0, 0))
        await pilot.pause()
        assert "UNAMA" not in hint(app)
        # ] with no acronym chosen walks the one under the cursor.
        isk = next(e for e in glossary.entries if e.short == "IS-K")
        view.move_cursor_to(isk.occurrences[2][0])
        await pilot.press("right_square_bracket")
        assert view.cursor_offset == isk.occurrences[3][0]
        assert hint(app).startswith(f"IS-K 4/{len(isk.occurrences)} = Islamic State")


class GlossaryHost(App[None]):
    def compose(self) -> ComposeResult:
        yield GlossaryPane()


HOSTILE = GlossaryEntry(
    short="[b]X[/]",
    expansion="[@click=app.quit]Quit Now[/] \x1b]0;pwned\x07 and \x1b[2J [/]",
    source="text",
    definition=None,
    occurrences=((0, 7),),
    variants=(),
)


async def test_hostile_entries_are_shown_literally() -> None:
    app = GlossaryHost()
    async with app.run_test(size=(60, 12)) as pilot:
        gp = pane(app)
        assert "Analysing" in str(app.query_one("#glossary-status").render())
        gp.set_glossary(Glossary((HOSTILE,)))
        await pilot.pause()
        text = app.query_one(GlossaryList).get_option_at_index(0).prompt.content(58).plain  # type: ignore[union-attr]
        assert "[b]X[/]" in text and "[@click=app.quit]Quit Now[/]" in text
        assert "\x1b" not in text and "\x07" not in text and "␛[2J" in text
        await pilot.click(GlossaryList, offset=(3, 0))
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        gp.show_error("ValueError: [/] \x1b[31m boom")
        await pilot.pause()
        status = str(app.query_one("#glossary-status").render())
        assert "[/]" in status and "\x1b" not in status and gp.has_class("-error")


async def test_analysis_error_is_shown_in_the_pane(
    monkeypatch: pytest.MonkeyPatch, bundled: Article, db: str
) -> None:
    import reader.tui.analysis_panes as panes

    def broken(article: Article) -> Glossary:
        raise ValueError("no [bold]glossary[/] today")

    monkeypatch.setattr(panes, "_build_glossary", broken)
    app = ReaderApp(bundled, db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(app, pilot)
        status = str(app.query_one("#glossary-status").render())
        assert status == "Glossary unavailable: ValueError: no [bold]glossary[/] today"
        assert app.glossary is None and app.speaker_index is not None  # the other pane works
        await pilot.press("1", "down", "enter", "right_square_bracket", "j")
        assert app.is_running


async def test_narrow_terminal_starts_with_the_panel_hidden(db: str) -> None:
    article = parse_article("Title\n\nThe Afghan National Army (ANA) said so. The ANA left.\n")
    app = ReaderApp(article, db_path=db)
    async with app.run_test(size=(80, 24)) as pilot:
        await analysed(app, pilot)
        panel = app.side_panel
        assert not panel.is_shown
        await pilot.press("1")
        await pilot.pause()
        assert panel.is_shown and isinstance(app.focused, GlossaryList)
        assert [e.short for e in pane(app).visible_entries] == ["ANA"]
