"""Pilot tests for the note editor modal and the confirm modal, in a tiny host app."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Input, Static, TextArea

from reader.notes.model import Anchor, AnchorStatus, Annotation, ArticleRef, Target
from reader.tui.confirm import ConfirmModal
from reader.tui.note_editor import ColorPicker, NoteEdit, NoteEditor, parse_tags

CSS = Path(__file__).resolve().parents[2] / "src" / "reader" / "tui" / "styles" / "notes.tcss"


class Host(App[None]):
    """Pushes one editor and records what it was dismissed with."""

    CSS_PATH = CSS

    def __init__(self, editor: NoteEditor) -> None:
        super().__init__()
        self.editor = editor
        self.results: list[Any] = []

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(self.editor, self.results.append)


def screen_text(app: App[Any]) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def type_text(pilot: Any, text: str) -> None:
    await pilot.press(*("space" if ch == " " else ch for ch in text))


def test_parse_tags_normalises() -> None:
    assert parse_tags(" war, #IS-K ,, security council, war ") == (
        "war",
        "IS-K",
        "security-council",
    )
    assert parse_tags("") == ()


async def test_save_returns_edit_with_normalised_tags() -> None:
    app = Host(NoteEditor("a quote", "old", ("keep",), "yellow"))
    async with app.run_test() as pilot:
        await pilot.pause()
        area = app.screen.query_one("#note-editor-note", TextArea)
        assert app.screen.focused is area
        await type_text(pilot, " new")
        app.screen.query_one("#note-editor-tags", Input).focus()
        await pilot.press("end")
        await type_text(pilot, ", #first  tag, keep")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == [NoteEdit("old new", ("keep", "first-tag"), "yellow")]
        assert not isinstance(app.screen, NoteEditor)


async def test_new_highlight_starts_empty_and_saves() -> None:
    app = Host(NoteEditor("fresh quote", is_new=True))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "New note" in screen_text(app)
        await type_text(pilot, "why")
        await pilot.press("enter")
        await type_text(pilot, "it matters")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == [NoteEdit("why\nit matters", (), "yellow")]


async def test_escape_without_changes_closes() -> None:
    app = Host(NoteEditor("q", "note", ("t",), "green"))
    async with app.run_test() as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]
        assert not isinstance(app.screen, (NoteEditor, ConfirmModal))


async def test_escape_with_changes_asks_keep_editing_then_discard() -> None:
    app = Host(NoteEditor("q", "note"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_text(pilot, "!")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)
        assert "Discard changes?" in screen_text(app)
        # "n" (keep editing): back in the editor, text intact, nothing dismissed.
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one("#note-editor-note", TextArea).text == "note!"
        assert app.results == []
        # Enter on the default button also keeps editing (the safe choice).
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        assert app.results == []
        # "y" discards.
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.results == [None]
        assert not isinstance(app.screen, (NoteEditor, ConfirmModal))


async def test_undoing_a_change_by_hand_counts_as_unchanged() -> None:
    app = Host(NoteEditor("q", "note"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_text(pilot, "x")
        await pilot.press("backspace", "escape")
        await pilot.pause()
        assert app.results == [None]


async def test_colour_choice_by_keys_and_click() -> None:
    app = Host(NoteEditor("q", color="yellow"))
    async with app.run_test() as pilot:
        await pilot.pause()
        picker = app.screen.query_one(ColorPicker)
        await pilot.press("ctrl+o")  # works from the note area
        assert picker.value == "green"
        picker.focus()
        await pilot.press("5")
        assert picker.value == "purple"
        await pilot.press("right")  # wraps around
        assert picker.value == "yellow"
        await pilot.press("left")
        assert picker.value == "purple"
        await pilot.click(".color-blue")
        assert picker.value == "blue"
        selected = list(picker.query(".-selected"))
        assert len(selected) == 1 and selected[0].has_class("color-blue")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == [NoteEdit("", (), "blue")]


async def test_colour_change_alone_asks_before_discarding() -> None:
    app = Host(NoteEditor("q", color="pink"))
    async with app.run_test() as pilot:
        await pilot.press("ctrl+o", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmModal)


async def test_unknown_colour_is_kept_unless_changed() -> None:
    app = Host(NoteEditor("q", "n", color="teal"))
    async with app.run_test() as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == [NoteEdit("n", (), "teal")]


async def test_for_annotation_prefills_everything() -> None:
    annotation = Annotation(
        id="a1",
        article=ArticleRef("sha", "p", "t"),
        target=Target("the saved quote", "", "", 5, 20),
        anchor=Anchor(AnchorStatus.ORPHAN, 0.2),
        color="purple",
        note="my note",
        tags=("one", "two"),
    )
    app = Host(NoteEditor.for_annotation(annotation))
    async with app.run_test() as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "the saved quote" in text and "Edit note" in text
        assert app.screen.query_one("#note-editor-tags", Input).value == "one, two"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == [NoteEdit("my note", ("one", "two"), "purple")]


HOSTILE = "[bold]B[/] [@click=app.quit]click[/] \x1b[2J\x1b]0;pwned\x07 [/]"


async def test_hostile_quote_and_note_are_shown_literally_and_inert() -> None:
    app = Host(NoteEditor(HOSTILE, HOSTILE, ("\x1b[31mred",)))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "[bold]B[/] [@click=app.quit]click[/] ␛[2J␛]0;pwned␇ [/]" in text
        assert "\x1b" not in text and "\x07" not in text
        area = app.screen.query_one("#note-editor-note", TextArea)
        assert "\x1b" not in area.text and "␛[2J" in area.text
        assert "\x1b" not in app.screen.query_one("#note-editor-tags", Input).value
        # Clicking the quote does not run the embedded action.
        await pilot.click("#note-editor-quote")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, NoteEditor)
        # What is shown is the baseline: nothing changed yet, so Esc closes without asking.
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


async def test_pasted_control_characters_are_made_visible() -> None:
    app = Host(NoteEditor("q"))
    async with app.run_test() as pilot:
        await pilot.pause()
        area = app.screen.query_one("#note-editor-note", TextArea)
        area.insert("a\x1b[2Jb")
        await pilot.pause()
        assert area.text == "a␛[2Jb"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == [NoteEdit("a␛[2Jb", (), "yellow")]


class ConfirmHost(App[None]):
    CSS_PATH = CSS

    def __init__(self, modal: ConfirmModal) -> None:
        super().__init__()
        self.modal = modal
        self.answers: list[bool | None] = []

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(self.modal, self.answers.append)


@pytest.mark.parametrize(
    ("keys", "default", "expected"),
    [
        (("y",), False, True),
        (("n",), False, False),
        (("escape",), True, False),
        (("enter",), False, False),
        (("enter",), True, True),
        (("right", "enter"), False, True),
    ],
)
async def test_confirm_modal_answers(keys: tuple[str, ...], default: bool, expected: bool) -> None:
    app = ConfirmHost(ConfirmModal("Really [red]x[/]?", default=default))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "Really [red]x[/]?" in screen_text(app)
        await pilot.press(*keys)
        await pilot.pause()
        assert app.answers == [expected]
