"""Attribution patterns of news prose: split quotes, judging verbs, relative clauses, groups,
nicknames, documents, infinitives. Every sentence here is composed for the test."""

from __future__ import annotations

from tests.analysis.helpers import index_of, who

from reader.analysis.quote_spans import find_quote_spans, is_nickname
from reader.analysis.quotes import QuoteKind


def kind_of(words: str, *paragraphs: str) -> QuoteKind | None:
    """Kind of the quote containing `words` (None when it is no quote, e.g. a title)."""
    idx = index_of(*paragraphs)
    for q in idx.quotes:
        if words in q.text:
            return q.kind
    return None


# ----------------------------------------------------------------------------- split quotes


def test_second_part_of_a_split_quote_is_speech_even_in_title_case() -> None:
    idx = index_of(
        "“Here he comes at last,” Maria Lopez said, waving a flag. “The Champion. Our Champion.”"
    )
    assert who(idx, "Here he comes") == "Maria Lopez"
    assert who(idx, "Our Champion") == "Maria Lopez"


def test_title_after_the_attribution_clause_is_still_a_title() -> None:
    # look-alike: the clause runs on into the title (`said of`), no split quote
    idx = index_of("“I loved every minute of it,” Maria Lopez said of “The Great Escape.”")
    assert who(idx, "every minute") == "Maria Lopez"
    assert who(idx, "Great Escape") is None


def test_title_in_a_later_sentence_is_not_a_split_quote() -> None:
    idx = index_of("“I loved it,” Maria Lopez said. Then she watched “The Great Escape” again.")
    assert who(idx, "Great Escape") is None


# ----------------------------------------------------------------------------- verbs


def test_singing_introduces_quoted_words() -> None:
    idx = index_of("“Keep the lights on, keep the music loud,” Lena Park sings to the crowd.")
    assert who(idx, "keep the music loud") == "Lena Park"


def test_attacking_verb_governs_a_quote_right_after_it() -> None:
    idx = index_of(
        "In a speech on Monday, Senator Ann Ortiz attacked “the reckless spending of this "
        "administration and its friends.”"
    )
    assert who(idx, "reckless spending") == "Ann Ortiz"
    idx = index_of("Dana Cole blasted the local paper for being “utterly lazy.”")
    assert who(idx, "utterly lazy") == "Dana Cole"


def test_mocking_someones_words_does_not_make_them_yours() -> None:
    idx = index_of("Ann Lee mocked Bob Roe’s “fiscal sanity” plan on Monday.")
    assert who(idx, "fiscal sanity") is None
    idx = index_of("Critics mocked the phrase “fiscal sanity” for weeks.")
    assert who(idx, "fiscal sanity") is None


def test_a_noun_after_a_name_is_not_a_verb_of_saying() -> None:
    # `attacks` after a capitalised word is a noun: it does not make `Hamza` a speaker
    idx = index_of(
        "Hamza attacks rose sharply last year. “We are afraid to go out,” one farmer said."
    )
    assert who(idx, "afraid to go out") == "farmer"
    assert all(s.name != "Hamza" for s in idx.speakers)


def test_a_subordinate_clause_after_a_quote_is_not_its_attribution() -> None:
    idx = index_of(
        "The ad shows Tom Reyes saying at a rally, “That is just good business,” when his "
        "rival criticized him for it."
    )
    assert who(idx, "good business") == "Tom Reyes"


def test_naming_verb_with_a_long_object_before_as() -> None:
    idx = index_of(
        "Later, Ed Vance characterized the governor of the state, Mary Holt, and her deputy, "
        "the former mayor of Springfield, as “a pair of amateurs who never read a budget.”"
    )
    assert who(idx, "a pair of amateurs") == "Ed Vance"


def test_naming_verb_far_from_a_quote_without_as_governs_nothing() -> None:
    idx = index_of(
        "Later, Ed Vance described the storm that hit the state and its neighbours on Monday, "
        "which many residents had been told would be “the storm of the century.”"
    )
    assert who(idx, "storm of the century") != "Ed Vance"


def test_finding_that_reports_what_a_study_says() -> None:
    idx = index_of(
        "A report released last year by the audit office found that the agency could not be "
        'sure the money was not coming from "the drug trade or other crime."'
    )
    assert who(idx, "drug trade") == "audit office"


def test_finding_a_thing_is_not_speech() -> None:
    idx = index_of('Police found the body near "the old mill" on Friday.')
    assert who(idx, "old mill") is None


def test_using_a_phrase_makes_the_quoted_words_the_users() -> None:
    idx = index_of("Governor Ann Lee has used the phrase “fiscal sanity” often in her campaign.")
    assert who(idx, "fiscal sanity") == "Ann Lee"
    idx = index_of("Ann Lee coined the term “fiscal sanity” in 2010.")
    assert who(idx, "fiscal sanity") == "Ann Lee"


