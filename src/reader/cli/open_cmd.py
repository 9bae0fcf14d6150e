"""`reader [PATH]`: open an article in the terminal reader (the default command)."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from reader.cli.common import CliError, db_path, load

if TYPE_CHECKING:
    import argparse

#: The reading column's width when `--width` is not given.
DEFAULT_WIDTH = 80


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "open", parents=[parent], help="open an article in the reader (default command)"
    )
    parser.add_argument("path", nargs="?", help="UTF-8 text file (default: the bundled article)")
    parser.add_argument(
        "--width",
        type=int,
        default=DEFAULT_WIDTH,
        metavar="N",
        help=f"reading column width in cells (default {DEFAULT_WIDTH})",
    )


#: Narrower reading columns are not readable; the pane also needs room for a pull quote's bar.
MIN_WIDTH = 20


def run(args: argparse.Namespace) -> int:
    if args.width < MIN_WIDTH:
        raise CliError(f"--width must be at least {MIN_WIDTH} (got {args.width})")
    return open_article(args.path, args.width, db_path(args))


def open_article(path: str | None, width: int = DEFAULT_WIDTH, db: str | None = None) -> int:
    """Open `path` (the bundled article when None) in the reader; the app's return code."""
    # Start-up (importing Textual, parsing the text, building the first frame) allocates a few
    # hundred thousand objects that all live on, and the collector walked them in ~110 young
    # collections: 20-40 ms before the first paint. It stays off until the app has painted.
    gc.disable()
    try:
        article = load(path)
        from reader.tui.app import ReaderApp

        app = ReaderApp(article, db_path=db, column_width=width, collector_paused=True)
        app.run()
    finally:
        gc.enable()
    # 128+signal after SIGTERM/SIGHUP (the app restores the terminal first), else 0 or 1.
    return app.return_code or 0
