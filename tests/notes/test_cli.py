"""`reader notes list|add|edit|rm` through the real argument parser."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.notes.store import NoteStore
from tests.notes.helpers import TEXT

QUOTE = "the new checkpoints would stay in place"


@pytest.fixture
def env_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "env" / "notes.json"
    monkeypatch.setenv("READER_DB", str(path))
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def add_quote(
    capsys: pytest.CaptureFixture[str], article_file: Path, *options: str
) -> tuple[int, str, str]:
    """`reader notes add ARTICLE --quote QUOTE OPTIONS...`."""
    return run(capsys, "notes", "add", str(article_file), "--quote", QUOTE, *options)


def listed(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    code, out, err = run(capsys, "notes", "list", *argv, "--json")
    assert code == 0, err
    return json.loads(out)["annotations"]


def run_process(*argv: str) -> subprocess.CompletedProcess[str]:
    """`python -m reader ARGV` in a process of its own (real argv decoding, real exit)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_add_list_edit_rm(
    capsys: pytest.CaptureFixture[str], env_db: Path, article_file: Path
) -> None:
    options = ("--note", "why?", "--tag", "war", "--tag", "#army ops", "--color", "blue")
    code, out, err = add_quote(capsys, article_file, *options)
    assert code == 0, err
    note_id = out.strip()
    assert len(out.splitlines()) == 1 and note_id
    assert NoteStore(env_db).get(note_id).note == "why?"  # on disk when the command returned

    (item,) = listed(capsys, str(article_file))
    assert item == {
        "id": note_id,
        "quote": QUOTE,
        "start": TEXT.index(QUOTE),
        "end": TEXT.index(QUOTE) + len(QUOTE),
        "note": "why?",
        "tags": ["war", "army-ops"],
        "color": "blue",
        "anchor": {"status": "exact", "score": 1.0},
        "created": item["created"],
        "updated": item["updated"],
    }

    code, out, err = run(
        capsys, "notes", "edit", note_id[:16], "--note", "because", "--tag", "x", "--color", "pink"
    )
    assert code == 0, err
    (item,) = listed(capsys, str(article_file))
    assert (item["note"], item["tags"], item["color"]) == ("because", ["x"], "pink")
    assert item["updated"] >= item["created"]

    code, out, err = run(capsys, "notes", "rm", note_id)
    assert code == 0 and note_id in out
    assert listed(capsys, str(article_file)) == []


def test_occurrence_and_whitespace_tolerant_quote(
    capsys: pytest.CaptureFixture[str], env_db: Path, tmp_path: Path
) -> None:
    art = tmp_path / "rep.txt"
    art.write_text("Title\n\nThe army came. Then the\narmy left. The army stayed.\n")
    code, _, _ = run(capsys, "notes", "add", str(art), "--quote", "the army", "--occurrence", "1")
    assert code == 0
    code, _, err = run(capsys, "notes", "add", str(art), "--quote", "army", "--occurrence", "3")
    assert code == 0, err
    items = listed(capsys, str(art))
    text = art.read_text()
    assert [(i["start"], i["quote"]) for i in items] == [
        (text.index("the\narmy"), "the\narmy"),
        (text.rindex("army"), "army"),
    ]
    code, _, err = run(capsys, "notes", "add", str(art), "--quote", "army", "--occurrence", "9")
    assert code == 2 and "only 3" in err


def test_db_option_after_the_action(
    capsys: pytest.CaptureFixture[str], env_db: Path, tmp_path: Path, article_file: Path
) -> None:
    other = tmp_path / "other.json"
    code, out, err = add_quote(capsys, article_file, "--db", str(other))
    assert code == 0, err
    assert not env_db.exists()
    assert len(listed(capsys, str(article_file), "--db", str(other))) == 1
    code, out, err = run(capsys, "notes", "--db", str(other), "list", str(article_file), "--json")
    assert code == 0 and len(json.loads(out)["annotations"]) == 1
    assert listed(capsys, str(article_file)) == []  # $READER_DB is a different database


