"""Pilot tests of highlights and notes in the app: selection, highlight, colours, the note editor,
delete + undo, the Notes tab, reopening the same database, a read-only database, export.

Every test uses its own database file (`db` fixture) and never the user's real one.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from reader.article import Article
from reader.notes.model import Anchor, AnchorStatus, Annotation, ArticleRef, Target
from reader.notes.store import NoteStore, StoreError
from reader.tui.app import ReaderApp
from reader.tui.confirm import ConfirmModal
from reader.tui.note_editor import NoteEditor
from reader.tui.notes_feature import NOTES_TAB_ID
from reader.tui.notes_pane import NotesList, NotesPane

SIZE = (140, 40)


@pytest.fixture(autouse=True)
def _no_default_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Belt and braces: nothing here may touch the user's own notes database."""
    monkeypatch.setenv("READER_DB", str(tmp_path / "env-notes.json"))


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "notes.json")


@asynccontextmanager
async def running(article: Article, db: str) -> AsyncIterator[tuple[ReaderApp, Pilot[None]]]:
    app = ReaderApp(article, db_path=db)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        yield app, pilot


async def settle(app: ReaderApp, pilot: Pilot[None]) -> None:
    """Let queued store calls finish and their results reach the screen (only the notes
    workers are awaited: the analysis panes' workers are not what these tests are about)."""
    await pilot.pause()
    for _ in range(2):
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "notes"])
        await pilot.pause()


def stored(db: str, article: Article) -> list[Annotation]:
    with NoteStore(db) as store:
        return store.for_article(article)


def messages(app: ReaderApp) -> list[str]:
    return [n.message for n in app._notifications]


def notes_status(app: ReaderApp) -> str:
    return app.status_bar.get_field("notes")


async def test_keyboard_selection_then_h_stores_the_exact_quote(bundled: Article, db: str) -> None:
    async with running(bundled, db) as (app, pilot):
        view = app.article_view
        first = bundled.paragraphs[0]
        assert view.cursor_offset == bundled.blocks[0].start
        # Sentence motions extend a selection; Esc cancels it and `h` then has nothing to do.
        await pilot.press("j", "v", "right_parenthesis")
        span = view.selection_range()
        assert span is not None
        sentence = bundled.text[span[0] : span[1]]
        assert sentence.startswith("The Islamic State-Khorasan") and sentence.endswith("three.")
        await pilot.press("left_parenthesis", "right", "right")
        assert view.selection_range() == (span[0], span[0] + 2)
        await pilot.press("escape", "h")
        assert view.selection_range() is None and view.layer_spans("selection") == []
        assert any("Nothing to highlight" in m for m in messages(app))
        # Word motions: `v` and three words.
        await pilot.press("left_parenthesis", "v", "w", "w", "w")
        # Three word motions from the start of the paragraph: its first three words.
        words = bundled.text[first.start :].split()[:3]
        expected = " ".join(words)
        span = view.selection_range()
        assert span is not None and bundled.text[span[0] : span[1]] == expected
        assert view.layer_spans("selection")  # drawn while selecting
        await pilot.press("h")
        await settle(app, pilot)
        saved = stored(db, bundled)
        assert [(a.target.exact, a.start, a.color) for a in saved] == [
            (expected, first.start, "yellow")
        ]
        assert view.layer_spans("selection") == [] and not view.selecting
        assert view.layer_spans("highlights") == [
            (first.start, first.start + len(expected), "article-view--highlight-yellow")
        ]
        assert notes_status(app) == "1 highlight · saved"


async def test_mouse_drag_then_h_highlights_the_dragged_text(bundled: Article, db: str) -> None:
    """A real drag through Pilot (mouse down, move, up): Textual's own selection is used."""
    async with running(bundled, db) as (app, pilot):
        view = app.article_view
        margin = view._margin
        # Line 2 is the first paragraph's first line (line 1 is the gap after the title).
        await pilot.mouse_down(view, offset=(margin + 4, 2))
        await pilot.hover(view, offset=(margin + 20, 2))
        await pilot.mouse_up(view, offset=(margin + 20, 2))
        await pilot.pause()
        span = view.selection_range()
        start = bundled.paragraphs[0].start
        assert span == (start + 4, start + 21)
        await pilot.press("h")
        await settle(app, pilot)
        saved = stored(db, bundled)
        assert [a.target.exact for a in saved] == [bundled.text[start + 4 : start + 21]]
        assert view.text_selection is None  # the drag selection is used up


