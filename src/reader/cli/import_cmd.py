"""`reader import FILE.json`: restore highlights and notes from a Web Annotation export.

The whole file is validated before anything is written (a bad record is named by its number and the
reason, exit 2), then everything goes into the database in one atomic write. Records merge by id:
new ids are added, a record whose `modified` time is newer than the saved one replaces it, and
importing the same file twice changes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from reader.cli.common import EXIT_STORE, CliError, open_store, warn

#: Larger files are refused: an export of 10,000 notes is about 15 MB.
MAX_BYTES = 200 * 1024 * 1024


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = subparsers.add_parser(
        "import",
        parents=[parent],
        help="restore highlights and notes from a `reader export --format json` file",
        description="Import a W3C Web Annotation JSON file (as written by `reader export "
        "--format json`) into the notes database. Merges by id; the newer version wins; "
        "importing twice adds nothing; a malformed file is refused as a whole.",
    )
    parser.add_argument("file", metavar="FILE.json", help="the JSON file to import")


def _read(path: str) -> Any:
    p = Path(path)
    try:
        if p.is_dir():
            raise CliError(f"{path}: is a directory, not a JSON file")
        if p.stat().st_size > MAX_BYTES:
            raise CliError(f"{path}: file is too large (over {MAX_BYTES // 1024 // 1024} MB)")
        data = p.read_bytes()
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except PermissionError:
        raise CliError(f"{path}: permission denied") from None
    except OSError as exc:
        raise CliError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CliError(f"{path}: not UTF-8 text; nothing was imported") from None
    except json.JSONDecodeError as exc:
        raise CliError(
            f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
            "nothing was imported"
        ) from None
    except RecursionError:
        raise CliError(f"{path}: JSON nested too deeply; nothing was imported") from None


def run(args: argparse.Namespace) -> int:
    from reader.export import ExportFormatError, from_web_annotations
    from reader.notes.store import StoreError
    from reader.safety import one_line

    data = _read(args.file)
    try:
        incoming = from_web_annotations(data)
    except ExportFormatError as exc:
        raise CliError(f"{args.file}: {exc}; nothing was imported") from None
    store = open_store(args)
    try:
        if store.notice:
            warn(store.notice)
        result = store.import_many(incoming)
    except StoreError as exc:
        raise CliError(f"{exc}; nothing was imported", EXIT_STORE) from None
    finally:
        store.close()
    line = (
        f"{one_line(args.file)}: {result.added} added, {result.updated} updated, "
        f"{result.unchanged} unchanged"
    )
    if result.kept_newer:
        line += f" ({result.kept_newer} kept because the saved copy is newer)"
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
    return 0
