"""Faults beyond the store's own tests (tests/notes/ covers kill -9, two writers, mocked ENOSPC and
EACCES, corrupt files): real kernel faults in a private mount namespace, a database replaced while
open, and the article file changing or disappearing under a running reader."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reader.article import load_article
from reader.cli import main
from reader.notes.store import NoteStore, StoreError
from tests.notes.helpers import make_article, make_note
from tests.reliability.checks import optional as checks_optional

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

ROOT = Path(__file__).resolve().parents[2]


def _can_unshare() -> bool:
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        [
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt",
        ],
        capture_output=True,
    )
    return probe.returncode == 0


needs_mounts = pytest.mark.skipif(
    not _can_unshare(), reason="needs root and mount namespaces (unshare) for a real tmpfs"
)


def _scenario(name: str, tmp_path: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [
            "unshare",
            "--mount",
            "--propagation",
            "private",
            sys.executable,
            "-m",
            "tests.reliability.fault_scenarios",
            name,
            str(tmp_path / "db"),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def _one_line_error(run: dict[str, Any]) -> str:
    errors: list[str] = [
        line for line in run["err"].splitlines() if line.startswith("reader: error:")
    ]
    assert len(errors) == 1, run["err"]
    assert "Traceback" not in run["err"]
    return errors[0]


def _quotes(run: dict[str, Any]) -> list[str]:
    assert run["code"] == 0, run["err"]
    return [a["quote"] for a in json.loads(run["out"])["annotations"]]


@needs_mounts
def test_real_disk_full(tmp_path: Path) -> None:
    """A tmpfs filled to the last byte: the save fails with a clear message, the database is
    untouched, no temp file is left, reading and exporting go on, and saving works once space
    is freed."""
    r = _scenario("disk-full", tmp_path)
    assert r["add_a"]["code"] == 0
    assert r["add_b"]["code"] == 1 and r["add_b"]["out"] == ""
    assert "disk is full" in _one_line_error(r["add_b"])
    assert r["unchanged"] and r["temp_files"] == []
    assert _quotes(r["list"]) == ["checkpoints"]
    assert r["export"]["code"] == 0 and "checkpoints" in r["export"]["out"]
    assert r["add_b_again"]["code"] == 0
    assert _quotes(r["list_after"]) == ["checkpoints", "curfew"]


@pytest.mark.slow
@needs_mounts
def test_real_read_only_file_system(tmp_path: Path) -> None:
    """The folder's file system remounted read-only: reads and exports work and warn, a save is
    refused in one line, nothing changes; after remounting read-write saving works again."""
    r = _scenario("read-only", tmp_path)
    assert r["add_b"]["code"] == 1
    assert "read-only" in _one_line_error(r["add_b"])
    assert _quotes(r["list"]) == ["checkpoints"]
    assert "read-only" in r["list"]["err"]
    assert r["export"]["code"] == 0 and "checkpoints" in r["export"]["out"]
    assert r["unchanged"] and r["temp_files"] == []
    assert _quotes(r["list_after"]) == ["checkpoints", "curfew"]


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("chattr") is None, reason="needs chattr")
def test_immutable_database_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`chattr +i` on the folder (a read-only folder that even root cannot write): a clear message,
    notes still listed, nothing lost."""
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "notes.json"
    article = tmp_path / "a.txt"
    article.write_text(make_article().text, encoding="utf-8")
    assert main(["notes", "add", str(article), "--db", str(db), "--quote", "checkpoints"]) == 0
    (folder / "notes.json.lock").unlink()  # a folder that never had a lock file
    capsys.readouterr()
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("the file system does not support chattr +i")
    try:
        before = db.read_bytes()
        code = main(["notes", "add", str(article), "--db", str(db), "--quote", "curfew"])
        out, err = capsys.readouterr()
        assert code == 1 and out == ""
        assert "reader: error:" in err and "Traceback" not in err
        assert main(["notes", "list", str(article), "--db", str(db), "--json"]) == 0
        out, err = capsys.readouterr()
        assert [a["quote"] for a in json.loads(out)["annotations"]] == ["checkpoints"]
        assert "read-only" in err
        assert db.read_bytes() == before
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


# -- the database replaced while a store is open (the TUI keeps one open for hours) ---------


def test_database_replaced_by_a_directory_while_open(tmp_path: Path) -> None:
    db = tmp_path / "notes.json"
    article = make_article()
    store = NoteStore(db)
    store.add(make_note(article, "checkpoints"))
    saved = db.read_bytes()
    db.rename(tmp_path / "elsewhere.json")
    db.mkdir()
    with pytest.raises(StoreError):
        store.annotations()
    with pytest.raises(StoreError):  # today: IsADirectoryError escapes (would crash a worker)
        store.add(make_note(article, "curfew"))
    assert (tmp_path / "elsewhere.json").read_bytes() == saved


