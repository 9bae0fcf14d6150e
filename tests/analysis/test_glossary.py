"""The acronym glossary: detection, each definition pattern, variants, the API and JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.analysis.glossary import (
    Glossary,
    GlossaryEntry,
    build_glossary,
    build_glossary_text,
)
from reader.analysis.glossary_data import GlossaryDataError, load_glossary_file
from reader.analysis.glossary_detect import classify_token, find_mentions
from reader.analysis.glossary_match import acronym_letters, match_after, match_before
from reader.article import bundled_article_path, load_article, parse_article


def entries(text: str) -> dict[str, GlossaryEntry]:
    return {e.short: e for e in build_glossary_text(text).entries}


def expansion(text: str, short: str) -> tuple[str, str]:
    e = entries(text)[short]
    return e.expansion, e.source


def assert_offsets_slice(text: str, glossary: Glossary) -> None:
    for e in glossary.entries:
        forms = {e.short, *e.variants}
        for s, end in e.occurrences:
            assert text[s:end] in forms, (e.short, text[s:end])
        if e.definition is not None:
            s, end = e.definition
            assert " ".join(text[s:end].split()) == e.expansion


# --- detection -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "token",
    ["IS-K", "ISIS-K", "G7", "G20", "AT&T", "NGOs", "COVID-19", "F-16", "UNAMA", "PhD", "5G"],
)
def test_acronym_shapes_are_detected(token: str) -> None:
    found = find_mentions(f"They spoke of {token} at length.")
    assert [m.surface for m in found] == [token]


@pytest.mark.parametrize(
    "text",
    [
        "I said so. A man agreed.",  # I and A: one capital, never acronyms
        "The Taliban entered Kabul on Monday.",  # ordinary capitalised words
        "The Shar-e-Naw district was quiet.",  # a hyphenated place name
        "She paid $100M for 5K shares at 10PM.",  # numbers with units
        "Follow @BBCWorld and #MeToo at www.BBC.co.uk today.",  # handles, tags, domains
    ],
)
def test_look_alikes_are_not_mentions(text: str) -> None:
    assert find_mentions(text) == []


def test_camel_case_names_are_only_weak_candidates() -> None:
    (m,) = find_mentions("Senator McCain spoke.")
    assert m.weak
    text = (
        "Senator McCain met LeBron James, Leonardo DiCaprio, Douglas MacArthur's heirs, "
        "Ron DeSantis and Dick VanDyke; FitzGerald wrote about it on YouTube."
    )
    # Surnames with a prefix are out, and so are the camel-case brand names the bundled data
    # lists as words (YouTube); an unlisted two-capital name is listed, as unknown.
    assert build_glossary_text(text).entries == ()
    got = build_glossary_text(text + " It cost the ZyloCorp firm nothing.").entries
    assert [(e.short, e.source) for e in got] == [("ZyloCorp", "none")]


def test_bundled_words_are_defined_by_the_text_when_the_text_defines_them() -> None:
    text = "The YouTube (YT) channel and YT clips."
    assert [e.short for e in build_glossary_text(text).entries] == ["YT"]


def test_not_acronyms_table_is_validated(tmp_path: Path) -> None:
    bad = tmp_path / "g.toml"
    bad.write_text('[news]\nUN = "United Nations"\n[not_acronyms]\nwords = [1]\n')
    with pytest.raises(GlossaryDataError, match="not_acronyms"):
        load_glossary_file(bad)


def test_mixed_case_acronyms_with_two_capitals_are_listed() -> None:
    text = "Abstracts came from PubMed; a MaxEnt tagger used WordNet senses from SemEval tasks."
    got = entries(text)
    assert sorted(got) == ["MaxEnt", "PubMed", "SemEval", "WordNet"]
    assert {e.source for e in got.values()} == {"none"}
    # Defined in the text, a mixed-case acronym gets its long form.
    assert expansion("We fit a maximum entropy (MaxEnt) classifier.", "MaxEnt") == (
        "maximum entropy",
        "text",
    )


def test_roman_numerals_are_not_acronyms() -> None:
    text = "Veterans of World War II met Pope Leo XIV and King Charles III in Rome."
    assert entries(text) == {}


def test_short_roman_looking_acronyms_with_l_c_d_m_stay() -> None:
    # MD, DC look like numerals (1500, 600) but are common acronyms; long numerals go.
    text = "The MD flew to Washington DC for Super Bowl LVIII."
    found = entries(text)
    assert "DC" in found and "MD" in found
    assert "LVIII" not in found


def test_all_caps_headline_and_dateline_are_not_acronyms() -> None:
    text = (
        "TALIBAN FIGHTERS ENTER PROVINCIAL CAPITAL\n"
        "KANDAHAR, Afghanistan (AP) — Fighters entered the city, the UN said.\n"
    )
    found = entries(text)
    assert set(found) == {"AP", "UN"}
    assert found["AP"].source == "builtin"  # the wire credit is not a definition


def test_unknown_all_caps_emphasis_is_dropped_but_unknown_acronyms_listed() -> None:
    text = "It was NOT fair, he said, not at all. The XQZ unit was not told."
    found = entries(text)
    assert "NOT" not in found
    assert found["XQZ"].source == "none" and found["XQZ"].expansion == ""


def test_whole_words_run_together_are_names_not_acronyms() -> None:
    text = (
        "Averages from RealClearPolitics, HuffPollster and FiveThirtyEight agree, InsideSources "
        "reported; she would triple AmeriCorps."
    )
    assert entries(text) == {}
    # clipped words run together (MaxEnt, PubMed) stay: see the mixed-case test above


@pytest.mark.parametrize(
    "text",
    [
        "HEMPSTEAD, N.Y., Sept. 26 (UPI) \u2014 Jill Stein was escorted away.",
        "LOS ANGELES, Sept. 28 (UPI) \u2014 In a preview clip, she sings.",
        "FLINT, Mich., Oct. 4 (UPI) \u2014 Former President Bill Clinton spoke.",
        "WASHINGTON \u2015 Donald Trump\u2019s obsession has worried lawmakers.",
    ],
)
def test_datelines_with_a_date_or_a_bar_are_not_acronyms(text: str) -> None:
    found = entries("A headline\n\n" + text)
    assert set(found) <= {"UPI"}


def test_transcript_labels_and_notes_are_not_acronyms() -> None:
    text = (
        "Partial transcript as follows:\n\n"
        '"WALLACE: Let\u2019s start with breaking news.\n\n'
        '"PENCE: Well, look, she thinks that.\n\n'
        '"(CROSSTALK.)\n\n'
        "CLARIFICATION: The first sentence has been clarified.\n\n"
        "He was shot at the door. (WARNING: Video contains graphic images.)\n\n"
        "NATO: the alliance met in Brussels. The XQZ unit was not told."
    )
    found = entries(text)
    assert set(found) == {"NATO", "XQZ"}  # a known acronym as a label stays; so do the others


def test_web_addresses_tickers_and_party_tags_are_not_acronyms() -> None:
    text = (
        "Coming September 30th.https://t.co/hbaWqfjJcp pic.twitter.com/P2qpm3h3Pm \u2014 Apple. "
        "Shares of $WFC fell. Sen. Lindsey Graham (R-S.C.) and Rep. Bill Pascrell (D-N.J.) spoke."
    )
    assert entries(text) == {}


def test_initials_before_a_name_are_a_person_not_an_acronym() -> None:
    found = entries("Rep. G.K. Butterfield spoke to U.S. Army officers and the U.N. envoy.")
    assert set(found) == {"U.S.", "U.N."}


def test_bundled_glossary_knows_us_city_agencies_and_numbered_groups() -> None:
    found = entries("NYPD officers guarded the G-20 delegates as MSNBC and the AFL-CIO watched.")
    assert {k: (e.expansion, e.source) for k, e in found.items()} == {
        "NYPD": ("New York City Police Department", "builtin"),
        "G-20": ("Group of Twenty", "builtin"),
        "MSNBC": ("Microsoft and National Broadcasting Company (news channel)", "builtin"),
        "AFL-CIO": (
            "American Federation of Labor and Congress of Industrial Organizations",
            "builtin",
        ),
    }


def test_an_earlier_name_sharing_initials_by_chance_does_not_define_a_known_acronym() -> None:
    text = (
        "Companies avoided Uncle Sam for years.\n\n"
        "The immediate response may be ire. Then U.S. officials reacted, and the United States'"
        " military was not involved."
    )
    assert expansion(text, "U.S.") == ("United States", "builtin")
    # close by, in the paragraph of its first use, a name does explain a known acronym
    text = "We call it the Basic Additive model. The BA model is simple."
    assert expansion(text, "BA") == ("Basic Additive", "text")
    # and a name agreeing with the bundled sense counts from anywhere, possessive trimmed
    text = "The United States' military is depleted, he said.\n\nThe U.S. will expand it."
    assert expansion(text, "U.S.") == ("United States", "text")


def test_hyphenated_compounds_point_at_the_acronym() -> None:
    text = "The anti-IS raids and US-led strikes hit IS targets."
    found = entries(text)
    spans = [text[s:e] for s, e in found["IS"].occurrences]
    assert spans == ["IS", "IS"]
    assert [text[s:e] for s, e in found["US"].occurrences] == ["US"]


def test_classify_token_strips_possessive_and_plural() -> None:
    # A trailing apostrophe may close a quotation: it stays outside the mention.
    m = classify_token("NGOs'", 10)
    assert m is not None and (m.base, m.surface, m.start, m.end) == ("NGO", "NGOs", 10, 14)
    m = classify_token("UNAMA's", 0)
    assert m is not None and m.base == "UNAMA" and m.key == "UNAMA"
    m = classify_token("ISIS", 0)
    assert m is not None and m.base == "ISIS"  # a capital S is part of the acronym


# --- variants --------------------------------------------------------------------------------


def test_variants_join_one_entry() -> None:
    text = (
        "Aid groups said NGOs were barred. One NGO said the NGO's office shut. "
        "UNAMA's report and UNAMA itself were cited."
    )
    found = entries(text)
    assert set(found) == {"NGO", "UNAMA"}
    assert found["NGO"].variants == ("NGOs", "NGO's")
    assert len(found["NGO"].occurrences) == 3
    assert found["UNAMA"].variants == ("UNAMA's",)


def test_spelled_out_compound_is_a_variant_of_its_short_form() -> None:
    text = "IS-Khorasan fighters attacked. Later IS-K claimed it, and IS-Khorasan's leader spoke."
    found = entries(text)
    assert "IS-Khorasan" not in found
    assert set(found["IS-K"].variants) == {"IS-Khorasan", "IS-Khorasan's"}
    assert len(found["IS-K"].occurrences) == 3


def test_spelled_out_compound_without_short_form_counts_for_its_head() -> None:
    found = entries("UN-Habitat officials met UN envoys.")
    assert [len(found["UN"].occurrences)] == [2]


def test_dotted_and_plain_forms_are_one_entry() -> None:
    text = "U.S. officials and US diplomats met U.S. envoys."
    e = entries(text)["U.S."]
    assert e.variants == ("US",) and e.expansion == "United States"


def test_plural_only_acronym_keeps_its_written_form() -> None:
    e = entries("Both support vector machines (SVMs) and trees were used.")["SVMs"]
    assert e.expansion == "support vector machines" and e.source == "text"


# --- definitions: each pattern, with negatives ----------------------------------------------


def test_long_form_then_parenthesised_acronym() -> None:
    text = "The Afghan Local Police (ALP) were disbanded."
    assert expansion(text, "ALP") == ("Afghan Local Police", "text")


def test_acronym_then_parenthesised_long_form() -> None:
    text = "The ICRC (International Committee of the Red Cross) sent surgeons."
    assert expansion(text, "ICRC") == ("International Committee of the Red Cross", "text")


def test_long_form_comma_or_acronym() -> None:
    text = "Fighters of the Tehreek-e-Taliban Pakistan, or TTP, crossed the border."
    assert expansion(text, "TTP") == ("Tehreek-e-Taliban Pakistan", "text")


def test_acronym_comma_or_long_form() -> None:
    text = "Troops of the ISAF, or International Security Assistance Force, left in 2014."
    assert expansion(text, "ISAF") == ("International Security Assistance Force", "text")


def test_known_as() -> None:
    text = "The Organisation of Islamic Cooperation, known as the OIC, met in Jeddah."
    assert expansion(text, "OIC") == ("Organisation of Islamic Cooperation", "text")


def test_known_by_its_initials_accepts_a_translated_name() -> None:
    text = "Doctors Without Borders, known by its French initials MSF, runs the clinic."
    assert expansion(text, "MSF") == ("Doctors Without Borders", "text")


def test_translated_name_before_parenthesised_acronym() -> None:
    text = "The group split from the Pakistani Taliban (TTP) in 2014."
    assert expansion(text, "TTP") == ("Pakistani Taliban", "text")


def test_capitalised_name_used_before_the_acronym() -> None:
    text = (
        "Recruits of the Afghan National Army trained in Herat.\n"
        "Officers said ANA units would rotate."
    )
    e = entries(text)["ANA"]
    assert (e.expansion, e.source) == ("Afghan National Army", "text")
    assert e.definition is not None and text[slice(*e.definition)] == "Afghan National Army"


def test_hyphenated_name_spells_hyphenated_acronym() -> None:
    text = "The Islamic State-Khorasan group's attack shocked Kabul. IS-K said it acted alone."
    assert expansion(text, "IS-K") == ("Islamic State-Khorasan", "text")


def test_name_after_first_use_is_not_a_definition() -> None:
    # The acronym is used before the name appears: the text does not define it.
    text = "US jets flew over. Later the United States said the strikes ended."
    assert expansion(text, "US") == ("United States", "builtin")


def test_piece_of_a_longer_name_is_not_a_definition() -> None:
    text = "Pilots of the Afghan National Army Air Corps flew. ANA units moved."
    assert entries(text)["ANA"].source != "text"
    text = "Papers at Empirical Methods in Natural Language Processing were read. NLP is big."
    assert expansion(text, "NLP") == ("Natural Language Processing", "text")


@pytest.mark.parametrize(
    "text",
    [
        "Reporting by a correspondent in Kabul (AP) was delayed.",  # no letters, not a name pair
        "He spoke to University of Manchester (UK) staff.",  # known acronym, unrelated name
        "Scores came from the team (TEAM) and others (QRX).",  # nothing capitalised or spelled
    ],
)
def test_parenthesised_acronym_without_a_real_definition(text: str) -> None:
    for e in build_glossary_text(text).entries:
        assert e.source != "text", e


def test_credit_after_dateline_is_no_definition() -> None:
    text = "ISLAMABAD, Pakistan (Reuters) - Officials met. Voice of America (VOA) reported it."
    found = entries(text)
    assert found["VOA"].expansion == "Voice of America"
    assert "ISLAMABAD" not in found


def test_letter_matching_prefers_word_initials() -> None:
    # A stray internal letter must not drag an unrelated word into the long form.
    text = "police said the Kurdistan Workers' Party (PKK) had claimed it"
    hit = match_before(text, "PKK", text.index("("))
    assert hit is None  # no spelled match; the translated-name rule handles it
    assert expansion(text, "PKK")[0] == "Kurdistan Workers' Party"


def test_match_before_and_after_primitives() -> None:
    text = "They used support vector machines (SVM) and the CRF (conditional random field) model."
    hit = match_before(text, "SVM", text.index("(SVM)"))
    assert hit is not None and text[hit.start : hit.end] == "support vector machines"
    start = text.index("conditional")
    hit = match_after(text, "CRF", start, text.index(")", start))
    assert hit is not None and text[hit.start : hit.end] == "conditional random field"
    assert acronym_letters("AT&T") == "atat"


# --- the bundled glossary in use --------------------------------------------------------------


def test_sense_is_chosen_by_the_articles_words() -> None:
    afghan = "Taliban fighters attacked ANA soldiers near Kabul."
    airline = "ANA cancelled flights from Tokyo as the airline grounded aircraft."
    assert expansion(afghan, "ANA")[0] == "Afghan National Army"
    assert expansion(airline, "ANA")[0] == "All Nippon Airways"


def test_text_definition_beats_the_bundled_glossary() -> None:
    text = "The Associated Press of Pakistan (APP) and the APP reporters."
    assert expansion(text, "APP") == ("Associated Press of Pakistan", "text")


# --- composed news paragraphs -----------------------------------------------------------------

NEWS = "\n".join(
    [
        "Aid convoys stall as fighting spreads",
        "By a staff reporter",
        (
            "KUNDUZ, Afghanistan — Officials from the United Nations Office for the "
            "Coordination of Humanitarian Affairs (OCHA) said on Tuesday that convoys had "
            "been stopped for a third day."
        ),
        (
            "The Norwegian aid group NRC (Norwegian Refugee Council) said families had fled"
            " to the city. The World Food Programme, or WFP, has stockpiled flour, and "
            "several NGOs said the IDPs in the camps needed shelter."
        ),
        (
            "Fighters from Jamaat-ul-Ahrar, known as the JuA, clashed with soldiers of the "
            "Afghan National Army. Later, an ANA spokesman said the militants of the "
            "Pakistani Taliban (TTP) had crossed from Pakistan."
        ),
        (
            '"This is NOT a ceasefire," a commander said. The US-backed government and the '
            "EU's envoy called for talks, while the BBC and AP reported heavy shelling."
        ),
        (
            "The IEC (Independent Election Commission) postponed the vote. Veterans of "
            "World War II and Pope Leo XIV sent prayers."
        ),
    ]
)


def test_composed_news_article() -> None:
    article = parse_article(NEWS)
    glossary = build_glossary(article)
    found = {e.short: e for e in glossary.entries}
    # The shortest long form that spells it (Schwartz-Hearst): no "United Nations" in OCHA.
    assert found["OCHA"].expansion == "Office for the Coordination of Humanitarian Affairs"
    assert found["OCHA"].source == "text"
    assert found["NRC"].expansion == "Norwegian Refugee Council"
    assert found["WFP"].expansion == "World Food Programme"
    assert found["ANA"].expansion == "Afghan National Army" and found["ANA"].source == "text"
    assert found["TTP"].expansion == "Pakistani Taliban"
    assert found["IEC"].expansion == "Independent Election Commission"
    assert found["NGOs"].source == "builtin"  # only ever plural here: shown as written
    assert found["IDPs"].source == "builtin"
    assert found["EU"].variants == ("EU's",)
    assert found["BBC"].source == found["AP"].source == "builtin"
    for absent in ("KUNDUZ", "NOT", "II", "XIV", "I", "A"):
        assert absent not in found
    starts = [e.occurrences[0][0] for e in glossary.entries]
    assert starts == sorted(starts)
    assert_offsets_slice(article.text, glossary)


# --- API and JSON contract -------------------------------------------------------------------


def test_entry_at_finds_the_occurrence_under_an_offset() -> None:
    text = "The UN and NATO met; NATO agreed."
    g = build_glossary_text(text)
    nato = text.index("NATO")
    at = g.entry_at(nato + 2)
    assert at is not None and at.short == "NATO"
    assert g.entry_at(nato + 4) is None  # end is exclusive
    assert g.entry_at(0) is None
    assert g.entry_at(-5) is None
    un = g.entry_at(text.index("UN"))
    assert un is not None and un.short == "UN"


def test_json_contract() -> None:
    text = "The Free Syrian Army (FSA) and the FSA's allies met UN envoys and the QQX team."
    data = build_glossary_text(text).to_json()
    json.dumps(data)
    assert list(data) == ["entries"]
    for e in data["entries"]:
        assert list(e) == [
            "short",
            "expansion",
            "source",
            "definition",
            "occurrences",
            "variants",
        ]
        assert e["source"] in ("text", "builtin", "none")
        assert e["definition"] is None or (
            isinstance(e["definition"], list) and len(e["definition"]) == 2
        )
        assert all(isinstance(o, list) and len(o) == 2 for o in e["occurrences"])
    by = {e["short"]: e for e in data["entries"]}
    assert by["FSA"]["definition"] == [text.index("Free"), text.index(" (FSA)")]
    assert by["QQX"]["source"] == "none" and by["QQX"]["definition"] is None


def test_empty_and_acronym_free_text() -> None:
    assert build_glossary_text("").entries == ()
    assert build_glossary_text("Nothing here but ordinary words.").to_json() == {"entries": []}


# --- the bundled article and the shared gold ---------------------------------------------------

GOLD = Path(__file__).resolve().parents[3] / "shared" / "seed" / "gold-glossary.json"


def test_bundled_article_offsets_and_order() -> None:
    article = load_article(bundled_article_path())
    glossary = build_glossary(article)
    assert_offsets_slice(article.text, glossary)
    shorts = [e.short for e in glossary.entries]
    assert shorts[:2] == ["IS", "IS-K"]
    assert {"I", "A", "Taliban", "Kabul", "IS-Khorasan"}.isdisjoint(shorts)


@pytest.mark.skipif(not GOLD.is_file(), reason="shared gold file not present")
def test_seed_gold_is_met_completely() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    article = load_article(bundled_article_path())
    found = {e.short: e for e in build_glossary(article).entries}
    for g in gold["acronyms"]:
        e = found[g["short"]]
        assert any(a.lower() in e.expansion.lower() for a in g["accept"]), (g, e)
        assert (e.source == "text") == g["in_text"], (g, e)
        if g["in_text"]:
            assert e.definition is not None
            defined = article.text[e.definition[0] : e.definition[1]].lower()
            assert any(a.lower() in defined for a in g["accept"])
        for v in g.get("variants", []):
            assert v in e.variants
    assert not set(gold["not_acronyms"]) & set(found)
    assert set(found) == {g["short"] for g in gold["acronyms"]}
