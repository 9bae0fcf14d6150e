"""Command-palette entries (ctrl+p): jump to a speaker, look up an acronym, show a tab, tints.

Names and expansions come from the article, so every prompt is a `rich.text.Text` built from
`one_line` text: the palette renders a `str` prompt (and any `help` text) as markup, and
`Matcher.highlight` parses its candidate as markup too, so neither is used here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.style import Style as RichStyle
from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.safety import one_line

if TYPE_CHECKING:
    from textual.fuzzy import Matcher

    from reader.tui.analysis_panes import AnalysisPanesMixin

_MATCH_STYLE = RichStyle(bold=True, underline=True)


def _highlighted(matcher: Matcher, text: str) -> Text:
    """`text` as plain Text with the letters the query matched in bold."""
    display = Text(text, no_wrap=True, overflow="ellipsis")
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            display.stylize(_MATCH_STYLE, offset, offset + 1)
    return display


class AnalysisCommands(Provider):
    """Glossary and speaker commands; article-specific ones appear once the analysis is done."""

    def _app(self) -> AnalysisPanesMixin:
        return cast("AnalysisPanesMixin", self.app)

    def _commands(self) -> list[tuple[str, Callable[[], object]]]:
        app = self._app()
        commands: list[tuple[str, Callable[[], object]]] = [
            ("Show the glossary", partial(app.show_analysis_tab, "glossary", focus=True)),
            ("Show the speakers", partial(app.show_analysis_tab, "speakers", focus=True)),
            ("Toggle tinting quotes by speaker", app.toggle_speaker_tints),
        ]
        index = app.speaker_index
        if index is not None:
            for speaker in index.speakers:
                if speaker.quotes:
                    commands.append(
                        (
                            f"Jump to speaker: {one_line(speaker.name)}",
                            partial(app.jump_to_speaker, speaker.index),
                        )
                    )
        glossary = app.glossary
        if glossary is not None:
            for entry in glossary.entries:
                expansion = one_line(entry.expansion) if entry.expansion else "unknown"
                commands.append(
                    (
                        f"Look up term: {one_line(entry.short)} — {expansion}",
                        partial(app.look_up_term, entry.short),
                    )
                )
        return commands

    async def discover(self) -> Hits:
        for text, command in self._commands():
            yield DiscoveryHit(Text(text, no_wrap=True, overflow="ellipsis"), command, text=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlighted(matcher, text), command, text=text)
