"""`reader export [PATH]`: the article's highlights and notes as Markdown (default) or JSON.

Markdown is the file a person keeps (Obsidian, a wiki, an e-mail); JSON is the W3C Web Annotation
form that `reader import` reads back. Output goes to stdout, or atomically to `-o FILE`.
"""

from __future__ import annotations

import argparse
import os
import sys

from reader.cli.common import EXIT_STORE, CliError, load, open_store, warn

GROUP_CHOICES = ("paragraph", "speaker", "tag", "colour", "color")


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    parent: argparse.ArgumentParser,
) -> None:
    parser = subparsers.add_parser(
        "export",
        parents=[parent],
        help="export highlights and notes as Markdown or Web Annotation JSON",
        description="Export the highlights and notes of an article: Markdown to keep (front "
        "matter, one block quote per highlight, notes, tags, who said it) or W3C Web Annotation "
        "JSON that `reader import` restores.",
    )
    parser.add_argument("path", nargs="?", help="article file (default: the bundled article)")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout"
    )
    parser.add_argument(
        "--format",
        choices=("markdown", "json"),
        help="output format (default: json when FILE ends in .json, else markdown)",
    )
    parser.add_argument(
        "--group-by",
        choices=GROUP_CHOICES,
        metavar="{paragraph,speaker,tag,colour}",
        help="Markdown sections (default: paragraph)",
    )
    parser.add_argument(
        "--only-notes", action="store_true", help="only highlights that carry a note"
    )
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        metavar="T",
        help="only highlights with this tag (repeat for any of several)",
    )


def _timestamp() -> str:
    """Now, or $SOURCE_DATE_EPOCH when set, so that a scripted export can be reproducible."""
    from datetime import UTC, datetime

    from reader.notes.model import now_iso

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = datetime.fromtimestamp(int(epoch), UTC)
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return now_iso()


def _write_stdout(text: str) -> None:
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def run(args: argparse.Namespace) -> int:
    from reader.export import dumps, select, to_markdown, to_web_annotations, write_atomic
    from reader.notes.store import StoreError
    from reader.safety import one_line

    output = args.output if args.output not in (None, "-") else None
    fmt = args.format or ("json" if output and output.lower().endswith(".json") else "markdown")
    if fmt == "json" and args.group_by:
        raise CliError("--group-by applies to the Markdown export only")
    article = load(args.path)
    store = open_store(args)
    try:
        annotations = store.for_article(article)
        notice = store.notice
    except StoreError as exc:
        raise CliError(str(exc), EXIT_STORE) from None
    finally:
        store.close()
    if notice:
        warn(notice)

    chosen = select(annotations, only_notes=args.only_notes, tags=args.tag)
    if fmt == "markdown":
        from reader.analysis.quotes import analyse_quotes

        text = to_markdown(
            article,
            chosen,
            analyse_quotes(article),
            group_by=args.group_by or "paragraph",
            only_notes=args.only_notes,
            tags=args.tag,
            exported=_timestamp(),
        )
    else:
        text = dumps(to_web_annotations(article, chosen))

    if output is None:
        _write_stdout(text)
        return 0
    try:
        where = write_atomic(output, text)
    except UnicodeEncodeError:
        raise CliError("a note contains text that cannot be written as UTF-8") from None
    except OSError as exc:
        raise CliError(f"cannot write {output}: {exc.strerror or exc}") from None
    count = len(chosen)
    noun = "highlight" if count == 1 else "highlights"
    sys.stderr.write(f"reader: wrote {count} {noun} ({fmt}) to {one_line(str(where))}\n")
    return 0
