"""Rules added to generalise attribution on unseen news text (reader.analysis.quotes).

Each rule has a test on a paragraph composed for it and a look-alike that must not match.
None of the text is copied from an article.
"""

from __future__ import annotations

from tests.analysis.helpers import index_of, who

from reader.analysis.attribution import tokenize
from reader.analysis.quote_spans import find_quote_spans
from reader.analysis.quotes import QuoteKind
from reader.analysis.speakers import _RUN


def spans_in(text: str, paragraphs: list[tuple[int, int]]) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text, paragraphs)]


def paragraphs_of(*parts: str) -> tuple[str, list[tuple[int, int]]]:
    text, spans, pos = "", [], 0
    for part in parts:
        spans.append((pos, pos + len(part)))
        text += part + "\n\n"
        pos = len(text)
    return text, spans


# ----------------------------------------------------------------------------- quote marks


def test_run_on_quote_with_nested_marks_of_another_style_keeps_its_outer_quote() -> None:
    # a transcript quoted with straight marks, a title in curly marks inside, run on
    text, paras = paragraphs_of(
        '"MORALES: Well, the council treats this like an episode of “Family Feud.” '
        "But this is a budget, Ann. It is serious",
        '"HOLT: Let me stop you there, Mayor.',
    )
    found = spans_in(text, paras)
    assert found[0].startswith("MORALES: Well") and found[0].endswith("It is serious")
    idx = index_of(*text.strip().split("\n\n"))
    assert who(idx, "It is serious") == "Morales"


def test_unclosed_mark_with_same_style_pair_inside_still_restarts() -> None:
    # look-alike: all marks curly, so the styles say nothing; the robust rule holds
    text, paras = paragraphs_of(
        "“Broken start and “a proper quote” after it and then more text",
        "“The next paragraph opens a quote.”",
    )
    assert spans_in(text, paras)[0] == "a proper quote"


# ----------------------------------------------------------------------------- subjects


def test_titled_name_after_an_opener_is_the_subject_a_pronoun_refers_to() -> None:
    idx = index_of(
        "Mr. Ortega said the plan would cost too much. He later sat with Mr. Baines.",
        "For his part, Mr. Baines said he would keep fighting for the bridge. During a stop "
        "in Dayton, he made a remark.",
        '"My hope," he said, "is that the bridge gets built."',
    )
    assert who(idx, "the bridge gets built") == "Baines"


def test_a_sentence_end_splits_a_run_of_capitalised_words() -> None:
    runs = [m.group() for m in _RUN.finditer("the Ohio Farm Bureau. Lopez joked that")]
    assert runs == ["Ohio Farm Bureau", "Lopez"]
    # look-alikes: abbreviations and initials keep the run whole
    runs = [m.group() for m in _RUN.finditer("Gov. Mike Pence and Dr. J. R. Smith Jr. Day")]
    assert runs == ["Gov. Mike Pence", "Dr. J. R. Smith Jr. Day"]


def test_subject_after_an_organisation_at_a_sentence_end_is_remembered() -> None:
    idx = index_of(
        '"We need more nurses," said Tom Reyes, a hospital administrator.',
        "Later, Dana Whitfield spoke to workers at the Ohio Farm Bureau. Whitfield joked "
        "that the barns were bigger than her office.",
        '"I have always liked a long drive to work," she told the group.',
    )
    assert who(idx, "long drive to work") == "Dana Whitfield"


# ----------------------------------------------------------------------------- reported speech


def test_said_followed_by_a_possessive_clause_is_not_an_inverted_speaker() -> None:
    idx = index_of(
        "Rosa Lindqvist, who studies tax policy at a think tank, said Helen "
        "Park's statement didn't clarify the matter.",
        '"I don\'t see who is eligible," she said after reading the outline.',
    )
    assert who(idx, "who is eligible") == "Rosa Lindqvist"


def test_sentence_final_said_name_is_still_reported_speech() -> None:
    # look-alike: a short `, said X.` tail is the speaker of the sentence
    idx = index_of("The county will hire forty new teachers next year, said Helen Park.")
    park = [s for s in idx.speakers if s.name == "Helen Park"]
    assert park and park[0].quotes[0].kind is QuoteKind.REPORTED


# ----------------------------------------------------------------------------- appositives


def test_home_town_appositive_is_not_the_speaker() -> None:
    idx = index_of(
        'Marcus Bell, of Springfield, Va., said he had worked there "for the rights of all."'
    )
    assert who(idx, "rights of all") == "Marcus Bell"


def test_name_of_a_place_company_is_still_a_speaker_without_the_comma() -> None:
    # look-alike: `Borhan Osman of the network` keeps the person, no comma before `of`
    idx = index_of('"The numbers are wrong," Lena Ruiz of the Texas Farm Bureau said.')
    assert who(idx, "numbers are wrong") == "Lena Ruiz"


