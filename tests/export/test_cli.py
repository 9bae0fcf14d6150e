"""`reader export` and `reader import` end to end, on a real notes database in a temp folder."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reader.article import bundled_article_path, load_article
from reader.cli import main
from reader.export import from_web_annotations
from reader.notes.store import NoteStore
from tests.export.helpers import annotate, orphan
from tests.export.mdcheck import parse


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database holding four annotations on the bundled article (one with a note, one orphan)."""
    path = tmp_path / "notes.json"
    art = load_article(bundled_article_path())
    with NoteStore(path) as store:
        store.add(annotate(art, "ring of steel", ident="c1", tags=("security",), color="green"))
        store.add(annotate(art, "To avenge its defeat in Iraq", ident="c2", note="Revenge?"))
        store.add(annotate(art, "massive security failure", ident="c3", tags=("Security",)))
        store.add(orphan(art, "not in the article any more", ident="c4", start=40))
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_json_to_stdout_round_trips(db, capsys):
    code, out, err = run(capsys, "export", "--db", str(db), "--format", "json")
    assert code == 0, err
    items = from_web_annotations(json.loads(out))
    with NoteStore(db) as store:
        saved = store.for_article(load_article(bundled_article_path()))
    assert sorted(items, key=lambda a: a.id) == sorted(saved, key=lambda a: a.id)
    assert [a.id for a in items] == ["c4", "c1", "c3", "c2"]  # text order by saved offsets


def test_export_filters_apply_to_json(db, capsys):
    code, out, _ = run(capsys, "export", "--db", str(db), "--format", "json", "--tag", "security")
    assert code == 0
    assert [a.id for a in from_web_annotations(json.loads(out))] == ["c1", "c3"]
    code, out, _ = run(capsys, "export", "--db", str(db), "--format", "json", "--only-notes")
    assert [a.id for a in from_web_annotations(json.loads(out))] == ["c2"]


def test_export_to_file_is_atomic_and_says_where(db, tmp_path, capsys):
    target = tmp_path / "out" / "notes.json"
    target.parent.mkdir()
    target.write_text("old contents")
    code, out, err = run(capsys, "export", "--db", str(db), "-o", str(target))
    assert code == 0 and out == ""
    assert err == f"reader: wrote 4 highlights (json) to {target}\n"
    assert json.loads(target.read_text())["total"] == 4
    assert sorted(p.name for p in target.parent.iterdir()) == ["notes.json"]


def test_export_errors_are_one_line(db, tmp_path, capsys):
    code, _, err = run(capsys, "export", "--db", str(db), "--format", "json", "--group-by", "tag")
    assert code == 2 and err == "reader: error: --group-by applies to the Markdown export only\n"
    code, _, err = run(capsys, "export", str(tmp_path / "missing.txt"), "--db", str(db))
    assert code == 2 and "no such file" in err and err.count("\n") == 1
    code, _, err = run(capsys, "export", "--db", str(db), "-o", str(tmp_path / "no" / "x.json"))
    assert code == 2 and err.startswith("reader: error: cannot write") and err.count("\n") == 1


def test_import_is_idempotent_and_counts(db, tmp_path, capsys):
    exported = tmp_path / "export.json"
    assert run(capsys, "export", "--db", str(db), "-o", str(exported))[0] == 0
    fresh = tmp_path / "fresh.json"
    code, out, err = run(capsys, "import", str(exported), "--db", str(fresh))
    assert code == 0, err
    assert out == f"{exported}: 4 added, 0 updated, 0 unchanged\n"
    code, out, _ = run(capsys, "import", str(exported), "--db", str(fresh))
    assert out == f"{exported}: 0 added, 0 updated, 4 unchanged\n"
    with NoteStore(db) as a, NoteStore(fresh) as b:
        assert sorted(a.annotations(), key=lambda x: x.id) == sorted(
            b.annotations(), key=lambda x: x.id
        )
    # Exporting the restored database gives the same file, byte for byte.
    again = tmp_path / "again.json"
    assert run(capsys, "export", "--db", str(fresh), "-o", str(again))[0] == 0
    assert again.read_bytes() == exported.read_bytes()


