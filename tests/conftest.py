"""Suite-wide fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_notes_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own notes database: no test ever reads or writes the user's real one,
    and a position saved by one test cannot leak into the next."""
    db = tmp_path / "reader-notes" / "notes.json"
    monkeypatch.setenv("READER_DB", str(db))
    return db
