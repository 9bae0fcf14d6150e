"""Schema migrations for the notes database, run on open (under the write lock, one atomic write).

`MIGRATIONS[n]` turns a version-n database into version n+1. Each takes and returns the raw TinyDB
data (`{table: {doc_id: document}}`), so it works on layouts the current code cannot read. A record
that cannot be converted is moved to the `unmigrated` table, never dropped.

Layouts:
- v0 (the prototype; no `meta` table): TinyDB's default integer doc ids, flat annotation records
  `{id?, sha256, path, title, quote, prefix, suffix, start, end, color, note, tags, created,
  updated?}` in `_default` (or `annotations`), `tags` a list or a comma-separated string, and
  positions as `{sha256, offset}` documents in `positions`.
- v1: `annotations` keyed by our own string ids with the nested DESIGN.md record, `positions`
  keyed by the article's sha256 (`{sha256, offset, updated}`), `meta` holding `schema_version`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reader.notes.model import DEFAULT_COLOR, new_id, normalise_tags, now_iso

Data = dict[str, dict[str, Any]]
Migration = Callable[[Data], Data]

ANNOTATIONS = "annotations"
POSITIONS = "positions"
META = "meta"
UNMIGRATED = "unmigrated"
#: The single document of the meta table.
META_DOC = "schema"

CURRENT_VERSION = 1


def schema_version(data: Data) -> int | None:
    """The stored version; 0 for a database with data but no meta table; None for an empty one."""
    meta = data.get(META, {}).get(META_DOC)
    if isinstance(meta, dict) and isinstance(meta.get("schema_version"), int):
        return int(meta["schema_version"])
    if any(table for table in data.values()):
        return 0
    return None


def set_schema_version(data: Data, version: int = CURRENT_VERSION) -> None:
    data.setdefault(META, {})[META_DOC] = {"schema_version": version}


def _v0_annotation(doc: dict[str, Any]) -> dict[str, Any]:
    """A flat prototype record as a v1 record; KeyError/TypeError/ValueError if unusable."""
    start, end = int(doc["start"]), int(doc["end"])
    quote = doc["quote"]
    if not isinstance(quote, str) or not quote or start < 0 or end < start:
        raise ValueError("no quote or bad offsets")
    tags = doc.get("tags") or []
    if isinstance(tags, str):
        tags = tags.split(",")
    if not isinstance(tags, list):
        raise TypeError("tags")
    created = str(doc.get("created") or now_iso())
    return {
        "id": str(doc.get("id") or new_id()),
        "article": {
            "sha256": str(doc["sha256"]),
            "path": str(doc.get("path") or ""),
            "title": str(doc.get("title") or ""),
        },
        "target": {
            "exact": quote,
            "prefix": str(doc.get("prefix") or ""),
            "suffix": str(doc.get("suffix") or ""),
            "start": start,
            "end": end,
        },
        "anchor": {"status": "exact", "score": 1.0},
        "color": str(doc.get("color") or DEFAULT_COLOR),
        "note": str(doc.get("note") or ""),
        "tags": list(normalise_tags([str(t) for t in tags])),
        "created": created,
        "updated": str(doc.get("updated") or created),
    }


def _v0_to_v1(data: Data) -> Data:
    out: Data = {ANNOTATIONS: {}, POSITIONS: {}}
    unmigrated: dict[str, Any] = {}
    for table_name in ("_default", ANNOTATIONS):
        for doc_id, doc in data.get(table_name, {}).items():
            if isinstance(doc, dict) and "article" in doc and "target" in doc:
                record = dict(doc)  # already nested: only the key changes
                record.setdefault("id", new_id())
            else:
                try:
                    record = _v0_annotation(doc)
                except (KeyError, TypeError, ValueError):
                    unmigrated[f"{table_name}/{doc_id}"] = doc
                    continue
            key = str(record["id"])
            if key in out[ANNOTATIONS]:  # two prototype records shared an id: keep both
                key = record["id"] = new_id()
            out[ANNOTATIONS][key] = record
    for doc_id, doc in data.get(POSITIONS, {}).items():
        try:
            sha, offset = str(doc["sha256"]), int(doc["offset"])
        except (KeyError, TypeError, ValueError):
            unmigrated[f"{POSITIONS}/{doc_id}"] = doc
            continue
        out[POSITIONS][sha] = {"sha256": sha, "offset": offset, "updated": now_iso()}
    for name, table in data.items():  # tables we do not know are carried over untouched
        if name not in ("_default", ANNOTATIONS, POSITIONS, META):
            out[name] = table
    if unmigrated:
        out.setdefault(UNMIGRATED, {}).update(unmigrated)
    set_schema_version(out, 1)
    return out


#: MIGRATIONS[n] migrates version n to n+1.
MIGRATIONS: list[Migration] = [_v0_to_v1]


def migrate(data: Data) -> tuple[Data, int, int]:
    """Run every migration the data needs: (new data, version before, version after).

    Raises ValueError for a database newer than this program (it must not be written).
    """
    found = schema_version(data)
    if found is None:
        set_schema_version(data)
        return data, CURRENT_VERSION, CURRENT_VERSION
    if found > CURRENT_VERSION:
        raise ValueError(
            f"the notes database has schema version {found}, newer than this reader "
            f"understands ({CURRENT_VERSION})"
        )
    version = found
    while version < CURRENT_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        set_schema_version(data, version)
    return data, found, version