def test_database_deleted_while_open_keeps_working(tmp_path: Path) -> None:
    db = tmp_path / "notes.json"
    article = make_article()
    store = NoteStore(db)
    store.add(make_note(article, "checkpoints"))
    db.unlink()
    assert store.annotations() == []
    store.add(make_note(article, "curfew"))
    assert [a.target.exact for a in NoteStore(db).annotations()] == ["curfew"]


# -- the article changes or disappears -------------------------------------------------------


def test_article_edited_then_deleted_then_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Notes follow an edited file (re-anchored, status `moved`), survive its deletion (a one-line
    error, nothing dropped) and are all there when it comes back."""
    db = tmp_path / "notes.json"
    path = tmp_path / "article.txt"
    original = make_article().text
    path.write_text(original, encoding="utf-8")
    for quote in ("checkpoints", "curfew"):
        assert main(["notes", "add", str(path), "--db", str(db), "--quote", quote]) == 0
    capsys.readouterr()

    edited = original.replace("\n\n", "\n\nA new paragraph inserted by the editor.\n\n", 1)
    path.write_text(edited, encoding="utf-8")
    assert main(["notes", "list", str(path), "--db", str(db), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["annotations"]
    assert [a["quote"] for a in listed] == ["checkpoints", "curfew"]
    for a in listed:
        assert edited[a["start"] : a["end"]] == a["quote"]
        assert a["anchor"]["status"] == "moved"

    path.unlink()
    code = main(["notes", "list", str(path), "--db", str(db), "--json"])
    _, err = capsys.readouterr()
    assert code == 2 and err.count("\n") == 1 and "no such file" in err
    assert len(NoteStore(db).annotations()) == 2

    path.write_text(original, encoding="utf-8")
    assert main(["notes", "list", str(path), "--db", str(db), "--json"]) == 0
    back = json.loads(capsys.readouterr().out)["annotations"]
    assert [(a["quote"], a["anchor"]["status"]) for a in back] == [
        ("checkpoints", "moved"),
        ("curfew", "moved"),
    ] or [(a["quote"], a["anchor"]["status"]) for a in back] == [
        ("checkpoints", "exact"),
        ("curfew", "exact"),
    ]
    for a in back:
        assert original[a["start"] : a["end"]] == a["quote"]


async def test_app_keeps_its_text_when_the_file_changes_or_disappears(tmp_path: Path) -> None:
    """The app works on the text it loaded: the file being rewritten or removed changes nothing
    on screen, and scrolling, search and quitting still work."""
    from reader.tui.app import ReaderApp
    from tests.tui.conftest import all_lines

    path = tmp_path / "article.txt"
    path.write_text(make_article().text, encoding="utf-8")
    app = ReaderApp(load_article(path), db_path=str(tmp_path / "notes.json"))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = all_lines(app.article_view)
        path.write_text("Something else entirely\n\nwith other words.\n", encoding="utf-8")
        await pilot.press("j", "G", "g")
        path.unlink()
        await pilot.press("slash", *"curfew", "enter")
        await pilot.pause()
        assert all_lines(app.article_view) == before
        assert any("curfew" in line for line in before)
        assert app.is_running
        await pilot.press("escape", "q")
    assert not app.is_running


def _shown_text(app: Any) -> str:
    """Everything the app shows: the screen as drawn, plus notifications (toasts)."""
    import html
    import re

    svg = app.export_screenshot()
    screen = html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")
    toasts = " ".join(str(n.message) for n in app._notifications)
    return f"{screen}\n{toasts}"


def _tui_uses_the_store() -> bool:
    import inspect

    import reader.tui.app as app_module

    source = inspect.getsource(app_module)
    notes = checks_optional("reader.tui.notes_feature")
    if notes is not None:
        source += inspect.getsource(notes)
    return "NoteStore" in source


@pytest.mark.parametrize("fault", ["directory", "corrupt"])
async def test_tui_says_when_the_database_is_unusable_and_keeps_working(
    tmp_path: Path, fault: str
) -> None:
    """The database path is a directory (read-only mode) or a corrupt file (moved aside): the app
    says so on screen, and reading, scrolling and search go on."""
    if not _tui_uses_the_store():
        pytest.skip("the notes store is not wired into the TUI in this build")
    from reader.tui.app import ReaderApp

    db = tmp_path / "notes.json"
    if fault == "directory":
        db.mkdir()
        (db / "keep").write_text("keep", encoding="utf-8")
        expected = ("read-only", "directory")
    else:
        db.write_text("{not json", encoding="utf-8")
        expected = ("moved aside", "damaged")
    app = ReaderApp(make_article(), db_path=str(db))
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause(0.5)
        shown = _shown_text(app)
        assert any(word in shown for word in expected), shown[-1500:]
        await pilot.press("j", "G", "slash", *"curfew", "enter", "escape")
        assert app.is_running
        await pilot.press("q")
    if fault == "directory":
        assert (db / "keep").read_text(encoding="utf-8") == "keep"
    else:
        assert list(tmp_path.glob("notes.json.corrupt-*"))
