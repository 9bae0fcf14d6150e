"""The Web Annotation JSON export: model-conformant records, exact round trip, strict validation."""

from __future__ import annotations

import copy
import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.export import ExportFormatError, dumps, from_web_annotations, to_web_annotations
from reader.export.webanno import ANNO_CONTEXT, annotation_from_web
from reader.notes.model import COLORS, Anchor, AnchorStatus, Annotation, ArticleRef, Target
from reader.safety import json_text_safe
from tests.export.helpers import annotate, bundled, orphan


def sample() -> list[Annotation]:
    art = bundled()
    return [
        annotate(art, "ring of steel", ident="w1", tags=("security", "kabul"), color="green"),
        annotate(art, "To avenge its defeat", ident="w2", note="Revenge.\n\n- a\n- b"),
        annotate(art, "Kabul's ring of steel", ident="w3", created="", updated=""),
        orphan(art, "gone from the text", ident="w4", start=50, note="kept", tags=("x",)),
    ]


def roundtrip(data):
    return from_web_annotations(json.loads(dumps(data)))


def test_collection_shape():
    art = bundled()
    data = to_web_annotations(art, sample())
    assert data["@context"][0] == ANNO_CONTEXT
    assert data["@context"][1] == {"reader": "urn:reader:ns#"}
    assert data["type"] == "AnnotationCollection"
    assert data["total"] == 4 and len(data["items"]) == 4
    assert [i["id"] for i in data["items"]] == [
        "urn:reader:annotation:w4",  # orphan saved at 50: text order is by saved offsets
        "urn:reader:annotation:w3",
        "urn:reader:annotation:w1",
        "urn:reader:annotation:w2",
    ]
    item = data["items"][2]
    assert item["type"] == "Annotation" and item["motivation"] == "highlighting"
    assert item["created"] == item["modified"] == "2025-03-01T09:30:00.000Z"
    assert item["body"] == [
        {"type": "TextualBody", "purpose": "tagging", "value": "security"},
        {"type": "TextualBody", "purpose": "tagging", "value": "kabul"},
    ]
    target = item["target"]
    assert target["source"] == f"urn:sha256:{art.sha256}"
    quote, position = target["selector"]
    start = art.text.index("ring of steel")
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "ring of steel"
    assert art.text[start - len(quote["prefix"]) : start] == quote["prefix"]
    assert art.text[start + 13 :].startswith(quote["suffix"])
    assert position == {"type": "TextPositionSelector", "start": start, "end": start + 13}
    assert item["reader:color"] == "green"
    assert item["reader:anchor"] == {"status": "exact", "score": 1.0}
    note_item = data["items"][3]
    assert note_item["motivation"] == "commenting"
    assert note_item["body"][0] == {
        "type": "TextualBody",
        "purpose": "commenting",
        "value": "Revenge.\n\n- a\n- b",
        "format": "text/markdown",
    }
    bare = data["items"][1]
    assert "body" not in bare and "created" not in bare and "modified" not in bare
    assert data["items"][0]["reader:anchor"] == {"status": "orphan", "score": 0.31}


def test_round_trip_is_identical_and_deterministic():
    anns = sample()
    data = to_web_annotations(bundled(), anns)
    back = roundtrip(data)
    assert back == sorted(anns, key=lambda a: (a.start, a.end, a.id))
    assert dumps(to_web_annotations(bundled(), list(reversed(anns)))) == dumps(data)
    assert dumps(data).endswith("}\n")


text_st = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)


@st.composite
def annotations(draw):
    start = draw(st.integers(0, 10_000))
    exact = draw(st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30))
    return Annotation(
        id=draw(st.text("abcdef0123456789-_:.xyz", min_size=1, max_size=20)),
        article=ArticleRef(
            draw(st.text("0123456789abcdef", min_size=1, max_size=64)), draw(text_st), draw(text_st)
        ),
        target=Target(exact, draw(text_st), draw(text_st), start, start + draw(st.integers(1, 40))),
        anchor=Anchor(draw(st.sampled_from(list(AnchorStatus))), draw(st.floats(0, 1))),
        color=draw(st.sampled_from(COLORS)),
        note=draw(text_st),
        tags=tuple(draw(st.lists(text_st, max_size=4))),
        created=draw(text_st),
        updated=draw(text_st),
    )


