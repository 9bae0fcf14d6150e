"""Hostile articles and notes through every face but the TUI (tests/reliability/test_terminal.py
covers that): the CLI prints no control sequences, huge inputs are refused or finish."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.article import MAX_BYTES, ArticleError, load_article, parse_article
from reader.cli import main
from tests.reliability import checks
from tests.reliability.hostile import ARTICLE, NOTE, TAGS, unsafe_bytes

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run_cli(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, bytes]:
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out, err


@pytest.fixture
def with_note(
    tmp_path: Path, hostile_file: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> Path:
    db = tmp_path / "notes.json"
    args = ["notes", "add", str(hostile_file), "--db", str(db), "--quote", "fight", "--note", NOTE]
    for tag in TAGS:
        args += ["--tag", tag]
    code, _, err = run_cli(capsysbinary, *args)
    assert code == 0, err
    return db


TABLE_COMMANDS = [
    ("glossary", "{path}"),
    ("speakers", "{path}"),
    ("notes", "list {path} --db {db}"),
    ("export", "{path} --db {db}"),
    ("export", "{path} --db {db} --group-by speaker"),
    ("export", "{path} --db {db} --group-by tag"),
]
JSON_COMMANDS = [
    ("glossary", "{path} --json"),
    ("speakers", "{path} --json"),
    ("notes", "list {path} --db {db} --json"),
    ("export", "{path} --db {db} --format json"),
]


def _argv(command: str, rest: str, path: Path, db: Path) -> list[str]:
    return [command, *rest.format(path=path, db=db).split()]


def _available(command: str) -> bool:
    from reader.cli import COMMANDS

    return checks.optional(COMMANDS[command]) is not None


@pytest.fixture
def run_on_hostile(
    hostile_file: Path, with_note: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> Callable[[str, str], tuple[bytes, bytes]]:
    """Runs `reader COMMAND REST` on the hostile article and its note; gives stdout and stderr of
    a successful run. A command not in this build skips the test."""

    def run(command: str, rest: str) -> tuple[bytes, bytes]:
        if not _available(command):
            pytest.skip(f"`reader {command}` not in this build")
        code, out, err = run_cli(capsysbinary, *_argv(command, rest, hostile_file, with_note))
        assert code == 0, err
        return out, err

    return run


@pytest.mark.parametrize(
    ("command", "rest"), TABLE_COMMANDS, ids=[" ".join(c) for c in TABLE_COMMANDS]
)
def test_cli_text_output_has_no_control_sequences(
    command: str, rest: str, run_on_hostile: Callable[[str, str], tuple[bytes, bytes]]
) -> None:
    out, err = run_on_hostile(command, rest)
    assert out.strip()
    assert unsafe_bytes(out) == [] and unsafe_bytes(err) == []
    shown = out.decode("utf-8")
    # markup is shown literally, never interpreted
    if command in ("notes", "export"):
        assert "[bold]x[/]" in shown or "\\[bold\\]x\\[/\\]" in shown


@pytest.mark.parametrize(
    ("command", "rest"), JSON_COMMANDS, ids=[" ".join(c) for c in JSON_COMMANDS]
)
def test_cli_json_output_has_no_escape_and_round_trips(
    command: str,
    rest: str,
    hostile_file: Path,
    run_on_hostile: Callable[[str, str], tuple[bytes, bytes]],
) -> None:
    """JSON escapes C0 controls (ESC becomes \\u001b); the parsed strings are the exact text."""
    out, err = run_on_hostile(command, rest)
    assert b"\x1b" not in out and b"\x00" not in out and unsafe_bytes(err) == []
    data = json.loads(out)
    text = load_article(hostile_file).text
    if command == "speakers":
        quotes = [q for s in data["speakers"] for q in s["quotes"]] + data["unattributed"]
        assert quotes
        for q in quotes:
            assert text[q["start"] : q["end"]] == q["text"]
    if command == "notes":
        (note,) = data["annotations"]
        assert note["note"] == NOTE and note["quote"] == "fight"


def test_a_note_with_hostile_text_is_stored_exactly(with_note: Path, hostile_file: Path) -> None:
    from reader.notes.store import NoteStore

    with NoteStore(with_note) as store:
        (a,) = store.for_article(load_article(hostile_file))
    assert a.note == NOTE and a.tags == TAGS


# -- size limits -----------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_with_its_size(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """A sparse file one byte over 100 MB: no disk or memory is used to make it."""
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(ArticleError, match="too large"):
        load_article(big)
    for argv in (["glossary", str(big)], ["speakers", str(big)], [str(big)]):
        command = argv[0]
        if command in ("glossary", "speakers") and not _available(command):
            continue
        code, out, err = run_cli(capsysbinary, *argv)
        assert code == 2, argv
        lines = err.decode().splitlines()
        assert len(lines) == 1 and lines[0].startswith("reader: error:"), err
        assert "too large" in lines[0] and "100" in lines[0] and "MB" in lines[0]
        assert out == b""


@pytest.mark.slow
def test_a_file_exactly_at_the_limit_is_not_refused_for_its_size(tmp_path: Path) -> None:
    """The boundary: MAX_BYTES is allowed (a sparse file of NULs is then refused as binary)."""
    big = tmp_path / "edge.txt"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES)
    with pytest.raises(ArticleError) as info:
        load_article(big)
    assert "too large" not in str(info.value) and "binary" in str(info.value)


def test_one_megabyte_single_line_parses_fast() -> None:
    text = ("A line with no newline, UN and NATO said \u201cquote\u201d. " * 20_000)[:1_000_000]
    t0 = time.perf_counter()
    article = checks.check_article(text)
    elapsed = time.perf_counter() - t0
    assert len(article.blocks) == 1
    assert elapsed < 5.0, f"parse of a 1 MB line took {elapsed:.1f} s"


QUOTE_FLOODS = {
    "straight": '"' * 10_000,
    "curly": "\u201c" * 10_000,
    "curly-closing": "\u201d" * 10_000,
    "spaced": '" ' * 10_000,
    "alternating": '"a" ' * 10_000,
    "with-paragraphs": '"He said\n\n' * 10_000,
    "odd-nested": "\"'\u2018" * 3_334,
}


@pytest.mark.parametrize("name", sorted(QUOTE_FLOODS))
def test_ten_thousand_quote_marks(name: str) -> None:
    article = checks.check_article("Title\n\n" + QUOTE_FLOODS[name])
    checks.check_quotes(article)
    checks.check_glossary(article)


@pytest.mark.slow
@pytest.mark.parametrize(
    "line",
    [
        "x" * 1_000_000,
        ("ABC DEF " * 130_000)[:1_000_000],
        ("The UN said \u201cyes\u201d and left. " * 40_000)[:1_000_000],
    ],
    ids=["one-word", "all-caps", "quotes-and-acronyms"],
)
def test_one_megabyte_single_line_analysis_finishes(line: str) -> None:
    """A 1 MB paragraph with no newline: both analysers finish within a minute each."""
    article = parse_article(line)
    for name, module, func in (
        ("glossary", "reader.analysis.glossary", "build_glossary"),
        ("quotes", "reader.analysis.quotes", "analyse_quotes"),
    ):
        mod = checks.optional(module)
        if mod is None:
            continue
        t0 = time.perf_counter()
        getattr(mod, func)(article)
        elapsed = time.perf_counter() - t0
        print(f"{name}: {elapsed:.2f} s on a 1 MB line")
        assert elapsed < 60, f"{name} took {elapsed:.0f} s on a 1 MB line"
