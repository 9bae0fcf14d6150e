"""`reader glossary [PATH]`: the article's acronyms as a table, or `--json` (DESIGN.md contract)."""

from __future__ import annotations

import argparse

from reader.cli.common import console, load, print_json

#: How each source is shown in the table's mark column.
SOURCE_MARKS = {"text": "● text", "builtin": "○ bundled", "none": "? unknown"}


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = subparsers.add_parser(
        "glossary",
        parents=[parent],
        help="list the article's acronyms and what they stand for",
        description="List every acronym in the article: its expansion, where the expansion comes "
        "from (defined in the text, the bundled glossary, or unknown) and how often it occurs.",
    )
    parser.add_argument("path", nargs="?", help="UTF-8 text file (default: the bundled article)")
    parser.add_argument("--json", action="store_true", help="print the glossary as JSON")


def run(args: argparse.Namespace) -> int:
    article = load(args.path)
    from reader.analysis.glossary import build_glossary

    glossary = build_glossary(article)
    if args.json:
        print_json(glossary.to_json())
        return 0
    from rich.table import Table
    from rich.text import Text

    from reader.safety import one_line

    table = Table(
        title=Text(one_line(article.title)),
        caption=Text("● defined in the text   ○ bundled glossary   ? unknown"),
    )
    table.add_column("Acronym", no_wrap=True)
    table.add_column("Expansion")
    table.add_column("Source", no_wrap=True)
    table.add_column("Count", justify="right")
    table.add_column("Variants")
    for entry in glossary.entries:
        table.add_row(
            Text(one_line(entry.short)),
            Text(one_line(entry.expansion) if entry.expansion else "-"),
            Text(SOURCE_MARKS.get(entry.source, entry.source)),
            Text(str(len(entry.occurrences))),
            Text(one_line(", ".join(entry.variants))),
        )
    out = console()
    if not glossary.entries:
        out.print(Text("No acronyms found."))
        return 0
    out.print(table)
    return 0