@given(st.lists(annotations(), max_size=5, unique_by=lambda a: a.id))
@settings(max_examples=150, deadline=None)
def test_any_annotation_round_trips(anns):
    data = to_web_annotations(bundled(), anns)
    assert roundtrip(data) == sorted(anns, key=lambda a: (a.start, a.end, a.id))


def test_accepted_shapes():
    data = to_web_annotations(bundled(), sample())
    items = data["items"]
    assert from_web_annotations(items) == from_web_annotations(data)
    assert from_web_annotations(items[0]) == from_web_annotations(data)[:1]
    paged = {"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": items}}
    assert from_web_annotations(paged) == from_web_annotations(data)


def test_foreign_record_with_both_selectors():
    record = {
        "@context": ANNO_CONTEXT,
        "id": "https://hypothes.is/a/abc123",
        "type": "Annotation",
        "body": {"type": "TextualBody", "value": "a plain comment"},
        "target": {
            "source": "urn:sha256:" + "0" * 64,
            "selector": [
                {"type": "TextPositionSelector", "start": 3, "end": 8},
                {"type": "TextQuoteSelector", "exact": "hello"},
            ],
        },
    }
    (a,) = from_web_annotations(record)
    assert a.id == "https://hypothes.is/a/abc123"
    assert a.note == "a plain comment" and a.tags == ()
    assert a.target == Target("hello", "", "", 3, 8)
    assert a.article == ArticleRef("0" * 64, "", "")
    assert a.color == COLORS[0] and a.anchor == Anchor()


def _broken(mutate, index=1):
    data = to_web_annotations(bundled(), sample())
    data = copy.deepcopy(data)
    mutate(data["items"][index])
    return data


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda r: r.pop("target"), "no target"),
        (lambda r: r.update(type="Note"), "type is not 'Annotation'"),
        (lambda r: r.pop("id"), "has no 'id'"),
        (lambda r: r.update(id=7), "must be a string"),
        (lambda r: r.update(id="urn:reader:annotation:"), "empty id"),
        (lambda r: r["target"].update(selector=[]), "no TextQuoteSelector"),
        (lambda r: r["target"]["selector"].pop(1), "no TextPositionSelector"),
        (lambda r: r["target"]["selector"][0].update(exact=""), "exact is empty"),
        (lambda r: r["target"]["selector"][0].update(exact=None), "must be a string"),
        (lambda r: r["target"]["selector"][1].update(start="3"), "must be an integer"),
        (lambda r: r["target"]["selector"][1].update(start=True), "must be an integer"),
        (lambda r: r["target"]["selector"][1].update(start=9, end=2), "bad TextPositionSelector"),
        (lambda r: r["target"]["selector"][1].update(start=-1), "bad TextPositionSelector"),
        (lambda r: r["target"]["selector"][1].update(start=5, end=5), "bad TextPositionSelector"),
        (lambda r: r.update(body=[{"type": "Image", "id": "x"}]), "not a TextualBody"),
        (lambda r: r.update(body=[{"type": "TextualBody", "value": 3}]), "must be a string"),
        (lambda r: r.update(body=[{"type": "TextualBody", "value": "a"}] * 2), "second note"),
        (
            lambda r: r.update(body=[{"type": "TextualBody", "value": "a", "purpose": "linking"}]),
            "unsupported purpose",
        ),
        (lambda r: r.update({"reader:color": "orange"}), "unknown colour 'orange'"),
        (lambda r: r.update({"reader:anchor": {"status": "lost"}}), "unknown anchor status"),
        (lambda r: r.update({"reader:anchor": {"score": 2}}), "outside 0..1"),
        (lambda r: r.update({"reader:anchor": {"score": "high"}}), "must be a number"),
        (lambda r: r.update({"reader:anchor": []}), "must be an object"),
        (
            lambda r: r.update(
                {"reader:article": {"title": "t"}}, target={**r["target"], "source": "x"}
            ),
            "no article sha256",
        ),
        (lambda r: r.update(created=20250101), "must be a string"),
    ],
)
def test_malformed_record_names_number_and_reason(mutate, reason):
    with pytest.raises(ExportFormatError) as info:
        from_web_annotations(_broken(mutate))
    message = str(info.value)
    assert message.startswith("record 2: "), message
    assert reason in message
    assert "\n" not in message


