"""Speaker resolution and merging, the JSON contract, the seed gold and the CLI.

Paragraphs are composed for the tests, except the seed-gold test, which reads the shared gold file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.analysis.helpers import index_of, who

from reader.analysis.quotes import SpeakerIndex, analyse_quotes
from reader.article import bundled_article_path, load_article, parse_article

SEED = Path("/work/shared/seed/gold-speakers.json")


# ----------------------------------------------------------------------------- merging


def test_fuller_and_shorter_name_forms_merge_with_titles() -> None:
    idx = index_of(
        "The complaint reached Haji Abdul Rahim Sadiq, the deputy governor.",
        'Later Haji Rahim Sadiq said: "We were never consulted about the plan."',
        '"They ignored every letter we sent," Sadiq said.',
    )
    assert len(idx.speakers) == 1
    sp = idx.speakers[0]
    assert "Sadiq" in sp.name
    assert len(sp.quotes) == 2
    assert "deputy governor" in sp.description


def test_two_people_with_the_same_surname_stay_apart() -> None:
    idx = index_of(
        '"We need new roads," said Mary Walsh, a city councillor.',
        '"We need new schools first," said Peter Walsh, her brother.',
    )
    assert [s.name for s in idx.speakers] == ["Mary Walsh", "Peter Walsh"]


def test_surname_with_courtesy_title_follows_gender() -> None:
    idx = index_of(
        "Anne Fuller and her husband, John Fuller, run the farm.",
        '"The drought took half the crop," Mrs. Fuller said.',
    )
    assert who(idx, "drought") == "Anne Fuller"


# ----------------------------------------------------------------------------- pronouns


def test_pronoun_picks_the_person_of_matching_gender() -> None:
    idx = index_of(
        "Laura Mendez met Thomas Reed at the depot on Monday.",
        '"The trains are always late," she said.',
        '"I have heard that before," he replied.',
    )
    assert who(idx, "trains are always late") == "Laura Mendez"
    assert who(idx, "heard that before") == "Thomas Reed"


def test_two_men_the_most_recent_subject_wins() -> None:
    idx = index_of(
        "Tom Brown, a farmer, spoke first. Then Mark Green, a banker, took the floor.",
        '"Rates are too high for anyone to borrow," he said.',
    )
    assert who(idx, "Rates are too high") == "Mark Green"


def test_pronoun_chain_follows_the_last_speaker() -> None:
    idx = index_of(
        "Sarah Jones, a teacher, met Linda White, a lawyer, on Monday. Jones said the school was"
        " failing its pupils.",
        '"We need more money for books," she said.',
        '"And more teachers in every class," she added.',
    )
    assert who(idx, "more money") == "Sarah Jones"
    assert who(idx, "more teachers") == "Sarah Jones"


def test_pronoun_in_same_sentence_as_the_name() -> None:
    idx = index_of(
        "Carlos Ruiz, a local commander, has led the militia since 2015.",
        '"We won the vote," said Ivan Petrov, a senator.',
        'In an interview with Ruiz at his office, he told this reporter that "his party" was'
        ' ready. "We will take the city next," he said.',
    )
    assert who(idx, "take the city next") == "Carlos Ruiz"
    assert who(idx, "his party") == "Carlos Ruiz"


def test_definite_description_resolves_to_earlier_source() -> None:
    idx = index_of(
        'A border official told this reporter "the crossings have been closed since June."',
        "Then a local trader arrived.",
        'The official said: "Nobody may pass without a permit from the capital."',
    )
    assert who(idx, "crossings") == who(idx, "Nobody may pass") == "border official"
    assert len(idx.speakers) == 1


def test_the_analyst_finds_the_named_analyst() -> None:
    idx = index_of(
        'Omar Haddad, a security analyst, said "the checkpoints do not work as planned."',
        'The analyst added: "Everyone knows how to get around them in the capital."',
    )
    assert who(idx, "get around them") == "Omar Haddad"


# ----------------------------------------------------------------------------- anonymous


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("a Taliban official", "Taliban official"),
        ("one Shinwar resident", "Shinwar resident"),
        ("a source", "source"),
        ("sources", "sources"),
    ],
)
def test_anonymous_sources_are_their_own_speakers(phrase: str, name: str) -> None:
    idx = index_of(f'"The road was mined before the rains came," {phrase} said.')
    sp = idx.speakers[0]
    assert sp.anonymous
    assert sp.name == name
    assert sp.description.lower() == phrase.lower()


def test_two_different_anonymous_officials_are_two_speakers() -> None:
    idx = index_of(
        '"We expect more attacks this summer," said one intelligence official.',
        '"We have not been told anything," a Taliban official said.',
    )
    assert [s.name for s in idx.speakers] == ["intelligence official", "Taliban official"]


# ----------------------------------------------------------------------------- JSON contract


def test_json_contract_shape() -> None:
    article = parse_article(
        'Title\n\n"We will rebuild the bridge," said Nora Lind, the mayor.\n\n'
        '"No one asked for this," he said.\n'
    )
    data = analyse_quotes(article).to_json()
    assert set(data) >= {"speakers", "unattributed"}
    sp = data["speakers"][0]
    assert set(sp) == {"name", "description", "anonymous", "aliases", "quotes"}
    assert isinstance(sp["anonymous"], bool) and isinstance(sp["aliases"], list)
    for q in sp["quotes"] + data["unattributed"]:
        assert set(q) == {"start", "end", "text", "kind"}
        assert q["kind"] in ("direct", "fragment", "reported")
        assert article.text[q["start"] : q["end"]] == q["text"]
    json.dumps(data)  # serialisable


def test_speakers_in_order_of_first_quote() -> None:
    idx = index_of(
        '"First," said Amy Cole.', '"Second words here," said Ben Dale.', '"Third," said Amy Cole.'
    )
    assert [s.name for s in idx.speakers] == ["Amy Cole", "Ben Dale"]
    assert [s.index for s in idx.speakers] == [0, 1]
    assert all(q.speaker == s.index for s in idx.speakers for q in s.quotes)


# ----------------------------------------------------------------------------- bundled article


@pytest.fixture(scope="module")
def bundled() -> SpeakerIndex:
    return analyse_quotes(load_article(bundled_article_path()))


def _speaker_matching(index: SpeakerIndex, match: list[str]) -> list[str]:
    return [
        s.name
        for s in index.speakers
        if any(m in n.lower() for n in (s.name, *s.aliases) for m in match)
    ]


@pytest.mark.skipif(not SEED.exists(), reason="shared seed gold not available")
def test_seed_gold_is_met(bundled: SpeakerIndex) -> None:
    gold = json.loads(SEED.read_text(encoding="utf-8"))
    article = load_article(bundled_article_path())
    text = article.text
    for sp in gold["speakers"]:
        assert len(_speaker_matching(bundled, sp["match"])) == 1 or not sp.get("direct"), sp
        for words in sp.get("direct", []):
            q = next(
                (
                    q
                    for q in bundled.quotes
                    if words in q.text and q.kind.value in ("direct", "fragment")
                ),
                None,
            )
            assert q is not None, words
            assert q.speaker is not None, words
            names = (bundled.speakers[q.speaker].name, *bundled.speakers[q.speaker].aliases)
            assert any(m in n.lower() for n in names for m in sp["match"]), (words, names)
    for words in gold["not_speech"]:
        for q in bundled.quotes:
            if q.speaker is not None:
                assert words not in text[q.start : q.end] or len(q.text) > 3 * len(words)
    for sp in bundled.speakers:
        assert any(
            m in n.lower()
            for g in gold["speakers"]
            for m in g["match"]
            for n in (sp.name, *sp.aliases)
        ), sp.name


def test_pull_quotes_link_to_the_body_quote(bundled: SpeakerIndex) -> None:
    linked = [p for p in bundled.pull_quotes if p.quote is not None]
    assert len(bundled.pull_quotes) == 3
    assert len(linked) == 2
    swear = next(p for p in linked if p.text.startswith("I swear"))
    assert swear.quote is not None and swear.quote.start != swear.start
    assert swear.quote.text.strip('"“”').startswith("I swear")
    # pull quotes are not counted as body quotes
    assert sum(q.text.strip('"“”').startswith("I swear") for q in bundled.quotes) == 1


# ----------------------------------------------------------------------------- CLI


def test_cli_json_and_tree(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from reader.cli import main

    path = tmp_path / "a.txt"
    path.write_text(
        'Headline\n\n"The \x1b[31mvote\x1b[0m is final," said Jo Park, an election official.\n',
        encoding="utf-8",
    )
    assert main(["speakers", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["speakers"][0]["name"] == "Jo Park"
    assert main(["speakers", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Jo Park" in out and "election official" in out
    assert "\x1b[31m" not in out  # article text is sanitised


def test_cli_bad_path_is_one_line_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from reader.cli import main

    assert main(["speakers", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reader: error:") and err.count("\n") == 1
