"""`reader notes list|add|edit|rm`: the notes store from the command line (scripts, tests).

`add` exits 0 only after the new note is durably on disk (the store fsyncs before returning).
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, Any

from reader.cli.common import EXIT_STORE, CliError, console, load, open_store, print_json, warn

if TYPE_CHECKING:
    from reader.article import Article
    from reader.notes.model import Annotation
    from reader.notes.store import NoteStore


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    from reader.notes.location import DB_ENV, resolve_db_path

    parser = subparsers.add_parser(
        "notes",
        epilog=f"Notes database: {resolve_db_path()} (change with --db PATH or ${DB_ENV}).",
        parents=[parent],
        help="list, add, edit or delete highlights and notes",
        description="Manage highlights and notes in the notes database.",
    )
    sub = parser.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    p = sub.add_parser("list", parents=[parent], help="list the notes of an article")
    p.add_argument("path", nargs="?", help="article file (default: the bundled article)")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    p = sub.add_parser("add", parents=[parent], help="highlight a quote of an article")
    p.add_argument("path", nargs="?", help="article file (default: the bundled article)")
    p.add_argument("--quote", required=True, metavar="TEXT", help="the exact text to highlight")
    p.add_argument(
        "--occurrence",
        type=int,
        default=1,
        metavar="N",
        help="which occurrence of the quote (1 = first, the default)",
    )
    _add_fields(p)

    p = sub.add_parser("edit", parents=[parent], help="change a note's text, tags or colour")
    p.add_argument("id", metavar="ID", help="note id (a unique prefix is enough)")
    _add_fields(p)

    p = sub.add_parser("rm", parents=[parent], help="delete a note")
    p.add_argument("id", metavar="ID", help="note id (a unique prefix is enough)")


def _add_fields(p: argparse.ArgumentParser) -> None:
    p.add_argument("--note", metavar="TEXT", help="the note (Markdown)")
    p.add_argument(
        "--tag",
        action="append",
        metavar="T",
        help="a tag (repeat for several; on edit, replaces the tags)",
    )
    from reader.notes.model import COLORS

    p.add_argument("--color", metavar="C", help=f"highlight colour: {', '.join(COLORS)}")


def run(args: argparse.Namespace) -> int:
    from reader.notes.store import AmbiguousIdError, NoteNotFoundError, StoreError

    action = {"list": _list, "add": _add, "edit": _edit, "rm": _rm}[args.notes_command]
    store = open_store(args)
    try:
        if store.notice:
            warn(store.notice)
        return action(args, store)
    except (NoteNotFoundError, AmbiguousIdError) as exc:
        raise CliError(str(exc)) from None
    except StoreError as exc:
        raise CliError(str(exc), EXIT_STORE) from None
    finally:
        store.close()


def _check_color(color: str | None) -> None:
    from reader.notes.model import COLORS

    if color is not None and color not in COLORS:
        raise CliError(f"unknown colour {color!r}; valid colours: {', '.join(COLORS)}")


def _check_text(args: argparse.Namespace) -> None:
    """Arguments with undecodable bytes (lone surrogates from the OS) are bad input."""
    for name in ("quote", "note"):
        value = getattr(args, name, None)
        if value is not None and not _encodable(value):
            raise CliError(f"the {name} contains text that is not valid Unicode")
    for tag in getattr(args, "tag", None) or []:
        if not _encodable(tag):
            raise CliError("a tag contains text that is not valid Unicode")


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _find(article: Article, quote: str, occurrence: int) -> tuple[int, int]:
    """Offsets of the N-th occurrence; whitespace runs in the quote match any whitespace."""
    if not quote.strip():
        raise CliError("--quote must not be empty")
    if occurrence < 1:
        raise CliError("--occurrence must be 1 or more")
    text = article.text
    spans: list[tuple[int, int]] = []
    pos = text.find(quote)
    while pos != -1 and len(spans) < occurrence:
        spans.append((pos, pos + len(quote)))
        pos = text.find(quote, pos + 1)
    if not spans:
        pattern = re.compile(r"\s+".join(re.escape(w) for w in quote.split()))
        for m in pattern.finditer(text):
            spans.append(m.span())
            if len(spans) >= occurrence:
                break
    name = article.path or "the article"
    if not spans:
        raise CliError(f"quote not found in {name}: {quote[:60]!r}")
    if len(spans) < occurrence:
        raise CliError(f"the quote occurs only {len(spans)} time(s) in {name}, not {occurrence}")
    return spans[occurrence - 1]


def _add(args: argparse.Namespace, store: NoteStore) -> int:
    from reader.notes.model import DEFAULT_COLOR, Annotation, ArticleRef, make_target, new_id
    from reader.notes.model import normalise_tags as tags_of

    _check_color(args.color)
    _check_text(args)
    article = load(args.path)
    start, end = _find(article, args.quote, args.occurrence)
    note = Annotation(
        id=new_id(),
        article=ArticleRef(article.sha256, article.path, article.title),
        target=make_target(article.text, start, end),
        color=args.color or DEFAULT_COLOR,
        note=args.note or "",
        tags=tags_of(args.tag or []),
    )
    saved = store.add(note)
    sys.stdout.write(saved.id + "\n")
    sys.stdout.flush()
    return 0


def _edit(args: argparse.Namespace, store: NoteStore) -> int:
    from reader.notes.model import normalise_tags as tags_of

    _check_color(args.color)
    _check_text(args)
    changes: dict[str, Any] = {}
    if args.note is not None:
        changes["note"] = args.note
    if args.tag is not None:
        changes["tags"] = tags_of(args.tag)
    if args.color is not None:
        changes["color"] = args.color
    if not changes:
        raise CliError("nothing to change: give --note, --tag or --color")
    current = store.get(args.id)
    saved = store.update(current.with_changes(**changes))
    sys.stdout.write(saved.id + "\n")
    return 0


def _rm(args: argparse.Namespace, store: NoteStore) -> int:
    gone = store.delete(store.get(args.id).id)
    sys.stdout.write(f"deleted {gone.id}\n")
    return 0


def _to_json(a: Annotation) -> dict[str, Any]:
    return {
        "id": a.id,
        "quote": a.target.exact,
        "start": a.start,
        "end": a.end,
        "note": a.note,
        "tags": list(a.tags),
        "color": a.color,
        "anchor": {"status": str(a.anchor.status), "score": a.anchor.score},
        "created": a.created,
        "updated": a.updated,
    }


def _list(args: argparse.Namespace, store: NoteStore) -> int:
    article = load(args.path)
    notes = store.for_article(article)
    if args.json:
        print_json({"annotations": [_to_json(a) for a in notes]})
        return 0
    from rich.table import Table
    from rich.text import Text

    from reader.safety import one_line

    out = console()
    if not notes:
        out.print(Text(f"No notes for {one_line(article.title or article.path)}."))
        return 0
    table = Table(title=Text(one_line(article.title or article.path)), show_lines=False)
    for column in ("id", "colour", "status", "quote", "note", "tags"):
        table.add_column(column, overflow="fold" if column == "id" else "ellipsis")
    for a in notes:
        quote = one_line(a.target.exact)
        table.add_row(
            Text(a.id),
            Text(a.color, style=_STYLE.get(a.color, "")),
            Text(str(a.anchor.status) + ("" if a.anchor.score >= 1 else f" {a.anchor.score:.2f}")),
            Text(quote if len(quote) <= 80 else quote[:79] + "…"),
            Text(one_line(a.note)),
            Text(", ".join(one_line(t) for t in a.tags)),
        )
    out.print(table)
    return 0


_STYLE = {
    "yellow": "black on yellow",
    "green": "black on green",
    "blue": "white on blue",
    "pink": "black on magenta",
    "purple": "white on purple",
}