def test_malformed_top_level_and_duplicates():
    with pytest.raises(ExportFormatError, match="top level is str"):
        from_web_annotations("nope")
    with pytest.raises(ExportFormatError, match="no 'items' list"):
        from_web_annotations({"type": "AnnotationCollection", "items": {}})
    with pytest.raises(ExportFormatError, match="not a Web Annotation file"):
        from_web_annotations({"hello": 1})
    with pytest.raises(ExportFormatError, match="record 3: not an object"):
        from_web_annotations([*to_web_annotations(bundled(), sample()[:2])["items"], 5])
    items = to_web_annotations(bundled(), sample())["items"]
    with pytest.raises(ExportFormatError, match="record 5: id 'w4' repeats record 1"):
        from_web_annotations([*items, items[0]])


def test_annotation_from_web_single_record_error():
    with pytest.raises(ExportFormatError, match=r"^no target$"):
        annotation_from_web({"type": "Annotation", "id": "x"})


def test_orphan_keeps_status_and_score():
    (a,) = roundtrip(to_web_annotations(bundled(), [sample()[3]]))
    assert a.is_orphan and a.anchor.score == 0.31
    assert replace(a) == sample()[3]


@given(st.lists(annotations(), max_size=3, unique_by=lambda a: a.id))
@settings(max_examples=100, deadline=None)
def test_dumps_matches_the_standard_library(anns):
    data = to_web_annotations(bundled(), anns)
    text = dumps(data)
    assert json.loads(text) == data
    # Floats in exponent form are the one thing orjson and json spell differently (1e-5, 1e-05).
    data["items"] = [i for i in data["items"] if "e" not in repr(i["reader:anchor"]["score"])]
    data["total"] = len(data["items"])
    expected = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    # ... and C1/bidi controls, which `dumps` writes as \u escapes so the file is safe to print.
    assert dumps(data) == json_text_safe(expected)
    assert json.loads(dumps(data)) == json.loads(expected)


def test_dumps_falls_back_for_lone_surrogates():
    assert json.loads(dumps({"note": "a\ud800b"})) == {"note": "a\ud800b"}


def test_a_path_that_looks_like_the_digest_urn_round_trips() -> None:
    """Found by Hypothesis in CI: a path written like our `urn:sha256:` source was cleared."""
    a = annotate(bundled(), "ring of steel", ident="a1")
    odd = replace(a, article=replace(a.article, path="urn:sha256:"))
    assert roundtrip(to_web_annotations(bundled(), [odd])) == [odd]


def test_another_tool_s_source_is_the_path_unless_it_is_our_urn() -> None:
    def record(source: str) -> dict[str, object]:
        return {
            "type": "Annotation",
            "id": "x1",
            "target": {
                "source": source,
                "selector": [
                    {"type": "TextQuoteSelector", "exact": "ring of steel"},
                    {"type": "TextPositionSelector", "start": 10, "end": 23},
                ],
            },
            "reader:article": {"sha256": "ab" * 32},
        }

    assert annotation_from_web(record("https://example.org/a.txt")).article.path == (
        "https://example.org/a.txt"
    )
    assert annotation_from_web(record("urn:sha256:" + "ab" * 32)).article.path == ""
