"""The fixed annotations of the golden files: fixed ids and timestamps on the bundled article."""

from __future__ import annotations

from reader.notes.model import Annotation
from tests.export.helpers import annotate, bundled, orphan

NOTE_MULTILINE = """Three failures in one morning:

1. the checkpoints did not stop a car bomb;
2. the gunmen held the compound for **four hours**;
3. nobody has been held to account.

---
# This heading stays inside the note
"""


def golden_annotations() -> list[Annotation]:
    art = bundled()
    return [
        annotate(
            art,
            "To avenge its defeat in Iraq, Islamic State and its supporters attacked the Iraqi "
            "embassy in Kabul",
            ident="0190a1b2c3d4e5f6a701",
            note="The simplest explanation in the piece: revenge for Mosul.\nCompare the "
            "official's view above.",
            tags=("motive", "iraq"),
        ),
        annotate(
            art,
            "Kabul's ring of steel",
            ident="0190a1b2c3d4e5f6a702",
            tags=("security", "kabul"),
            color="green",
        ),
        annotate(
            art,
            "ring of steel - a network of around 25 checkpoints across central Kabul",
            ident="0190a1b2c3d4e5f6a703",
            color="blue",
            note="Twenty-five checkpoints, and still.",
        ),
        annotate(
            art,
            "It was a massive security failure by any measure.",
            ident="0190a1b2c3d4e5f6a704",
            color="purple",
            note=NOTE_MULTILINE,
            tags=("security",),
        ),
        annotate(
            art,
            "by any measure.\nA report recently released by UNAMA",
            ident="0190a1b2c3d4e5f6a705",
            note="Spans two paragraphs.",
        ),
        annotate(
            art,
            '"bomb the sh*t" out of IS',
            ident="0190a1b2c3d4e5f6a706",
            color="pink",
            tags=("us-policy",),
            updated="2025-03-04T18:05:11.250Z",
        ),
        annotate(
            art,
            "I swear to God, not even the Russians were like this",
            ident="0190a1b2c3d4e5f6a707",
            occurrence=2,
            tags=("voices",),
        ),
        annotate(
            art,
            "I swear to God, not even the Russians were like this",
            ident="0190a1b2c3d4e5f6a709",
            color="green",
        ),  # the pull quote
        orphan(
            art,
            "The embassy reopened a week later.",
            ident="0190a1b2c3d4e5f6a708",
            start=2514,
            note="This sentence was in the first version of the article.",
            tags=("follow-up",),
        ),
    ]
