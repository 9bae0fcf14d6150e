"""Quotation spans, attribution patterns and quote kinds (reader.analysis.quotes).

Every paragraph here is composed for the test; none is copied from an article.
"""

from __future__ import annotations

import pytest
from tests.analysis.helpers import index_of, who

from reader.analysis.quote_spans import find_quote_spans
from reader.analysis.quotes import Quote, QuoteKind, SpeakerIndex, analyse_quotes
from reader.article import parse_article


def said(index: SpeakerIndex) -> dict[str, list[tuple[str, str]]]:
    """speaker name -> [(kind, first words)]; unattributed quotes under ''."""
    out: dict[str, list[tuple[str, str]]] = {}
    for sp in index.speakers:
        out[sp.name] = [(q.kind.value, q.text) for q in sp.quotes]
    if index.unattributed:
        out[""] = [(q.kind.value, q.text) for q in index.unattributed]
    return out


# ----------------------------------------------------------------------------- spans


def spans_of(text: str) -> list[str]:
    paragraphs = []
    pos = 0
    for line in text.split("\n"):
        paragraphs.append((pos, pos + len(line)))
        pos += len(line) + 1
    return [text[s.start : s.end] for s in find_quote_spans(text, paragraphs)]


def test_straight_and_curly_double_quotes() -> None:
    assert spans_of('He said "one thing" and “another thing” today.') == [
        "one thing",
        "another thing",
    ]


def test_two_apostrophes_count_as_a_double_mark() -> None:
    assert spans_of("''It is done,'' Mr. Smith said.") == ["It is done,"]


def test_apostrophes_and_single_quotes_are_not_top_level_quotes() -> None:
    assert spans_of("It's the group's 'internationalist' act, in the '90s.") == []


def test_single_quotes_nested_inside_double_quotes_stay_inside() -> None:
    assert spans_of("\"We were told 'never again,' and believed it,\" she said.") == [
        "We were told 'never again,' and believed it,"
    ]


def test_inch_mark_and_stray_closing_mark_are_ignored() -> None:
    assert spans_of('He is 6\'2" tall and said "fine" later.') == ["fine"]


def test_unbalanced_mark_does_not_swallow_the_next_paragraph() -> None:
    text = 'A stray " mark opens nothing here\nThen "a real quote" follows.'
    assert spans_of(text)[-1] == "a real quote"


def test_reopening_mark_restarts_the_quote() -> None:
    assert spans_of("“Broken start and “a proper quote” ends.") == ["a proper quote"]


def test_multi_paragraph_quote_is_linked() -> None:
    text = '"The first part runs on\n"and the second part ends," she said.'
    paragraphs = [(0, 23), (24, len(text))]
    spans = find_quote_spans(text, paragraphs)
    assert [s.continues for s in spans] == [True, False]
    assert [s.continued for s in spans] == [False, True]


@pytest.mark.parametrize(
    "text",
    ['"', '""', "“”", "''", '"""', "“ ” “", "no marks at all", "\" ' “ ' ” '"],
)
def test_degenerate_marks_never_fail(text: str) -> None:
    for content in spans_of(text):
        assert content.strip()


# ----------------------------------------------------------------------------- attribution


def test_quote_then_name_said() -> None:
    idx = index_of('"The budget is a disgrace," Maria Lopez said on Tuesday.')
    assert said(idx) == {"Maria Lopez": [("direct", '"The budget is a disgrace,"')]}


def test_quote_then_said_name_with_appositive() -> None:
    idx = index_of('"We will appeal," said Karen Holt, a lawyer for the city.')
    sp = idx.speakers[0]
    assert (sp.name, sp.description) == ("Karen Holt", "a lawyer for the city")


def test_name_said_colon_quote_with_words_between() -> None:
    idx = index_of('Governor Ray Tillman said in a written statement: "The roads will reopen."')
    assert who(idx, "roads will reopen") == "Ray Tillman"


