"""Pilot tests for the Notes pane, in a tiny host app that records the messages it posts."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.message import Message

from reader.notes.model import Anchor, AnchorStatus, Annotation, ArticleRef, Target
from reader.tui.notes_pane import FILTER_DELAY, NotesList, NotesPane

CSS = Path(__file__).resolve().parents[2] / "src" / "reader" / "tui" / "styles" / "notes.tcss"
ART = ArticleRef("sha", "article.txt", "Title")


def ann(
    id: str,
    quote: str,
    start: int,
    *,
    note: str = "",
    tags: Sequence[str] = (),
    color: str = "yellow",
    status: AnchorStatus = AnchorStatus.EXACT,
) -> Annotation:
    return Annotation(
        id=id,
        article=ART,
        target=Target(quote, "", "", start, start + len(quote)),
        anchor=Anchor(status, 1.0 if status is AnchorStatus.EXACT else 0.5),
        color=color,
        note=note,
        tags=tuple(tags),
    )


SAMPLE = [
    ann("c", "Kabul airport was attacked", 300, note="Check the date\nmore", tags=("attack",)),
    ann("a", "Islamic State Khorasan", 10, tags=("IS-K", "groups"), color="green"),
    ann("o", "a sentence that was deleted", 120, note="orphan note", status=AnchorStatus.ORPHAN),
    ann("b", "the Taliban government", 150, note="Who recognises it?", color="blue"),
]


class Host(App[None]):
    CSS_PATH = CSS

    def __init__(self, annotations: Sequence[Annotation] = ()) -> None:
        super().__init__()
        self.initial = list(annotations)
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield NotesPane(self.initial)

    def on_mount(self) -> None:
        self.query_one(NotesList).focus()

    def on_notes_pane_selected(self, message: NotesPane.Selected) -> None:
        self.messages.append(message)

    def on_notes_pane_edit_requested(self, message: NotesPane.EditRequested) -> None:
        self.messages.append(message)

    def on_notes_pane_delete_requested(self, message: NotesPane.DeleteRequested) -> None:
        self.messages.append(message)

    def on_notes_pane_reattach_requested(self, message: NotesPane.ReattachRequested) -> None:
        self.messages.append(message)


def screen_text(app: App[Any]) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def posted(app: Host) -> list[tuple[str, str]]:
    return [(type(m).__name__, m.annotation.id) for m in app.messages]  # type: ignore[attr-defined]


def ids(pane: NotesPane) -> list[str]:
    return [a.id for a in pane.visible_annotations]


async def test_lists_in_text_order_with_orphans_last() -> None:
    app = Host(SAMPLE)
    async with app.run_test(size=(70, 30)) as pilot:
        await pilot.pause()
        pane = app.query_one(NotesPane)
        assert ids(pane) == ["a", "b", "c", "o"]
        text = screen_text(app)
        rows = [
            text.index(s)
            for s in ("Islamic State", "Taliban", "Kabul", "Orphans (1)", "was deleted")
        ]
        assert rows == sorted(rows)
        # Row contents: first words of the quote, first line of the note, tags.
        assert "Check the date" in text and "more" not in text
        assert "#IS-K #groups" in text
        assert "4 highlights" in text


async def test_enter_posts_selected_with_the_highlighted_annotation() -> None:
    app = Host(SAMPLE)
    async with app.run_test() as pilot:
        await pilot.press("enter")
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert posted(app) == [("Selected", "a"), ("Selected", "c")]


async def test_edit_delete_and_reattach_requests() -> None:
    app = Host(SAMPLE)
    async with app.run_test() as pilot:
        await pilot.press("down", "e", "a", "x", "r")  # on "b": r does nothing (not an orphan)
        await pilot.press("end", "r", "x", "enter")  # on the orphan: enter opens the editor
        await pilot.pause()
        assert posted(app) == [
            ("EditRequested", "b"),
            ("EditRequested", "b"),
            ("DeleteRequested", "b"),
            ("ReattachRequested", "o"),
            ("DeleteRequested", "o"),
            ("EditRequested", "o"),
        ]
        assert all(m.control is app.query_one(NotesPane) for m in app.messages)


async def test_orphan_header_is_skipped_by_the_cursor() -> None:
    app = Host(SAMPLE)
    async with app.run_test() as pilot:
        pane = app.query_one(NotesPane)
        await pilot.press("down", "down")
        assert pane.highlighted_annotation is not None
        assert pane.highlighted_annotation.id == "c"
        await pilot.press("down")  # over the header, straight onto the orphan
        assert pane.highlighted_annotation is not None
        assert pane.highlighted_annotation.id == "o"
        await pilot.press("up")
        assert pane.highlighted_annotation is not None
        assert pane.highlighted_annotation.id == "c"


async def test_filter_by_quote_note_and_tag_case_insensitive() -> None:
    app = Host(SAMPLE)
    async with app.run_test(size=(70, 30)) as pilot:
        pane = app.query_one(NotesPane)
        pane.set_filter("KABUL")  # quote
        assert ids(pane) == ["c"]
        pane.set_filter("recognises")  # note
        assert ids(pane) == ["b"]
        pane.set_filter("groups")  # tag, as a word
        assert ids(pane) == ["a"]
        pane.set_filter("#is")  # tag prefix only: "Islamic" in a quote does not count
        assert ids(pane) == ["a"]
        pane.set_filter("#attack date")  # all terms must match
        assert ids(pane) == ["c"]
        pane.set_filter("orphan")
        assert ids(pane) == ["o"]
        await pilot.pause()
        text = screen_text(app)
        assert "Orphans (1)" in text and "1 of 4 highlights" in text
        pane.set_filter("nothing like this")
        await pilot.pause()
        assert ids(pane) == []
        assert pane.has_class("-empty")
        assert "No highlights match “nothing like this”" in screen_text(app)
        pane.set_filter("")
        assert ids(pane) == ["a", "b", "c", "o"]


async def test_typing_in_the_filter_box_is_debounced_and_never_triggers_row_keys() -> None:
    app = Host(SAMPLE)
    async with app.run_test() as pilot:
        pane = app.query_one(NotesPane)
        await pilot.press("slash")
        assert app.focused is not None and app.focused.id == "notes-filter"
        await pilot.press(*"talixer")  # no row matches this
        await pilot.press("backspace", "backspace", "backspace")  # "tali"
        await pilot.pause(FILTER_DELAY * 3)
        assert pane.filter_text == "tali"
        assert ids(pane) == ["b"]
        assert app.messages == []  # x, e and r went into the box
        await pilot.press("enter")  # to the list
        assert isinstance(app.focused, NotesList)
        await pilot.press("enter")
        await pilot.pause()
        assert posted(app) == [("Selected", "b")]
        await pilot.press("slash", "escape")  # Esc clears the filter and returns to the list
        assert isinstance(app.focused, NotesList)
        assert pane.filter_text == "" and len(ids(pane)) == 4


async def test_empty_state() -> None:
    app = Host([])
    async with app.run_test() as pilot:
        await pilot.pause()
        pane = app.query_one(NotesPane)
        assert pane.has_class("-empty")
        assert "No highlights yet: select text and press h" in screen_text(app)
        await pilot.press("enter", "x", "e")
        assert app.messages == []
        pane.set_annotations(SAMPLE[:1])
        await pilot.pause()
        assert not pane.has_class("-empty")
        assert "Kabul airport" in screen_text(app)


async def test_set_annotations_keeps_the_highlighted_row() -> None:
    app = Host(SAMPLE)
    async with app.run_test() as pilot:
        pane = app.query_one(NotesPane)
        await pilot.press("down")  # "b"
        # A new highlight before it, and "b"'s note edited: the cursor stays on "b".
        edited = [a if a.id != "b" else a.with_changes(note="edited") for a in SAMPLE]
        pane.set_annotations([*edited, ann("first", "At the very start", 0)])
        await pilot.pause()
        assert ids(pane) == ["first", "a", "b", "c", "o"]
        highlighted = pane.highlighted_annotation
        assert highlighted is not None and highlighted.id == "b" and highlighted.note == "edited"
        # "b" deleted: the cursor goes to the next highlight in text order.
        pane.set_annotations([a for a in pane.annotations if a.id != "b"])
        highlighted = pane.highlighted_annotation
        assert highlighted is not None and highlighted.id == "c"
        # The last one deleted: the cursor goes to the new last one.
        await pilot.press("end")
        pane.set_annotations([a for a in pane.annotations if a.id != "o"])
        highlighted = pane.highlighted_annotation
        assert highlighted is not None and highlighted.id == "c"


async def test_set_annotations_keeps_the_scroll_position() -> None:
    many = [ann(f"n{i:04d}", f"quote number {i}", i * 10) for i in range(200)]
    app = Host(many)
    async with app.run_test(size=(60, 20)) as pilot:
        pane = app.query_one(NotesPane)
        rows = app.query_one(NotesList)
        pane.highlight("n0120")
        await pilot.pause()
        screen_row = 120 - rows.scroll_y
        assert rows.scroll_y > 0
        pane.set_annotations(many[1:])  # one row removed above the cursor
        await pilot.pause()
        highlighted = pane.highlighted_annotation
        assert highlighted is not None and highlighted.id == "n0120"
        assert 119 - rows.scroll_y == screen_row


async def test_hostile_text_is_shown_literally_and_inert() -> None:
    hostile = [
        ann("h1", "[bold]loud[/] [@click=app.quit]quit[/] \x1b[2J", 5, note="[/] \x1b]0;t\x07"),
        ann("h2", "[Taliban] and [IS-K]", 50, tags=("[red]x",)),
    ]
    app = Host(hostile)
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "“[bold]loud[/] [@click=app.quit]quit[/] ␛[2J”" in text
        assert "[/] ␛]0;t␇" in text
        assert "“[Taliban] and [IS-K]”" in text and "#[red]x" in text
        assert "\x1b" not in text and "\x07" not in text
        # Clicking the row selects it (posts Selected) and does not run the embedded action.
        await pilot.click(NotesList, offset=(20, 0))
        await pilot.pause()
        assert app.is_running
        assert posted(app) == [("Selected", "h1")]


async def test_two_thousand_annotations_filter() -> None:
    many = [
        ann(f"n{i:05d}", f"quote {i} " + ("kabul " if i % 7 == 0 else "other "), i * 50)
        for i in range(2000)
    ]
    app = Host(many[::-1])
    async with app.run_test() as pilot:
        pane = app.query_one(NotesPane)
        await pilot.pause()
        assert ids(pane)[:2] == ["n00000", "n00001"]
        pane.set_filter("kabul")
        await pilot.pause()
        assert len(pane.visible_annotations) == len(range(0, 2000, 7))
        await pilot.press("end", "enter")
        await pilot.pause()
        assert posted(app) == [("Selected", "n01995")]


async def test_theme_change_rebuilds_rows() -> None:
    app = Host(SAMPLE)
    async with app.run_test() as pilot:
        pane = app.query_one(NotesPane)
        await pilot.press("down")
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert ids(pane) == ["a", "b", "c", "o"]
        highlighted = pane.highlighted_annotation
        assert highlighted is not None and highlighted.id == "b"
        assert "Taliban" in screen_text(app)
