"""Where an in-text long form starts and ends: possessives, comma lists, cue words, number words,
articles and in-word letters (each rule with look-alikes that must not count as definitions).

Every sentence here is composed for the test; none is taken from an evaluation set.
"""

from __future__ import annotations

import pytest

from reader.analysis.glossary import GlossaryEntry, build_glossary_text


def entry(text: str, short: str) -> GlossaryEntry:
    found = {e.short: e for e in build_glossary_text(text).entries}
    return found[short]


def defined(text: str, short: str) -> str | None:
    """The long form the text gives `short` (None when it is not defined in the text); the
    definition span must be exactly the expansion shown."""
    e = entry(text, short)
    if e.source != "text":
        return None
    assert e.definition is not None
    s, end = e.definition
    assert " ".join(text[s:end].split()) == e.expansion
    return str(e.expansion)


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        # A possessive belongs to the sentence, not to the name the bracket abbreviates.
        (
            "Agents of the Federal Bureau of Investigation's (FBI) field office arrived.",
            "FBI",
            "Federal Bureau of Investigation",
        ),
        (
            "Staff at the Environmental Protection Agency’s (EPA) regional office left.",
            "EPA",
            "Environmental Protection Agency",
        ),
        # ... but a possessive inside the name stays.
        (
            "The Women's Health Initiative (WHI) enrolled thousands of volunteers.",
            "WHI",
            "Women's Health Initiative",
        ),
    ],
)
def test_possessive_ending(text: str, short: str, long: str) -> None:
    assert defined(text, short) == long


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        (
            "Funding for science, technology, engineering and mathematics (STEM) courses rose.",
            "STEM",
            "science, technology, engineering and mathematics",
        ),
        (
            "Support for lesbian, gay, bisexual and transgender (LGBT) rights grew in the poll.",
            "LGBT",
            "lesbian, gay, bisexual and transgender",
        ),
        (
            "Cuts to the Women, Infants, and Children (WIC) programme were reversed.",
            "WIC",
            "Women, Infants, and Children",
        ),
        # The head before the list gives no letter, so the long form starts at the list.
        (
            "In 1979 the Department of Health, Education and Welfare (HEW) was split in two.",
            "HEW",
            "Health, Education and Welfare",
        ),
        # A long form inside the clause is still preferred to one reaching across a comma.
        (
            "In a statement on Friday, the World Health Organization (WHO) urged calm.",
            "WHO",
            "World Health Organization",
        ),
    ],
)
def test_long_form_across_commas(text: str, short: str, long: str) -> None:
    assert defined(text, short) == long


@pytest.mark.parametrize(
    ("text", "short"),
    [
        # A list item that gives no letter: not a spelled-out list.
        ("Prices of tea, coffee, cocoa and sugar (TCS) fell in March.", "TCS"),
        # Two letters are too few to trust a list.
        ("Flights from Paris, Rome (PR) were cancelled.", "PR"),
        # Letters only inside words across the list: no.
        ("Stocks, bonds and currencies (SBX) all fell.", "SBX"),
    ],
)
def test_comma_lists_that_define_nothing(text: str, short: str) -> None:
    assert defined(text, short) is None


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        (
            "The tagger is a CRF (i.e., a conditional random field) over word features.",
            "CRF",
            "conditional random field",
        ),
        (
            "The tagger is a CRF (i.e. conditional random field) over word features.",
            "CRF",
            "conditional random field",
        ),
        (
            "The aid went through UNHCR (namely the United Nations High Commissioner for "
            "Refugees) this year.",
            "UNHCR",
            "United Nations High Commissioner for Refugees",
        ),
    ],
)
def test_cue_before_acronym_first_long_form(text: str, short: str, long: str) -> None:
    assert defined(text, short) == long


def test_example_cue_is_not_a_definition() -> None:
    text = "The tagger is a CRF (e.g., with richer context features) over words."
    assert defined(text, "CRF") is None


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("Leaders of the Group of Seven (G7) met in Japan.", "G7", "Group of Seven"),
        ("Operators are rolling out fifth-generation (5G) networks.", "5G", "fifth-generation"),
        ("The firm sells three-dimensional (3D) printers.", "3D", "three-dimensional"),
        ("Regulators eyed peer-to-peer (P2P) lending.", "P2P", "peer-to-peer"),
        ("Tickets for Formula One (F1) races sold out.", "F1", "Formula One"),
        # A number word the acronym does not need is just a word.
        ("We then used a second test set (TS2) for tuning.", "TS2", "test set"),
        ("Results were moved to a held-out split (HS1) later.", "HS1", "held-out split"),
    ],
)
def test_number_words_give_digits(text: str, short: str, long: str) -> None:
    assert defined(text, short) == long


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        # The letters need the article.
        ("Traffic was routed over The Onion Router (TOR) network.", "TOR", "The Onion Router"),
        ("The parser tags the word as a noun (AN) in this frame.", "AN", "a noun"),
        # Not when the name spells the acronym alone.
        ("Staff at the Home Office (HO) were told on Monday.", "HO", "Home Office"),
        ("Members of the Trades Union Congress (TUC) voted.", "TUC", "Trades Union Congress"),
    ],
)
def test_article_only_when_the_letters_need_it(text: str, short: str, long: str) -> None:
    assert defined(text, short) == long


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        # Every word gives its initial; the other letters come from inside the words.
        ("Rates at the mortgage bank (MTGB) rose again.", "MTGB", "mortgage bank"),
        ("The trading standards (TDSD) office closed.", "TDSD", "trading standards"),
    ],
)
def test_in_word_letters_when_every_word_gives_its_initial(
    text: str, short: str, long: str
) -> None:
    assert defined(text, short) == long


