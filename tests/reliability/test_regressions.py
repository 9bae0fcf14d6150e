"""One regression test per bug found by the reliability work (numbered as in docs/reliability.md).

A bug whose fix lies in another helper's file is marked `xfail(strict=True)`: the test documents
the bug now and turns red (XPASS) the day the fix lands, so the marker is removed then.
"""

from __future__ import annotations

import gc
import json
import time
from pathlib import Path

import pytest

from reader.article import parse_article
from reader.cli import main
from reader.safety import printable
from tests.reliability import checks
from tests.reliability.hostile import ARTICLE, NOTE, unsafe_bytes

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _export_json(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> tuple[Path, Path]:
    """An article, a database with one note, and its JSON export file."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "db.json"
    assert main(["notes", "add", str(article), "--db", str(db), "--quote", "fight"]) == 0
    out = tmp_path / "export.json"
    assert main(["export", str(article), "--db", str(db), "--format", "json", "-o", str(out)]) == 0
    capsysbinary.readouterr()
    return db, out


def test_bug1_import_of_a_lone_surrogate_is_a_clean_error(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """`"\\ud800"` is valid JSON but not encodable text: refused, no traceback, nothing written.

    Found: TypeError from orjson in AtomicJSONStorage._commit. Fixed in reader.notes.storage."""
    db, export = _export_json(tmp_path, capsysbinary)
    data = json.loads(export.read_text(encoding="utf-8"))
    data["items"][0]["id"] = "urn:reader:annotation:new1"
    data["items"][0]["body"] = [
        {"type": "TextualBody", "purpose": "commenting", "value": "bad \ud800 text"}
    ]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")  # ensure_ascii: "\ud800" escaped
    before = db.read_bytes()
    code = main(["import", str(bad), "--db", str(db)])
    _, err = capsysbinary.readouterr()
    assert code in (1, 2)
    assert err.decode().startswith("reader: error:") and len(err.decode().splitlines()) == 1
    assert db.read_bytes() == before


def test_bug2_note_from_undecodable_argv_is_a_clean_error(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """`reader notes add --note $'\\xff'`: Python decodes argv with surrogateescape.

    Found: the same TypeError (a traceback). Fixed with bug 1."""
    db, _ = _export_json(tmp_path, capsysbinary)
    before = db.read_bytes()
    article = tmp_path / "a.txt"
    code = main(
        [
            "notes",
            "add",
            str(article),
            "--db",
            str(db),
            "--quote",
            "fight",
            "--note",
            "bad \udcff byte",
        ]
    )
    _, err = capsysbinary.readouterr()
    assert code in (1, 2)
    assert err.decode().startswith("reader: error:") and len(err.decode().splitlines()) == 1
    assert db.read_bytes() == before


def test_bug3_printable_replaces_the_arabic_letter_mark() -> None:
    """U+061C is a bidi control (Bidi_Control=Yes) like LRM/RLM: it must be made visible."""
    assert printable("a\u061cb") != "a\u061cb"
    assert len(printable("a\u061cb")) == 3


JSON_COMMANDS = [
    ["speakers", "{path}", "--json"],
    ["notes", "list", "{path}", "--db", "{db}", "--json"],
    ["export", "{path}", "--db", "{db}", "--format", "json"],
]


@pytest.mark.parametrize("argv", JSON_COMMANDS, ids=[a[0] for a in JSON_COMMANDS])
def test_bug4_json_output_escapes_c1_and_bidi_controls(
    argv: list[str], tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """C1 (e.g. U+009B, a one-character CSI in terminals that honour C1) and bidi controls are
    written raw by `json.dumps(ensure_ascii=False)` / orjson; they must be \\u-escaped."""
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "db.json"
    assert (
        main(["notes", "add", str(path), "--db", str(db), "--quote", "fight", "--note", NOTE]) == 0
    )
    capsysbinary.readouterr()
    assert main([a.format(path=path, db=db) for a in argv]) == 0
    out, _ = capsysbinary.readouterr()
    json.loads(out)
    assert unsafe_bytes(out) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "unit",
    [
        # quotes with no sentence break between them (a 1 MB line took 190 s)
        'word UN said "hi" ',
        # one paragraph of many sentences, each with a quote nobody is credited with (bug 9:
        # every quote copied the paragraph up to itself)
        'Then came "number one is here now." and more. ',
    ],
)
def test_bug5_quotes_scale_linearly_in_one_long_sentence(unit: str) -> None:
    """Many quotes in one endless line. 8x the text must not take more than 16x the time
    (linear: ~8x; the bugs: ~30x and more)."""
    quotes = checks.optional("reader.analysis.quotes")
    if quotes is None:
        pytest.skip("reader.analysis.quotes not in this build")

    def timed(size: int) -> float:
        """Best of three, collector paused: a ratio of single runs on a busy CI machine swung
        from 7x to 18x for the same code."""
        article = parse_article((unit * (size // len(unit) + 1))[:size])
        best = float("inf")
        for _ in range(3):
            gc.collect()
            gc.disable()
            try:
                t0 = time.perf_counter()
                quotes.analyse_quotes(article)
                best = min(best, time.perf_counter() - t0)
            finally:
                gc.enable()
        return best

    small, large = timed(25_000), timed(200_000)
    print(f"analyse_quotes: 25 KB {small:.2f} s, 200 KB {large:.2f} s, ratio {large / small:.1f}")
    assert large / small < 16


@pytest.mark.parametrize("text", ["Title\n\n# #\n\nBody.", "# #", "Title\n\n## ##\n\nBody."])
def test_bug7_no_empty_blocks_from_hash_only_headings(text: str) -> None:
    """Found by the fuzzer (seed 0, CI slice). Every block must show something; an empty heading
    also counts as a paragraph in the status line (¶ 3/4 for two visible paragraphs)."""
    article = parse_article(text)
    assert all(b.end > b.start for b in article.blocks), article.blocks
