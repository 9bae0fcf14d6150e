"""Word/sentence motions, highlight drawing order, the help rows and palette of the notes keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.article import Article, parse_article
from reader.notes.model import Anchor, AnchorStatus, Annotation, ArticleRef, Target
from reader.tui.app import ReaderApp
from reader.tui.help import collect_bindings
from reader.tui.motions import next_sentence, next_word, prev_sentence, prev_word, sentence_at
from reader.tui.notes_commands import NOTES_COMMANDS, NotesCommands
from reader.tui.notes_feature import annotation_at, highlight_spans, note_marker_spans

TEXT = (
    "Title\n"
    "Mr. Smith met Gen. Jones in the U.S. capital on Monday. He said “no.” Then he left!\n"
    "Second paragraph, one sentence only\n"
)


@pytest.fixture
def article() -> Article:
    return parse_article(TEXT)


def test_sentences_skip_abbreviations_and_initials(article: Article) -> None:
    para = article.paragraphs[0]
    found = []
    offset = para.start
    while True:
        span = sentence_at(article.text, article.blocks, offset)
        assert span is not None
        found.append(article.text[span[0] : span[1]])
        nxt = next_sentence(article.text, article.blocks, offset)
        if nxt >= para.end or nxt == offset:
            break
        offset = nxt
    assert found == [
        "Mr. Smith met Gen. Jones in the U.S. capital on Monday.",
        "He said “no.”",
        "Then he left!",
    ]
    # The last sentence of a paragraph goes on to the next paragraph, and back again.
    assert next_sentence(article.text, article.blocks, offset) == article.paragraphs[1].start
    back = prev_sentence(article.text, article.blocks, article.paragraphs[1].start)
    assert article.text[back:].startswith("Then he left!")
    assert prev_sentence(article.text, article.blocks, back + 3) == back


def test_sentence_at_a_paragraph_without_final_punctuation(article: Article) -> None:
    para = article.paragraphs[1]
    span = sentence_at(article.text, article.blocks, para.start + 3)
    assert span == (para.start, para.end)


def test_word_motions(article: Article) -> None:
    text, blocks = article.text, article.blocks
    start = article.paragraphs[0].start
    w1 = next_word(text, blocks, start)
    assert text[w1:].startswith("Smith")
    assert text[next_word(text, blocks, w1 + 2) :].startswith("met")
    assert prev_word(text, blocks, w1) == start
    assert prev_word(text, blocks, w1 + 3) == w1  # inside a word: to its start
    last = article.paragraphs[1]
    end = last.end - 1
    assert next_word(text, blocks, end) == end  # nothing after: stay


def _note(i: str, start: int, end: int, color: str, created: str, note: str = "") -> Annotation:
    return Annotation(
        id=i,
        article=ArticleRef("x", "", ""),
        target=Target("q" * (end - start), "", "", start, end),
        color=color,
        created=created,
        note=note,
    )


def test_highlight_spans_shorter_on_top_and_newest_wins_ties() -> None:
    outer = _note("a", 0, 100, "yellow", "1")
    inner = _note("b", 10, 20, "blue", "2")
    partial = _note("c", 90, 120, "pink", "3")
    same = _note("d", 10, 20, "green", "4")  # same span as `inner`, newer
    orphan = Annotation(
        id="o",
        article=ArticleRef("x", "", ""),
        target=Target("zz", "", "", 0, 5),
        anchor=Anchor(AnchorStatus.ORPHAN, 0.0),
    )
    spans = highlight_spans([outer, inner, partial, same, orphan])
    assert spans == [
        (0, 10, "article-view--highlight-yellow"),
        (10, 20, "article-view--highlight-green"),
        (20, 90, "article-view--highlight-yellow"),
        (90, 120, "article-view--highlight-pink"),
    ]
    assert annotation_at([outer, inner, partial, same], 15) == same
    assert annotation_at([outer, inner, partial, same], 95) == partial
    assert annotation_at([outer, orphan], 2) == outer
    assert annotation_at([outer], 100) is None
    # Two adjacent highlights of one colour stay two spans (their edge remains visible).
    left, right = _note("l", 0, 5, "yellow", "1"), _note("r", 5, 9, "yellow", "2")
    assert len(highlight_spans([left, right])) == 2


def test_note_markers_on_the_last_character_of_noted_highlights() -> None:
    plain = _note("a", 0, 10, "yellow", "1")
    noted = _note("b", 20, 30, "yellow", "2", note="why")
    blank = _note("c", 40, 50, "yellow", "3", note="  \n")
    assert note_marker_spans([plain, noted, blank]) == [(29, 30, "article-view--note-marker")]


async def test_help_lists_the_notes_keys_with_ids(
    article: Article, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_DB", str(tmp_path / "unused.json"))
    app = ReaderApp(article, db_path=str(tmp_path / "notes.json"))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        ids = {row.binding_id for row in collect_bindings(app.screen)}
        for binding_id in (
            "view.select",
            "view.word-next",
            "view.word-prev",
            "view.next-sentence",
            "view.prev-sentence",
            "notes.highlight",
            "notes.highlight-sentence",
            "notes.cycle-color",
            "notes.edit",
            "notes.delete",
            "notes.undo",
            "notes.show-tab",
            "notes.export",
        ):
            assert binding_id in ids
        provider = NotesCommands(app.screen)
        names = [hit.text async for hit in provider.search("export notes")]
        assert "Export notes as Markdown" in names and "Export notes as JSON" in names
        discovered = [hit.text async for hit in provider.discover()]
        assert discovered == [name for name, _, _ in NOTES_COMMANDS]
