"""What the terminal receives: the real `reader` on a pseudo-terminal, every byte captured.

No escape sequence, C1 control, NUL or bidi control from the article or a note may reach the
terminal; the window title is never set; the app neither crashes nor hangs on hostile input.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from tests.reliability.hostile import ARTICLE, NOTE, PAYLOADS, TAGS, unsafe_bytes
from tests.reliability.terminal import TITLE_OSC, run_reader

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

#: Keys that walk the app over the whole text and through its panes and screens: scroll, search
#: a hostile word, next match, the side panel and its tabs, the help screen, then quit.
TOUR: tuple[str | float, ...] = (
    "j",
    "j",
    " ",
    "G",
    "g",
    "/",
    "pwned",
    "\r",
    "n",
    "N",
    "\x1b",
    "1",
    0.5,
    "\t",
    "\x1b[B",
    "\x1b[B",
    "\r",
    0.2,
    "\t",  # glossary tab: a row, jump
    "2",
    0.5,
    "\t",
    "\x1b[B",
    "\r",
    0.2,
    "\t",  # speakers tab: a speaker, jump
    "3",
    0.3,
    "\t",
    "\x1b[B",
    "\r",
    0.3,
    "\t",  # notes tab: the hostile note, jump to it
    "\r",
    0.5,
    "\x1b",
    0.3,  # open its note in the editor (hostile text in a TextArea), cancel
    "p",
    0.2,
    "?",
    0.3,
    "\x1b",
    "q",
)


def _check(output: bytes) -> None:
    leaked = [p for p in PAYLOADS if p in output]
    assert leaked == [], f"raw payloads reached the terminal: {leaked}"
    assert unsafe_bytes(output, allow_esc=True) == []
    assert TITLE_OSC.search(output) is None, "the window title was set"
    assert b"\x1b]52;" not in output, "the clipboard was written without a copy command"
    # the text was drawn, with its controls made visible
    assert "␛".encode() in output and b"[bold]" in output
    assert b"pwned-title" in output  # the title, shown as text


@pytest.fixture
def hostile_setup(tmp_path: Path) -> tuple[Path, Path]:
    article = tmp_path / "hostile.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "notes.json"
    args = ["notes", "add", str(article), "--db", str(db), "--quote", "fight", "--note", NOTE]
    for tag in TAGS:
        args += ["--tag", tag]
    assert main(args) == 0
    return article, db


#: The default-suite tour: the text, a search for a hostile word, the notes tab, quit.
SHORT_TOUR: tuple[str | float, ...] = ("G", "/", "pwned", "\r", "\x1b", "3", 0.4, "q")


@pytest.mark.parametrize(
    "tour", [SHORT_TOUR, pytest.param(TOUR, marks=pytest.mark.slow)], ids=["short", "full"]
)
def test_hostile_article_and_note_reach_the_terminal_safely(
    hostile_setup: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tour: tuple[str, ...]
) -> None:
    capsys.readouterr()
    article, db = hostile_setup
    run = run_reader([str(article), "--db", str(db)], tour)
    assert run.returncode == 0, run.output[-2000:]
    _check(run.output)
    assert b"pwned-note" in run.output, "the tour did not show the note (keys changed?)"


@pytest.mark.slow
def test_hostile_title_does_not_touch_the_window_title(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text(
        "\x1b]2;owned\x07\x1b]0;owned\x1b\\ Title\n\nBody text here.\n", encoding="utf-8"
    )
    run = run_reader([str(path), "--db", str(tmp_path / "n.json")], ("q",))
    assert run.returncode == 0
    assert TITLE_OSC.search(run.output) is None
    assert b"owned" in run.output  # shown, as text


@pytest.mark.slow
@pytest.mark.parametrize(
    "body",
    [
        ("word UN said \u201chi\u201d " * 60_000)[:1_000_000],
        '"' * 10_000,
        "Text \u202e with \x1b[2J controls \x00 in it. " * 25_000,
    ],
    ids=["1MB-single-line", "10k-quote-marks", "control-flood"],
)
def test_big_and_odd_articles_open_page_and_quit(tmp_path: Path, body: str) -> None:
    """The app paints, pages and quits promptly even while analysis of a pathological text is
    still running in its workers (an exit must not wait for them)."""
    path = tmp_path / "big.txt"
    path.write_text("Title\n\n" + body + "\n", encoding="utf-8")
    run = run_reader(
        [str(path), "--db", str(tmp_path / "n.json")], (" ", " ", "G", "g", "q"), timeout=60
    )
    print(f"{len(body)} characters: painted, paged and quit in {run.seconds:.1f} s")
    assert run.returncode == 0, f"did not exit cleanly ({run.returncode}) in {run.seconds:.0f} s"
    assert run.seconds < 45
    assert unsafe_bytes(run.output, allow_esc=True) == []


def test_cli_in_a_terminal_prints_no_controls(hostile_setup: tuple[Path, Path]) -> None:
    """The Rich tables, run on a real terminal (colour on), still carry no payload."""
    article, db = hostile_setup
    for args in (
        ["notes", "list", str(article)],
        ["speakers", str(article)],
        ["glossary", str(article)],
    ):
        run = run_reader([*args, "--db", str(db)], ready=b"", timeout=60)
        assert run.returncode == 0, run.output[-500:]
        assert [p for p in PAYLOADS if p in run.output] == []
        assert unsafe_bytes(run.output, allow_esc=True) == []
        assert TITLE_OSC.search(run.output) is None


def test_json_of_the_hostile_note_is_exact(
    hostile_setup: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    article, db = hostile_setup
    capsys.readouterr()
    assert main(["notes", "list", str(article), "--db", str(db), "--json"]) == 0
    (note,) = json.loads(capsys.readouterr().out)["annotations"]
    assert note["note"] == NOTE
