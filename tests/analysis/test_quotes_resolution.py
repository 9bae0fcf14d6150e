"""Who a speaker is: places are never people, people in focus, credit lines, run-in headings,
and `they` after a document. Each rule has a look-alike that must keep its old reading."""

from __future__ import annotations

from tests.analysis.helpers import index_of, who

from reader.analysis.attribution import Document
from reader.analysis.quote_spans import find_quote_spans
from reader.analysis.speakers import Registry
from reader.article import BlockKind, parse_article


def registry_of(*paragraphs: str) -> Registry:
    """The name registry after the mention pass over a composed article."""
    article = parse_article("A composed headline\n\n" + "\n\n".join(paragraphs) + "\n")
    paragraphs_at = [(b.start, b.end) for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    doc = Document(article.text, paragraphs_at, find_quote_spans(article.text, paragraphs_at))
    reg = Registry(doc)
    reg.scan_mentions()
    return reg


def people(reg: Registry) -> set[str]:
    return {e.display for e in reg.entities if e.kind == "person"}


# ----------------------------------------------------------------------------- places


def test_a_country_before_a_verb_of_saying_is_not_a_person() -> None:
    reg = registry_of(
        "UNAMA's mid-year casualty report for Afghanistan states that 1,662 civilians died in "
        "the first half of the year, most of them women and children.",
        "Currently based in his native Afghanistan, Mohammed's recent work focuses on refugees.",
        "New York says it will appeal, and Afghans say the fighting has moved north.",
    )
    found = people(reg)
    assert not found & {"Afghanistan", "New York", "Afghans"}


def test_a_person_whose_surname_is_a_place_still_merges() -> None:
    reg = registry_of(
        "Kerry Washington, an actress and activist, spoke at the rally in Ohio.",
        "Washington said the campaign had asked her to speak to young voters.",
        "Georgia Smith, a retired teacher, said she had voted early.",
    )
    kerry = [e for e in reg.entities if e.display == "Kerry Washington"]
    assert len(kerry) == 1 and kerry[0].mentions == 2
    assert "Georgia Smith" in people(reg)
    assert "Washington" not in people(reg)


def test_an_acronym_or_dateline_spelled_like_a_first_name_is_not_a_person() -> None:
    # `ANA` (Afghan National Army) and the dateline `CHARLOTTE` read as the names Ana and
    # Charlotte: a person with no gender, then the referent of the next `she`
    index = index_of(
        "CHARLOTTE - The Taliban are known to have worked alongside local militias and, "
        "reportedly, in some cases the ANA, to dislodge the group.",
        '"We were back to being brothers," she said.',
    )
    assert who(index, "brothers") == ""
    reg = registry_of("Ana Lopez, a nurse, said the clinic had closed.")
    assert "Ana Lopez" in people(reg)


def test_a_name_right_after_the_is_not_a_person() -> None:
    reg = registry_of(
        "Anand Gopal is a journalist and political activist from the Bay Area of California, "
        "and co-founder of a media project.",
        "Reporters from The Hague, who had waited all night, were let in at dawn.",
    )
    assert not people(reg) & {"Bay Area", "Hague"}
    # the look-alike: a role between `the` and the name keeps the person
    reg = registry_of("The journalist Anand Gopal of the Bay Area spoke first.")
    assert "Anand Gopal" in people(reg)


def test_a_relative_with_a_known_family_name_is_a_person() -> None:
    index = index_of(
        "Keith Lamont Scott, a 43-year-old father, was sitting in his parked vehicle.",
        "Rakeyia Scott can be heard yelling to the officers that her husband was unarmed.",
        '"Don\'t shoot him," she says. "He has no weapon."',
    )
    assert who(index, "Don't shoot him") == "Rakeyia Scott"
    # the look-alike: a two-word name with an unknown family name needs more to be a person
    reg = registry_of("Keith Lamont Scott waited.", "Grand Prairie can be seen from the hill.")
    assert "Grand Prairie" not in people(reg)


def test_speaker_names_read_as_written() -> None:
    index = index_of(
        '"We will respond," said Secretary of State John F. Kerry on Monday.',
        'Secretary of State John Kerry said "robust steps" would follow.',
        'The New York Times reported that "the deal is off."',
        '"To be frank, the city will never be normal," said the Rev. Peter Wherry, a pastor.',
        'Rival Hillary Clinton had mocked the complaint, saying it "is not a good night."',
        '"It is a fraud," Donald J. Trump said.',
    )
    names = {sp.name: sp for sp in index.speakers}
    # the office belongs to the title; an initial keeps its full stop; `New` opens a name
    assert len(names["John F. Kerry"].quotes) == 2
    assert "New York Times" in names and "Peter Wherry" in names
    assert names["Peter Wherry"].description == "a pastor" and not names["Peter Wherry"].anonymous
    assert "Hillary Clinton" in names and "Donald J. Trump" in names
    assert not {n for n in names if n.startswith(("State", "Secretary", "York", "Rival"))}


def test_a_number_or_a_pronoun_opening_a_sentence_is_no_name() -> None:
    reg = registry_of(
        "Twenty-seven states led by West Virginia said the rules were unlawful.",
        "Everything Trump says is a lie, one reader wrote.",
    )
    assert not {p for p in people(reg) if p.startswith(("Twenty", "Everything"))}


# ----------------------------------------------------------------------------- in focus


CLINTON = (
    "Some families would see their taxes go up under the plan, according to an analysis by "
    "Lily Batchelder, a former tax aide now teaching at New York University.",
    "The plan would expand the standard deduction, but for some the losses would outstrip "
    "the gains, said Batchelder.",
)


def test_a_person_given_a_relative_clause_is_the_next_she() -> None:
    index = index_of(
        *CLINTON,
        "It has become a major issue in the campaign, with Hillary Clinton - who has called "
        "for big tax hikes on the rich - lambasting the plan.",
        '"This plan would be trickle-down economics all over again," she said in the debate.',
    )
    assert who(index, "trickle-down") == "Hillary Clinton"


def test_a_name_used_as_a_modifier_does_not_take_the_she() -> None:
    index = index_of(
        *CLINTON,
        "It has become a major issue for the Hillary Clinton campaign, whose aides lambasted "
        "the plan on Monday.",
        '"This plan would be trickle-down economics all over again," she said.',
    )
    assert who(index, "trickle-down") == "Lily Batchelder"


def test_who_after_a_two_word_name_makes_it_a_person() -> None:
    index = index_of(
        "Washington is rolling out the red carpet for Suu Kyi, who had breakfast with the vice "
        "president and lawmakers on Wednesday.",
        "In response to pressure, Suu Kyi recently set up a commission, overseen by former "
        "U.N. secretary general Kofi Annan, to make recommendations on the clashes.",
        '"Unity also means prosperity, because people fight over limited resources," she said.',
    )
    assert who(index, "Unity also means") == "Suu Kyi"


def test_which_after_a_two_word_name_makes_no_person() -> None:
    reg = registry_of(
        "Investors turned to Goldman Sachs, which had warned of the slowdown in a note to "
        "clients on Monday.",
    )
    assert "Goldman Sachs" not in people(reg)


# ----------------------------------------------------------------------------- credit lines


READERS = (
    '"The most unqualified candidate to ever run for president, and the country knows it." '
    "\u2015 Francisco Herrero"
)


def test_a_credit_with_a_middle_initial_names_the_reader() -> None:
    index = index_of(
        READERS,
        '"Together we are united to fight against the bigotry this man spearheads, and we will '
        'vote!" \u2015 Julie A. Diaz Martinez.',
    )
    assert who(index, "unqualified") == "Francisco Herrero"
    assert (who(index, "bigotry") or "").startswith("Julie")


def test_a_credited_quote_is_not_continued_by_the_next_quote_paragraph() -> None:
    index = index_of(
        READERS,
        '"He has said hateful things time and again, and we will remember it in November." '
        "\u2015 carlos, a reader from texas who wrote in",
    )
    assert who(index, "hateful things") == ""


def test_a_quote_paragraph_after_a_said_paragraph_still_continues_it() -> None:
    index = index_of(
        '"The most unqualified candidate to ever run for president," said Francisco Herrero, '
        "a teacher in Phoenix.",
        '"He has said hateful things time and again, and we will remember it in November."',
    )
    assert who(index, "hateful things") == "Francisco Herrero"


def test_a_closing_credit_covers_every_quote_of_its_paragraph() -> None:
    index = index_of(
        READERS,
        '"To quote a singer, "Some people are so poor all they have is money." And that is '
        'all he has, "the root of all evil." \u2015 Christina Lastra.',
    )
    assert who(index, "so poor") == "Christina Lastra"


# ----------------------------------------------------------------------------- headings


def test_an_upper_case_run_in_heading_is_not_the_subject() -> None:
    index = index_of(
        "CONGRESS HAS INVESTIGATED HIM \u2014 Oz's dubious medical advice earned him the "
        "attention of Congress, where he appeared at a Senate hearing for saying that green "
        'coffee extract was a "magic weight loss cure for every body type."',
    )
    assert who(index, "magic weight loss") != "CONGRESS"


def test_an_acronym_before_a_name_still_opens_the_subject() -> None:
    index = index_of(
        "NATO Secretary General Jens Stoltenberg spoke in Brussels on Monday, saying that the "
        'alliance was "ready to respond to any attack on any of its members."',
    )
    assert who(index, "ready to respond") == "Jens Stoltenberg"


# ----------------------------------------------------------------------------- they


def test_they_after_a_statement_is_the_body_that_issued_it() -> None:
    index = index_of(
        "The United Nations Security Council on Friday condemned the nuclear test and pledged "
        'sanctions as a deterrent to what it called "a clear threat to international peace."',
        "Following a late-afternoon meeting, the Security Council issued a statement calling "
        'the test "a clear violation" of earlier resolutions. The statement noted they had '
        "previously said they would take further measures.",
        '"The members of the Security Council will begin to work immediately on appropriate '
        'measures," they said.',
    )
    assert who(index, "begin to work immediately") == "United Nations Security Council"


def test_a_statement_can_still_be_the_speaker_of_its_own_words() -> None:
    index = index_of(
        "The Security Council met on Friday after the nuclear test.",
        '"The test is a clear threat to international peace and security," the statement said.',
    )
    assert (who(index, "clear threat") or "").lower().endswith("statement")


# ----------------------------------------------------------------------------- naming verbs


def test_exhorted_attributes_the_quoted_words_to_its_subject() -> None:
    index = index_of(
        'Sen. Ted Cruz exhorted Republicans to "vote your conscience" and said he was standing '
        "on truth and principle.",
    )
    assert who(index, "vote your conscience") == "Ted Cruz"


def test_a_verb_that_is_not_of_saying_attributes_nothing() -> None:
    index = index_of(
        'Sen. Ted Cruz invited Republicans to "a night of reflection and prayer" at the hotel '
        "on Tuesday.",
    )
    assert who(index, "night of reflection") in (None, "")


def test_an_aside_naming_the_object_does_not_part_the_verb_from_its_quote() -> None:
    index = index_of(
        "South Korea's president spoke after the test. Her government accused the North's "
        'leader, Kim Jong Un, of "fanatic recklessness."',
    )
    assert (who(index, "fanatic recklessness") or "").lower().endswith("government")


def test_a_naming_verb_far_from_its_quote_still_attributes_nothing() -> None:
    index = index_of(
        "Critics accused the governor of ignoring the warnings from the state's own engineers "
        'and of "reckless disregard."',
    )
    assert who(index, "reckless disregard") in (None, "")


def test_call_after_two_names_is_a_present_tense_verb() -> None:
    index = index_of(
        "When attackers are revealed as part of a wider network, Obama and Clinton call them "
        '"lone wolves" and describe their actions as crimes.',
    )
    assert who(index, "lone wolves") in ("Obama", "Clinton")


def test_the_noun_call_attributes_nothing() -> None:
    index = index_of(
        'Protest groups met downtown on Friday. Their call to "take back the streets" spread '
        "quickly across the city."
    )
    assert who(index, "take back the streets") in (None, "")


def test_an_appositive_runs_past_a_title_s_full_stop() -> None:
    index = index_of(
        "Jorge Castañeda, a former foreign minister who is a harsh critic of Mr. Peña Nieto, "
        'said the visit was "a disaster."',
    )
    (speaker,) = index.speakers
    assert speaker.description.endswith("a harsh critic of Mr. Peña Nieto")


def test_a_description_is_read_whole_and_once() -> None:
    index = index_of(
        '"It is bad policy," said Douglas Holtz-Eakin, an economist who served as director of '
        "the Congressional Budget Office under President George W. Bush.",
        "Charles B. Rangel, of New York. He spoke first.",
        '"A fair point," Rangel said.',
    )
    names = {sp.name: sp for sp in index.speakers}
    # read on past the attribution window, to the appositive's end
    assert names["Douglas Holtz-Eakin"].description == (
        "an economist who served as director of the Congressional Budget Office under "
        "President George W. Bush"
    )


def test_descriptions_keep_the_fuller_reading_and_never_cross_a_sentence() -> None:
    reg = registry_of("Tom Smith, a lawyer.")
    (tom,) = [e for e in reg.entities if e.display == "Tom Smith"]
    tom.add_description("a former Obama administration official who runs Crosscut Str")
    tom.add_description("a former Obama administration official who runs Crosscut Strategies")
    tom.add_description("a former Obama administration official")
    tom.add_description("a voter make an informed decision. On Monday")
    tom.add_description("a critic of Mr. Peña Nieto")
    tom.add_description("of New York.")
    assert tom.descriptions == [
        "a lawyer",
        "a former Obama administration official who runs Crosscut Strategies",
        "a critic of Mr. Peña Nieto",
        "of New York",  # no full stop
    ]


def test_that_before_a_name_is_a_conjunction_not_a_determiner() -> None:
    index = index_of(
        "Hillary Clinton spoke in Ohio on Monday.",
        'Trump said during a rally that Clinton once described the deal as "the gold standard" '
        "of trade deals.",
    )
    (quoted,) = [q for q in index.quotes if q.text == '"the gold standard"']
    assert quoted.speaker is not None
    assert index.speakers[quoted.speaker].name == "Hillary Clinton"
    assert not any(sp.anonymous for sp in index.speakers)


def test_words_describing_someone_as_something_are_the_subject_s() -> None:
    index = index_of(
        'Trump openly admires Russian President Vladimir Putin as a "strong leader," comparing '
        "him favorably to President Obama.",
        'Conversely, PolitiFact rated 22% of Democratic claims as "entirely true" this year.',
        'The bill, known as the "Justice Against Sponsors of Terrorism Act," passed.',
        'Twenty-two years ago, a Times article hailed Trump as "The Comeback Kid" for it.',
        'The choice was between going after Trump as "uniquely unacceptable" or not.',
    )
    assert who(index, "strong leader") == "Trump"
    assert who(index, "entirely true") == "PolitiFact"
    # a name, a title, and a subject that is nobody: still nobody's words
    for words in ("Justice Against", "Comeback Kid", "uniquely unacceptable"):
        assert who(index, words) in ("", None)
