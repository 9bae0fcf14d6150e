"""The notes store: annotations and reading positions in one TinyDB file, safe against crashes,
kills, a second open reader and a damaged file.

- Storage: `AtomicJSONStorage`, a TinyDB `Storage` (atomic replace, fsync, orjson, a
  cross-process write lock). The file is a TinyDB database (`{table: {doc_id: document}}`) that
  `TinyDB(path, storage=AtomicJSONStorage)` opens; tables `annotations`, `positions`, `meta`.
- Identity: documents are keyed by our own string ids (`new_id()`), so TinyDB's per-table cached
  integer "next id" never hands two processes the same id; positions are keyed by sha256.
- Writes change the transaction's data directly instead of through TinyDB's `Table` methods:
  `Table._update_table` copies the whole table twice per call and mutates documents in place,
  which defeats the storage's per-document serialisation memo (see the benchmark: that memo and
  orjson are what bring a write with 10,000 notes stored under the 25 ms target).
- Every write is a transaction: lock, re-read the file, change, one atomic write, unlock. It
  returns only once the new file is on disk (fsynced, renamed, folder fsynced).
- On open: leftover temp files of a killed writer are removed, a corrupt file is moved aside to
  `<name>.corrupt-<timestamp>` (never overwritten; `notice` says where), migrations run.
- When the database cannot be written (read-only folder, disk full, the path is a directory) the
  store keeps serving what it could read, `read_only` is True and writes raise ReadOnlyStoreError.

All public methods take a lock, so the UI may call them from a worker thread.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.notes.anchoring import reanchor
from reader.notes.location import resolve_db_path
from reader.notes.migrations import (
    ANNOTATIONS,
    CURRENT_VERSION,
    POSITIONS,
    Data,
    migrate,
    schema_version,
    set_schema_version,
)
from reader.notes.model import (
    COLORS,
    Anchor,
    AnchorStatus,
    Annotation,
    new_id,
    normalise_tags,
    now_iso,
)
from reader.notes.storage import (
    AtomicJSONStorage,
    CorruptDatabaseError,
    ReadOnlyStoreError,
    StoreError,
    describe_os_error,
)

if TYPE_CHECKING:
    from reader.article import Article

__all__ = [
    "AmbiguousIdError",
    "CorruptDatabaseError",
    "ImportResult",
    "NoteNotFoundError",
    "NoteStore",
    "ReadOnlyStoreError",
    "StoreError",
]


class NoteNotFoundError(StoreError):
    """No annotation has that id (or id prefix)."""


class AmbiguousIdError(StoreError):
    """An id prefix matches several annotations."""


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    #: Of `unchanged`: records left alone because the saved copy was edited more recently.
    kept_newer: int = 0


def text_order(a: Annotation) -> tuple[bool, int, int, str, str]:
    """Sort key: anchored highlights in text order, then orphans (by their saved offsets)."""
    return (a.is_orphan, a.start, a.end, a.created, a.id)


def _moved_aside_name(path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    candidate = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    return candidate


class NoteStore:
    """Annotations and reading positions in a TinyDB file (see the module docstring)."""

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, lock_timeout: float = 10.0
    ) -> None:
        self.path: Path = resolve_db_path(path)
        self.notice: str = ""
        self.read_only: bool = False
        #: Why writes are refused outright (the file cannot be written safely at all), or "".
        self._refuse_writes = ""
        #: Data served when the file cannot be read at all (path is a directory ...).
        self._detached: Data | None = None
        self._skipped = 0
        self._mutex = threading.RLock()
        self._closed = False
        self._storage = AtomicJSONStorage(self.path, lock_timeout=lock_timeout)
        self._open()

    # -- opening ---------------------------------------------------------------------------------
    def _add_notice(self, text: str) -> None:
        self.notice = f"{self.notice}; {text}" if self.notice else text

    def _go_read_only(self, reason: str, *, refuse: bool = False) -> None:
        self.read_only = True
        if refuse:
            self._refuse_writes = reason
        self._add_notice(f"{reason}; notes are read-only")

    def _open(self) -> None:
        path = self.path
        if path.is_dir():
            self._detached = {}
            self._go_read_only(f"the notes database path {path} is a directory", refuse=True)
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._go_read_only(str(describe_os_error(exc, path.parent, "create the folder")))
            self._open_without_lock()
            return
        try:
            with self._storage.locked():
                self._storage.remove_stale_temp_files()
                self._load_or_recover()
                self._run_migrations()
        except StoreError as exc:  # no lock file can be created (read-only folder), lock timeout
            self._go_read_only(str(exc))
            self._open_without_lock()

    def _open_without_lock(self) -> None:
        """Serve what can be read; nothing on disk is changed (not even a corrupt file moved)."""
        try:
            data = self._storage.read()
        except CorruptDatabaseError as exc:
            self._detached = {}
            self._go_read_only(
                f"{self.path} is damaged ({exc}) and could not be moved aside", refuse=True
            )
            return
        except OSError as exc:
            self._detached = {}
            self._go_read_only(str(describe_os_error(exc, self.path, "read")), refuse=True)
            return
        version = schema_version(data)
        if version is not None and version != CURRENT_VERSION:
            try:
                self._detached, _, _ = migrate(_copy(data))
            except ValueError as exc:
                self._detached = data
                self._go_read_only(str(exc), refuse=True)

    def _load_or_recover(self) -> None:
        """Read the file (lock held); move a corrupt one aside and start afresh."""
        try:
            self._storage.read()
        except CorruptDatabaseError as exc:
            aside = _moved_aside_name(self.path)
            try:
                os.replace(self.path, aside)
            except OSError as move_exc:
                self._detached = {}
                self._go_read_only(
                    f"{self.path} is damaged ({exc}) and could not be moved aside "
                    f"({move_exc.strerror})",
                    refuse=True,
                )
                return
            self._storage.invalidate()
            self._add_notice(
                f"the notes database was damaged ({exc}); it was moved aside to {aside} and a "
                "new one started"
            )
        except OSError as exc:
            self._detached = {}
            self._go_read_only(str(describe_os_error(exc, self.path, "read")), refuse=True)

    def _run_migrations(self) -> None:
        if self._detached is not None:
            return
        data = self._storage.read()
        version = schema_version(data)
        if version is None or version == CURRENT_VERSION:
            return  # empty or current: a new database gets its meta table with the first write
        if version > CURRENT_VERSION:
            self._go_read_only(
                f"the notes database has schema version {version}, newer than this reader "
                f"understands ({CURRENT_VERSION})",
                refuse=True,
            )
            return
        if self.path.exists():  # keep the old layout, just in case
            backup = self.path.with_name(f"{self.path.name}.v{version}-backup")
            with contextlib.suppress(OSError):
                if not backup.exists():
                    shutil.copy2(self.path, backup)
        try:
            with self._storage.transaction() as current:
                migrated, _, _ = migrate(_copy(current))
                self._storage.write(migrated)
        except ReadOnlyStoreError as exc:
            self._go_read_only(str(exc))
            migrated, _, _ = migrate(_copy(data))
            self._detached = migrated
            return
        self._add_notice(
            f"the notes database was upgraded from schema v{version} to v{CURRENT_VERSION}"
        )

    # -- plumbing --------------------------------------------------------------------------------
    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("the notes store is closed")

    def _data(self) -> Data:
        if self._detached is not None:
            return self._detached
        try:
            return self._storage.read()
        except CorruptDatabaseError as exc:
            raise StoreError(
                f"the notes database {self.path} became unreadable ({exc}); reopen to recover"
            ) from None
        except OSError as exc:
            raise describe_os_error(exc, self.path, "read") from None

    @contextlib.contextmanager
    def _write(self) -> Iterator[Data]:
        """A write transaction, or ReadOnlyStoreError; flips `read_only` on the outcome."""
        self._check_open()
        if self._refuse_writes:
            raise ReadOnlyStoreError(f"cannot save notes: {self._refuse_writes}")
        if self._detached is not None:
            raise ReadOnlyStoreError(f"cannot save notes: {self.path} is not writable")
        try:
            with self._storage.transaction() as data:
                version = schema_version(data)
                if version is None:
                    set_schema_version(data)
                elif version > CURRENT_VERSION:  # a newer reader upgraded it meanwhile
                    raise ReadOnlyStoreError(
                        f"cannot save notes: the database now has schema version {version}, "
                        f"newer than this reader understands ({CURRENT_VERSION})"
                    )
                yield data
        except CorruptDatabaseError as exc:
            raise StoreError(
                f"the notes database {self.path} became unreadable ({exc}); reopen to recover"
            ) from None
        except ReadOnlyStoreError:
            self.read_only = True
            raise
        except OSError as exc:  # e.g. the file was replaced by a directory while open
            self.read_only = True
            raise describe_os_error(exc, self.path, "write") from None
        self.read_only = False

    def _records(self) -> dict[str, Any]:
        table: dict[str, Any] = self._data().get(ANNOTATIONS, {})
        return table

    @staticmethod
    def _table(data: Data, name: str) -> dict[str, Any]:
        """A table of the transaction's data, for changing. Documents are only ever replaced by
        new dicts or deleted, never mutated in place: the storage re-serialises only new ones."""
        return data.setdefault(name, {})

    def _parse_all(
        self, records: dict[str, Any], keep: Callable[[Any], bool] | None = None
    ) -> list[Annotation]:
        """Records as Annotations; `keep` filters the raw records first (parsing 10,000 notes to
        show one article's 50 would dominate the open time)."""
        out: list[Annotation] = []
        skipped = 0
        for record in records.values():
            if keep is not None and not keep(record):
                continue
            try:
                out.append(Annotation.from_record(record))
            except (KeyError, TypeError, ValueError, AttributeError):
                skipped += 1  # kept in the file untouched; never rewritten or dropped
        if keep is None and skipped != self._skipped:
            self._skipped = skipped
            if skipped:
                self._add_notice(
                    f"{skipped} unreadable note record(s) were skipped (kept in the file)"
                )
        return out

    # -- reading ---------------------------------------------------------------------------------
    def annotations(self, sha256: str | None = None) -> list[Annotation]:
        """All annotations (or those of one article text), in text order."""
        with self._mutex:
            self._check_open()
            if sha256 is None:
                notes = self._parse_all(self._records())
            else:
                notes = self._parse_all(
                    self._records(), lambda r: _article_of(r, "sha256") == sha256
                )
        return sorted(notes, key=text_order)

    def get(self, id_or_unique_prefix: str) -> Annotation:
        """The annotation with this id, or the only one whose id starts with it."""
        with self._mutex:
            self._check_open()
            return self._get(self._records(), id_or_unique_prefix)

    def _get(self, records: dict[str, Any], key: str) -> Annotation:
        key = key.strip()
        if not key:
            raise NoteNotFoundError("no note id given")
        record = records.get(key)
        if record is None:
            matches = [k for k in records if k.startswith(key)]
            if not matches:
                raise NoteNotFoundError(f"no note with id {key!r}")
            if len(matches) > 1:
                raise AmbiguousIdError(
                    f"the id prefix {key!r} matches {len(matches)} notes; give more characters"
                )
            record = records[matches[0]]
        try:
            return Annotation.from_record(record)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise StoreError(f"note {key!r} is unreadable ({exc})") from None

    def get_position(self, sha256: str) -> int | None:
        with self._mutex:
            self._check_open()
            doc = self._data().get(POSITIONS, {}).get(sha256)
        if not isinstance(doc, dict):
            return None
        offset = doc.get("offset")
        return offset if isinstance(offset, int) and offset >= 0 else None

    # -- writing ---------------------------------------------------------------------------------
    @staticmethod
    def _prepared(a: Annotation) -> Annotation:
        """Validated, with id/timestamps filled and tags normalised."""
        if a.color not in COLORS:
            raise StoreError(f"unknown colour {a.color!r} (choose one of: {', '.join(COLORS)})")
        if not a.target.exact or a.target.end <= a.target.start:
            raise StoreError("a highlight needs a non-empty quote")
        fields = {
            "id": a.id,
            "note": a.note,
            "quote": a.target.exact + a.target.prefix + a.target.suffix,
            "article": a.article.sha256 + a.article.path + a.article.title,
            "tags": "".join(a.tags),
        }
        for name, value in fields.items():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate (e.g. an undecodable byte in argv)
                raise StoreError(
                    f"the {name} contains text that is not valid Unicode; nothing was saved"
                ) from None
        stamp = now_iso()
        return replace(
            a,
            id=a.id or new_id(),
            tags=normalise_tags(a.tags),
            created=a.created or stamp,
            updated=a.updated or a.created or stamp,
        )

    def add(self, a: Annotation) -> Annotation:
        """Store a new annotation; returns it (id and timestamps filled in) once it is on disk."""
        a = self._prepared(a)
        with self._mutex, self._write() as data:
            table = self._table(data, ANNOTATIONS)
            if a.id in table:
                raise StoreError(f"a note with id {a.id!r} already exists")
            table[a.id] = a.to_record()
        return a

    def update(self, a: Annotation) -> Annotation:
        """Replace the annotation with the same id; NoteNotFoundError if it is gone."""
        a = self._prepared(a)
        with self._mutex, self._write() as data:
            table = self._table(data, ANNOTATIONS)
            if a.id not in table:
                raise NoteNotFoundError(f"no note with id {a.id!r} (deleted elsewhere?)")
            table[a.id] = a.to_record()
        return a

    def delete(self, id: str) -> Annotation:
        """Delete by id (or unique prefix); returns what was deleted, for undo."""
        with self._mutex, self._write() as data:
            table = self._table(data, ANNOTATIONS)
            gone = self._get(table, id)
            del table[gone.id]
        return gone

    def import_many(self, items: Sequence[Annotation]) -> ImportResult:
        """Add or replace many annotations in one atomic write: all of them or none.

        Merges by id: a record whose saved copy was updated later is left as it is. The check runs
        under the writer lock, so an edit made meanwhile in another window is never overwritten.
        Timestamps are ISO 8601 UTC strings of one format, so they compare as strings.
        """
        prepared = [self._prepared(a) for a in items]
        added = updated = unchanged = kept_newer = 0
        with self._mutex, self._write() as data:
            table = self._table(data, ANNOTATIONS)
            staged: dict[str, dict[str, Any]] = {}
            for a in prepared:
                record = a.to_record()
                existing = staged.get(a.id, table.get(a.id))
                if existing is None:
                    added += 1
                elif existing == record:
                    unchanged += 1
                    continue
                elif str(existing.get("updated", "")) > a.updated:
                    unchanged += 1
                    kept_newer += 1
                    continue
                else:
                    updated += 1
                staged[a.id] = record
            table.update(staged)
        return ImportResult(added, updated, unchanged, kept_newer)

    def set_position(self, sha256: str, offset: int) -> None:
        """Remember the reading position in one article text (skipped when unchanged)."""
        offset = max(0, int(offset))
        with self._mutex:
            if self.get_position(sha256) == offset:
                return
            with self._write() as data:
                doc = {"sha256": sha256, "offset": offset, "updated": now_iso()}
                self._table(data, POSITIONS)[sha256] = doc

    # -- articles --------------------------------------------------------------------------------
    def for_article(self, article: Article) -> list[Annotation]:
        """The article's annotations, found again in its current text, in text order.

        Matched by sha256, or (when the text changed) by the same path. Re-anchoring outcomes are
        stored (status, score, new sha256 and offsets); orphans keep their saved target and only
        record the orphan status. In read-only mode the outcome is returned but not stored.
        """
        with self._mutex:
            self._check_open()
            mine = self._candidates(article)
            results: list[Annotation] = []
            changed: dict[str, tuple[dict[str, Any], Annotation]] = {}
            for a in mine:
                new = self._anchored(a, article)
                results.append(new)
                if new != a:
                    changed[a.id] = (a.to_record(), new)
            if changed and not self.read_only:
                try:
                    self._store_anchors(changed)
                except StoreError as exc:
                    self._add_notice(f"new note positions were not saved ({exc})")
        return sorted(results, key=text_order)

    def _candidates(self, article: Article) -> list[Annotation]:
        """Notes made on this text (sha256) or on an earlier version of this file (path)."""
        path = _norm_path(article.path)
        normalised: dict[str, str] = {}

        def keep(record: Any) -> bool:
            if _article_of(record, "sha256") == article.sha256:
                return True
            other = _article_of(record, "path")
            if not path or not isinstance(other, str) or not other:
                return False
            if other not in normalised:
                normalised[other] = _norm_path(other)
            return normalised[other] == path

        return self._parse_all(self._records(), keep)

    @staticmethod
    def _anchored(a: Annotation, article: Article) -> Annotation:
        same = a.article.sha256 == article.sha256
        if same and article.text[a.start : a.end] == a.target.exact and a.end > a.start:
            if a.is_orphan:  # the text is back to the one the note was made on
                return replace(a, anchor=Anchor(AnchorStatus.EXACT, 1.0))
            return a
        target, anchor = reanchor(a.target, article.text, same_text=same)
        if anchor.status is AnchorStatus.ORPHAN:
            return replace(a, anchor=anchor)  # saved quote, offsets and article kept
        ref = replace(
            a.article,
            sha256=article.sha256,
            path=article.path or a.article.path,
            title=article.title or a.article.title,
        )
        return replace(a, article=ref, target=target, anchor=anchor)

    def _store_anchors(self, changed: dict[str, tuple[dict[str, Any], Annotation]]) -> None:
        with self._write() as data:
            table = self._table(data, ANNOTATIONS)
            table.update(
                {
                    key: new.to_record()
                    for key, (old, new) in changed.items()
                    if table.get(key) == old  # edited or deleted meanwhile elsewhere: leave it
                }
            )

    def close(self) -> None:
        with self._mutex:
            if not self._closed:
                self._closed = True
                self._storage.close()

    def __enter__(self) -> NoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _article_of(record: Any, key: str) -> Any:
    """record["article"][key] of a raw record, or None when it is not there."""
    article = record.get("article") if isinstance(record, dict) else None
    return article.get(key) if isinstance(article, dict) else None


def _norm_path(path: str) -> str:
    if not path:
        return ""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return path


def _copy(data: Data) -> Data:
    """A deep copy of plain JSON data (migrations must not mutate the cached original)."""
    import orjson

    copied: Data = orjson.loads(orjson.dumps(data))
    return copied