def test_bad_input_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], env_db: Path, article_file: Path
) -> None:
    code, out, err = run(capsys, "notes", "add", str(article_file), "--quote", "not in there")
    assert code == 2 and out == ""
    assert err.startswith("reader: error: quote not found") and err.count("\n") == 1
    code, _, err = add_quote(capsys, article_file, "--color", "red")
    assert code == 2 and "yellow, green, blue, pink, purple" in err
    code, _, err = run(capsys, "notes", "edit", "nosuchid", "--note", "x")
    assert code == 2 and "no note with id" in err
    code, _, err = run(capsys, "notes", "rm", "nosuchid")
    assert code == 2
    code, _, err = run(
        capsys, "notes", "add", str(article_file.with_name("missing.txt")), "--quote", "x"
    )
    assert code == 2 and "no such file" in err
    assert not env_db.exists() or NoteStore(env_db).annotations() == []


def test_ambiguous_prefix(
    capsys: pytest.CaptureFixture[str], env_db: Path, article_file: Path
) -> None:
    from dataclasses import replace

    from reader.article import load_article
    from tests.notes.helpers import make_note

    art = load_article(article_file)
    with NoteStore(env_db) as store:
        store.add(replace(make_note(art, QUOTE), id="abc1"))
        store.add(replace(make_note(art, QUOTE), id="abc2"))
    code, _, err = run(capsys, "notes", "rm", "")
    assert code == 2
    code, _, err = run(capsys, "notes", "rm", "abc")
    assert code == 2 and "matches 2" in err
    assert len(listed(capsys, str(article_file))) == 2
    code, out, err = run(capsys, "notes", "rm", "abc2")
    assert code == 0 and "abc2" in out


def test_store_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, article_file: Path
) -> None:
    folder = tmp_path / "dir.json"
    folder.mkdir()
    code, out, err = add_quote(capsys, article_file, "--db", str(folder))
    assert code == 1 and out == ""
    assert "Traceback" not in err
    assert err.splitlines()[-1].startswith("reader: error: cannot save notes")
    code, out, err = run(capsys, "notes", "list", str(article_file), "--db", str(folder))
    assert code == 0 and "warning" in err and "directory" in err


def test_corrupt_database_warns_and_continues(
    capsys: pytest.CaptureFixture[str], env_db: Path, article_file: Path
) -> None:
    env_db.parent.mkdir(parents=True)
    env_db.write_text("{not json")
    code, out, err = run(capsys, "notes", "list", str(article_file), "--json")
    assert code == 0 and json.loads(out) == {"annotations": []}
    assert "moved aside to" in err and ".corrupt-" in err


def test_table_output_is_safe(
    capsys: pytest.CaptureFixture[str], env_db: Path, article_file: Path
) -> None:
    code, *_ = add_quote(
        capsys, article_file, "--note", "[bold]x[/bold] \x1b]0;pwned\x07 \x1b[31mred", "--tag", "t1"
    )
    assert code == 0
    code, out, _ = run(capsys, "notes", "list", str(article_file))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "[bold]x[/bold]" in out  # shown literally, not as markup
    assert "checkpoints" in out


def test_add_in_a_subprocess_is_durable(tmp_path: Path, article_file: Path) -> None:
    db = tmp_path / "sub.json"
    proc = run_process("notes", "add", str(article_file), "--quote", QUOTE, "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert NoteStore(db).get(proc.stdout.strip()).target.exact == QUOTE


def test_undecodable_argument_is_a_one_line_error(tmp_path: Path, article_file: Path) -> None:
    db = tmp_path / "sub.json"
    bad = b"bad \xff byte".decode("utf-8", "surrogateescape")
    proc = run_process(
        "notes", "add", str(article_file), "--quote", QUOTE, "--note", bad, "--db", str(db)
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("reader: error: the note contains text that is not valid")