def test_double_hyphen_is_one_dash_token() -> None:
    toks = tokenize("Ms. Dale -- the mayor -- said", 0, 29)
    assert [t.text for t in toks] == ["Ms.", "Dale", "—", "the", "mayor", "—", "said"]
    # look-alike: a hyphenated word stays one word
    assert [t.text for t in tokenize("a well-known man", 0, 16)] == ["a", "well-known", "man"]


# ----------------------------------------------------------------------------- lists of quotes


def test_list_of_quoted_names_after_called_are_all_the_speakers() -> None:
    idx = index_of(
        'The feud grew bitter. Gomez called the mayor a "pathological liar" who is '
        '"utterly amoral," a "serial bully" and a "narcissist."'
    )
    for words in ("pathological liar", "utterly amoral", "serial bully", "narcissist"):
        assert who(idx, words) == "Gomez", words
    kinds = {q.text: q.kind for s in idx.speakers for q in s.quotes}
    assert kinds['"serial bully"'] is QuoteKind.FRAGMENT


def test_quoted_words_in_another_clause_are_not_list_items() -> None:
    # look-alike: a full stop (a new sentence) separates the scare quote from the fragment
    idx = index_of('Gomez called the mayor a "pathological liar." The "Lyin\' Larry" tag stuck.')
    assert who(idx, "pathological liar") == "Gomez"
    assert who(idx, "Lyin' Larry") is None


# ----------------------------------------------------------------------------- verbs


def test_verb_in_a_restrictive_relative_clause_belongs_to_the_listener() -> None:
    idx = index_of(
        "At the forum, Carl Mendes, the head of the teachers union, told a student who "
        'suggested that nobody votes anyway that "sitting it out is not a strategy."'
    )
    assert who(idx, "sitting it out") == "Carl Mendes"


def test_relative_clause_verb_with_no_earlier_verb_keeps_its_subject() -> None:
    # look-alike: `a student who shouted "..."` with no verb of saying before it is the
    # student's quote (only an earlier verb of saying moves the speaker to its subject)
    idx = index_of(
        'Carl Mendes watched as a student who shouted "sitting it out is not a crime" was led away.'
    )
    assert who(idx, "sitting it out") == "student"


def test_and_said_finds_the_subject_behind_an_earlier_quoted_title() -> None:
    idx = index_of(
        'Clara Ruiz, the former governor, praised the 2011 law during a "Town Hall on '
        'Jobs" sponsored by a local paper and said she has what the job needs: "Patience '
        '-- real patience, and some nerve."'
    )
    assert who(idx, "real patience") == "Clara Ruiz"


def test_it_as_subject_of_a_reported_clause_defers_to_the_outer_speaker() -> None:
    idx = index_of(
        "Mayor Linda Cho, opening the new library on Saturday, said it would tell a story "
        '"of books, of neighbours and of the long road here."'
    )
    assert who(idx, "long road here") == "Linda Cho"


def test_it_as_the_speaker_of_a_statement_is_still_taken() -> None:
    # look-alike: an organisation's `it said` with no outer verb of saying
    idx = index_of(
        "The Lakeside Water Authority raised its rates on Monday. "
        'It said the change was "the only way to keep the pipes safe."'
    )
    assert who(idx, "keep the pipes safe") != "Linda Cho"


# ----------------------------------------------------------------------------- titles


def test_title_with_its_comma_inside_the_marks_is_nobodys_speech() -> None:
    idx = index_of(
        'Appearing on "Meet the Voters," Senator Ana Ruiz said the bill was dead. '
        '"We will not bring it back," she said.'
    )
    assert who(idx, "Meet the Voters") is None
    assert who(idx, "not bring it back") == "Ana Ruiz"


def test_short_quotes_with_end_punctuation_are_still_speech() -> None:
    # look-alikes: one word, or a lower-case word among capitals, is not a title
    idx = index_of('"Absolutely," Ana Ruiz said. "Thank you, Ohio," she told the crowd.')
    assert who(idx, "Absolutely") == "Ana Ruiz"
    assert who(idx, "Thank you, Ohio") == "Ana Ruiz"


def test_closing_mark_opening_a_paragraph_is_a_misprinted_opening_mark() -> None:
    text, paras = paragraphs_of(
        "Mayor Ruiz said the labels “lump” good people with the bad.",
        "” … what I learned from these families is that words matter,” she said.",
    )
    found = spans_in(text, paras)
    assert found == ["lump", "… what I learned from these families is that words matter,"]


def test_closing_mark_after_words_still_closes() -> None:
    # look-alike: the same mark inside a paragraph, after an opening one, closes the quote
    text, paras = paragraphs_of("The plan was “bad” for all of us” and more words.")
    assert spans_in(text, paras) == ["bad"]


def test_bare_role_appositive_introduces_the_next_speaker() -> None:
    idx = index_of(
        '"We were not consulted," Paul Diaz said.',
        "That has not happened for the mayor, which is something that worries Henry Okafor, "
        "president of the county teachers union.",
        '"Nobody is writing songs for her," he said.',
    )
    assert who(idx, "writing songs for her") == "Henry Okafor"
    okafor = idx.speaker_named("Henry Okafor")
    assert okafor is not None and "president of the county teachers union" in okafor.description