async def test_sentence_key_and_colour_cycle(bundled: Article, db: str) -> None:
    async with running(bundled, db) as (app, pilot):
        view = app.article_view
        first, second = bundled.paragraphs[0], bundled.paragraphs[1]
        view.move_cursor_to(first.start + 10)
        await pilot.press("s")  # the sentence under the cursor
        await settle(app, pilot)
        (sentence,) = stored(db, bundled)
        assert sentence.start == first.start
        assert sentence.target.exact.endswith("at least another three.")
        await pilot.press("c", "c")
        await settle(app, pilot)
        assert [a.color for a in stored(db, bundled)] == ["blue"]
        assert view.layer_spans("highlights")[0][2] == "article-view--highlight-blue"
        view.move_cursor_to(second.start)
        await pilot.press("s")
        await settle(app, pilot)
        assert [a.color for a in stored(db, bundled)] == ["blue", "blue"]
        # `c` on plain text says what to do instead of failing silently.
        view.move_cursor_to(bundled.paragraphs[3].start)
        await pilot.press("c")
        assert any("cursor on a highlight" in m for m in messages(app))


async def test_overlapping_highlights_draw_the_shorter_on_top(bundled: Article, db: str) -> None:
    async with running(bundled, db) as (app, pilot):
        view = app.article_view
        para = bundled.paragraphs[0]
        view.move_cursor_to(para.start)
        await pilot.press("s", "c")  # the whole sentence, green
        await settle(app, pilot)
        view.move_cursor_to(para.start + 4)
        await pilot.press("v", "w", "h")  # one word inside it, green too: then make it blue
        await settle(app, pilot)
        view.move_cursor_to(para.start + 5)  # `c` acts on the shortest highlight there
        await pilot.press("c")
        await settle(app, pilot)
        word = stored(db, bundled)
        assert sorted(a.color for a in word) == ["blue", "green"]
        spans = view.layer_spans("highlights")
        assert [cls.rsplit("-", 1)[1] for _, _, cls in spans] == ["green", "blue", "green"]
        assert spans[1][:2] == (para.start + 4, para.start + 11)  # "Islamic" on top


async def test_note_editor_saves_note_and_tags(bundled: Article, db: str) -> None:
    async with running(bundled, db) as (app, pilot):
        view = app.article_view
        para = bundled.paragraphs[2]
        view.move_cursor_to(para.start)
        await pilot.press("s")
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        # Markup-looking text and an escape sequence: stored literally / made visible, inert.
        editor.query_one(TextArea).insert("Ring of *steel* [@click=app.quit]x[/] \x1b[2J")
        editor.query_one(Input).value = "security, kabul"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert not isinstance(app.screen, NoteEditor)
        (saved,) = stored(db, bundled)
        assert saved.note.startswith("Ring of *steel* [@click=app.quit]x[/] ")
        assert "\x1b" not in saved.note
        assert saved.tags == ("security", "kabul")
        # A note marker on the highlight's last character (no text inserted).
        assert view.layer_spans("notes") == [
            (saved.end - 1, saved.end, "article-view--note-marker")
        ]
        await pilot.press("3")  # the Notes tab shows the note as text
        await pilot.pause()
        assert app.is_running
        assert app.query_one(NotesPane).visible_annotations[0].note == saved.note


