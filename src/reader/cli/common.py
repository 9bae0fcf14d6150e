"""Helpers shared by the sub-commands: one-line errors, loading the article, Rich output."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse

    from rich.console import Console

    from reader.article import Article
    from reader.notes.store import NoteStore

#: Exit code for bad input (missing file, undecodable text, unknown id ...).
EXIT_BAD_INPUT = 2
#: Exit code for a store failure (read-only, disk full, locked ...), as opposed to bad input.
EXIT_STORE = 1


class CliError(Exception):
    """A user-facing error: printed as one line on stderr, exit `code`, no traceback."""

    def __init__(self, message: str, code: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = EXIT_BAD_INPUT) -> int:
    from reader.safety import one_line

    sys.stderr.write(f"reader: error: {one_line(message)}\n")
    sys.stderr.flush()
    return code


def add_common_options(parser: argparse.ArgumentParser) -> None:
    import argparse

    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="notes database file (default: $READER_DB or the user data directory)",
    )


def load(path: str | None) -> Article:
    """The article at `path` (the bundled one when None); CliError with a one-line reason."""
    from reader.article import ArticleError, bundled_article_path, load_article

    try:
        return load_article(path if path else bundled_article_path())
    except ArticleError as exc:
        raise CliError(str(exc)) from None


def db_path(args: argparse.Namespace) -> str | None:
    return getattr(args, "db", None)


def open_store(args: argparse.Namespace) -> NoteStore:
    """The notes store of `--db` / $READER_DB; one that cannot be opened is a CliError (exit 1).

    The caller closes it, and shows `store.notice` with `warn` when it has read what it needs
    (reading can add to the notice)."""
    from reader.notes.store import NoteStore, StoreError

    try:
        return NoteStore(db_path(args))
    except StoreError as exc:
        raise CliError(str(exc), EXIT_STORE) from None


def warn(message: str) -> None:
    """One line on stderr that does not stop the command (a store notice ...)."""
    from reader.safety import one_line

    sys.stderr.write(f"reader: warning: {one_line(message)}\n")


def console() -> Console:
    """A Rich console that never interprets markup or emoji codes in data."""
    from rich.console import Console

    return Console(markup=False, emoji=False, highlight=False, soft_wrap=False)


def print_json(data: Any) -> None:
    """Write `data` as JSON to stdout (UTF-8, not ASCII-escaped, one trailing newline)."""
    import json

    from reader.safety import json_text_safe

    sys.stdout.write(json_text_safe(json.dumps(data, ensure_ascii=False, indent=2)))
    sys.stdout.write("\n")
    sys.stdout.flush()
