"""Writing an export file: atomic replace, clean names (used by the CLI and the TUI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.export import default_filename, write_atomic


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path: Path):
    target = tmp_path / "notes.md"
    target.write_text("old")
    where = write_atomic(target, "new ü\n")
    assert where == target and target.read_bytes() == "new ü\n".encode()
    assert os.listdir(tmp_path) == ["notes.md"]


def test_write_atomic_failure_keeps_old_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "notes.md"
    target.write_text("old")

    def boom(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["notes.md"]


def test_write_atomic_keeps_newlines(tmp_path: Path):
    where = write_atomic(tmp_path / "x.md", "a\nb\n")
    assert where.read_bytes() == b"a\nb\n"


@pytest.mark.parametrize(
    ("title", "fmt", "name"),
    [
        (
            "IS 'playing whack-a-mole' in Afghanistan",
            "markdown",
            "is-playing-whack-a-mole-in-afghanistan-notes.md",
        ),
        ("../../etc/passwd", "json", "etc-passwd-notes.json"),
        ("«»", "markdown", "notes.md"),
        ("x" * 200, "markdown", "x" * 60 + "-notes.md"),
    ],
)
def test_default_filename(title, fmt, name):
    assert default_filename(title, fmt) == name
