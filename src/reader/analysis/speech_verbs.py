"""Verbs of saying, in every tense, and the small word lists attribution needs.

Data, not logic: kept apart so the rules in `attribution` read as rules. Words are lower-case.
"""

from __future__ import annotations

from reader.analysis.name_words import word_set

# Regular verbs of saying (base form). Inflections are generated below.
_REGULAR = """
add admit affirm agree allege announce answer argue assert boast caution charge chuckle claim
clarify comment complain concede conclude confirm contend continue counter cry declare demand deny
describe emphasise emphasize exclaim explain fume insist interject joke lament laugh maintain
mention muse note object observe plead post predict proclaim promise protest question
quip recall recount reiterate remark remind repeat reply report respond retort scoff scream shout
sigh snap stress suggest summarise summarize testify text thunder tweet urge vow wonder warn yell
write say tell ask state call acknowledge concur assure reassure inform email
brand dub label liken chant characterize characterise decry denounce condemn accuse hail
exhort implore
"""

#: Verbs of judging aloud: they introduce quoted words (`X attacked "..."`), but after a name
#: they are too often nouns (`IS-K attacks`) to show that the name is a speaker's.
_JUDGING = """
attack blast slam bash mock deride ridicule lambaste criticize criticise laud praise
"""

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "speak": ("spoke", "speaks", "speaking"),
}

#: Irregular verbs that introduce quoted words but seldom mark a name as a speaker's.
_IRREGULAR_MORE: dict[str, tuple[str, ...]] = {
    "sing": ("sing", "sings", "sang", "sung", "singing"),
    # what a study or an inquiry reports: `A report released last year found that "..."`
    "find": ("finds", "found"),
}

# Verbs whose -ed form is not "base + ed" by the simple rules below.
_SPECIAL = {
    "admit": ("admitted", "admitting"),
    "snap": ("snapped", "snapping"),
    "quip": ("quipped", "quipping"),
    "cry": ("cried", "cries"),
    "deny": ("denied", "denies"),
    "reply": ("replied", "replies"),
    "concur": ("concurred", "concurring"),
    "text": ("texted", "texts"),
    "dub": ("dubbed", "dubbing"),
    "label": ("labelled", "labelling"),
    "slam": ("slammed", "slamming"),
}

# Words that are nouns far more often than verbs unless a subject stands right before them.
NOUNISH = word_set(
    "claims notes remarks reports comments answers questions posts texts charges demands "
    "promises offers objections protests tweets statement replies responses warnings "
    "recalls emails calls shouts jokes quips vows pledges attacks blasts slams"
)

# Verbs too weak to attribute a quotation that lies far away from them in the sentence.
WEAK = word_set(
    "post posted posts posting describe described describes describing mention mentioned "
    "promise promised promises continue continued continues text texted laugh laughed "
    "chuckle chuckled sigh sighed call called calls calling "
    # naming and judging verbs: they govern only a quote right after their object
    "brand branded brands dub dubbed dubs label labeled labelled labels liken likened likens "
    "chant chanted chants characterize characterized characterizes characterise characterised "
    "characterises decry decried decries denounce denounced denounces condemn condemned "
    "condemns accuse accused accuses hail hailed hails"
    # attacking and praising verbs: `X attacked "..."`, `X blasted the media as "..."`
    " attack attacked attacks blast blasted blasts slam slammed slams bash bashed bashes"
    " mock mocked mocks deride derided derides ridicule ridiculed ridicules lambaste"
    " lambasted lambastes criticize criticized criticizes criticise criticised criticises"
    " laud lauded lauds praise praised praises attacking blasting slamming bashing mocking"
    " deriding ridiculing lambasting criticizing criticising lauding praising"
)


#: Verbs of attacking and mocking: `X mocked "..."` may quote X or X's target, whose words
#: the object names (`mocked Clinton's "..."`, `mocked the phrase "..."`).
ATTACKS = word_set(
    "attack attacked attacks attacking blast blasted blasts blasting slam slammed slams slamming"
    " bash bashed bashes bashing mock mocked mocks mocking deride derided derides deriding"
    " ridicule ridiculed ridicules ridiculing lambaste lambasted lambastes lambasting"
    " criticize criticized criticizes criticizing criticise criticised criticises criticising"
)
#: Words of an object that make the quote after it the target's words, not the speaker's.
QUOTED_OBJECTS = word_set(
    "phrase term terms word words remark remarks comment comments claim claims label slogan"
    " description characterization characterisation statement statements line lines use"
)


def _inflect(base: str) -> set[str]:
    if base in _IRREGULAR:
        return set(_IRREGULAR[base])
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith(("sh", "ch", "s", "x")):
        forms |= {base + "es", base + "ed", base + "ing"}
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
    forms |= set(_SPECIAL.get(base, ()))
    return forms


def _build(regular: str, irregular: dict[str, tuple[str, ...]]) -> frozenset[str]:
    words: set[str] = set()
    for base in regular.split():
        words |= _inflect(base)
    for forms in irregular.values():
        words |= set(forms)
    return frozenset(words)


#: Every form of the verbs of saying proper: after a capitalised word they show it names a
#: speaker (`Qadeer said`).
CORE_SPEECH_VERBS: frozenset[str] = _build(_REGULAR, _IRREGULAR)
#: Every form of every verb that introduces quoted words.
SPEECH_VERBS: frozenset[str] = CORE_SPEECH_VERBS | _build(_JUDGING, _IRREGULAR_MORE)

#: Forms that may stand before their subject: `"...," said Kellyanne Conway`.
INVERTIBLE = frozenset(
    w for w in SPEECH_VERBS if w.endswith(("ed", "id", "old", "ote", "s")) and w not in NOUNISH
) | {"says", "writes", "tells", "adds", "asks", "notes", "explains", "continues", "recalls"}

#: Verbs that introduce indirect (reported) speech: `X claims the group splintered off`.
REPORTING = word_set(
    """said says claimed claims argued argues insisted insists contended contends maintained
    maintains told tells warned warns explained explains noted notes added adds stated states
    asserted asserts alleged alleges acknowledged acknowledges admitted admits suggested suggests
    wrote writes predicted predicts announced announces confirmed confirms denied denies
    """
)

AUXILIARIES = word_set(
    """has have had having would will could can should may might must did does do was were is
    are be been being also later then once previously recently earlier further again simply only
    just flatly repeatedly often always never reportedly publicly privately quickly angrily
    recently first finally initially subsequently frequently even still not already quoted as
    has been went on had already
    """
)

#: Pronouns that can be a speaker, with the gender they imply ("" = unknown, "p" = plural).
PRONOUNS: dict[str, str] = {"he": "m", "she": "f", "they": "p", "it": "n"}