def test_infinitive_of_purpose_takes_the_sentence_subject() -> None:
    idx = index_of(
        "Ann Lee took to Twitter overnight to accuse the campaign of being “duped” by “a con” "
        "and more."
    )
    assert who(idx, "duped") == "Ann Lee"
    assert who(idx, "a con") == "Ann Lee"  # the next item, joined by `by`


def test_infinitive_after_a_refusal_or_a_bare_object_is_not_speech() -> None:
    idx = index_of("Ann Lee refused to call the plan “a total mess.”")
    assert who(idx, "total mess") is None
    idx = index_of("The rules allow the chair to call a “special meeting” to vote.")
    assert who(idx, "special meeting") is None


def test_title_after_a_preposition_is_no_list_item() -> None:
    idx = index_of("Ann Lee called the plan “a disaster” with “The Times” watching.")
    assert who(idx, "a disaster") == "Ann Lee"
    assert who(idx, "The Times") is None


def test_title_with_a_small_word_inside_is_nobodys_speech() -> None:
    assert kind_of("Contract", "Ann Lee praised his 1994 “Contract with America.”") is None


# ----------------------------------------------------------------------------- speakers


def test_relative_pronoun_stands_for_the_person_before_it() -> None:
    idx = index_of('The crowd cheered for Ann Lee, who said "the rest is just noise."')
    assert who(idx, "just noise") == "Ann Lee"
    idx = index_of('It was Ann Lee who said "the rest is just noise."')
    assert who(idx, "just noise") == "Ann Lee"


def test_that_as_a_relative_pronoun_before_says() -> None:
    idx = index_of(
        "He released a letter from his doctor on Friday that says he is in “extraordinarily "
        "good health” for his age."
    )
    assert who(idx, "good health") == "doctor"


def test_that_as_a_conjunction_keeps_the_speaker_of_the_main_verb() -> None:
    idx = index_of('Ann Lee said that "the rest is just noise."')
    assert who(idx, "just noise") == "Ann Lee"


def test_kinship_description_before_a_name_introduces_the_speaker() -> None:
    idx = index_of('"We are ready for this," his aunt, Patricia Owens, said.')
    assert who(idx, "ready for this") == "Patricia Owens"


def test_appositive_with_a_parenthesis_and_a_nickname() -> None:
    idx = index_of(
        '"We are ready for this," Owens\'s aunt, Councilwoman Patricia "Pat" Owens '
        '(D-Ward 3), shouted to the crowd. "We will win."'
    )
    assert who(idx, "ready for this") == "Patricia Owens"
    assert who(idx, "We will win") == "Patricia Owens"
    assert who(idx, "Pat") is None  # a nickname is part of the name, no quotation


def test_name_with_a_parenthesis_and_no_appositive() -> None:
    idx = index_of('"We are ready for this," Patricia Owens (D-Ward 3), said on Friday.')
    assert who(idx, "ready for this") == "Patricia Owens"


def nicknames(text: str) -> list[str]:
    spans = find_quote_spans(text, [(0, len(text))])
    return [text[sp.start : sp.end] for sp in spans if is_nickname(text, sp)]


def test_nickname_between_first_name_and_surname() -> None:
    assert nicknames('Earvin "Magic" Johnson and Thomas “Tip” O’Neill met.') == ["Magic", "Tip"]


def test_quoted_title_after_a_function_word_or_before_a_lower_case_word_is_no_nickname() -> None:
    assert nicknames('In "Casablanca" Bogart plays a bar owner.') == []
    assert nicknames('Then Ann "Stay Hungry" was printed.') == []
    assert nicknames('Ann Lee read "Stay Hungry, Stay Foolish" Monday.') == []


def test_participle_of_saying_after_while_takes_the_sentence_subject() -> None:
    idx = index_of('Maria Diaz waved at the crowd while chanting, "Four more years."')
    assert who(idx, "Four more years") == "Maria Diaz"


def test_group_opening_a_sentence_is_not_named_by_its_first_word() -> None:
    idx = index_of(
        "Small groups of protesters marched past the stadium - where the Jets played the "
        'Giants - while chanting, "Hands up, we want justice."'
    )
    assert who(idx, "we want justice") == "Small groups of protesters"


def test_participle_phrase_between_the_speaker_and_the_verb() -> None:
    idx = index_of('Protesters marching through the streets chanted "What curfew?" all night.')
    assert who(idx, "What curfew") == "Protesters"
    idx = index_of('Residents interviewed by phone on Friday said "We are scared of the water."')
    assert who(idx, "scared of the water") == "Residents"


def test_a_statement_issued_by_a_body_is_that_bodys_speech() -> None:
    idx = index_of(
        "Following a late meeting, the Security Council issued a statement calling the test "
        '"a clear violation of the rules."'
    )
    assert who(idx, "clear violation") == "Security Council"
    idx = index_of('Mayor Ann Lee issued a statement saying "the camps are full."')
    assert who(idx, "camps are full") == "Ann Lee"