def _edit_record(path: Path, ident: str, **changes: str) -> None:
    data = json.loads(path.read_text())
    for item in data["items"]:
        if item["id"] == f"urn:reader:annotation:{ident}":
            item.update(changes)
            item["body"] = [{"type": "TextualBody", "purpose": "commenting", "value": "edited"}]
    path.write_text(json.dumps(data))


def test_import_merges_by_id_newer_wins(db, tmp_path, capsys):
    exported = tmp_path / "export.json"
    run(capsys, "export", "--db", str(db), "-o", str(exported))
    _edit_record(exported, "c1", modified="2099-01-01T00:00:00.000Z")  # newer than the database
    _edit_record(exported, "c3", modified="2000-01-01T00:00:00.000Z")  # older than the database
    code, out, _ = run(capsys, "import", str(exported), "--db", str(db))
    assert code == 0
    assert out == (
        f"{exported}: 0 added, 1 updated, 3 unchanged (1 kept because the saved copy is newer)\n"
    )
    with NoteStore(db) as store:
        assert store.get("c1").note == "edited"
        assert store.get("c3").note == ""


def test_malformed_import_changes_nothing(db, tmp_path, capsys):
    exported = tmp_path / "export.json"
    run(capsys, "export", "--db", str(db), "-o", str(exported))
    data = json.loads(exported.read_text())
    for i, item in enumerate(data["items"]):
        item["id"] = f"urn:reader:annotation:new{i}"  # all would be added ...
    del data["items"][2]["target"]["selector"][1]  # ... but record 3 is broken
    exported.write_text(json.dumps(data))
    before = db.read_bytes()
    code, out, err = run(capsys, "import", str(exported), "--db", str(db))
    assert code == 2 and out == ""
    assert err == (
        f"reader: error: {exported}: record 3: target has no TextPositionSelector; "
        "nothing was imported\n"
    )
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"items": [1,', "not valid JSON (line 1, column 14"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'"just a string"', "not a Web Annotation file"),
        (b'{"type": "AnnotationCollection", "items": [{"type": "Annotation"}]}', "record 1: "),
    ],
)
def test_bad_import_files(db, tmp_path, capsys, content, reason):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    before = db.read_bytes()
    code, _, err = run(capsys, "import", str(bad), "--db", str(db))
    assert code == 2 and reason in err and err.count("\n") == 1
    assert db.read_bytes() == before


def test_import_missing_file(db, tmp_path, capsys):
    code, _, err = run(capsys, "import", str(tmp_path / "nope.json"), "--db", str(db))
    assert code == 2 and err == f"reader: error: {tmp_path / 'nope.json'}: no such file\n"


def test_export_markdown_cli(db, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    code, out, err = run(capsys, "export", "--db", str(db))
    assert code == 0, err
    doc = parse(out)
    assert doc.front["exported"] == "2023-11-14T22:13:20.000Z"
    assert doc.front["highlights"] == 4 and doc.front["orphans"] == 1
    assert len(doc.quotes) == 4
    speakers = {q.text: q.speaker for q in doc.quotes}
    assert speakers["To avenge its defeat in Iraq"] == (
        "Jawed Kohistani, a Kabul-based security analyst"
    )
    assert speakers["ring of steel"] is None
    code, again, _ = run(capsys, "export", "--db", str(db))
    assert again == out
    code, grouped, _ = run(capsys, "export", "--db", str(db), "--group-by", "speaker")
    assert code == 0 and "## Jawed Kohistani" in grouped


def test_export_without_database_is_empty(tmp_path, capsys):
    code, out, _ = run(capsys, "export", "--db", str(tmp_path / "none.json"), "--format", "json")
    assert code == 0 and json.loads(out)["items"] == []


def test_annotations_keep_identity(db):
    # The fixture's orphan really is an orphan once anchored (guards the tests above).
    with NoteStore(db) as store:
        found = {a.id: a for a in store.for_article(load_article(bundled_article_path()))}
    assert found["c4"].is_orphan and not found["c1"].is_orphan
    assert replace(found["c1"], tags=("security",)) == found["c1"]
