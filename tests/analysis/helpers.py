"""Helpers shared by the quote and speaker tests: analyse composed paragraphs, ask who said what."""

from __future__ import annotations

from reader.analysis.quotes import SpeakerIndex, analyse_quotes
from reader.article import parse_article


def index_of(*paragraphs: str) -> SpeakerIndex:
    """The speaker index of an article made of these paragraphs under a composed headline."""
    return analyse_quotes(parse_article("A composed headline\n\n" + "\n\n".join(paragraphs) + "\n"))


def who(index: SpeakerIndex, words: str) -> str | None:
    """Name of the speaker of the quote containing `words` ('' when unattributed, None if no
    quote contains them)."""
    for sp in index.speakers:
        if any(words in q.text for q in sp.quotes):
            return str(sp.name)
    if any(words in q.text for q in index.unattributed):
        return ""
    return None
