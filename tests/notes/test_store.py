"""NoteStore: CRUD, ids, positions, migrations, damaged and unwritable databases, re-anchoring."""

from __future__ import annotations

import errno
import json
import os
import re
import threading
from dataclasses import replace
from pathlib import Path

import orjson
import pytest
from tinydb import TinyDB

from reader.notes import storage as storage_mod
from reader.notes.migrations import CURRENT_VERSION
from reader.notes.model import AnchorStatus, Annotation
from reader.notes.store import (
    AmbiguousIdError,
    ImportResult,
    NoteNotFoundError,
    NoteStore,
    ReadOnlyStoreError,
    StoreError,
)
from tests.notes.helpers import TEXT, make_article, make_note

QUOTE_A = "the new checkpoints would stay in place"
QUOTE_B = "described the attacks as a test of the army's resolve"
QUOTE_C = "the curfew had cut them off"


def raw(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# -- CRUD ----------------------------------------------------------------------------------------
def test_add_get_update_delete_and_reopen(db_path: Path) -> None:
    art = make_article()
    store = NoteStore(db_path)
    assert store.notice == "" and not store.read_only
    b = store.add(make_note(art, QUOTE_B, note="second", tags=("#war", "army ops", "war")))
    a = store.add(make_note(art, QUOTE_A, note="first", color="green"))
    assert b.tags == ("war", "army-ops")  # normalised on the way in
    assert b.created and b.updated
    assert [n.id for n in store.annotations(art.sha256)] == [a.id, b.id]  # text order
    assert store.get(a.id) == a

    edited = store.update(a.with_changes(note="changed", color="blue"))
    assert store.get(a.id).note == "changed"
    assert edited.updated >= a.updated

    gone = store.delete(b.id)
    assert gone == b  # what was deleted comes back, for undo
    with pytest.raises(NoteNotFoundError):
        store.get(b.id)
    store.close()

    again = NoteStore(db_path)
    assert again.annotations() == [edited]
    assert again.annotations("0" * 64) == []
    again.close()


def test_documents_are_keyed_by_our_ids(db_path: Path) -> None:
    art = make_article()
    with NoteStore(db_path) as store:
        a = store.add(make_note(art, QUOTE_A))
    data = raw(db_path)
    assert set(data) >= {"annotations", "meta"}
    assert list(data["annotations"]) == [a.id]
    assert data["annotations"][a.id]["target"]["exact"] == QUOTE_A
    assert data["meta"]["schema"]["schema_version"] == CURRENT_VERSION


def test_missing_id_is_filled_and_duplicates_refused(db_path: Path) -> None:
    art = make_article()
    with NoteStore(db_path) as store:
        a = store.add(replace(make_note(art, QUOTE_A), id=""))
        assert a.id
        with pytest.raises(StoreError, match="already exists"):
            store.add(a)
        with pytest.raises(StoreError, match="colour"):
            store.add(replace(make_note(art, QUOTE_B), color="red"))
        with pytest.raises(NoteNotFoundError):
            store.update(make_note(art, QUOTE_C))
        with pytest.raises(NoteNotFoundError):
            store.delete("nope")
        assert len(store.annotations()) == 1


def test_unique_prefix_and_ambiguous_prefix(db_path: Path) -> None:
    art = make_article()
    with NoteStore(db_path) as store:
        store.add(replace(make_note(art, QUOTE_A), id="abc123"))
        store.add(replace(make_note(art, QUOTE_B), id="abc456"))
        assert store.get("abc1").id == "abc123"
        with pytest.raises(AmbiguousIdError, match="matches 2"):
            store.get("abc")
        with pytest.raises(NoteNotFoundError):
            store.get("zzz")
        assert store.delete("abc4").id == "abc456"


def test_import_many_counts_and_is_all_or_nothing(db_path: Path) -> None:
    art = make_article()
    with NoteStore(db_path) as store:
        a = store.add(make_note(art, QUOTE_A))
        b = store.add(make_note(art, QUOTE_B))
        c = make_note(art, QUOTE_C)
        commits = store._storage.commits
        result = store.import_many([a, replace(b, note="new text"), c])
        assert result == ImportResult(added=1, updated=1, unchanged=1)
        assert store._storage.commits == commits + 1  # one write
        assert store.get(b.id).note == "new text"

        bad = replace(make_note(art, QUOTE_C), color="not-a-colour")
        with pytest.raises(StoreError):
            store.import_many([make_note(art, QUOTE_A), bad])
        assert len(store.annotations()) == 3


def test_import_many_keeps_a_saved_copy_edited_later(db_path: Path) -> None:
    """An import never overwrites a note edited after the exported copy (checked under the lock,
    so an edit from another window in between is safe too)."""
    art = make_article()
    with NoteStore(db_path) as store:
        saved = store.add(make_note(art, QUOTE_A))
        stale = replace(saved, note="old text", updated="2000-01-01T00:00:00.000Z")
        result = store.import_many([stale])
        assert result == ImportResult(added=0, updated=0, unchanged=1, kept_newer=1)
        assert store.get(saved.id).note == saved.note
        fresh = replace(saved, note="newer text", updated="2999-01-01T00:00:00.000Z")
        assert store.import_many([fresh]) == ImportResult(added=0, updated=1, unchanged=0)
        assert store.get(saved.id).note == "newer text"


def test_import_many_failure_during_write_leaves_file_untouched(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    art = make_article()
    with NoteStore(db_path) as store:
        store.add(make_note(art, QUOTE_A))
        before = db_path.read_bytes()

        def boom(src: object, dst: object) -> None:
            raise OSError(errno.EIO, "I/O error")

        monkeypatch.setattr(storage_mod.os, "replace", boom)
        with pytest.raises(StoreError, match="I/O error"):
            store.import_many([make_note(art, QUOTE_B), make_note(art, QUOTE_C)])
        monkeypatch.undo()
        assert db_path.read_bytes() == before
        assert len(store.annotations()) == 1  # the cache was not left holding the failed change
        assert not [p for p in db_path.parent.iterdir() if ".tmp-" in p.name]


def test_positions(db_path: Path) -> None:
    with NoteStore(db_path) as store:
        assert store.get_position("a" * 64) is None
        store.set_position("a" * 64, 120)
        store.set_position("b" * 64, 7)
        commits = store._storage.commits
        store.set_position("a" * 64, 120)  # unchanged: no write
        assert store._storage.commits == commits
    with NoteStore(db_path) as store:
        assert store.get_position("a" * 64) == 120
        assert store.get_position("b" * 64) == 7
    assert set(raw(db_path)["positions"]) == {"a" * 64, "b" * 64}


def test_every_write_is_fsynced_file_and_folder(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = NoteStore(db_path)
    synced: list[int] = []
    real = os.fsync

    def spy(fd: int) -> None:
        synced.append(fd)
        real(fd)

    monkeypatch.setattr(storage_mod.os, "fsync", spy)
    store.add(make_note(make_article(), QUOTE_A))
    assert len(synced) >= 2  # the temp file, then the folder after the rename
    store.close()


def test_closed_store_refuses(db_path: Path) -> None:
    store = NoteStore(db_path)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.annotations()


def test_reader_db_environment_and_explicit_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_DB", str(tmp_path / "env.json"))
    with NoteStore() as store:
        assert store.path == tmp_path / "env.json"
        store.set_position("c" * 64, 1)
    assert (tmp_path / "env.json").exists()
    with NoteStore(tmp_path / "explicit.json") as store:
        assert store.path == tmp_path / "explicit.json"


# -- concurrency within one process ---------------------------------------------------------------
def test_two_instances_lose_no_update(db_path: Path) -> None:
    art = make_article()
    one, two = NoteStore(db_path), NoteStore(db_path)
    a = one.add(make_note(art, QUOTE_A))
    b = two.add(make_note(art, QUOTE_B))  # two's cache predates a: it must re-read first
    c = one.add(make_note(art, QUOTE_C))
    assert {n.id for n in two.annotations()} == {a.id, b.id, c.id}
    two.delete(a.id)
    one.update(c.with_changes(note="from one"))
    assert {n.id for n in one.annotations()} == {b.id, c.id}
    assert two.get(c.id).note == "from one"
    one.close()
    two.close()


def test_threads_share_a_store(db_path: Path) -> None:
    art = make_article()
    store = NoteStore(db_path)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(15):
                store.add(make_note(art, QUOTE_A))
                store.annotations(art.sha256)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(store.annotations()) == 60
    store.close()
    assert len(NoteStore(db_path).annotations()) == 60


# -- damaged, old, new and unwritable databases ---------------------------------------------------
@pytest.mark.parametrize(
    "content",
    [
        b'{"annotations": {"x": {"id": "x", "tar',
        b"[1, 2, 3]",
        b'{"annotations": [1]}',
        b'{"annotations": {"x": 5}}',
        b"\xff\xfe\x00garbage",
    ],
    ids=["truncated", "list", "table-list", "doc-int", "binary"],
)
def test_corrupt_database_is_moved_aside(db_path: Path, content: bytes) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    store = NoteStore(db_path)
    aside = [p for p in db_path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1
    assert re.fullmatch(r"notes\.json\.corrupt-\d{8}T\d{6}", aside[0].name)
    assert aside[0].read_bytes() == content  # kept byte for byte
    assert str(aside[0]) in store.notice
    assert not store.read_only
    store.add(make_note(make_article(), QUOTE_A))  # a fresh database works
    assert len(raw(db_path)["annotations"]) == 1
    store.close()


def test_second_corruption_does_not_overwrite_the_first(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"{ first")
    NoteStore(db_path).close()
    db_path.write_bytes(b"{ second")
    NoteStore(db_path).close()
    saved = sorted(p.read_bytes() for p in db_path.parent.iterdir() if ".corrupt-" in p.name)
    assert saved == [b"{ first", b"{ second"]


def test_unreadable_record_is_skipped_and_kept(db_path: Path) -> None:
    art = make_article()
    with NoteStore(db_path) as store:
        a = store.add(make_note(art, QUOTE_A))
    data = raw(db_path)
    data["annotations"]["broken"] = {"id": "broken", "article": "not an object"}
    db_path.write_text(json.dumps(data))
    with NoteStore(db_path) as store:
        assert [n.id for n in store.annotations()] == [a.id]
        assert "unreadable" in store.notice
        store.add(make_note(art, QUOTE_B))
    assert "broken" in raw(db_path)["annotations"]


def test_stale_temp_files_are_removed_on_open(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    stale = db_path.parent / ".notes.json.tmp-4242-deadbeef"
    stale.write_bytes(b'{"half": ')
    other = db_path.parent / "notes.json.bak"
    other.write_bytes(b"keep me")
    NoteStore(db_path).close()
    assert not stale.exists()
    assert other.exists()


def test_migration_from_v0_prototype_layout(db_path: Path) -> None:
    art = make_article()
    db_path.parent.mkdir(parents=True)
    start = TEXT.index(QUOTE_B)
    with TinyDB(db_path) as old:  # the prototype used TinyDB's defaults
        old.insert(
            {
                "sha256": art.sha256,
                "path": "",
                "title": art.title,
                "quote": QUOTE_B,
                "prefix": TEXT[start - 20 : start],
                "suffix": TEXT[start + len(QUOTE_B) :][:20],
                "start": start,
                "end": start + len(QUOTE_B),
                "color": "pink",
                "note": "old note",
                "tags": "war, army ops",
                "created": "2025-01-02T03:04:05Z",
            }
        )
        old.insert({"sha256": art.sha256, "quote": "", "start": "x"})  # unusable
        old.table("positions").insert({"sha256": art.sha256, "offset": 99})
    before = db_path.read_bytes()

    store = NoteStore(db_path)
    assert "upgraded from schema v0" in store.notice
    (note,) = store.for_article(art)
    assert note.target.exact == QUOTE_B and note.color == "pink" and note.note == "old note"
    assert note.tags == ("war", "army-ops")
    assert note.anchor.status is AnchorStatus.EXACT
    assert store.get_position(art.sha256) == 99
    store.close()
    data = raw(db_path)
    assert data["meta"]["schema"]["schema_version"] == CURRENT_VERSION
    assert "_default" not in data
    assert list(data["unmigrated"].values()) == [{"sha256": art.sha256, "quote": "", "start": "x"}]
    assert (db_path.parent / "notes.json.v0-backup").read_bytes() == before
    # Opening again does not migrate again.
    assert "upgraded" not in NoteStore(db_path).notice


def test_newer_schema_is_read_only(db_path: Path) -> None:
    art = make_article()
    with NoteStore(db_path) as store:
        store.add(make_note(art, QUOTE_A))
    data = raw(db_path)
    data["meta"]["schema"]["schema_version"] = CURRENT_VERSION + 1
    db_path.write_text(json.dumps(data))
    before = db_path.read_bytes()
    store = NoteStore(db_path)
    assert store.read_only and "newer" in store.notice
    assert len(store.annotations()) == 1
    with pytest.raises(ReadOnlyStoreError):
        store.add(make_note(art, QUOTE_B))
    assert db_path.read_bytes() == before


def test_database_path_is_a_directory(db_path: Path) -> None:
    db_path.mkdir(parents=True)
    (db_path / "inside").write_text("keep")
    store = NoteStore(db_path)
    assert store.read_only
    assert "is a directory" in store.notice
    assert store.annotations() == []
    assert store.for_article(make_article()) == []
    with pytest.raises(ReadOnlyStoreError, match="directory"):
        store.add(make_note(make_article(), QUOTE_A))
    assert (db_path / "inside").read_text() == "keep"


def _deny_writes_in(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulate a read-only folder (chmod does not stop root): creating or renaming into it
    fails with EACCES, in our code and in filelock alike."""
    real_open, real_replace = os.open, os.replace

    def fake_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR) and Path(str(path)).parent == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    def fake_replace(src: object, dst: object) -> None:
        if Path(str(dst)).parent == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "replace", fake_replace)


def test_read_only_folder_serves_reads_and_refuses_writes(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    art = make_article()
    with NoteStore(db_path) as store:
        a = store.add(make_note(art, QUOTE_A))
    os.unlink(db_path.with_name("notes.json.lock"))  # a folder that never had a lock file
    before = db_path.read_bytes()
    _deny_writes_in(db_path.parent, monkeypatch)
    store = NoteStore(db_path)
    assert store.read_only
    assert "permission denied" in store.notice
    assert [n.id for n in store.for_article(art)] == [a.id]
    with pytest.raises(ReadOnlyStoreError, match="permission denied"):
        store.add(make_note(art, QUOTE_B))
    with pytest.raises(ReadOnlyStoreError):
        store.set_position(art.sha256, 5)
    assert db_path.read_bytes() == before
    monkeypatch.undo()
    store.add(make_note(art, QUOTE_B))  # writable again: it recovers by itself
    assert not store.read_only
    assert len(NoteStore(db_path).annotations()) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_folder_for_real(db_path: Path) -> None:  # pragma: no cover - non-root CI
    art = make_article()
    with NoteStore(db_path) as store:
        store.add(make_note(art, QUOTE_A))
    os.unlink(db_path.with_name("notes.json.lock"))
    db_path.parent.chmod(0o555)
    try:
        store = NoteStore(db_path)
        assert store.read_only and len(store.annotations()) == 1
        with pytest.raises(ReadOnlyStoreError):
            store.add(make_note(art, QUOTE_B))
    finally:
        db_path.parent.chmod(0o755)


def test_disk_full_keeps_old_file_and_serves_reads(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    art = make_article()
    store = NoteStore(db_path)
    a = store.add(make_note(art, QUOTE_A))
    before = db_path.read_bytes()
    real_write = os.write
    calls = {"n": 0}

    def full(fd: int, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 1:  # a partial write first, as a nearly full disk does
            return real_write(fd, bytes(data)[:10])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage_mod.os, "write", full)
    with pytest.raises(ReadOnlyStoreError, match="disk is full"):
        store.add(make_note(art, QUOTE_B, note="big"))
    assert store.read_only
    assert db_path.read_bytes() == before
    assert not [p for p in db_path.parent.iterdir() if ".tmp-" in p.name]
    assert [n.id for n in store.annotations()] == [a.id]
    monkeypatch.undo()
    store.add(make_note(art, QUOTE_B))
    assert not store.read_only
    assert len(store.annotations()) == 2
    store.close()


# -- articles and re-anchoring --------------------------------------------------------------------
def test_for_article_same_text(db_path: Path, article_file: Path) -> None:
    from reader.article import load_article

    art = load_article(article_file)
    with NoteStore(db_path) as store:
        a = store.add(make_note(art, QUOTE_A))
        commits = store._storage.commits
        assert store.for_article(art) == [a]
        assert store._storage.commits == commits  # nothing to store


def test_for_article_changed_text_reanchors_and_stores(db_path: Path, article_file: Path) -> None:
    from reader.article import load_article

    art = load_article(article_file)
    store = NoteStore(db_path)
    a = store.add(make_note(art, QUOTE_A, note="keep me"))
    c = store.add(make_note(art, QUOTE_C))
    other = store.add(make_note(make_article(TEXT + "x", path="/elsewhere.txt"), QUOTE_B))
    # The article is edited: a paragraph inserted before, the sentence with QUOTE_C removed.
    new_text = TEXT.replace("Officials", "Breaking news first.\n\nOfficials").replace(
        "Farmers near the river complained that the curfew had cut them off from the markets.\n",
        "Farmers were not asked.\n",
    )
    article_file.write_text(new_text, encoding="utf-8")
    art2 = load_article(article_file)
    notes = store.for_article(art2)
    assert [n.id for n in notes] == [a.id, c.id]  # orphans after the anchored ones
    moved, orphan = notes
    assert moved.anchor.status is AnchorStatus.MOVED and moved.note == "keep me"
    assert new_text[moved.start : moved.end] == QUOTE_A
    assert moved.article.sha256 == art2.sha256
    assert orphan.anchor.status is AnchorStatus.ORPHAN
    assert orphan.target == c.target and orphan.article == c.article  # kept, not moved
    store.close()

    reopened = NoteStore(db_path)
    stored = {n.id: n for n in reopened.annotations()}
    assert stored[a.id].article.sha256 == art2.sha256
    assert stored[a.id].start == moved.start
    assert stored[c.id].anchor.status is AnchorStatus.ORPHAN
    assert stored[other.id] == other  # another article's note is untouched
    # Put the sentence back: the orphan is found again.
    article_file.write_text(TEXT, encoding="utf-8")
    back = {n.id: n for n in reopened.for_article(load_article(article_file))}
    assert back[c.id].anchor.status is AnchorStatus.EXACT
    assert back[a.id].anchor.status is AnchorStatus.MOVED
    assert TEXT[back[a.id].start : back[a.id].end] == QUOTE_A
    reopened.close()


def test_for_article_finds_a_copy_by_sha(db_path: Path, tmp_path: Path) -> None:
    art = make_article(path=str(tmp_path / "one.txt"))
    copy = make_article(path=str(tmp_path / "two.txt"))
    with NoteStore(db_path) as store:
        a = store.add(make_note(art, QUOTE_A))
        assert store.for_article(copy) == [a]


def test_for_article_in_read_only_mode_returns_but_does_not_store(
    db_path: Path, article_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.article import load_article

    art = load_article(article_file)
    with NoteStore(db_path) as store:
        store.add(make_note(art, QUOTE_A))
    before = db_path.read_bytes()
    article_file.write_text("New first line.\n\n" + TEXT, encoding="utf-8")
    os.unlink(db_path.with_name("notes.json.lock"))
    _deny_writes_in(db_path.parent, monkeypatch)
    store = NoteStore(db_path)
    (note,) = store.for_article(load_article(article_file))
    assert note.anchor.status is AnchorStatus.MOVED
    assert db_path.read_bytes() == before


def test_for_article_does_not_clobber_a_concurrent_edit(db_path: Path, article_file: Path) -> None:
    from reader.article import load_article

    art = load_article(article_file)
    one = NoteStore(db_path)
    a = one.add(make_note(art, QUOTE_A))
    article_file.write_text("New first line.\n\n" + TEXT, encoding="utf-8")
    art2 = load_article(article_file)
    two = NoteStore(db_path)
    # `two` computes new anchors from a stale view while `one` edits the note meanwhile.
    original = two._store_anchors

    def edit_first(changed: dict) -> None:  # type: ignore[type-arg]
        one.update(a.with_changes(note="edited meanwhile"))
        original(changed)

    two._store_anchors = edit_first  # type: ignore[method-assign]
    two.for_article(art2)
    assert one.get(a.id).note == "edited meanwhile"


def test_annotation_round_trip_through_the_file(db_path: Path) -> None:
    art = make_article()
    note = make_note(art, QUOTE_B, note="multi\nline **markdown** \x1b[31m", tags=("a", "b"))
    with NoteStore(db_path) as store:
        saved = store.add(note)
    back = NoteStore(db_path).get(saved.id)
    assert back == saved
    assert (
        Annotation.from_record(orjson.loads(db_path.read_bytes())["annotations"][saved.id]) == saved
    )


# -- the storage class ---------------------------------------------------------------------------
def test_file_is_a_tinydb_database(db_path: Path) -> None:
    from tinydb import Query

    from reader.notes.storage import NotesTinyDB

    art = make_article()
    with NoteStore(db_path) as store:
        a = store.add(make_note(art, QUOTE_A, note="n1"))
        store.set_position(art.sha256, 3)
    with NotesTinyDB(db_path) as db:
        assert db.tables() == {"annotations", "meta", "positions"}
        (doc,) = db.table("annotations").search(Query().note == "n1")
        assert doc.doc_id == a.id
        # TinyDB's own table writes go through the same atomic, locked storage.
        db.table("annotations").update({"note": "via tinydb"}, Query().id == a.id)
    with NoteStore(db_path) as store:
        assert store.get(a.id).note == "via tinydb"
        store.update(store.get(a.id).with_changes(color="green"))
    with TinyDB(db_path, access_mode="r") as plain:  # TinyDB's default JSONStorage parses it
        assert len(plain.table("annotations")) == 1
    assert json.loads(db_path.read_text())["annotations"][a.id]["color"] == "green"


def test_serialisation_memo_never_writes_stale_documents(db_path: Path) -> None:
    """After any mix of operations (including TinyDB's in-place table updates) the file holds
    exactly what the store holds."""
    from tinydb import Query

    from reader.notes.storage import NotesTinyDB

    art = make_article()
    store = NoteStore(db_path)
    notes = [store.add(make_note(art, QUOTE_A, note=str(i))) for i in range(30)]
    for i, n in enumerate(notes[:10]):
        store.update(n.with_changes(note=f"edited {i}", tags=("t",)))
    for n in notes[10:15]:
        store.delete(n.id)
    store.import_many([n.with_changes(note="imported") for n in notes[20:25]])
    db = NotesTinyDB(db_path)
    db.table("annotations").update({"note": "inplace"}, Query().id == notes[29].id)
    store.update(store.get(notes[28].id).with_changes(note="after tinydb"))
    on_disk = orjson.loads(db_path.read_bytes())
    assert on_disk == store._storage.read()
    reopened = {a.id: a.note for a in NoteStore(db_path).annotations()}
    assert reopened[notes[0].id] == "edited 0"
    assert reopened[notes[20].id] == "imported"
    assert reopened[notes[29].id] == "inplace"
    assert reopened[notes[28].id] == "after tinydb"
    assert notes[12].id not in reopened
    assert len(reopened) == 25


def test_text_that_is_not_valid_unicode_is_refused_cleanly(db_path: Path) -> None:
    art = make_article()
    with NoteStore(db_path) as store:
        a = store.add(make_note(art, QUOTE_A))
        with pytest.raises(StoreError, match="not valid Unicode"):
            store.add(make_note(art, QUOTE_B, note="bad \udcff byte"))
        with pytest.raises(StoreError, match="not valid Unicode"):
            store.update(a.with_changes(tags=("ok", "\ud800")))
        # Data that slips past validation (written by TinyDB's API) is refused by the storage.
        from reader.notes.storage import AtomicJSONStorage

        raw_storage = AtomicJSONStorage(db_path)
        with pytest.raises(StoreError, match="cannot save"):
            raw_storage.write({"annotations": {"x": {"note": "\udcff"}}})
        assert [n.id for n in store.annotations()] == [a.id]
    assert [n.id for n in NoteStore(db_path).annotations()] == [a.id]


def test_upgrade_by_a_newer_reader_while_open_stops_writes(db_path: Path) -> None:
    art = make_article()
    store = NoteStore(db_path)
    store.add(make_note(art, QUOTE_A))
    data = raw(db_path)
    data["meta"]["schema"]["schema_version"] = CURRENT_VERSION + 1
    db_path.write_text(json.dumps(data))
    before = db_path.read_bytes()
    with pytest.raises(ReadOnlyStoreError, match="newer"):
        store.add(make_note(art, QUOTE_B))
    assert store.read_only
    assert db_path.read_bytes() == before
