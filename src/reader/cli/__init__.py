"""The command line: `reader [PATH]` opens the TUI; sub-commands print analysis and manage notes.

A thin face over the core. Each sub-command lives in its own module exposing `register(subparsers,
parent)` and `run(args) -> int`; modules import their heavy dependencies inside `run`, so starting
the TUI does not pay for the analysis code.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

from reader import __version__
from reader.cli.common import CliError, add_common_options, fail

if TYPE_CHECKING:
    import argparse

#: Sub-command name -> module. The first entry is the default command (`reader PATH`).
COMMANDS: dict[str, str] = {
    "open": "reader.cli.open_cmd",
    "glossary": "reader.cli.glossary_cmd",
    "speakers": "reader.cli.speakers_cmd",
    "notes": "reader.cli.notes_cmd",
    "export": "reader.cli.export_cmd",
    "import": "reader.cli.import_cmd",
}

#: Options that take a value, so that finding the first positional argument can skip them.
_VALUE_OPTIONS = {
    "--db",
    "--width",
    "-o",
    "--output",
    "--format",
    "--group-by",
    "--tag",
    "--quote",
    "--note",
    "--color",
    "--occurrence",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with `only`, just that sub-command (so `reader PATH` imports no
    analysis or export code before the first paint)."""
    import argparse

    from reader.notes.location import DB_ENV, resolve_db_path

    parser = argparse.ArgumentParser(
        prog="reader",
        description="A keyboard-first terminal reader for news articles: glossary, speaker index, "
        "highlights and notes. With no sub-command, opens PATH (default: the bundled article).",
        epilog=f"Notes database: {resolve_db_path()} (change with --db PATH or ${DB_ENV}).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parent = argparse.ArgumentParser(add_help=False)
    add_common_options(parent)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for name, module_name in COMMANDS.items():
        if only is not None and name != only:
            continue
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:  # a command not installed in this build
            if exc.name != module_name:
                raise
            continue
        module.register(subparsers, parent)
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """Insert `open` when no sub-command is named, so `reader FILE` and `reader` work."""
    if any(a in ("-h", "--help", "--version") for a in argv[:1]):
        return argv
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token.startswith("-"):
            skip = token in _VALUE_OPTIONS
            continue
        return argv if token in COMMANDS else ["open", *argv]
    return ["open", *argv]


def _plain_open(argv: list[str]) -> bool:
    """`reader` or `reader PATH`: no option, no sub-command."""
    return len(argv) <= 1 and not any(a.startswith("-") or a in COMMANDS for a in argv)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if _plain_open(args_list):
        # The everyday start: opened without building the parser (importing argparse and
        # setting up the sub-commands cost ~5 ms before the first paint).
        from reader.cli import open_cmd

        return _run(open_cmd.open_article, args_list[0] if args_list else None)
    args_list = _with_default_command(args_list)
    only = "open" if args_list[:1] == ["open"] and "-h" not in args_list else None
    parser = build_parser(only=only if "--help" not in args_list else None)
    args = parser.parse_args(args_list)
    module: ModuleType = importlib.import_module(COMMANDS[args.command])
    return _run(module.run, args)


def _run(command: Callable[..., Any], *args: Any) -> int:
    """`command(*args)` as an exit code: a CliError is one line on stderr, never a traceback."""
    try:
        return int(command(*args))
    except CliError as exc:
        return fail(str(exc), exc.code)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
