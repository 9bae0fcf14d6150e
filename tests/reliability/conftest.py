"""Every reliability test runs against a throw-away notes database, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_database(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path_factory.mktemp("default-db")
    monkeypatch.setenv("READER_DB", str(Path(folder) / "notes.json"))
