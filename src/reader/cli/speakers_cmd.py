"""`reader speakers [PATH]`: who is quoted in an article, as a Rich tree or as JSON."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from reader.cli.common import load

if TYPE_CHECKING:
    from rich.tree import Tree

    from reader.analysis.quotes import Quote, SpeakerIndex

#: Characters of a quote shown in the tree before it is cut with an ellipsis.
PREVIEW = 90


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "speakers",
        parents=[parent],
        help="list who is quoted and their quotes",
        description="List the people quoted in an article, with descriptions and their quotes.",
    )
    parser.add_argument("path", nargs="?", help="UTF-8 text file (default: the bundled article)")
    parser.add_argument("--json", action="store_true", help="print the speaker index as JSON")


def run(args: argparse.Namespace) -> int:
    article = load(args.path)
    from reader.analysis.quotes import analyse_quotes
    from reader.cli.common import console, print_json

    index = analyse_quotes(article)
    if args.json:
        print_json(index.to_json())
        return 0
    console().print(build_tree(article.title, index))
    return 0


def _preview(quote: Quote) -> str:
    from reader.safety import one_line

    text = one_line(" ".join(quote.text.split()))
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1].rstrip() + "…"


def build_tree(title: str, index: SpeakerIndex) -> Tree:
    """The index as a Rich tree; every piece of article text is sanitised and never markup."""
    from rich.text import Text
    from rich.tree import Tree

    from reader.safety import one_line

    root = Tree(Text(one_line(title) or "Speakers", style="bold"))
    if not index.speakers and not index.unattributed:
        root.add(Text("no quotations found", style="dim"))
    for sp in index.speakers:
        label = Text(one_line(sp.name), style="bold cyan")
        if sp.anonymous:
            label.append(" (anonymous)", style="yellow")
        if sp.description:
            label.append(" - ")
            label.append(one_line(sp.description), style="italic")
        count = len(sp.quotes)
        label.append(f"  [{count} quote{'s' if count != 1 else ''}]", style="dim")
        node = root.add(label)
        for q in sp.quotes:
            line = Text(f"{q.kind}: ", style="dim")
            line.append(_preview(q))  # a quote's text carries its own marks
            node.add(line)
    if index.unattributed:
        node = root.add(Text(f"unattributed ({len(index.unattributed)})", style="bold dim"))
        for q in index.unattributed:
            node.add(Text(_preview(q)))
    return root
