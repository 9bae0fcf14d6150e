"""Definition and detection rules added for scientific and news prose (one sentence each).

Every sentence here is composed for the test; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from reader.analysis.glossary import GlossaryEntry, build_glossary_text
from reader.analysis.glossary_detect import find_mentions


def entries(text: str) -> dict[str, GlossaryEntry]:
    return {e.short: e for e in build_glossary_text(text).entries}


def pair(text: str, short: str) -> tuple[str, str]:
    e = entries(text)[short]
    if e.definition is not None:
        s, end = e.definition
        assert " ".join(text[s:end].split()) == e.expansion
    return e.expansion, e.source


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        # A character lost in conversion shows as `?` inside a word: not the end of a sentence.
        (
            "Votes went to a Na?ve Bayes (NB) model and a Na??veBayes classifier (NBC).",
            "NB",
            "Na?ve Bayes",
        ),
        (
            "Votes went to a Na?ve Bayes (NB) model and a Na??veBayes classifier (NBC).",
            "NBC",
            "Na??veBayes classifier",
        ),
        (
            "We call it the Weighted Levenshtein?s Edit Distance (WLED) in what follows.",
            "WLED",
            "Weighted Levenshtein?s Edit Distance",
        ),
        # A letter taken from a capital inside the first word.
        (
            "Feeds are written in eXtensible Markup Language (XML) by the wire service.",
            "XML",
            "eXtensible Markup Language",
        ),
        # Lower-case, hyphenated and in-word letters; plural acronyms.
        (
            "We stack a bidirectional long short-term memory (BiLSTM) on the embeddings.",
            "BiLSTM",
            "bidirectional long short-term memory",
        ),
        (
            "Vision labs prefer convolutional neural networks (CNNs) for this.",
            "CNNs",
            "convolutional neural networks",
        ),
        # Extra content after the acronym inside the parenthesis.
        (
            "The tagger uses conditional random fields (CRF; Lafferty, 2001) as its core.",
            "CRF",
            "conditional random fields",
        ),
        (
            "The tagger uses conditional random fields (CRF, see below) as its core.",
            "CRF",
            "conditional random fields",
        ),
        # Square brackets work like parentheses, both ways round.
        (
            "The Committee to Protect Journalists [CPJ] counted the arrests.",
            "CPJ",
            "Committee to Protect Journalists",
        ),
        (
            "Inspectors from the IAEA [International Atomic Energy Agency] left on Friday.",
            "IAEA",
            "International Atomic Energy Agency",
        ),
        # `i.e.` introduces the long form or the acronym.
        (
            "Scores fell for the mean reciprocal rank, i.e. MRR, on both sets.",
            "MRR",
            "mean reciprocal rank",
        ),
        (
            "Scores fell for the MRR, i.e. mean reciprocal rank, on both sets.",
            "MRR",
            "mean reciprocal rank",
        ),
        # A spaced dash inside the long form of a hyphenated acronym.
        (
            "Crews filed a Notice to Airmen - Temporary Flight Restriction (NOTAM-TFR) at noon.",
            "NOTAM-TFR",
            "Notice to Airmen - Temporary Flight Restriction",
        ),
        # A translated name before a dotted acronym.
        ("Auditors at the Court of Audit (T.C.U.) fined the ministry.", "T.C.U.", "Court of Audit"),
    ],
)
def test_definition_patterns(text: str, short: str, long: str) -> None:
    assert pair(text, short) == (long, "text")


def test_acronym_first_takes_the_head_noun_left_in_the_parenthesis() -> None:
    text = "Each token is tagged B-NP (beginning of a noun phrase chunk) or O."
    assert pair(text, "B-NP") == ("beginning of a noun phrase chunk", "text")
    # More than one word left, or a comma: the long form stops where the letters stop.
    text = "Each token is tagged B-NP (beginning of a noun phrase, as usual) or O."
    assert pair(text, "B-NP") == ("beginning of a noun phrase", "text")
    text = "Each token is tagged B-NP (beginning of a noun phrase in English) or O."
    assert pair(text, "B-NP") == ("beginning of a noun phrase", "text")


def test_called_after_a_single_common_noun_is_not_a_definition() -> None:
    text = "A discourse relation takes two arguments, called Arg1 and Arg2, in order."
    got = entries(text)
    assert got["Arg1"].source == "none"
    # A real long form before `known as` still counts.
    text = "The group measures the weighted error rate, known as WER, every week."
    assert pair(text, "WER") == ("weighted error rate", "text")


def test_defined_plural_is_the_short_form_shown() -> None:
    text = (
        "The parser applies lexical rules (LRs) in order. Each LR rewrites one entry, and "
        "the LR table is small."
    )
    e = entries(text)["LRs"]
    assert e.expansion == "lexical rules"
    assert e.variants == ("LR",)
    assert len(e.occurrences) == 3
    # A singular definition keeps the singular short form.
    text = "A lexical rule (LR) rewrites one entry; the LRs are applied in order."
    assert entries(text)["LR"].expansion == "lexical rule"


def test_single_capitals_joined_are_acronyms_only_when_defined() -> None:
    text = "Sentences were aligned phrase by phrase (P-by-P) and then word by word (W-by-W)."
    assert pair(text, "P-by-P") == ("phrase by phrase", "text")
    assert pair(text, "W-by-W") == ("word by word", "text")
    # Undefined, such shapes are not listed.
    assert entries("The A-B split and the T-P score were close.") == {}


def test_party_state_tags_need_a_real_state() -> None:
    text = "Sen. Bernie Sanders (I-VT) spoke, and tags I-NA and B-NA were added by the annotators."
    shorts = [m.surface for m in find_mentions(text)]
    assert shorts == ["I-NA", "B-NA"]


@pytest.mark.parametrize(
    "name",
    [
        "McCain",
        "MacArthur",
        "DeSantis",
        "LeBron",
        "DiCaprio",
        "VanDyke",
        "FitzGerald",
        "LaGuardia",
        "DuPont",
    ],
)
def test_prefixed_surnames_are_not_listed(name: str) -> None:
    assert entries(f"Reporters asked {name} about the vote on Tuesday.") == {}


def test_question_mark_still_ends_a_clause() -> None:
    # `?` before a space is punctuation: the question is not part of the long form.
    text = "Who pays? Federal Emergency Management Agency (FEMA) officials said they would."
    assert pair(text, "FEMA") == ("Federal Emergency Management Agency", "text")


def test_capitals_word_alone_in_brackets_is_a_label_not_emphasis() -> None:
    text = (
        "Polls split voters into those who backed the same candidate both times (SAME) and "
        "those who switched; the same pattern held in every state."
    )
    assert entries(text)["SAME"].source == "none"
    # Shouted inside a sentence, and written in lower case elsewhere: emphasis, not listed.
    text = "The mayor said it was the SAME plan as last year, the same one voters rejected."
    assert "SAME" not in entries(text)


def test_hyphenated_acronym_with_a_name_piece_spelled_in_full() -> None:
    text = (
        "Researchers at the Human Computer Interaction Laboratory (HCI-Lab) in Maryland "
        "tested the kiosks, and the HCI-Lab report was published on Monday."
    )
    e = entries(text)["HCI-Lab"]
    assert (e.expansion, e.source) == ("Human Computer Interaction Laboratory", "text")
    assert len(e.occurrences) == 2
    # Not spelled out before it: the name piece is a word after the acronym (a use of HCI).
    text = "The HCI-Lab team and the HCI group met the Human Computer Interaction panel."
    got = entries(text)
    assert "HCI-Lab" not in got
    assert len(got["HCI"].occurrences) == 2


def test_truncated_word_in_brackets_is_an_abbreviation() -> None:
    text = (
        "Each record lists its authors (Aut), the journals (Jour) and a date; Aut is empty "
        "for anonymous notes."
    )
    got = entries(text)
    assert pair(text, "Aut") == ("authors", "text")
    assert pair(text, "Jour") == ("journals", "text")
    assert len(got["Aut"].occurrences) == 2


@pytest.mark.parametrize(
    "text",
    [
        # A nickname inside a name is not an abbreviation.
        "The striker Alexander (Alex) Morgan scored twice on Sunday.",
        # Not a cut-down form of the word before it.
        "Officials in the district (Nari) said the road was closed.",
        # The word is barely longer than the bracketed one: a repeat, not a truncation.
        "The team flew to Rome (Rom) for the final.",
    ],
)
def test_truncation_look_alikes(text: str) -> None:
    assert all(e.source != "text" for e in build_glossary_text(text).entries)
    assert not {"Alex", "Nari", "Rom"} & set(entries(text))


def test_acronyms_joined_by_plus_are_one_acronym() -> None:
    text = "The best run used the script model + concept clustering (SM+CC) pipeline."
    assert pair(text, "SM+CC") == ("script model + concept clustering", "text")
    # Single letters in a formula are not an acronym, and `2*P*R` defines nothing.
    text = "The F1 score is computed as 2*P*R / (P+R) over all the labels."
    assert "P+R" not in entries(text)


def test_footnote_number_is_not_part_of_the_long_form() -> None:
    text = "Turnout is reported as the Voting Age Population 3 (VAP) share in each county."
    assert pair(text, "VAP") == ("Voting Age Population", "text")
    # A year belongs to the name.
    text = "Delegates met at the United Nations Climate Change Conference 2023 (UNCCC) in Dubai."
    assert pair(text, "UNCCC") == ("United Nations Climate Change Conference 2023", "text")


def test_version_word_before_a_version_number() -> None:
    text = "The parser was trained on the Penn Treebank version 3 (PTB3) and tested on news."
    assert pair(text, "PTB3") == ("Penn Treebank version 3", "text")
    # `Version` can still start a long form and give its letter.
    text = "The newsroom moved its archive to a Version Control System (VCS) last year."
    assert pair(text, "VCS") == ("Version Control System", "text")
    # Without the number, the extra word is unexplained: no definition.
    text = "The Penn Treebank release version (PTB3) was used."
    assert entries(text)["PTB3"].source != "text"


def test_capitals_word_set_equal_to_something_is_a_label() -> None:
    text = (
        "In the ballot codes, NONE = no candidate marked and ANY = any candidate; none were void."
    )
    got = entries(text)
    assert "NONE" in got and "ANY" in got
    # A comparison `==` in a quoted formula is not a label.
    text = "He wrote that NONE == zero, though none of it was true."
    assert "NONE" not in entries(text)


def test_slash_next_to_a_lone_capital_or_number_is_one_designation() -> None:
    text = "Two F/A-18 jets and an FX/80 computer were shown beside the US/UK display."
    shorts = [m.surface for m in find_mentions(text)]
    assert shorts == ["F/A-18", "FX/80", "US", "UK"]
    got = entries(text)
    assert "FX" not in got and "A-18" not in got
    # Two acronyms, or an acronym and a word, are still two mentions.
    shorts = [m.surface for m in find_mentions("The HIV/AIDS clinic and the Taliban/IS rivalry.")]
    assert shorts == ["HIV", "AIDS", "IS"]


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        (
            "As in the HOO shared task of 2011 (HOO-2011), errors were typed by hand.",
            "HOO-2011",
            "HOO shared task of 2011",
        ),
        (
            "Trade ministers met at the WTO ministerial conference of 2015 (WTO-2015) in Nairobi.",
            "WTO-2015",
            "WTO ministerial conference of 2015",
        ),
    ],
)
def test_named_edition_with_its_number(text: str, short: str, long: str) -> None:
    assert pair(text, short) == (long, "text")


@pytest.mark.parametrize(
    "text",
    [
        # No number at the end of the phrase, or no name at its start.
        "Results from the CoNLL shared task (CoNLL-2003) are shown.",
        "In the results of 2012 (HOO-2012) we saw gains.",
    ],
)
def test_named_edition_look_alikes(text: str) -> None:
    assert all(e.source != "text" for e in entries(text).values())


@pytest.mark.parametrize(
    "text",
    [
        "Chunk types are base noun phrase (BNP), base measure phrase (BQP), and base verb phrase.",
        # The first item of the list, worded like the next one.
        "Chunk types are base measure phrase (BQP), base noun phrase (BNP) and others.",
    ],
)
def test_list_item_worded_like_its_neighbour(text: str) -> None:
    assert pair(text, "BQP") == ("base measure phrase", "text")


@pytest.mark.parametrize(
    "text",
    [
        # The neighbour starts with another word, or there is no neighbour at all.
        "Chunk types are noun phrase (NP), measure phrase (QP) and verb phrase (VP).",
        "We mark a base measure phrase (BQP) in each sentence.",
        "Chunks: base noun phrase (BNP), the measure phrase (BQP).",
        # The neighbour's letters do not spell its acronym either.
        "The station logs wind speed (WSX), wind gust (WGZ) and rain every hour.",
    ],
)
def test_list_items_that_are_not_parallel(text: str) -> None:
    short = "QP" if "(QP)" in text else "BQP" if "(BQP)" in text else "WGZ"
    assert entries(text)[short].source != "text"


def test_tag_made_of_a_word_cut_short_and_one_letter() -> None:
    text = "We keep nouns (NOUN) and adjectives (ADJA) only."
    assert pair(text, "ADJA") == ("adjectives", "text")
    # Two letters past the word's start, or a word hardly longer than the tag: no definition.
    assert entries("We keep adjectives (ADJAB) only.")["ADJAB"].source != "text"
    assert entries("He met the Tates (TATX) at noon.")["TATX"].source != "text"
