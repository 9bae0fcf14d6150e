"""Pilot tests of the Speakers tab: rows, expand, jump, ]/[ with "2/3", tints, status line."""

from __future__ import annotations

import pytest
from tests.tui.conftest import analysed, hint
from textual.app import App, ComposeResult

from reader.analysis.quotes import Quote, QuoteKind, Speaker, SpeakerIndex, analyse_quotes
from reader.article import Article, parse_article
from reader.tui.analysis_panes import SPEAKERS_TAB
from reader.tui.app import ReaderApp
from reader.tui.speakers_pane import QUOTE_STEP, SpeakersList, SpeakersPane

SIZE = (120, 36)


def pane(app: App[None]) -> SpeakersPane:
    return app.query_one(SpeakersPane)


@pytest.fixture(scope="module")
def index(bundled: Article) -> SpeakerIndex:
    return analyse_quotes(bundled)


async def test_speakers_expand_jump_and_walk(
    bundled: Article, index: SpeakerIndex, db: str
) -> None:
    # The first speaker with at least two quotes, to walk with ]/[.
    speaker = next(s for s in index.speakers if len(s.quotes) >= 2)
    quotes = sorted(speaker.quotes, key=lambda q: q.start)
    app = ReaderApp(bundled, db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(app, pilot)
        sp = pane(app)
        view = app.article_view
        # Rows: speakers in order of first appearance, with description/anonymous and counts.
        assert [g.name for g in sp.groups] == [s.name for s in index.speakers]
        assert sp.row_count == len(index.speakers)
        for row, s in enumerate(index.speakers):
            text = sp.row_text(row)
            assert text.startswith(f"▸ ■ {s.name}")
            noun = "quote" if len(s.quotes) == 1 else "quotes"
            assert f"{len(s.quotes)} {noun}" in text.split("\n")[0]
            assert ("anonymous" in text) == s.anonymous
        await pilot.press("2")
        await pilot.pause()
        assert app.side_panel.active is not None
        assert app.side_panel.active == SPEAKERS_TAB
        assert isinstance(app.focused, SpeakersList)
        rows = app.query_one(SpeakersList)
        position = [s.index for s in index.speakers].index(speaker.index)
        rows.highlighted = position
        # Expand: one row per quote, showing its first words.
        await pilot.press("space")
        await pilot.pause()
        assert sp.is_expanded(position)
        assert sp.row_count == len(index.speakers) + len(quotes)
        assert sp.row_text(position).startswith("▾")
        first_words = " ".join(quotes[0].text.split()[:4])
        assert first_words in sp.row_text(position + 1)
        # Enter on the second quote: the text goes there and marks it.
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert view.cursor_offset == quotes[1].start
        assert view.layer_spans("speaker-active") == [
            (quotes[1].start, quotes[1].end, "article-view--quote-active")
        ]
        top, bottom = view.visible_range()
        assert top <= quotes[1].start < bottom
        n = len(quotes)
        assert hint(app).startswith(f"{speaker.name}: quote 2/{n}")
        # ]/[ walk the same speaker's quotes (wrapping), the list follows.
        await pilot.press("right_square_bracket")
        expected = 3 if n > 2 else 1
        assert hint(app).startswith(f"{speaker.name}: quote {expected}/{n}")
        assert view.cursor_offset == quotes[expected - 1].start
        assert rows.highlighted == position + expected
        await pilot.press("left_square_bracket")
        assert view.cursor_offset == quotes[1].start
        # Enter on the speaker row goes to their first quote; left collapses.
        await pilot.press("left")
        await pilot.pause()
        assert not sp.is_expanded(position)
        assert sp.row_count == len(index.speakers)
        rows.highlighted = position
        await pilot.press("enter")
        await pilot.pause()
        assert view.cursor_offset == quotes[0].start
        assert hint(app).startswith(f"{speaker.name}: quote 1/{n}")
        await pilot.press("escape")
        assert view.layer_spans("speaker-active") == [] and app.walk_status == ""


async def test_tints_and_speaker_under_cursor(
    bundled: Article, index: SpeakerIndex, db: str
) -> None:
    app = ReaderApp(bundled, db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(app, pilot)
        view = app.article_view
        assert view.layer_spans("speakers") == []
        await pilot.press("t")
        tints = view.layer_spans("speakers")
        attributed = [(q, s) for s in index.speakers for q in s.quotes]
        assert len(tints) == len(attributed)
        expected = {
            (q.start, q.end, f"article-view--speaker-{s.index % 12}") for q, s in attributed
        }
        assert set(tints) == expected
        assert len({c for _, _, c in tints}) == min(12, len(index.speakers))
        assert app.speaker_tints
        await pilot.press("t")
        assert view.layer_spans("speakers") == [] and not app.speaker_tints
        # The speaker of the quote under the cursor shows in the status line.
        speaker = index.speakers[1]
        quote = speaker.quotes[0]
        view.move_cursor_to(quote.start + 3)
        await pilot.pause()
        assert f"quote by {speaker.name}" in hint(app) or f"from {speaker.name}" in hint(app)
        view.move_cursor_to(0)
        await pilot.pause()
        assert speaker.name not in hint(app)


def _many_quotes_article(count: int) -> Article:
    lines = ["Title", "", "Jane Doe, a spokeswoman for the city, spoke on Monday.", ""]
    lines += [f'"Item number {i} is ready," Doe said.\n' for i in range(count)]
    return parse_article("\n".join(lines))


async def test_long_quote_lists_are_capped_with_a_more_row(db: str) -> None:
    count = QUOTE_STEP + 20
    article = _many_quotes_article(count)
    app = ReaderApp(article, db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(app, pilot)
        sp = pane(app)
        assert [len(g.quotes) for g in sp.groups] == [count]
        await pilot.press("2", "space")
        await pilot.pause()
        assert sp.row_count == 1 + QUOTE_STEP + 1
        assert "… 20 more" in sp.row_text(sp.row_count - 1)
        rows = app.query_one(SpeakersList)
        rows.highlighted = sp.row_count - 1
        await pilot.press("enter")
        await pilot.pause()
        assert sp.row_count == 1 + count
        assert rows.highlighted == 1 + QUOTE_STEP  # on the first newly listed quote
        await pilot.press("enter")
        await pilot.pause()
        assert app.article_view.cursor_offset == sp.groups[0].quotes[QUOTE_STEP].start
        assert hint(app).startswith(f"Jane Doe: quote {QUOTE_STEP + 1}/{count}")


class SpeakersHost(App[None]):
    def compose(self) -> ComposeResult:
        yield SpeakersPane()


async def test_hostile_speakers_are_shown_literally() -> None:
    text = "[@click=app.quit]Quit[/] said \x1b]0;pwned\x07 and \x1b[2J [/] x"
    quote = Quote(0, len(text), text, QuoteKind.DIRECT, 0)
    speaker = Speaker(0, "[b]Jo[/] \x1b[31m", "a [red]spy[/]\u202e", True, (), (quote,))
    app = SpeakersHost()
    async with app.run_test(size=(60, 12)) as pilot:
        sp = pane(app)
        assert "Analysing" in str(app.query_one("#speakers-status").render())
        sp.set_index(SpeakerIndex((speaker,), (quote,)))
        await pilot.pause()
        sp.set_expanded(0, True)
        await pilot.pause()
        shown = "\n".join(sp.row_text(r, 200) for r in range(sp.row_count))
        assert "[b]Jo[/]" in shown and "a [red]spy[/]" in shown and "anonymous" in shown
        assert "[@click=app.quit]Quit[/]" in shown and "␛[2J" in shown
        assert "Unattributed quotes" in shown
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
        await pilot.click(SpeakersList, offset=(5, 2))
        await pilot.pause()
        assert app.is_running
