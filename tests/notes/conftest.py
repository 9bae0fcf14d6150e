"""Fixtures for the notes tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.notes.helpers import TEXT


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "notes.json"


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    p = tmp_path / "article.txt"
    p.write_text(TEXT, encoding="utf-8")
    return p
