"""Attribution rules added for general news patterns (reader.analysis.quotes).

Every paragraph is composed for the test; none is copied from an article.
"""

from __future__ import annotations

from tests.analysis.helpers import index_of, who

from reader.analysis.attribution import (
    extend_back,
    extend_forward,
    tokenize,
    tokenize_cued,
    tokenize_head,
)
from reader.analysis.quote_spans import find_quote_spans
from reader.analysis.quotes import QuoteKind, analyse_quotes
from reader.article import parse_article


def spans_of(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text, [(0, len(text))])]


# ----------------------------------------------------------------------------- nested marks


def test_nested_quote_of_another_style_stays_inside_the_outer_quote() -> None:
    text = '"He read the question: “Are you well enough to serve?” and then waited," she said.'
    assert spans_of(text) == [
        "He read the question: “Are you well enough to serve?” and then waited,"
    ]


def test_nested_quote_of_the_same_style_stays_inside() -> None:
    text = "“I would rather live in what he calls “chaos” than in his order,” she said."
    assert spans_of(text) == ["I would rather live in what he calls “chaos” than in his order,"]


def test_unbalanced_nesting_falls_back_to_the_robust_rule() -> None:
    # the first mark is never closed: the proper quote after it is kept on its own
    assert spans_of("“Broken start and “a proper quote” ends. More “words here” too.") == [
        "a proper quote",
        "words here",
    ]


# ----------------------------------------------------------------------------- names


def test_party_word_before_a_name_is_not_part_of_the_name() -> None:
    idx = index_of('"We will carry this county," Republican Maria Lopez said on Friday.')
    assert who(idx, "carry this county") == "Maria Lopez"


def test_party_adjective_and_nounish_verb_are_nobodys_speech() -> None:
    idx = index_of(
        'The fact checkers rated 30 percent of Democratic claims as "false" or "wildly off."'
    )
    assert all(s.name.lower() not in ("democratic", "republican") for s in idx.speakers)


def test_tweets_after_an_adjective_is_a_noun_not_the_verb() -> None:
    idx = index_of(
        "Nina Frost says Paul Ames’s late-night tweets about the mayor were"
        " “reckless, even for him.”"
    )
    assert who(idx, "reckless, even for him") == "Nina Frost"


# ----------------------------------------------------------------------------- verbs


def test_coordinated_verb_takes_the_subject_of_the_sentence() -> None:
    idx = index_of(
        "Maria Lopez, the mayor, thanked the crews for their work during the long storm and said"
        ' she had one message for the whole city: "We will rebuild every single home."'
    )
    assert who(idx, "rebuild every single home") == "Maria Lopez"


def test_participle_after_a_comma_takes_the_subject_not_the_place() -> None:
    idx = index_of(
        "Maria Lopez spoke on Tuesday in Dover, Delaware, arguing that the cuts were"
        ' "cruel and pointless."'
    )
    assert who(idx, "cruel and pointless") == "Maria Lopez"


def test_sentence_final_attribution_covers_a_quote_opening_the_sentence() -> None:
    idx = index_of('"I admire the ambition" of the new plan, Nina Frost said.')
    assert who(idx, "I admire the ambition") == "Nina Frost"


def test_next_sentence_with_its_own_quote_does_not_attribute_the_previous_one() -> None:
    idx = index_of(
        'Norway called the test "a grave and reckless act." Chile insisted that the North'
        ' "halt its tests." The energy agency said the North had shown "complete disregard."'
    )
    assert who(idx, "halt its tests") == "Chile"
    assert who(idx, "grave and reckless") != "Chile"


def test_naming_verbs_give_fragments_to_their_subject() -> None:
    idx = index_of('Paul Ames branded the budget a "reckless gamble" on Monday.')
    q = idx.speakers[0].quotes[0]
    assert (idx.speakers[0].name, q.kind) == ("Paul Ames", QuoteKind.FRAGMENT)