def test_told_someone_quote_and_told_that_quote() -> None:
    idx = index_of(
        'Paul Ames told reporters "the count is not over yet, and it will not be for days."',
        'Nina Frost told the council that "nobody had been warned about the flooding."',
    )
    assert who(idx, "count is not over") == "Paul Ames"
    assert who(idx, "nobody had been warned") == "Nina Frost"


def test_split_quote_keeps_one_speaker() -> None:
    idx = index_of('"We lost," Dan Ortiz said, "but we will be back next year."')
    assert said(idx) == {
        "Dan Ortiz": [("direct", '"We lost,"'), ("direct", '"but we will be back next year."')]
    }


def test_according_to_before_and_after() -> None:
    idx = index_of(
        'According to Rosa Kim, "the plant will close by the end of the month."',
        '"Three shifts will be cut at the same time," according to a union official.',
    )
    assert who(idx, "plant will close") == "Rosa Kim"
    assert who(idx, "Three shifts") == "union official"


@pytest.mark.parametrize(
    "verb", ["added", "says", "warned", "insisted", "argued", "wrote", "tweeted", "explained"]
)
def test_speech_verbs_in_several_tenses(verb: str) -> None:
    idx = index_of(f'"The numbers do not add up at all," Helen Marsh {verb}.')
    assert who(idx, "numbers do not add up") == "Helen Marsh"


def test_quote_only_paragraph_continues_the_previous_speaker() -> None:
    idx = index_of(
        '"Our schools are underfunded," said Alan Reed, the school board chairman.',
        '"Every year the classes get bigger and the books get older."',
    )
    assert who(idx, "classes get bigger") == "Alan Reed"


def test_sentence_after_an_attributed_quote_in_the_same_paragraph() -> None:
    idx = index_of('"It was close," Lena Park said. "Another week and we would have lost."')
    assert who(idx, "Another week") == "Lena Park"


def test_multi_paragraph_quote_takes_the_speaker_named_at_its_end() -> None:
    idx = index_of(
        '"The first part of the answer is long and careful',
        '"and the second part ends the answer," Senator Jane Doe said.',
    )
    assert who(idx, "first part") == "Jane Doe"
    assert who(idx, "second part") == "Jane Doe"


def test_inverted_anonymous_source_with_relative_clause() -> None:
    idx = index_of(
        '"The attack was planned for months," remarked one police officer who asked not to be'
        " named."
    )
    sp = idx.speakers[0]
    assert sp.anonymous
    assert sp.name == "police officer"
    assert sp.description == "one police officer who asked not to be named"


def test_description_before_the_name() -> None:
    idx = index_of(
        'The head of the port authority, Captain Omar Reyes, said on Friday: "The harbour is'
        ' closed until further notice."'
    )
    sp = idx.speakers[0]
    assert sp.name == "Omar Reyes"
    assert "head of the port authority" in sp.description


def test_name_of_the_organisation_description() -> None:
    idx = index_of(
        'Ellen Voss of the Coastal Research Institute said "the water is warmer than ever."'
    )
    sp = idx.speakers[0]
    assert (sp.name, sp.description) == ("Ellen Voss", "of the Coastal Research Institute")


# ----------------------------------------------------------------------------- kinds


def test_fragment_inside_an_attributed_sentence() -> None:
    idx = index_of('Mark Hale said his opponents were "completely out of touch" with voters.')
    quotes = idx.speakers[0].quotes
    assert ("fragment", '"completely out of touch"') in [(q.kind.value, q.text) for q in quotes]


@pytest.mark.parametrize(
    "sentence",
    [
        'The army dropped the "Mother Of All Bombs" on the valley.',
        'The war became a game of "whack-a-mole", with fighters moving on.',
        'Residents live in supposedly "safe" districts, as the attack showed.',
    ],
)
def test_scare_quotes_and_names_are_nobodys_words(sentence: str) -> None:
    idx = index_of("Vera Stone arrived in the city on Monday.", sentence)
    assert idx.speakers == ()
    assert idx.unattributed == ()
    assert len(idx.scare_quotes) == 1


