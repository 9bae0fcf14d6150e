"""`reader glossary [PATH] [--json]`: the table, the JSON contract, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main


def test_json_for_the_bundled_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by = {e["short"]: e for e in data["entries"]}
    assert {"IS", "IS-K", "ISIS", "ISIS-K", "UNAMA", "ANA", "TTP", "US", "PBS"} == set(by)
    assert by["ANA"]["source"] == "text" and by["ANA"]["expansion"] == "Afghan National Army"
    assert by["PBS"]["definition"] is None
    for e in data["entries"]:
        assert set(e) == {"short", "expansion", "source", "definition", "occurrences", "variants"}


def test_table_lists_acronyms_with_marks(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary"]) == 0
    out = capsys.readouterr().out
    assert "UNAMA" in out and "Afghan National Army" in out
    assert "● text" in out and "○ bundled" in out


def test_path_argument_and_unknown_mark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Headline\nThe QQX board met the Free Syrian Army (FSA) today.\n")
    assert main(["glossary", str(path)]) == 0
    out = capsys.readouterr().out
    assert "QQX" in out and "? unknown" in out and "Free Syrian Army" in out


def test_control_characters_never_reach_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "evil.txt"
    path.write_text("Title\nThe Evil\x1b[31m Group (EG) and [bold]XQ[/bold] met.\n")
    assert main(["glossary", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out


def test_missing_file_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["glossary", str(tmp_path / "missing.txt"), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("reader: error: ") and captured.err.count("\n") == 1
