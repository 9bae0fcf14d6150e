"""The annotation model. A highlight is anchored by its exact quote plus context (as Hypothesis
does) and by offsets, so it can be found again after the article changes."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

#: Highlight colours, in the order the "cycle colour" key walks them.
COLORS: tuple[str, ...] = ("yellow", "green", "blue", "pink", "purple")
DEFAULT_COLOR = COLORS[0]
#: Characters of context kept on each side of a quote for re-anchoring.
CONTEXT_CHARS = 48


class AnchorStatus(StrEnum):
    EXACT = "exact"  # same text (sha256) or the quote found at its saved offsets
    MOVED = "moved"  # the exact quote, found elsewhere
    FUZZY = "fuzzy"  # a close match above the threshold
    ORPHAN = "orphan"  # not found: kept, listed, never moved silently


@dataclass(frozen=True, slots=True)
class ArticleRef:
    sha256: str
    path: str
    title: str


@dataclass(frozen=True, slots=True)
class Target:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Anchor:
    status: AnchorStatus = AnchorStatus.EXACT
    score: float = 1.0


def now_iso() -> str:
    """UTC timestamp with milliseconds, ISO 8601, e.g. 2026-11-25T15:13:57.123Z."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    """A time-ordered id (hex ms timestamp + 48 random bits): letters and digits only.

    Our own ids, not TinyDB's integer doc ids, so two processes never hand out the same id.
    """
    return f"{int(time.time() * 1000):011x}{secrets.token_hex(6)}"


def make_target(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Target:
    """The selector for `text[start:end]` with up to `context` characters either side."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"bad span {start}:{end} for a text of {len(text)} characters")
    return Target(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


def normalise_tags(tags: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Tags trimmed, without a leading '#', spaces as '-', deduplicated, order kept."""
    seen: dict[str, None] = {}
    for tag in tags:
        clean = "-".join(tag.strip().lstrip("#").split())
        if clean:
            seen.setdefault(clean, None)
    return tuple(seen)


@dataclass(frozen=True, slots=True)
class Annotation:
    id: str
    article: ArticleRef
    target: Target
    anchor: Anchor = field(default_factory=Anchor)
    color: str = DEFAULT_COLOR
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str = ""
    updated: str = ""

    @property
    def start(self) -> int:
        return self.target.start

    @property
    def end(self) -> int:
        return self.target.end

    @property
    def is_orphan(self) -> bool:
        return self.anchor.status is AnchorStatus.ORPHAN

    def with_changes(self, **changes: Any) -> Annotation:
        """A copy with `changes` applied and `updated` stamped."""
        return replace(self, updated=now_iso(), **changes)

    def to_record(self) -> dict[str, Any]:
        """The TinyDB document (plain JSON types), as in DESIGN.md."""
        return {
            "id": self.id,
            "article": {
                "sha256": self.article.sha256,
                "path": self.article.path,
                "title": self.article.title,
            },
            "target": {
                "exact": self.target.exact,
                "prefix": self.target.prefix,
                "suffix": self.target.suffix,
                "start": self.target.start,
                "end": self.target.end,
            },
            "anchor": {"status": str(self.anchor.status), "score": self.anchor.score},
            "color": self.color,
            "note": self.note,
            "tags": list(self.tags),
            "created": self.created,
            "updated": self.updated,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Annotation:
        """Parse a stored document; raises KeyError/TypeError/ValueError on a malformed one."""
        art = record["article"]
        tgt = record["target"]
        anc = record.get("anchor") or {}
        start, end = int(tgt["start"]), int(tgt["end"])
        if start < 0 or end < start:
            raise ValueError(f"bad offsets {start}:{end}")
        tags = record.get("tags") or []
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise TypeError("tags must be a list of strings")
        for key in ("exact", "prefix", "suffix"):
            if not isinstance(tgt.get(key, ""), str):
                raise TypeError(f"target.{key} must be a string")
        note = record.get("note") or ""
        if not isinstance(note, str):
            raise TypeError("note must be a string")
        return cls(
            id=str(record["id"]),
            article=ArticleRef(
                str(art["sha256"]), str(art.get("path", "")), str(art.get("title", ""))
            ),
            target=Target(
                str(tgt["exact"]),
                str(tgt.get("prefix", "")),
                str(tgt.get("suffix", "")),
                start,
                end,
            ),
            anchor=Anchor(AnchorStatus(anc.get("status", "exact")), float(anc.get("score", 1.0))),
            color=str(record.get("color") or DEFAULT_COLOR),
            note=note,
            tags=tuple(tags),
            created=str(record.get("created", "")),
            updated=str(record.get("updated", "")),
        )
