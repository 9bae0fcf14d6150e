"""`reader [PATH]`: open an article in the terminal reader (the default command)."""

from __future__ import annotations

import argparse

from reader.cli.common import db_path, load


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
             parent: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "open", parents=[parent], help="open an article in the reader (default command)"
    )
    parser.add_argument("path", nargs="?", help="UTF-8 text file (default: the bundled article)")
    parser.add_argument("--width", type=int, default=80, metavar="N",
                        help="reading column width in cells (default 80)")


def run(args: argparse.Namespace) -> int:
    article = load(args.path)
    from reader.tui.app import ReaderApp

    app = ReaderApp(article, db_path=db_path(args), column_width=args.width)
    app.run()
    return app.return_code or 0
