"""JSON export and import in the W3C Web Annotation Data Model (JSON-LD), lossless for our fields.

One `AnnotationCollection` holds the annotations in `items` (text order)::

    {"@context": ["http://www.w3.org/ns/anno.jsonld", {"reader": "urn:reader:ns#"}],
     "type": "AnnotationCollection", "id": "urn:reader:collection:<sha256>", "label": <title>,
     "total": n, "generator": {...}, "reader:article": {"sha256", "path", "title"},
     "items": [{"id": "urn:reader:annotation:<id>", "type": "Annotation",
                "motivation": "commenting" | "highlighting", "created", "modified",
                "body": [{"type": "TextualBody", "purpose": "commenting", "value": <note>,
                          "format": "text/markdown"},
                         {"type": "TextualBody", "purpose": "tagging", "value": <tag>}, ...],
                "target": {"source": "urn:sha256:<sha256>", "selector": [
                    {"type": "TextQuoteSelector", "exact", "prefix", "suffix"},
                    {"type": "TextPositionSelector", "start", "end"}]},
                "reader:color", "reader:anchor": {"status", "score"},
                "reader:article": {"sha256", "path", "title"}}]}

`body` is left out when there is neither a note nor a tag, `created`/`modified` when empty (the
Web Annotation model makes all of these optional). `from_web_annotations` reads this back exactly,
and also accepts a bare list of annotations, a single annotation, or a collection whose annotations
sit in `first.items` (an AnnotationPage), so files from other tools that give both selectors load.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from reader.article import Article
from reader.notes.model import COLORS, Anchor, AnchorStatus, Annotation, ArticleRef, Target

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: Our vocabulary for the fields the Web Annotation model has no place for.
READER_NS = "urn:reader:ns#"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"reader": READER_NS}]
ID_PREFIX = "urn:reader:annotation:"
SOURCE_PREFIX = "urn:sha256:"


class ExportFormatError(ValueError):
    """A file that is not a valid export; the message is one line, e.g. "record 3: no target"."""


def _selectors(a: Annotation) -> list[dict[str, Any]]:
    return [
        {
            "type": "TextQuoteSelector",
            "exact": a.target.exact,
            "prefix": a.target.prefix,
            "suffix": a.target.suffix,
        },
        {"type": "TextPositionSelector", "start": a.target.start, "end": a.target.end},
    ]


def annotation_to_web(a: Annotation) -> dict[str, Any]:
    """One annotation as a Web Annotation record (without `@context`: the collection carries it)."""
    record: dict[str, Any] = {
        "id": ID_PREFIX + a.id,
        "type": "Annotation",
        "motivation": "commenting" if a.note else "highlighting",
    }
    if a.created:
        record["created"] = a.created
    if a.updated:
        record["modified"] = a.updated
    body: list[dict[str, Any]] = []
    if a.note:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": a.note,
                "format": "text/markdown",
            }
        )
    body.extend({"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in a.tags)
    if body:
        record["body"] = body
    record["target"] = {"source": SOURCE_PREFIX + a.article.sha256, "selector": _selectors(a)}
    record["reader:color"] = a.color
    record["reader:anchor"] = {"status": str(a.anchor.status), "score": a.anchor.score}
    record["reader:article"] = {
        "sha256": a.article.sha256,
        "path": a.article.path,
        "title": a.article.title,
    }
    return record


def to_web_annotations(article: Article, annotations: Sequence[Annotation]) -> dict[str, Any]:
    """An AnnotationCollection of `annotations` (text order) on `article`, for `json.dumps`."""
    items = [
        annotation_to_web(a) for a in sorted(annotations, key=lambda a: (a.start, a.end, a.id))
    ]
    return {
        "@context": CONTEXT,
        "id": f"urn:reader:collection:{article.sha256}",
        "type": "AnnotationCollection",
        "label": article.title,
        "total": len(items),
        "generator": {"id": "urn:reader", "type": "Software", "name": "reader"},
        "reader:article": {"sha256": article.sha256, "path": article.path, "title": article.title},
        "items": items,
    }


def dumps(data: Any) -> str:
    """Deterministic JSON text for an export: UTF-8, indented by 2, keys in insertion order, one
    trailing newline.

    orjson writes what `json.dumps(indent=2, ensure_ascii=False)` writes (floats aside, e.g. 1e-5
    for 1e-05) about 15 times faster: with `indent`, the standard library falls back to its pure
    Python encoder. Text orjson refuses (a lone surrogate) goes through `json` instead.
    """
    from reader.safety import json_text_safe

    try:
        import orjson

        text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
    except (ImportError, TypeError):  # orjson.JSONEncodeError is a TypeError
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return json_text_safe(text)


# --------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------


class _Bad(Exception):
    """Reason a single record is malformed (wrapped with its number by the caller)."""


def _string(obj: dict[str, Any], key: str, where: str, default: str | None = None) -> str:
    if key not in obj:
        if default is None:
            raise _Bad(f"{where} has no {key!r}")
        return default
    value = obj[key]
    if not isinstance(value, str):
        raise _Bad(f"{where}.{key} must be a string, not {type(value).__name__}")
    return value


def _integer(obj: dict[str, Any], key: str, where: str) -> int:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"{where}.{key} must be an integer")
    return value


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("type", obj.get("@type"))
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _target(record: dict[str, Any]) -> tuple[dict[str, Any], Target]:
    targets = _as_list(record.get("target"))
    if not targets or targets[0] is None:
        raise _Bad("no target")
    if len(targets) != 1:
        raise _Bad("more than one target")
    target = targets[0]
    if not isinstance(target, dict):
        raise _Bad("target must be an object")
    quote: dict[str, Any] | None = None
    position: dict[str, Any] | None = None
    for selector in _as_list(target.get("selector")):
        if not isinstance(selector, dict):
            raise _Bad("a selector must be an object")
        kinds = _types(selector)
        if "TextQuoteSelector" in kinds and quote is None:
            quote = selector
        elif "TextPositionSelector" in kinds and position is None:
            position = selector
    if quote is None:
        raise _Bad("target has no TextQuoteSelector")
    if position is None:
        raise _Bad("target has no TextPositionSelector")
    exact = _string(quote, "exact", "TextQuoteSelector")
    if not exact:
        raise _Bad("TextQuoteSelector.exact is empty")
    start = _integer(position, "start", "TextPositionSelector")
    end = _integer(position, "end", "TextPositionSelector")
    if start < 0 or end <= start:
        raise _Bad(f"bad TextPositionSelector offsets {start}:{end}")
    return target, Target(
        exact=exact,
        prefix=_string(quote, "prefix", "TextQuoteSelector", ""),
        suffix=_string(quote, "suffix", "TextQuoteSelector", ""),
        start=start,
        end=end,
    )


def _body(record: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    note: str | None = None
    tags: list[str] = []
    bodies = record.get("body", [])
    for i, body in enumerate(_as_list(bodies), 1):
        where = f"body {i}"
        if isinstance(body, str):  # a plain string body is a comment in the model
            body = {"type": "TextualBody", "value": body}
        if not isinstance(body, dict):
            raise _Bad(f"{where} must be an object")
        if "TextualBody" not in _types(body):
            raise _Bad(f"{where} is not a TextualBody")
        value = _string(body, "value", where)
        purposes = set(_as_list(body.get("purpose", "commenting")))
        if "tagging" in purposes:
            tags.append(value)
        elif purposes <= {"commenting", "describing"}:
            if note is not None:
                raise _Bad(f"{where} is a second note")
            note = value
        else:
            raise _Bad(f"{where} has an unsupported purpose {sorted(map(str, purposes))}")
    return note or "", tuple(tags)


def _article_ref(record: dict[str, Any], target: dict[str, Any]) -> ArticleRef:
    info = record.get("reader:article", {})
    if not isinstance(info, dict):
        raise _Bad("reader:article must be an object")
    source = target.get("source", "")
    sha = ""
    if isinstance(source, str) and source.startswith(SOURCE_PREFIX):
        sha = source[len(SOURCE_PREFIX) :]
    sha = _string(info, "sha256", "reader:article", sha)
    if not sha:
        raise _Bad("no article sha256 (target.source urn:sha256:... or reader:article.sha256)")
    if "path" in info:  # ours: the path as it was, whatever it looks like
        path = _string(info, "path", "reader:article", "")
    else:  # another tool's: its source, unless that is only our digest's URN
        given = source if isinstance(source, str) else ""
        path = "" if given.startswith(SOURCE_PREFIX) else given
    return ArticleRef(sha256=sha, path=path, title=_string(info, "title", "reader:article", ""))


def _anchor(record: dict[str, Any]) -> Anchor:
    info = record.get("reader:anchor", {})
    if not isinstance(info, dict):
        raise _Bad("reader:anchor must be an object")
    status = _string(info, "status", "reader:anchor", "exact")
    try:
        parsed = AnchorStatus(status)
    except ValueError:
        raise _Bad(f"unknown anchor status {status!r}") from None
    score = info.get("score", 1.0)
    if isinstance(score, bool) or not isinstance(score, int | float) or not math.isfinite(score):
        raise _Bad("reader:anchor.score must be a number")
    if not 0.0 <= score <= 1.0:
        raise _Bad(f"reader:anchor.score {score} is outside 0..1")
    return Anchor(parsed, float(score))


def annotation_from_web(record: Any) -> Annotation:
    """One Web Annotation record as an `Annotation`; raises ExportFormatError with the reason."""
    try:
        return _annotation(record)
    except _Bad as exc:
        raise ExportFormatError(str(exc)) from None


def _annotation(record: Any) -> Annotation:
    if not isinstance(record, dict):
        raise _Bad(f"not an object ({type(record).__name__})")
    if "Annotation" not in _types(record):
        raise _Bad("type is not 'Annotation'")
    raw_id = _string(record, "id", "annotation")
    ident = raw_id[len(ID_PREFIX) :] if raw_id.startswith(ID_PREFIX) else raw_id
    if not ident.strip():
        raise _Bad("empty id")
    target, selector = _target(record)
    note, tags = _body(record)
    color = _string(record, "reader:color", "annotation", COLORS[0])
    if color not in COLORS:
        raise _Bad(f"unknown colour {color!r} (one of {', '.join(COLORS)})")
    return Annotation(
        id=ident,
        article=_article_ref(record, target),
        target=selector,
        anchor=_anchor(record),
        color=color,
        note=note,
        tags=tags,
        created=_string(record, "created", "annotation", ""),
        updated=_string(record, "modified", "annotation", ""),
    )


def _records(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise ExportFormatError(f"not a Web Annotation file (top level is {type(data).__name__})")
    kinds = _types(data)
    if "Annotation" in kinds:
        return [data]
    if kinds & {"AnnotationCollection", "AnnotationPage"} or "items" in data:
        items = data.get("items")
        if items is None and isinstance(data.get("first"), dict):
            items = data["first"].get("items")
        if not isinstance(items, list):
            raise ExportFormatError("the collection has no 'items' list")
        return items
    raise ExportFormatError("not a Web Annotation file (no Annotation or AnnotationCollection)")


def from_web_annotations(data: Any) -> list[Annotation]:
    """Rebuild the annotations of an export (parsed JSON), validating every record first.

    Raises ExportFormatError("record N: reason") for the first malformed record (N counts from 1),
    or for a repeated id, so a caller writes nothing unless the whole file is good.
    """
    out: list[Annotation] = []
    seen: dict[str, int] = {}
    for number, record in enumerate(_records(data), 1):
        try:
            annotation = _annotation(record)
        except _Bad as exc:
            raise ExportFormatError(f"record {number}: {exc}") from None
        if annotation.id in seen:
            raise ExportFormatError(
                f"record {number}: id {annotation.id!r} repeats record {seen[annotation.id]}"
            )
        seen[annotation.id] = number
        out.append(annotation)
    return out