async def test_note_editor_cancel_keeps_the_old_note(bundled: Article, db: str) -> None:
    async with running(bundled, db) as (app, pilot):
        view = app.article_view
        view.move_cursor_to(bundled.paragraphs[0].start)
        await pilot.press("v", "w", "a")  # `a` on a selection: highlight it, then the editor
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        editor.query_one(TextArea).insert("thrown away")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)  # asks before discarding
        await pilot.press("y")
        await settle(app, pilot)
        assert not isinstance(app.screen, (NoteEditor, ConfirmModal))
        (saved,) = stored(db, bundled)
        assert saved.note == "" and saved.target.exact == "The"


async def test_delete_and_undo_bring_back_the_same_annotation(bundled: Article, db: str) -> None:
    async with running(bundled, db) as (app, pilot):
        view = app.article_view
        view.move_cursor_to(bundled.paragraphs[0].start)
        await pilot.press("s")
        await settle(app, pilot)
        (before,) = stored(db, bundled)
        view.move_cursor_to(before.start + 5)
        await pilot.press("x")
        await settle(app, pilot)
        assert stored(db, bundled) == []
        assert view.layer_spans("highlights") == []
        await pilot.press("u")
        await settle(app, pilot)
        (after,) = stored(db, bundled)
        assert after == before  # same id, quote, timestamps
        assert view.layer_spans("highlights")
        # Undo an edit (a colour change): back to yellow.
        await pilot.press("c")
        await settle(app, pilot)
        assert stored(db, bundled)[0].color == "green"
        await pilot.press("u")
        await settle(app, pilot)
        assert stored(db, bundled)[0].color == "yellow"


async def test_a_failed_write_is_rolled_back_and_reported(bundled: Article, db: str) -> None:
    async with running(bundled, db) as (app, pilot):
        store = app.notes.store
        assert store is not None

        def refuse(a: Annotation) -> Annotation:
            raise StoreError("disk full")

        store.add = refuse  # type: ignore[method-assign]
        app.article_view.move_cursor_to(bundled.paragraphs[0].start)
        await pilot.press("s")
        await settle(app, pilot)
        assert app.notes.notes == {}
        assert app.article_view.layer_spans("highlights") == []
        assert any("not saved: disk full" in m for m in messages(app))
        assert notes_status(app) == "0 highlights · saved"


async def test_notes_tab_lists_filters_and_jumps(bundled: Article, db: str) -> None:
    async with running(bundled, db) as (app, pilot):
        view = app.article_view
        for para in (bundled.paragraphs[0], bundled.paragraphs[4]):
            view.move_cursor_to(para.start)
            await pilot.press("s")
            await settle(app, pilot)
        view.move_cursor_to(0)
        await pilot.press("3")
        await pilot.pause()
        assert app.side_panel.active == NOTES_TAB_ID
        assert isinstance(app.focused, NotesList)
        pane = app.query_one(NotesPane)
        quotes = [a.target.exact for a in pane.visible_annotations]
        assert len(quotes) == 2 and quotes[0].startswith("The Islamic State")
        pane.set_filter("embassy")
        await pilot.pause()
        assert [a.target.exact for a in pane.visible_annotations] == [quotes[0]]
        pane.set_filter("")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert view.cursor_offset == bundled.paragraphs[4].start
        assert app.focused is view
        top, bottom = view.visible_range()
        assert top <= view.cursor_offset < bottom
        # The list follows the text cursor onto a highlight.
        view.move_cursor_to(bundled.paragraphs[0].start + 3)
        await pilot.pause()
        current = pane.highlighted_annotation
        assert current is not None and current.target.exact == quotes[0]


