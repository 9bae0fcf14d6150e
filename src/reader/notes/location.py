"""Where the notes database lives: `--db PATH`, else `$READER_DB`, else the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

DB_ENV = "READER_DB"
DB_FILENAME = "notes.json"


def default_db_path() -> Path:
    return user_data_path("reader", appauthor=False) / DB_FILENAME


def resolve_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database path to use: explicit argument, then the environment, then the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return default_db_path()