def test_in_word_letters_with_an_unexplained_word_are_no_definition() -> None:
    text = "Rates at the mortgage lending bank (MTGB) rose again."
    assert defined(text, "MTGB") is None


# ----------------------------------------------------------------------------- wrapped lines

_WRAPPED_BOOK = """A Wrapped Book

The delegates of the Association of Southeast
Asian Nations (ASEAN) met on Friday with officials of the Zorblat Quantum
Exchange (ZQE), who said little.

The second paragraph runs on for a while and is wrapped
at about sixty columns, as books and e-mails are.

ZQE traders
later disagreed.
"""


def test_long_form_over_a_line_break_inside_a_paragraph() -> None:
    from reader.analysis.glossary import build_glossary, unwrapped_text
    from reader.article import parse_article

    article = parse_article(_WRAPPED_BOOK)
    flat = unwrapped_text(article)
    assert len(flat) == len(article.text)
    # breaks inside paragraphs read as spaces; the blank lines between them stay
    assert "Southeast Asian" in flat and "\n\nThe second" in flat
    found = {e.short: e for e in build_glossary(article).entries}
    assert found["ZQE"].source == "text"
    assert found["ZQE"].expansion == "Zorblat Quantum Exchange"
    assert found["ASEAN"].source == "text"
    assert found["ASEAN"].expansion == "Association of Southeast Asian Nations"
    s, e = found["ZQE"].definition or (0, 0)
    assert " ".join(article.text[s:e].split()) == "Zorblat Quantum Exchange"
    assert [article.text[a:b] for a, b in found["ZQE"].occurrences] == ["ZQE", "ZQE"]


def test_one_paragraph_per_line_is_left_as_it_is() -> None:
    from reader.analysis.glossary import unwrapped_text
    from reader.article import parse_article

    article = parse_article("Title\nFirst paragraph (FP) here.\nSecond one.\n")
    assert unwrapped_text(article) is article.text


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        # the clause alone spells AAG only with the `a` of `and`: the list explains it
        (
            "The tech giants Apple, Amazon and Google (AAG) lobbied hard.",
            "AAG",
            "Apple, Amazon and Google",
        ),
        # every letter on a content word inside the clause: the clause stays
        (
            "We met Paris, London and Berlin officials (LBO) there.",
            "LBO",
            "London and Berlin officials",
        ),
        # a small word giving a letter, but no list to prefer
        ("The Department of Defense (DoD) said so.", "DoD", "Department of Defense"),
        ("Members of Research and Development (R&D) met.", "R&D", "Research and Development"),
    ],
)
def test_a_list_beats_a_clause_that_needs_a_small_words_letter(
    text: str, short: str, long: str
) -> None:
    assert defined(text, short) == long


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        # the bundled expansion written out in full: the whole name, commas and all
        (
            "Agents of the Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF) came.",
            "ATF",
            "Bureau of Alcohol, Tobacco, Firearms and Explosives",
        ),
        # where the letters find a long form, the shortest that spells it stays
        (
            "Officials of the Department of Health and Human Services (HHS) said so.",
            "HHS",
            "Health and Human Services",
        ),
        # the sentence's `the` is not part of the name
        ("A story in the Wall Street Journal (WSJ) said so.", "WSJ", "Wall Street Journal"),
        # an unknown acronym still goes by its letters
        (
            "Traders at the Zorblat Quantum Exchange (ZQE) said so.",
            "ZQE",
            "Zorblat Quantum Exchange",
        ),
    ],
)
def test_known_long_form_written_in_full(text: str, short: str, long: str) -> None:
    assert defined(text, short) == long


def test_known_long_form_must_end_at_the_bracket() -> None:
    # the known name is in the text, but not right before the bracket: it defines nothing there
    text = (
        "The Bureau of Alcohol, Tobacco, Firearms and Explosives met. Later its Firearms "
        "Desk (ATF) closed."
    )
    assert defined(text, "ATF") != "Bureau of Alcohol, Tobacco, Firearms and Explosives"


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        # A number in the acronym that no word of the clause has is not spelled out (a year);
        # another number in the clause does not stand in for it.
        (
            "Proceedings of the 18th International Conference on Computational Linguistics "
            "(COLING-2000), pages 1-7.",
            "COLING-2000",
            "Computational Linguistics",
        ),
        (
            "Delegates met in 2022 at the Conference of the Parties (COP-27) in Egypt.",
            "COP-27",
            "Conference of the Parties",
        ),
    ],
)
def test_number_the_clause_does_not_give(text: str, short: str, long: str) -> None:
    assert defined(text, short) == long


def test_wide_gap_inside_brackets_is_a_line_break() -> None:
    text = "We use a DTW (Dynamic Time  Warping) alignment of the two series."
    assert defined(text, "DTW") == "Dynamic Time Warping"


def test_characters_lost_in_scanning() -> None:
    # A zero read for the O that starts a word; a tilde for a lost letter.
    text = "The memo came from the 0ffice of Management and Budget (OMB) on Friday."
    assert defined(text, "OMB") == "0ffice of Management and Budget"
    text = "Each art~fact (AF) is annotated twice."
    assert defined(text, "AF") == "art~fact"
    # A number is still a number: `0.5` gives no O.
    text = "A threshold of 0.5 on the observed measure (OM) is used."
    assert defined(text, "OM") == "observed measure"