def test_pledge_to_quote_belongs_to_its_owner() -> None:
    idx = index_of(
        'Maria Lopez, for her part, has kept her promise to "clean up city hall" this year.'
    )
    assert who(idx, "clean up city hall") == "Maria Lopez"
    assert idx.speakers[0].quotes[0].kind is QuoteKind.FRAGMENT


def test_pledge_of_an_organisation_is_not_speech() -> None:
    idx = index_of('The city has a plan to "rebuild the bridge" by the spring.')
    assert idx.speakers == ()


# ----------------------------------------------------------------------------- who is followed


def test_subject_after_an_opening_phrase_speaks_next() -> None:
    idx = index_of(
        "During the long hearing, Karen Holt, a judge, questioned the lawyer at length."
        ' "Nothing in this file adds up for the court."'
    )
    assert who(idx, "Nothing in this file") == "Karen Holt"


def test_person_introduced_with_a_description_is_the_next_he() -> None:
    idx = index_of(
        '"We built the road on time," said Tom Reyes, the mayor.',
        "The road worries Paul Ames, a farmer whose land lies below it.",
        '"The water comes down every spring now," he said.',
    )
    assert who(idx, "water comes down") == "Paul Ames"


def test_pronoun_subjects_keep_track_of_the_person_followed() -> None:
    idx = index_of(
        '"The deal is done," said Tom Reyes, the mayor.',
        "Paul Ames, a farmer, heard the news on Monday. He drove to the town hall at once.",
        "He waited there for an hour.",
        '"Nobody asked the farmers anything," he said.',
    )
    assert who(idx, "Nobody asked the farmers") == "Paul Ames"


def test_transcript_label_names_the_speaker_of_each_line() -> None:
    idx = analyse_quotes(
        parse_article(
            "A composed headline\n\n"
            "Anna Reyes, the host, spoke with Mayor Tom Briggs on Sunday.\n\n"
            '"REYES: Will the bridge open this year?\n\n'
            '"BRIGGS: It will open in the spring, and not a day later.\n\n'
            '"UPDATE: The interview was shortened for length."\n'
        )
    )
    by = {
        q.text.split(":")[0].strip('"'): idx.speakers[q.speaker].name
        for q in idx.quotes
        if q.speaker is not None
    }
    assert by == {"REYES": "Anna Reyes", "BRIGGS": "Tom Briggs"}


def test_tokenize_windows_grow_without_changing_tokens() -> None:
    text = "Sen. J. R. Smith, a well-known critic, said U.S. aid was e.g. late... ~~~~ _x y."
    full = tokenize(text, 0, len(text))
    key = [(t.text, t.start, t.end, t.low) for t in full]
    for cut in range(len(text) + 1):
        back = extend_back(text, tokenize(text, cut, len(text)), 0, len(text))
        forward = extend_forward(text, tokenize(text, 0, cut), 0, cut, len(text))
        assert [(t.text, t.start, t.end, t.low) for t in back] == key, cut
        assert [(t.text, t.start, t.end, t.low) for t in forward] == key, cut
    assert [t.text for t in tokenize(text, 0, len(text), 3)] == ["Sen.", "J.", "R."]


def test_head_and_cued_tokenising_match_plain_tokenising() -> None:
    """`tokenize_head` reads a prefix first and `tokenize_cued` skips windows without a cue:
    both must give exactly what `tokenize` gives, wherever the window and its prefix end."""
    text = (
        "Mr. J. R. Smith Jr. of the U.S. Senate, a very long-winded speaker -- who rarely "
        "stops -- said on Tuesday that ~~~~~~~~~~~~~~~~~~~~ was e.g. done.. _said x_said Dr."
    )
    cues = frozenset({"said", "according"})
    for lo in range(0, len(text), 7):
        for hi in range(lo, len(text) + 1, 5):
            for limit in (1, 2, 5, 16, 25):
                assert tokenize_head(text, lo, hi, limit) == tokenize(text, lo, hi, limit)
            plain = tokenize(text, lo, hi)
            expected = plain if any(t.low in cues for t in plain) else None
            assert tokenize_cued(text, lo, hi, cues) == expected, (lo, hi)
    assert tokenize_cued("no verb here", 0, 12, cues) is None
