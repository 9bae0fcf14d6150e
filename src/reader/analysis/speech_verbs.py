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

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "written", "writing"),
    "speak": ("spoke", "speaks", "speaking"),
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
}

# Words that are nouns far more often than verbs unless a subject stands right before them.
NOUNISH = word_set(
    "claims notes remarks reports comments answers questions posts texts charges demands "
    "promises offers objections protests tweets statement replies responses warnings "
    "recalls emails calls shouts jokes quips vows pledges"
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


def _build() -> frozenset[str]:
    words: set[str] = set()
    for base in _REGULAR.split():
        words |= _inflect(base)
    for forms in _IRREGULAR.values():
        words |= set(forms)
    return frozenset(words)


#: Every form of every verb of saying.
SPEECH_VERBS: frozenset[str] = _build()

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