def test_bare_role_word_without_of_is_not_an_appositive() -> None:
    # look-alike: `NAME, president Obama's ...` has no `of`/`for`/`at` after the role word
    from reader.analysis.speakers import _appositive_after

    assert _appositive_after(", president Obama's choice, spoke first.") == ""
    assert _appositive_after(", president of the union, said") == "president of the union"


def test_dash_aside_after_a_described_name_keeps_the_name() -> None:
    idx = index_of(
        "Maria Lund, the chief executive of Nordbank -- the lender that owns the city's "
        'largest mall, which opened in 1998 -- told me, "We are not leaving this town."'
    )
    assert who(idx, "not leaving this town") == "Maria Lund"
    lund = idx.speaker_named("Maria Lund")
    assert lund is not None and "chief executive of Nordbank" in lund.description


def test_name_ending_an_opening_clause_is_not_moved_to() -> None:
    # look-alike: the name before `, the head of X` ends an opening clause, not a sentence
    # subject with its appositive
    idx = index_of('After meeting Ed Park, the head of Nordbank said "we will sue the city."')
    assert who(idx, "sue the city") != "Ed Park"


# ----------------------------------------------------------------------------- paragraphs


def test_long_lines_split_by_single_line_breaks_are_paragraphs() -> None:
    line1 = (
        '"We will win this county and then the state, no matter what they spend," Ana Ruiz '
        "said at the rally on Friday evening, to loud cheers from the crowd."
    )
    line2 = (
        "In recent weeks, Tom Hale has gone after his rival as a “tax-and-spend liberal who "
        "never stops talking” and worse, and the race has tightened across the district."
    )
    idx = index_of(line1 + "\n" + line2)
    assert who(idx, "win this county") == "Ana Ruiz"
    assert who(idx, "tax-and-spend") != "Ana Ruiz"


def test_hard_wrapped_lines_stay_one_paragraph() -> None:
    # look-alike: short lines are a wrapped paragraph; a quote may run across the wrap
    idx = index_of('"We will win this county and then\nthe state," Ana Ruiz said on Friday.')
    assert who(idx, "the state") == "Ana Ruiz"


# ----------------------------------------------------------------------------- plural subjects


def test_plural_present_verb_after_a_group_attributes_the_quote() -> None:
    idx = index_of(
        'Lamenting their luck, Canadians often say, "So close to the States, so far from the sun."'
    )
    assert who(idx, "far from the sun") == "Canadians"


def test_base_form_noun_after_a_plural_name_is_not_a_verb() -> None:
    # look-alike: `Times report` is a noun phrase; the title in quotes is nobody's speech
    idx = index_of(
        "The 30-second spot, titled “Arrogant,” features a New York Times report on the losses."
    )
    assert who(idx, "Arrogant") is None


def test_it_with_no_referent_is_the_organisation_heading_its_sentence() -> None:
    idx = index_of(
        "The Regional Water Council on Friday condemned the spill and pledged fines as a "
        'deterrent to what it called "a clear threat to every town downstream."'
    )
    assert who(idx, "threat to every town") == "Regional Water Council"


def test_it_heading_a_sentence_about_a_person_is_not_an_organisation() -> None:
    # look-alike: the sentence opens with a person's name, so `it` stays unresolved
    idx = index_of(
        "Maria Lund on Friday condemned the spill and pledged fines as a deterrent to what it "
        'called "a clear threat to every town downstream."'
    )
    assert who(idx, "threat to every town") != "Maria Lund"


# ----------------------------------------------------------------------------- participles


def test_opening_participle_clause_takes_the_main_clause_subject() -> None:
    idx = index_of(
        "Dr. Ruth Alvarez described the crash in her memoir.",
        'After saying her left arm was "so numb I could not hold a pen," she was taken to a '
        "hospital in Dayton.",
    )
    assert who(idx, "could not hold a pen") == "Ruth Alvarez"


def test_opening_clause_of_another_kind_does_not_look_past_the_quote() -> None:
    # look-alike: no verb of saying in the opening clause, so nothing attributes the quote
    idx = index_of(
        "Dr. Ruth Alvarez described the crash in her memoir.",
        'After the crash left her arm "so numb and weak for many weeks," she was taken to a '
        "hospital in Dayton.",
    )
    assert who(idx, "so numb and weak") != "Ruth Alvarez"


def test_participle_after_a_noun_defers_to_the_verb_of_saying_before_it() -> None:
    idx = index_of(
        "Senator Ana Ruiz spoke on Friday.",
        "She says Tom Hale's late-night posts accusing her of fraud are \"lies and nothing "
        'but lies."',
    )
    assert who(idx, "nothing but lies") == "Ana Ruiz"


def test_participle_of_the_subject_itself_keeps_its_subject() -> None:
    # look-alike: `X, speaking Tuesday, ...` / `X was seen saying` are X's own words
    idx = index_of('Tom Hale was heard on Friday saying "the vote was stolen from us."')
    assert who(idx, "vote was stolen") == "Tom Hale"