def test_reported_speech_with_a_named_speaker() -> None:
    idx = index_of("Borin Vale of the Harbor Group claims the company split from its parent.")
    q = idx.speakers[0].quotes[0]
    assert q.kind is QuoteKind.REPORTED
    assert q.text == "the company split from its parent"


def test_unattributed_full_quote_is_kept() -> None:
    idx = index_of('"No one knows what happens next in the valley."')
    assert [q.text for q in idx.unattributed] == ['"No one knows what happens next in the valley."']


# ----------------------------------------------------------------------------- offsets, lookups


def test_offsets_slice_to_the_quote_text() -> None:
    article = parse_article(
        "Title\n\n“Prices rose again,” said Anna Berg, an economist. "
        'She added that "nobody expected it."\n\n"It will pass," he said.\n'
    )
    idx = analyse_quotes(article)
    quotes: list[Quote] = list(idx.quotes)
    assert quotes
    for q in quotes:
        assert article.text[q.start : q.end] == q.text


def test_quote_at_and_speaker_for_span() -> None:
    article = parse_article('Title\n\n"The bridge is unsafe," Rita Cole said.\n')
    idx = analyse_quotes(article)
    start = article.text.index("bridge")
    q = idx.quote_at(start)
    assert q is not None and q.text == '"The bridge is unsafe,"'
    # the marks belong to the quote: a highlight from mark to mark is inside it
    mark = article.text.index('"')
    assert idx.quote_at(mark) is q and idx.quote_at(q.end - 1) is q
    assert idx.quote_at(q.end) is None
    full = idx.speaker_for_span(q.start, q.end)
    assert full is not None and full.name == "Rita Cole"
    sp = idx.speaker_for_span(start, start + 6)
    assert sp is not None and sp.name == "Rita Cole"
    assert idx.quote_at(article.text.index("Rita")) is None
    assert idx.speaker_for_span(start, len(article.text)) is None


def test_quote_span_includes_its_curly_marks_and_fragments_too() -> None:
    article = parse_article(
        "Title\n\nOwen Pratt said the plan was “a gamble” for the town. "
        "“We have no choice,” said Owen Pratt.\n"
    )
    idx = analyse_quotes(article)
    texts = [(q.kind.value, q.text) for q in idx.quotes]
    assert ("fragment", "“a gamble”") in texts
    assert ("direct", "“We have no choice,”") in texts
    for q in idx.quotes:
        if q.kind is not QuoteKind.REPORTED:  # reported speech has no marks of its own
            assert article.text[q.start] == "“" and article.text[q.end - 1] == "”"


def test_multi_paragraph_quote_is_one_quote_from_first_mark_to_last() -> None:
    article = parse_article(
        "Title\n\n"
        '"The first part of the answer is long and careful\n\n'
        '"the middle part keeps going without a closing mark\n\n'
        '"and the last part ends the answer," Senator Jane Doe said.\n'
    )
    idx = analyse_quotes(article)
    assert len(idx.quotes) == 1
    q = idx.quotes[0]
    assert q.start == article.text.index('"The first')
    assert q.end == article.text.index(" Senator")
    assert q.text == article.text[q.start : q.end] and q.text.endswith('answer,"')
    assert idx.speakers[0].name == "Jane Doe"
    middle = article.text.index("middle part")
    assert idx.quote_at(middle) is q
    sp = idx.speaker_for_span(middle, middle + 11)
    assert sp is not None and sp.name == "Jane Doe"


def test_multi_paragraph_quote_without_a_last_closing_mark_ends_with_its_paragraph() -> None:
    article = parse_article(
        "Title\n\n"
        '"We built the school with our own hands," said Ida Moss, a teacher.\n\n'
        '"Nobody from the city came to help us for a whole year.\n\n'
        '"And still nobody has come to see what we have done here\n'
    )
    idx = analyse_quotes(article)
    last = idx.quote_at(article.text.index("still nobody"))
    assert last is not None
    assert last.start == article.text.index('"Nobody')
    assert last.text.endswith("done here")
    assert last.speaker is not None and idx.speakers[last.speaker].name == "Ida Moss"
