"""Golden files: the exports of a fixed set of annotations on the bundled article.

Run with UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reader.export import dumps, from_web_annotations, to_markdown, to_web_annotations
from tests.export.golden_set import golden_annotations
from tests.export.helpers import EXPORTED, bundled
from tests.export.mdcheck import parse

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(actual.encode("utf-8"))
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} differs from the golden file (UPDATE_GOLDEN=1 rewrites)"


def speakers():
    from reader.analysis.quotes import analyse_quotes

    return analyse_quotes(bundled())


@pytest.mark.parametrize("group_by", ["paragraph", "speaker", "tag", "colour"])
def test_markdown_golden(group_by):
    md = to_markdown(
        bundled(), golden_annotations(), speakers(), group_by=group_by, exported=EXPORTED
    )
    check(f"notes-by-{group_by}.md", md)
    doc = parse(md)
    assert doc.top[:2] == ["front_matter", "h1"]
    assert doc.front["highlights"] == 9 and doc.front["orphans"] == 1


def test_markdown_golden_shape():
    md = (GOLDEN / "notes-by-paragraph.md").read_text(encoding="utf-8")
    doc = parse(md)
    assert len(doc.quotes) == 9 and len(doc.notes) == 5
    assert {tag for tag, _ in doc.headings} == {"h1", "h2"}
    assert doc.headings[-1][1] == "Orphaned highlights: no longer found in the article"
    said = [q.speaker for q in doc.quotes if q.speaker]
    assert said == ["Jawed Kohistani, a Kabul-based security analyst", "one Shinwar resident"]
    assert "> by any measure.\\\n> A report recently released by UNAMA" in md


def test_json_golden():
    data = to_web_annotations(bundled(), golden_annotations())
    text = dumps(data)
    check("notes.json", text)
    restored = from_web_annotations(json.loads(text))
    expected = sorted(golden_annotations(), key=lambda a: (a.start, a.end, a.id))
    assert restored == expected