async def test_notes_tab_delete_and_orphan_reattach(bundled: Article, db: str) -> None:
    ref = ArticleRef(bundled.sha256, bundled.path, bundled.title)
    orphan = Annotation(
        id="orphan1",
        article=ref,
        target=Target("a sentence that is not in this article", "", "", 10, 48),
        note="keep me",
    )
    with NoteStore(db) as store:
        store.add(orphan)
    async with running(bundled, db) as (app, pilot):
        view = app.article_view
        pane = app.query_one(NotesPane)
        (listed,) = pane.visible_annotations
        assert listed.anchor.status is AnchorStatus.ORPHAN
        await pilot.press("3", "r")  # no selection yet: told what to do
        await pilot.pause()
        assert any("re-attach" in m for m in messages(app))
        para = bundled.paragraphs[1]
        view.move_cursor_to(para.start)
        view.focus()
        await pilot.press("v", "w", "w", "3", "r")
        await settle(app, pilot)
        (saved,) = stored(db, bundled)
        assert saved.id == "orphan1" and saved.note == "keep me"
        assert saved.anchor == Anchor(AnchorStatus.EXACT, 1.0)
        assert saved.target.exact == "A suicide"
        assert view.layer_spans("highlights")
        await pilot.press("3", "x")  # delete from the list
        await settle(app, pilot)
        assert stored(db, bundled) == []
        await pilot.press("u")
        await settle(app, pilot)
        assert [a.id for a in stored(db, bundled)] == ["orphan1"], messages(app)


async def test_reopen_finds_highlights_notes_and_position(bundled: Article, db: str) -> None:
    async with running(bundled, db) as (app, pilot):
        view = app.article_view
        view.move_cursor_to(bundled.paragraphs[3].start)
        await pilot.press("s", "a")
        await settle(app, pilot)
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        editor.query_one(TextArea).insert("remember this")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        target = bundled.paragraphs[12].start + 7
        view.move_cursor_to(target)
        await pilot.pause()
        highlights = view.layer_spans("highlights")
        markers = view.layer_spans("notes")
        await pilot.press("q")
    assert stored(db, bundled)[0].note == "remember this"
    async with running(bundled, db) as (app, pilot):
        view = app.article_view
        assert view.cursor_offset == target
        top, bottom = view.visible_range()
        assert top <= target < bottom
        assert view.layer_spans("highlights") == highlights
        assert view.layer_spans("notes") == markers
        assert app.query_one(NotesPane).visible_annotations[0].note == "remember this"


async def test_read_only_store_is_reported_and_reading_still_works(
    bundled: Article, tmp_path: Path
) -> None:
    folder = tmp_path / "notes-is-a-folder"
    folder.mkdir()
    async with running(bundled, str(folder)) as (app, pilot):
        assert app.notes.state == "read-only"
        assert "read-only" in notes_status(app)
        assert any("read-only" in m for m in messages(app))
        view = app.article_view
        view.move_cursor_to(bundled.paragraphs[0].start)
        await pilot.press("s")
        await settle(app, pilot)
        assert view.layer_spans("highlights") == []
        assert any("nothing was changed" in m for m in messages(app))
        await pilot.press("j", "j", "3")  # reading and the Notes tab still work
        await pilot.pause()
        assert app.is_running and view.cursor_offset > bundled.paragraphs[0].start


async def test_export_keys_write_markdown_and_json_in_the_current_folder(
    bundled: Article, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    async with running(bundled, db) as (app, pilot):
        app.article_view.move_cursor_to(bundled.paragraphs[0].start)
        await pilot.press("s")
        await settle(app, pilot)
        await pilot.press("E")
        await settle(app, pilot)
        await app.run_action("export_notes('json')")
        await settle(app, pilot)
        files = sorted(p.name for p in out.iterdir())
        assert [f.rsplit(".", 1)[1] for f in files] == ["json", "md"]
        markdown = next(out.glob("*.md")).read_text(encoding="utf-8")
        assert "> The Islamic State-Khorasan group's brazen midday attack" in markdown
        data = json.loads(next(out.glob("*.json")).read_text(encoding="utf-8"))
        assert len(data["items"]) == 1
        written = [m for m in messages(app) if m.startswith("Exported 1 highlight")]
        assert len(written) == 2 and all(str(out) in m for m in written)


async def test_a_right_after_h_annotates_the_new_highlight(bundled: Article, db: str) -> None:
    """Regression (found in tmux): `v )` leaves the cursor at the next sentence, past the
    highlight `h` makes; `a` then said "No highlight under the cursor"."""
    async with running(bundled, db) as (app, pilot):
        await pilot.press("j", "v", "right_parenthesis", "h")
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
