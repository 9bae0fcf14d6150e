"""The command palette: "Jump to speaker: NAME", "Look up term: ACR — expansion", safe prompts."""

from __future__ import annotations

from rich.text import Text
from tests.tui.conftest import analysed, hint
from textual.command import CommandInput, CommandList, CommandPalette, DiscoveryHit, Hit
from textual.pilot import Pilot

from reader.analysis.quotes import analyse_quotes
from reader.article import Article, parse_article
from reader.tui.analysis_panes import GLOSSARY_TAB, SPEAKERS_TAB
from reader.tui.app import ReaderApp
from reader.tui.commands import AnalysisCommands

SIZE = (120, 36)


async def palette_run(pilot: Pilot[None], query: str) -> None:
    """Open the palette, type `query`, wait for the hits and run the first one."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(CommandInput).value = query  # as if typed, without a wait per key
    commands = palette.query_one(CommandList)
    for _ in range(100):  # the palette searches in a worker
        await pilot.pause(0.02)
        if commands.option_count and commands.highlighted is not None:
            break
    await pilot.press("enter")
    await pilot.pause()
    assert not isinstance(pilot.app.screen, CommandPalette)


async def test_palette_jumps_to_a_speaker_and_looks_up_a_term(bundled: Article, db: str) -> None:
    index = analyse_quotes(bundled)
    speaker = next(s for s in index.speakers if s.name == "Jawed Kohistani")
    app = ReaderApp(bundled, db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(app, pilot)
        view = app.article_view
        await palette_run(pilot, "Jump to speaker: Jawed")
        assert view.cursor_offset == speaker.quotes[0].start
        panel = app.side_panel
        assert panel.active == SPEAKERS_TAB
        assert hint(app).startswith("Jawed Kohistani: quote 1/1")
        await palette_run(pilot, "Look up term: TTP")
        assert app.glossary is not None
        ttp = next(e for e in app.glossary.entries if e.short == "TTP")
        assert view.cursor_offset == ttp.occurrences[0][0]
        assert panel.active == GLOSSARY_TAB
        assert hint(app).startswith("TTP 1/1 = Pakistani Taliban")


async def test_palette_prompts_are_plain_text(db: str) -> None:
    article = parse_article(
        "Title\n\nThe [b]Free[/] Union (FU) met.\n\n"
        '"We [@click=app.quit]won[/]," said Ann [red]Lee[/], a [b]spokeswoman[/].\n'
    )
    app = ReaderApp(article, db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await analysed(app, pilot)
        provider = AnalysisCommands(app.screen)
        hits = [hit async for hit in provider.search("Jump to speaker")]
        hits += [hit async for hit in provider.search("Look up term")]
        discovered = [hit async for hit in provider.discover()]
        assert hits and discovered
        for hit in hits:
            assert isinstance(hit, Hit) and isinstance(hit.match_display, Text)
            assert hit.help is None
        for found in discovered:
            assert isinstance(found, DiscoveryHit) and isinstance(found.display, Text)
            assert found.help is None
        texts = [h.text or "" for h in hits]
        assert any(t.startswith("Jump to speaker: Ann") for t in texts)
        assert any(t.startswith("Look up term: FU") for t in texts)
        # Commands that need no analysis are always offered.
        assert any((d.text or "").startswith("Toggle tinting") for d in discovered)
        await palette_run(pilot, "Toggle tinting")
        assert app.speaker_tints
