"""Who said a quotation: the speech-verb patterns around it and the speaker phrase they name.

Everything here works on a *masked* copy of the text in which the inside of every quotation is
blanked out, so the words of a quote are never mistaken for the words that attribute it, and
sentence ends inside quotes do not split the sentence that carries them. Patterns, in the order
they are tried (see `attribute`):

* after the quote: `"...," X said`, `"...," said X`, `"...," X told Y`, `"...," according to X`;
* before it: `X said: "..."`, `X told Y "..."`, `X said in a July statement: "..."`,
  `X said that "..."` (a quote inside the reported clause), `According to X, "..."`, and the
  second half of a split quote (`"...," he said, "..."`).

A speaker phrase is a pronoun, a name (with titles, a role before it or an appositive after it),
or a noun phrase (`one Afghan intelligence official who asked to remain anonymous`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, repeat
from operator import attrgetter, itemgetter
from typing import NamedTuple

from reader.analysis.name_words import (
    ABBREVIATIONS,
    DEPARTMENT_WORDS,
    DOCUMENT_NOUNS,
    NAME_LINKS,
    NAME_SUFFIXES,
    NOT_NAME,
    ORG_NOUNS,
    PARTY_WORDS,
    PERSON_NOUNS,
    TITLES,
    word_set,
)
from reader.analysis.quote_spans import NICKNAME_CHARS, QuoteSpan, is_nickname
from reader.analysis.speech_verbs import (
    ATTACKS,
    AUXILIARIES,
    INVERTIBLE,
    NOUNISH,
    PRONOUNS,
    QUOTED_OBJECTS,
    SPEECH_VERBS,
    WEAK,
)

MASK = "~"
#: Characters after a quote searched for `X said` (about 50 words), and before it for `X said:`.
AFTER_WINDOW = 240
BEFORE_WINDOW = 360
#: A token: a word, a run of masked (quoted) characters, or one other character.
#: A double hyphen (`--`, a typewriter dash) is one token, read as an em dash.
_TOKEN = re.compile(r"[^\W_][\w’'\-&]*|~+|--|[^\w\s]")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
_BOUNDARY = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[^a-z\s])")
_TIME_WORDS = word_set(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight tomorrow
    week month year night morning afternoon evening weekend ago last this next earlier later
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec"""
)
_PREPOSITIONS = word_set(
    "on in at during after before for with to from via through by over about of into"
)
DETERMINERS = word_set(
    """a an the one another two three four five several some many most his her their its this
    that these those other few both each every any no our my"""
)
_INDEFINITE = word_set("a an one another two three four five several some many few")
_RELATIVE = word_set("who which whose whom that")
_INTERJECTION_START = _PREPOSITIONS | word_set(
    "who which whose whom speaking asked referring responding writing when while as like "
    "if although though because"
)


class Tok(NamedTuple):
    """A token of the masked text: word or punctuation, with offsets and its lower-case form
    (abbreviation full stops stripped). A tuple, so `tokenize` builds them without Python calls."""

    text: str
    start: int
    end: int
    low: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start}, {self.end})"


#: `tuple.__new__(Tok, fields)`: a C call, no Python frame per token.
_make_tok: Callable[[type[Tok], tuple[str, int, int, str]], Tok] = tuple.__new__
#: `_TOKEN` with a group: `split` gives the gaps and the tokens, whose lengths give the offsets.
_TOKEN_SPLIT = re.compile("(" + _TOKEN.pattern + ")")
_lower = str.lower
#: A token's lower case, as a C call.
_tok_low = attrgetter("low")
_bisect_right = bisect.bisect_right
#: A token's text, and a string's first character: `itemgetter(0)` serves both.
_first = itemgetter(0)


def count_words(toks: Sequence[Tok]) -> int:
    """How many of `toks` are words (`Tok.is_word`), counted with C calls: a hot test."""
    return sum(map(str.isalnum, map(_first, map(_first, toks))))


def tokenize(text: str, lo: int, hi: int, limit: int = 0) -> list[Tok]:
    """Word and punctuation tokens of text[lo:hi]; abbreviation full stops stay on their word
    (`Mr.`, `Sen.`, initials `J.`, `U.` `S.`). With `limit`, only the first `limit` tokens.

    Built with C-level calls (`split`, `accumulate`, `map`); only lone full stops are looked at
    in Python, left to right, each joining the token it follows when that is an abbreviation.
    """
    parts = _TOKEN_SPLIT.split(text[lo:hi])
    words = parts[1::2]
    if not words:
        return []
    return _build_tokens(parts, words, list(map(_lower, words)), lo, limit)


def tokenize_cued(text: str, lo: int, hi: int, cues: frozenset[str]) -> list[Tok] | None:
    """`tokenize(text, lo, hi)`, or None when no token's lower case is in `cues`.

    The cue test reads the same split the tokens are built from, so a window that holds a cue
    is scanned once, not once for the test and again for the tokens. (Joining an abbreviation's
    full stop keeps its word's lower case, so the raw words' lower cases are the tokens'.)
    """
    parts = _TOKEN_SPLIT.split(text[lo:hi])
    words = parts[1::2]
    lows = list(map(_lower, words))
    if cues.isdisjoint(lows):
        return None
    return _build_tokens(parts, words, lows, lo, 0)


#: Characters tokenised first when only the first tokens of a window are wanted.
_HEAD_PROBE = 6


def tokenize_head(text: str, lo: int, hi: int, limit: int) -> list[Tok]:
    """`tokenize(text, lo, hi, limit)`, reading only as much of the window as the first `limit`
    tokens need: a prefix about `_HEAD_PROBE` characters a token is tokenised first, and its
    tokens up to the last one followed by a space are those of the whole window (see
    `extend_forward`); the whole window is read only when they are too few."""
    cut = lo + limit * _HEAD_PROBE
    if cut >= hi:
        return tokenize(text, lo, hi, limit)
    toks = tokenize(text, lo, cut)
    for j in range(len(toks) - 1, limit - 2, -1):
        end = toks[j].end
        if end < cut and text[end].isspace():
            return toks[:limit]
    return tokenize(text, lo, hi, limit)


def _build_tokens(
    parts: list[str], words: list[str], lows: list[str], lo: int, limit: int
) -> list[Tok]:
    """The tokens of a `_TOKEN_SPLIT.split` of the text at `lo` (`words` its odd parts)."""
    pos = list(accumulate(map(len, parts), initial=lo))
    toks = list(map(_make_tok, repeat(Tok), zip(words, pos[1:-1:2], pos[2::2], lows, strict=True)))
    if "--" in lows:
        toks = [_make_tok(Tok, ("—", t.start, t.end, "—")) if t.text == "--" else t for t in toks]
    if "." in lows:
        find = words.index
        dropped: set[int] = set()
        i = -1
        while True:
            try:
                i = find(".", i + 1)
            except ValueError:
                break
            j = i - 1
            while j in dropped:
                j -= 1
            dot = toks[i]
            if j >= 0:
                prev = toks[j]
                if (
                    prev.end == dot.start
                    and prev.text[0].isalpha()
                    and (prev.low in ABBREVIATIONS or len(prev.text) == 1)
                ):
                    joined = prev.text + "."
                    toks[j] = _make_tok(
                        Tok, (joined, prev.start, dot.end, joined.lower().rstrip("."))
                    )
                    dropped.add(i)
                    continue
            # only a lone "." ends in a full stop here (abbreviations are joined above)
            toks[i] = _make_tok(Tok, (".", dot.start, dot.end, ""))
        if dropped:
            toks = [t for k, t in enumerate(toks) if k not in dropped]
    return toks[:limit] if limit else toks


def extend_back(text: str, toks: list[Tok], lo: int, hi: int) -> list[Tok]:
    """`tokenize(text, lo, hi)` given `toks == tokenize(text, short, hi)` with `lo <= short`.

    Tokens never hold white space, so from the first token preceded by a space on both
    tokenisations agree: only the text before it is tokenised again.
    """
    for j, t in enumerate(toks):
        if t.start > lo and text[t.start - 1].isspace():
            return tokenize(text, lo, t.start) + toks[j:]
    return tokenize(text, lo, hi)


def extend_forward(text: str, toks: list[Tok], lo: int, short: int, hi: int) -> list[Tok]:
    """`tokenize(text, lo, hi)` given `toks == tokenize(text, lo, short)` with `short <= hi`:
    the tokens up to the last one followed by a space inside text[lo:short] are kept."""
    for j in range(len(toks) - 1, -1, -1):
        end = toks[j].end
        if end < short and text[end].isspace():
            return toks[: j + 1] + tokenize(text, end, hi)
    return tokenize(text, lo, hi)


def strip_possessive(word: str) -> tuple[str, bool]:
    if "’" not in word and "'" not in word:
        return word, False
    for tail in ("’s", "'s", "’", "'"):
        if word.endswith(tail) and len(word) > len(tail) + 1:
            return word[: -len(tail)], True
    return word, False


# ----------------------------------------------------------------------------- the document


@dataclass
class Document:
    """The text with quotations masked, its paragraphs, sentences and quote spans."""

    text: str
    paragraphs: Sequence[tuple[int, int]]
    spans: Sequence[QuoteSpan]
    masked: str = ""
    sent_starts: list[int] = field(default_factory=list)
    sent_ends: list[int] = field(default_factory=list)
    sent_para: list[int] = field(default_factory=list)
    by_para: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        pieces: list[str] = []
        pos = 0
        for i, sp in enumerate(self.spans):
            self.by_para.setdefault(sp.paragraph, []).append(i)
            if (
                sp.close - sp.open <= NICKNAME_CHARS
                and self.text[sp.start].isupper()  # cheap tests first: most quotes fail them
                and self.text[sp.close : sp.close + 1] in (" ", "\u00a0")
                and is_nickname(self.text, sp)
            ):
                # `Marcia "Cia" Price`: blank out the nickname so the name reads as one run
                pieces.append(self.text[pos : sp.open])
                pieces.append(" " * (sp.close - sp.open))
                pos = sp.close
                continue
            pieces.append(self.text[pos : sp.start])
            inner = self.text[sp.start : sp.end]
            last = inner[-1] if inner[-1] in ".?!,…" else MASK
            pieces.append(MASK * (len(inner) - 1) + last)
            pos = sp.end
        pieces.append(self.text[pos:])
        self.masked = masked = "".join(pieces)
        starts, ends, paras = self.sent_starts, self.sent_ends, self.sent_para
        finditer, abbreviation = _BOUNDARY.finditer, self._abbreviation_before
        for number, (lo, hi) in enumerate(self.paragraphs):
            start = lo
            for m in finditer(masked, lo, hi):
                dot, after = m.span()
                if masked[dot] == "." and abbreviation(dot):
                    continue
                # a sentence is added where it is found, with no method call: this loop is hot
                if dot + 1 > start:
                    starts.append(start)
                    ends.append(dot + 1)
                    paras.append(number)
                start = after
            if hi > start:  # the paragraph's last sentence
                starts.append(start)
                ends.append(hi)
                paras.append(number)

    def _abbreviation_before(self, dot: int) -> bool:
        if self.masked[dot] != ".":
            return False
        j = dot
        while j > 0 and (self.masked[j - 1].isalpha() or self.masked[j - 1] == "."):
            j -= 1
        word = self.masked[j:dot].lower()
        return word in ABBREVIATIONS or len(word) == 1 or _INITIALS.fullmatch(word) is not None

    def sentence_of(self, offset: int) -> int:
        i = _bisect_right(self.sent_starts, offset) - 1  # hot: no `max` call
        return i if i > 0 else 0


# ----------------------------------------------------------------------------- speaker phrases


@dataclass(frozen=True, slots=True)
class Phrase:
    """A speaker as written: a pronoun, a name, or a noun phrase."""

    kind: str  # "pronoun" | "name" | "np"
    text: str
    start: int
    end: int
    name: tuple[str, ...] = ()  # name tokens without titles
    titles: tuple[str, ...] = ()
    description: str = ""
    head: str = ""  # head noun of a noun phrase / description
    determiner: str = ""


#: Function words that open a place's name before a capitalised word (`New York`).
_PLACE_OPENERS = word_set("new")


def _is_name_token(t: Tok) -> bool:
    if not t.is_cap or not t.text[0].isalpha():
        return False
    if len(t.text) == 2 and t.text[1] == ".":
        return True  # a middle initial (`Julie A. Diaz`), even one that spells a function word
    low = strip_possessive(t.text)[0].lower().rstrip(".")
    if "-" in low and low.partition("-")[0] in NOT_NAME:
        return False  # `Twenty-seven states`, `So-called experts`
    # `New` may open a name (`New York`): `_name_from_tokens` keeps it only before another
    return low not in NOT_NAME or low in TITLES or low in _PLACE_OPENERS


def opens_place(toks: Sequence[Tok], k: int) -> bool:
    """Is toks[k] a function word opening a name here (`New` in `The New York Times`)?"""
    return toks[k].low in _PLACE_OPENERS and k + 1 < len(toks) and toks[k + 1].is_cap


def _name_from_tokens(toks: Sequence[Tok]) -> tuple[tuple[str, ...], tuple[str, ...], int] | None:
    """Split a capitalised run into (titles, name tokens, index where the name starts)."""
    i = 0
    while (
        i < len(toks)
        and toks[i].low in NOT_NAME
        and toks[i].low not in TITLES
        and not opens_place(toks, i)
    ):
        i += 1
    titles: list[str] = []
    while i < len(toks) - 1 and (toks[i].low in TITLES or toks[i].low in PARTY_WORDS):
        titles.append(toks[i].text)
        i += 1
    if titles and i < len(toks) - 1 and toks[i].low == "of" and toks[i + 1].low in DEPARTMENT_WORDS:
        # `Secretary of State John Kerry`, `Secretary of the Treasury Jack Lew`: the office is
        # part of the title
        while i < len(toks) - 1 and (toks[i].low == "of" or toks[i].low in DEPARTMENT_WORDS):
            titles.append(toks[i].text)
            i += 1
    if all(t.low in PARTY_WORDS for t in toks[i:]):
        return None  # "Republican" alone is a description, not a name
    # a role written like a title ("House Speaker Paul Ryan", "FBI Director James Comey")
    for k in range(len(toks) - 2, i - 1, -1):
        if toks[k].low in TITLES and k + 1 < len(toks):
            titles.extend(t.text for t in toks[i : k + 1])
            i = k + 1
            break
    for k in range(len(toks) - 2, i - 1, -1):
        if strip_possessive(toks[k].text)[1] and toks[k].text[-1] in "s’'":
            titles.extend(t.text for t in toks[i : k + 1])
            i = k + 1
            break
    names = []
    for k in range(i, len(toks)):
        n = strip_possessive(toks[k].text)[0]
        if n.lower().rstrip(".") not in NOT_NAME or n.lower() in NAME_LINKS or opens_place(toks, k):
            names.append(n)
    if not names:
        return None
    return tuple(titles), tuple(names), i


def head_of(words: Sequence[str]) -> str:
    """The head noun of a description: the last word before a preposition, relative or comma."""
    head = ""
    for w in words:
        lw = w.lower().strip(",.;:")
        if lw in _PREPOSITIONS or lw in _RELATIVE or lw == "and" or w.endswith(","):
            if w.endswith(",") and not head:
                head = lw
            if head:
                break
            continue
        if lw in DETERMINERS:
            continue
        head = lw
    return head


def _np_phrase(toks: Sequence[Tok], text: str, determiner: str) -> Phrase | None:
    if not toks:
        return None
    words = [t.text for t in toks]
    head = head_of(words)
    base_head, _ = strip_possessive(head)
    if (
        base_head not in PERSON_NOUNS
        and base_head not in ORG_NOUNS
        and not any(t.is_cap and t.low not in NOT_NAME for t in toks)
    ):
        return None
    return Phrase(
        "np",
        text[toks[0].start : toks[-1].end],
        toks[0].start,
        toks[-1].end,
        head=base_head,
        determiner=determiner,
        description=text[toks[0].start : toks[-1].end],
    )


def _name_run_back(toks: Sequence[Tok], j: int) -> int:
    """Index where the capitalised name run ending at toks[j] starts."""
    k = j
    while k - 1 >= 0:
        p = toks[k - 1]
        if (
            _is_name_token(p)
            or p.low in NAME_SUFFIXES
            or (p.low in NAME_LINKS and k - 2 >= 0 and _is_name_token(toks[k - 2]))
            or _office_of(toks, k - 1)
        ):
            k -= 1
        else:
            break
    return k


def _office_of(toks: Sequence[Tok], k: int) -> bool:
    """Is toks[k] the `of` of a title and its office (`Secretary of State`)?"""
    return (
        toks[k].low == "of"
        and k >= 1
        and toks[k - 1].low in TITLES
        and k + 1 < len(toks)
        and toks[k + 1].low in DEPARTMENT_WORDS
        and toks[k + 1].is_cap
    )


def _role_before(toks: Sequence[Tok], k: int, text: str) -> str:
    """Role words right before a name (`campaign manager Robby Mook`, `9/11 widow Terry Strada`)."""
    if k == 0:
        return ""
    prev = toks[k - 1]
    if not prev.is_word or (prev.low not in PERSON_NOUNS and prev.low not in TITLES):
        return ""
    m = k - 1
    while m - 1 >= 0 and k - m < 6:
        p = toks[m - 1]
        if not (p.is_word or p.text in "/-") or p.low in DETERMINERS or p.low in _PREPOSITIONS:
            break
        if p.low in NOT_NAME and not p.is_cap:
            break
        m -= 1
    return text[toks[m].start : prev.end]


def _described_further(person: Phrase, end: int, more: str) -> Phrase:
    """`person` with `more` added to its description (`of Springfield, Va.`, `of the Afghan
    Analyst Network`), the phrase running to `end`."""
    return Phrase(
        "name",
        person.text,
        person.start,
        end,
        name=person.name,
        titles=person.titles,
        description=_join(person.description, more),
    )


def subject_before(toks: Sequence[Tok], v: int, text: str, lo: int = 0) -> Phrase | None:
    """The speaker phrase ending right before toks[v] (the verb); nothing before toks[lo]."""
    j = v - 1
    skipped = 0
    while j >= lo and skipped < 6:
        t = toks[j]
        low = t.low
        if low in AUXILIARIES or (
            not t.is_cap and low.endswith("ly") and len(low) > 4 and low not in PERSON_NOUNS
        ):
            j -= 1
            skipped += 1
            continue
        if low in _TIME_WORDS or low.isdigit():
            j -= 1
            skipped += 1
            if j >= lo and toks[j].low in _PREPOSITIONS | {"last", "this", "early", "late"}:
                j -= 1
            continue
        if t.text in ("—", "–"):  # "X — in a statement — said": handled as comma below
            break
        break
    if j < lo:
        return None
    t = toks[j]
    if t.low in PRONOUNS or t.low in ("i", "we"):
        return Phrase("pronoun", t.text, t.start, t.end)
    contracted = re.match(r"(he|she|they)[’'](?:s|d|re|ll|ve)$", t.low)
    if contracted:
        return Phrase("pronoun", contracted.group(1), t.start, t.end)
    if t.text in (",", "—", "–", ")"):
        return _appositive_subject(toks, j, text, lo)
    if t.low in _SUBJECT_RELATIVES and not t.is_cap:
        return _antecedent(toks, j, text, lo)
    if _is_name_token(t) or t.low in NAME_SUFFIXES:
        k = _name_run_back(toks, j)
        k = max(k, lo)
        if k == j and _common_noun(t.low):  # "Officials said", "Democrats said"
            return _np_phrase([t], text, "")
        described = _described_before(toks, k, t, text, lo)
        if described is not None:
            return described
        if k - 2 > lo and toks[k - 1].low in ("of", "from") and toks[k - 2].text == ",":
            # "Johnnie Wilson, of Springfield, Va., said": a home town, the person before it
            person = subject_before(toks, k - 2, text, lo)
            if person is not None and person.kind == "name":
                return _described_further(person, person.end, text[toks[k - 1].start : t.end])
        # "Borhan Osman of the Afghan Analyst Network claims": the person, not the network
        m = k - 1
        if m >= lo and toks[m].low == "the":
            m -= 1
        if (
            m - 1 >= lo
            and toks[m].low in ("of", "at", "from", "with")
            and _is_name_token(toks[m - 1])
        ):
            person = subject_before(toks, m, text, lo)
            if person is not None and person.kind == "name":
                return _described_further(person, t.end, text[toks[m].start : t.end])
        parts = _name_from_tokens(toks[k : j + 1])
        if parts is None:
            return None
        titles, name, offset = parts
        role = _role_before(toks, k + offset, text) if offset == 0 else ""
        # a noun phrase with a name inside: "the Clinton campaign", "the New York Times"
        # (`that` before a name is a conjunction: `Trump said that Clinton described ...`)
        if (
            k - 1 >= lo
            and toks[k - 1].low in DETERMINERS
            and toks[k - 1].low != "that"
            and strip_possessive(t.text)[0] == t.text
        ):
            det = toks[k - 1].low
            if not titles and (len(name) == 1 or det != "the" or _orgish(name)):
                np = _np_phrase(toks[k - 1 : j + 1], text, det) if det != "the" else None
                if det == "the":
                    return Phrase(
                        "name",
                        text[toks[k].start : t.end],
                        toks[k].start,
                        t.end,
                        name=name,
                        titles=(),
                        head=name[-1].lower(),
                        determiner=det,
                    )
                return np
        role_start = t.start
        if role:
            role_start = max(
                (x.start for x in toks[:k] if x.start <= toks[k].start - len(role) - 1),
                default=toks[k].start,
            )
        return Phrase(
            "name",
            text[toks[k].start : t.end],
            min(role_start, toks[k].start),
            t.end,
            name=name,
            titles=titles,
            description=role,
        )
    if t.is_word and not t.is_cap:
        found = _np_back(toks, j, text, lo)
        return found if found is not None else _modified_subject(toks, j, text, lo)
    return None


#: Relative pronouns that may be the subject of a verb of saying (`Ann Lee, who said`).
_SUBJECT_RELATIVES = word_set("who that which")


def _antecedent(toks: Sequence[Tok], j: int, text: str, lo: int) -> Phrase | None:
    """The speaker a relative pronoun toks[j] stands for: the name or noun phrase right before
    it (`Ann Lee, who said`, `a letter from his doctor Friday that says`); only a person, an
    organisation or a document (`that` after a verb is a conjunction, not a relative)."""
    k = j - 1
    while k >= lo and (toks[k].low in _TIME_WORDS or toks[k].low.isdigit()):
        k -= 1
    if k >= lo and toks[k].text == ",":
        k -= 1
    if k < lo or not toks[k].is_word or toks[k].low in _VERB_LOWS:
        return None
    ph = subject_before(toks, k + 1, text, lo)
    if ph is None or ph.kind == "pronoun":
        return None
    if ph.kind == "np" and ph.head not in PERSON_NOUNS and ph.head not in ORG_NOUNS:
        return None
    return ph


#: Most words of a participle phrase between a subject and its verb of saying.
MODIFIER_WORDS = 8


def _modified_subject(toks: Sequence[Tok], j: int, text: str, lo: int) -> Phrase | None:
    """`Protesters marching through the streets chanted`, `Residents interviewed on Friday
    said`: a participle phrase (lower-case words, no punctuation) between the speaker and the
    verb; the speaker is the people noun (or name) before the participle."""
    for p in range(j, max(lo, j - MODIFIER_WORDS), -1):
        t = toks[p]
        if not t.is_word or t.is_cap or t.low in _VERB_LOWS or t.low in AUXILIARIES:
            return None
        if not t.low.endswith(("ing", "ed")) or len(t.low) < 5:
            continue
        before = toks[p - 1]
        if not before.is_word:
            return None
        base = before.low[:-1] if before.low.endswith("s") else before.low
        if before.low in PERSON_NOUNS or base in PERSON_NOUNS:
            return _np_back(toks, p - 1, text, lo)
        if before.is_cap:
            ph = subject_before(toks, p, text, lo)
            return ph if ph is not None and ph.kind == "name" else None
        return None
    return None


def _described_before(toks: Sequence[Tok], k: int, t: Tok, text: str, lo: int) -> Phrase | None:
    """`John Dickey, the chief executive of Ora Media -- ... -- told`: the name toks[k:] ends an
    appositive (`, the ... of`) whose closing comma a dash aside took the place of; the speaker
    is the name before the appositive."""
    if k - 4 < lo or toks[k - 1].low not in ("of", "at", "for"):
        return None
    p = k - 2
    while p > lo and k - p <= 7 and toks[p].is_word and not toks[p].is_cap:
        if toks[p].low in ("the", "a", "an"):
            break
        p -= 1
    if toks[p].low not in ("the", "a", "an") or toks[p - 1].text != "," or p - 2 < lo:
        return None
    person = subject_before(toks, p - 1, text, lo)
    if person is None or person.kind != "name" or person.start != toks[lo].start:
        # the name must open the sentence: in `After meeting Ed Park, the head of X said` it
        # ends an opening clause and the head of X speaks
        return None
    return _described_further(person, person.end, text[toks[p].start : t.end])


def _common_noun(low: str) -> bool:
    """A capitalised word that is only a common noun at the start of a sentence."""
    base = low[:-1] if low.endswith("s") else low
    return low in PERSON_NOUNS or base in PERSON_NOUNS or low in ORG_NOUNS or base in ORG_NOUNS


def _orgish(name: Sequence[str]) -> bool:
    return any(n.lower() in ORG_NOUNS for n in name)


def _np_back(toks: Sequence[Tok], j: int, text: str, lo: int) -> Phrase | None:
    """A common noun phrase ending at toks[j], back to its determiner (`a Taliban official`)."""
    if toks[j].low in _PREPOSITIONS or toks[j].low in DETERMINERS or toks[j].low in AUXILIARIES:
        return None
    k = j
    limit = max(lo, j - 12)
    while k >= limit:
        t = toks[k]
        if not (t.is_word or t.text in "-/’'"):
            k += 1
            break
        if t.low in DETERMINERS:
            return _np_phrase(toks[k : j + 1], text, t.low)
        _, possessive = strip_possessive(t.text)
        if possessive and t.is_cap and k < j:
            # "Trump's campaign manager": the possessive name is the determiner
            start = _name_run_back(toks, k)
            return _np_phrase(toks[max(start, lo) : j + 1], text, "'s")
        k -= 1
    else:
        k = limit
    k = max(k, lo)
    span = toks[k : j + 1]
    # bare plurals and short phrases: "Sources said", "Democratic officials said"
    if 0 < len(span) <= 4 and (span[-1].low in PERSON_NOUNS or span[-1].low in ORG_NOUNS):
        if span[0].low in NOT_NAME and span[0].is_cap:
            span = span[1:]
        return _np_phrase(span, text, "") if span else None
    return None


def _appositive_subject(toks: Sequence[Tok], j: int, text: str, lo: int) -> Phrase | None:
    """`NAME, DESCRIPTION, said` or `DESCRIPTION, NAME, said` or `NAME, in a statement, said`."""
    close = toks[j].text
    opener = {",": ",", ")": "(", "—": "—", "–": "–"}[close]
    dash = opener in ("—", "–")  # a dash aside may hold commas: `-- the firm that owns X, which --`
    k = j - 1
    inner_end = j  # the appositive without a closing parenthesis (`Name (D-Va.),`)
    while k >= lo and toks[k].text != opener and j - k < (40 if dash else 25):
        if close == "," and k == j - 1 and toks[k].text == ")":
            # `his niece, Del. Jane Roe (D-Newport News), said`: step over the parenthesis
            m = k - 1
            while m > lo and j - m < 12 and toks[m].text not in ("(", ")", ","):
                m -= 1
            if m <= lo or toks[m].text != "(":
                break
            inner_end = k = m
            k -= 1
            continue
        if toks[k].text in (";", ":", "(", ")") or (toks[k].text == "," and not dash):
            break
        k -= 1
    if k < lo or toks[k].text != opener:
        # `Jane Roe (D-Va.), said`: no appositive, the name before the parenthesis
        return subject_before(toks, inner_end, text, lo) if inner_end < j else None
    inner = toks[k + 1 : inner_end]
    if not inner:
        return None
    if close == ")":  # "Nancy Pelosi (D-Calif.) said": a parenthesis is never the speaker
        return subject_before(toks, k, text, lo) if k > lo else None
    first = inner[0]
    if first.low in _INTERJECTION_START or (first.low.endswith("ing") and not first.is_cap):
        return subject_before(toks, k, text, lo) if k > lo else None  # skip the aside
    if all(_is_name_token(t) or t.low in NAME_LINKS or t.low in NAME_SUFFIXES for t in inner):
        # "The commander of US Forces in Afghanistan, General John Nicholson, said"
        parts = _name_from_tokens(inner)
        if parts is None:
            return None
        titles, name, _ = parts
        desc = _np_back(toks, k - 1, text, lo) if k - 1 >= lo else None
        before = subject_before(toks, k, text, lo) if desc is None and k > lo else None
        if before is not None and before.kind == "name" and len(name) == 1:
            return None  # "Trump, Clinton, said": a list, not a speaker
        return Phrase(
            "name",
            text[inner[0].start : inner[-1].end],
            (desc.start if desc else inner[0].start),
            inner[-1].end,
            name=name,
            titles=titles,
            description=desc.text if desc else "",
        )
    if first.is_cap and len(inner) <= 3 and all(t.is_cap or t.text in ".-" for t in inner):
        # "Paul Ryan, R-Wis., said" / "Nancy Pelosi (D-Calif.) said": a party label
        return subject_before(toks, k, text, lo) if k > lo else None
    named = _role_and_name(toks, k, inner_end, text, lo)
    if named is not None:
        return named
    # "Jawed Kohistani, a Kabul-based security analyst, said"; two appositives in a row:
    # "Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said"
    stacked = _appositive_subject(toks, k, text, lo) if k > lo else None
    before = (
        stacked
        if stacked is not None and stacked.kind == "name"
        else (subject_before(toks, k, text, lo) if k > lo else None)
    )
    if before is None:
        return None
    description = text[inner[0].start : inner[-1].end]
    if before.kind == "name":
        return _described_further(before, before.end, description)
    return before


#: Most lower-case words of a role before a name in an appositive (`state Del.`, `former Sen.`).
ROLE_WORDS = 3


def _role_and_name(toks: Sequence[Tok], k: int, end: int, text: str, lo: int) -> Phrase | None:
    """`DESCRIPTION, ROLE NAME, said` (`his niece, state Del. Jane Roe, said`): the appositive
    toks[k + 1:end] is a name after a few lower-case role words, and a noun phrase before it
    describes that person."""
    last = end - 1
    if k - 1 < lo or not _is_name_token(toks[last]):
        return None
    start = _name_run_back(toks, last)
    if start <= k + 1 or start - (k + 1) > ROLE_WORDS:
        return None
    if not all(t.is_word and not t.is_cap and t.low not in _VERB_LOWS for t in toks[k + 1 : start]):
        return None
    desc = _np_back(toks, k - 1, text, lo)
    parts = _name_from_tokens(toks[start:end])
    if desc is None or parts is None:
        return None
    titles, name, _ = parts
    role = text[toks[k + 1].start : toks[start - 1].end]
    return Phrase(
        "name",
        text[toks[start].start : toks[last].end],
        desc.start,
        toks[last].end,
        name=name,
        titles=titles,
        description=_join(desc.text, role),
    )


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def subject_after(toks: Sequence[Tok], i: int, text: str) -> Phrase | None:
    """The speaker phrase starting at toks[i], after an inverted verb (`said one official`)."""
    end = i
    while end < len(toks) and toks[end].text not in (".", ";", "!", "?", ":", "(", ")", "—"):
        if toks[end].text == "," and end > i:
            break
        end += 1
    if end <= i:
        return None
    t = toks[i]
    if t.low in PRONOUNS:
        return Phrase("pronoun", t.text, t.start, t.end)
    # leading role words before a name: "said 9/11 widow Terry Strada", "said MSNBC host X";
    # "said the Rev. Peter Wherry": a title after `the` opens a name
    lead = i
    if t.low == "the" and i + 1 < end and toks[i + 1].is_cap and toks[i + 1].low in TITLES:
        lead = i + 1
    j = lead
    while j < end and not (_is_name_token(toks[j]) and _name_follows(toks, j, end)):
        if toks[j].low in DETERMINERS or toks[j].low in _RELATIVE or toks[j].low in _PREPOSITIONS:
            break
        j += 1
    if j < end and j - i <= 4 and _is_name_token(toks[j]):
        k = j
        while k + 1 < end and (
            _is_name_token(toks[k + 1])
            or toks[k + 1].low in NAME_SUFFIXES
            or (toks[k + 1].low in NAME_LINKS and k + 2 < end and _is_name_token(toks[k + 2]))
            or _office_of(toks, k + 1)
        ):
            k += 1
        parts = _name_from_tokens(toks[j : k + 1])
        if parts is not None:
            titles, name, _ = parts
            role = text[toks[lead].start : toks[j - 1].end] if j > lead else ""
            desc = ""
            if k + 1 < len(toks) and toks[k + 1].text == ",":
                m = k + 2
                while m < len(toks) and toks[m].text not in _APPOSITIVE_ENDS:
                    m += 1
                appos = toks[k + 2 : m]
                if m == len(toks) and appos:
                    # the window ended inside the appositive (`director of the Congressio`):
                    # read on in the text, to its end or the line's
                    appos = [*appos[:-1], *_appositive_rest(text, appos[-1].start)]
                if (
                    appos
                    and appos[0].low not in _INTERJECTION_START
                    and not appos[0].low.endswith("ing")
                ):
                    desc = text[appos[0].start : appos[-1].end]
            if role and not any(tk.is_word and not tk.is_cap for tk in toks[i:j]) and j - i <= 2:
                # all capitalised: part of the name run after all ("said Sen. Ted Cruz")
                pass
            return Phrase(
                "name",
                text[toks[j].start : toks[k].end],
                toks[i].start,
                toks[k].end,
                name=name,
                titles=titles,
                description=_join(role, desc),
            )
    if t.low in DETERMINERS or (t.is_word and not t.is_cap):
        span = toks[i:end]
        return _np_phrase(span, text, t.low if t.low in DETERMINERS else "")
    return None


_APPOSITIVE_ENDS = frozenset((",", ".", ";", "(", "—", "!", "?"))
#: Characters an appositive cut by the attribution window is read on for, at most.
APPOSITIVE_REST = 200


def _appositive_rest(text: str, start: int) -> list[Tok]:
    """The tokens of an appositive from `start` to its end (`,`, `.`, `;`...) or its line's."""
    line_end = text.find("\n", start, start + APPOSITIVE_REST)
    toks = tokenize(text, start, line_end if line_end >= 0 else start + APPOSITIVE_REST)
    for m, t in enumerate(toks):
        if t.text in _APPOSITIVE_ENDS:
            return toks[:m]
    return toks


def _name_follows(toks: Sequence[Tok], j: int, end: int) -> bool:
    """True unless toks[j] is a capitalised modifier followed by a role noun (`MSNBC host`)."""
    k = j
    while k + 1 < end and _is_name_token(toks[k + 1]):
        k += 1
    nxt = toks[k + 1] if k + 1 < end else None
    if nxt is not None and nxt.is_word and not nxt.is_cap and nxt.low in PERSON_NOUNS:
        return k + 2 < end and _is_name_token(toks[k + 2])
    return True


# ----------------------------------------------------------------------------- verbs


_VERB_LOWS = SPEECH_VERBS | {"put", "puts"}
_PAST = word_set("said told wrote written spoke sang sung found")
_MODALS = word_set("will would could can should may might must did does do not never n't also")
_PASSIVE = word_set("was were been being be is are")


def is_speech_verb(toks: Sequence[Tok], i: int) -> bool:
    """toks[i] is a verb of saying used as a verb (not `his remarks`, `to the claims`)."""
    t = toks[i]
    if not t.is_word or (t.is_cap and i > 0):
        return False
    low = t.text.lower()
    if low in ("put", "puts") and i + 1 < len(toks) and toks[i + 1].low == "it":
        return True  # "as one official put it"
    if low not in SPEECH_VERBS:
        return False
    prev_tok = toks[i - 1] if i > 0 else None
    prev = prev_tok.low if prev_tok is not None else ""
    if prev in (
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "her",
        "his",
        "their",
        "its",
    ) and not (prev == "that" and (low.endswith(("ed", "id", "old")) or low not in NOUNISH)):
        return False
    if prev_tok is not None and strip_possessive(prev_tok.text)[1] and low.endswith("s"):
        return False
    if low in NOUNISH and not _subject_like(prev_tok):
        return False  # "Republican claims", "late-night tweets": nouns, not verbs
    base = not (low.endswith(("s", "ed", "ing")) or low in _PAST)
    if base and prev not in _MODALS and not (low in _PLURAL_VERBS and _plural_subject(toks, i)):
        return False
    return not (
        prev in _PASSIVE
        and low
        in (
            "told",
            "asked",
            "described",
            "reported",
            "alleged",
            "confirmed",
            "questioned",
            "urged",
            "warned",
            "informed",
            "reminded",
            "charged",
            "denied",
            "written",
            "called",
            "quoted",
        )
    )


#: Base forms that are verbs, not nouns, after a plural subject (`report`, `claim` are not).
_PLURAL_VERBS = word_set(
    "say tell argue warn insist contend agree predict acknowledge admit explain maintain "
    "suggest ask add write call"
)
#: Subjects of a verb of saying in its plural present (`they say`, `experts warn`).
_PLURAL_PRONOUNS = word_set("they we i you some many others both")
_GROUP_ENDINGS = ("ans", "ese", "ats", "ers", "ists", "ites")


def _plural_subject(toks: Sequence[Tok], i: int) -> bool:
    """A base-form verb of saying is a present tense when a plural subject stands before it,
    maybe past one adverb: `experts say`, `Mexicans often say`, `they also warn`."""
    j = i - 1
    if (
        j >= 1
        and not toks[j].is_cap
        and (
            toks[j].low in ("often", "also", "still", "now", "always", "usually", "generally")
            or (toks[j].low.endswith("ly") and len(toks[j].low) > 4)
        )
    ):
        j -= 1
    if j < 0 or not toks[j].is_word:
        return False
    t = toks[j]
    low = t.low
    if low in _PLURAL_PRONOUNS:
        return True
    if t.is_cap and j >= 2 and toks[j - 1].low == "and" and toks[j - 2].is_cap:
        return True  # `Obama and Clinton call them ...`: two names, a plural subject
    if not low.endswith("s") or strip_possessive(t.text)[1]:
        return False
    base = low[:-1]
    if not t.is_cap:
        return base in PERSON_NOUNS or base in ORG_NOUNS or low in PERSON_NOUNS
    return low.endswith(_GROUP_ENDINGS) or _common_noun(low)


def _subject_like(t: Tok | None) -> bool:
    """Can `t` end the subject of a verb that is usually a noun (`claims`, `tweets`)?"""
    if t is None:
        return False
    low = t.low
    if low in PRONOUNS or low in ("i", "we", "also", "now", "still", "often"):
        return True
    if low.endswith("ly") and not t.is_cap:
        return True
    if t.is_cap:
        return low not in PARTY_WORDS and _is_name_token(t)
    base = low[:-1] if low.endswith("s") else low
    return low in PERSON_NOUNS or low in ORG_NOUNS or base in PERSON_NOUNS or base in ORG_NOUNS


@dataclass(frozen=True, slots=True)
class Attribution:
    phrase: Phrase
    how: str  # "after" | "before" | "according"
    tight: bool  # the quote is the verb's whole object (direct), not words inside a clause
    verb: str


def attribute_after(doc: Document, sp: QuoteSpan, hi: int) -> Attribution | None:
    """`"...," X said` / `"...," said X` / `"...," according to X` right after the quote.

    Tries a short window first (nearly all attributions are a few words long), then a wide one.
    """
    memo: list[tuple[int, list[Tok]]] = []
    found = _attribute_after(doc, sp, hi, AFTER_WINDOW // 3, memo)
    short_end = sp.close + AFTER_WINDOW // 3
    if (
        found is None
        and doc.sent_ends[doc.sentence_of(sp.close)] > short_end
        and _has_verb(doc.masked, sp.close, min(hi, sp.close + AFTER_WINDOW))
    ):
        found = _attribute_after(doc, sp, hi, AFTER_WINDOW, memo)
    return found


def _has_verb(text: str, lo: int, hi: int) -> bool:
    """Any verb of saying (or `according`) in text[lo:hi]: a cheap test before tokenising."""
    # the words, stripped of punctuation, tested as one set operation (no Python loop)
    words = text[lo:hi].lower().split()
    return not _AFTER_CUES.isdisjoint(map(str.strip, words, repeat(",.;:!?\"“”‘’'()—–-")))


def _attribute_after(
    doc: Document, sp: QuoteSpan, hi: int, window: int, memo: list[tuple[int, list[Tok]]]
) -> Attribution | None:
    """One window of `attribute_after`; `memo` keeps the tokens of the short window, so the wide
    one only tokenises what lies past it."""
    text = doc.masked
    inner = doc.text[sp.start : sp.end].rstrip("’'\")] \u00a0")
    inner_last = inner[-1] if inner else ""
    if not sp.closed:
        return None
    sent = doc.sentence_of(sp.close)
    end = min(hi, doc.sent_ends[sent])
    crossed = end <= sp.close
    cut = False
    if crossed:  # the quote ended its sentence: look at the next one only if it is short
        nxt = sent + 1
        if nxt >= len(doc.sent_starts) or doc.sent_para[nxt] != doc.sent_para[sent]:
            return None
        # when the next sentence holds a quote of its own, its verb attributes that one
        cut = hi < doc.sent_ends[nxt]
        end = min(hi, doc.sent_ends[nxt])
    stop = min(end, sp.close + window)
    if inner_last not in ",?!…—-" and inner_last != ".":
        # only a leading comma or dash (the first token) lets the words after the quote
        # attribute it: look at that character before tokenising the window
        head = text[sp.close : stop].lstrip()
        if not head.startswith("_") and (not head or head[0] not in _LEAD_MARKS):
            return None if crossed else _sentence_tail(doc, sp, end)
    if memo and memo[0][0] <= stop:
        toks = extend_forward(text, memo[0][1], sp.close, memo[0][0], stop)
    elif inner_last in _END_PUNCT or text[sp.close : stop].lstrip().startswith("_"):
        # a dash credit (`"..." ― Name`) or `_sentence_tail` may answer: tokens are needed
        toks = tokenize(text, sp.close, stop)
        memo.append((stop, toks))
    else:
        # only a verb of saying or `according to` attributes the quote from here: a window
        # with no such word is not tokenised (nor kept for the wide window, which tokenises
        # afresh what `extend_forward` would have)
        cued = tokenize_cued(text, sp.close, stop, _AFTER_CUES)
        if cued is None:
            return None
        toks = cued
        memo.append((stop, toks))
    lead = 0
    while lead < len(toks) and toks[lead].text in _LEAD_MARKS:
        lead += 1
    if lead == 0 and inner_last not in ",?!…—-" and (inner_last != "." or not toks):
        return None if crossed else _sentence_tail(doc, sp, end)
    if lead and toks[lead - 1].text in ("―", "—", "–", "-") and inner_last in _END_PUNCT:
        # a byline-style credit: `"..." ― Francisco Herrero`
        credit = _dash_credit(toks, lead, text)
        if credit is not None:
            return Attribution(credit, "after", True, "")
    if lead < len(toks) - 1 and toks[lead].low == "according" and toks[lead + 1].low == "to":
        ph = subject_after(toks, lead + 2, text)
        return Attribution(ph, "according", True, "according to") if ph else None
    depth = 0
    for v in range(lead, min(len(toks), lead + 40)):
        t = toks[v]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth = max(0, depth - 1)
        if depth or t.text == ")":
            continue
        if t.text in (";", "!", "?", ":", "“", '"', "”") or (t.text == "." and crossed):
            return None
        if t.low not in _VERB_LOWS or not is_speech_verb(toks, v):
            continue
        if crossed and (
            count_words(toks[v + 1 :]) > 6
            or any(x.text in _QUOTE_MARKS or x.low == "that" for x in toks[v + 1 :])
            or end > sp.close + window  # the next sentence runs on: a statement of its own
            or cut
        ):
            return None
        verb = toks[v].low
        if v == lead:
            if verb not in INVERTIBLE and not verb.endswith("ed"):
                return None
            ph = subject_after(toks, v + 1, text)
            return Attribution(ph, "after", True, verb) if ph else None
        ph = subject_before(toks, v, text, lead)
        if ph is None or (ph.start > toks[lead].start and _has_words(toks, lead, ph.start)):
            return None
        return Attribution(ph, "after", True, verb)
    return None


#: Lower-case words without which the words after a quote attribute nothing.
_AFTER_CUES = _VERB_LOWS | {"according"}

#: Punctuation between a quote and its `X said` (`"...," X said`, `"..." — X said`).
_LEAD_MARKS = (",", "—", "–", "-", "…", "―")


#: Words a quote may be followed by before a sentence-final `, X said.` (`"..." of the plan,`).
TAIL_GAP_WORDS = 14
#: Characters of a sentence-final `, X said.` (a name with titles and a verb).
TAIL_CHARS = 90


def _sentence_tail(doc: Document, sp: QuoteSpan, end: int) -> Attribution | None:
    """`"I admire the mechanics" of the plan, Mr. Holtz said.`: a quote that opens a clause
    whose sentence ends in `, X said.` (or `, said X.`) is that speaker's."""
    text = doc.masked
    comma = text.rfind(",", sp.close, end)
    # cheap tests first: a short tail holding a verb of saying, a gap of a few words
    if (
        comma < 0
        or end - comma > TAIL_CHARS
        or comma - sp.close > TAIL_GAP_WORDS * 8
        or not _has_verb(text, comma, end)
    ):
        return None
    gap = tokenize(text, sp.close, comma)
    if any(t.text in _QUOTE_MARKS or t.text in ";:" for t in gap) or (
        count_words(gap) > TAIL_GAP_WORDS
    ):
        return None
    tail = tokenize(text, comma + 1, end)
    words = [t for t in tail if t.is_word]
    if not words or len(words) > 8 or any(t.text in _QUOTE_MARKS for t in tail):
        return None
    for v, t in enumerate(tail):
        if t.low not in SPEECH_VERBS or not is_speech_verb(tail, v):
            continue
        if v == 0:
            if t.low not in INVERTIBLE:
                return None
            ph = subject_after(tail, 1, text)
        else:
            ph = subject_before(tail, v, text, 0)
            if ph is not None and ph.start > tail[0].start:
                return None
        if ph is None or count_words(tail[v + 1 :]) > 4:
            return None
        return Attribution(ph, "after", False, t.low)
    return None


_QUOTE_MARKS = frozenset('"“”«»„')
_END_PUNCT = ".?!…"


def _dash_credit(toks: Sequence[Tok], lead: int, text: str) -> Phrase | None:
    """A name and nothing else after a dash, up to the end of the sentence or paragraph."""
    words = [t for t in toks[lead:] if t.text not in (".",)]
    if (
        not words
        or len(words) > 5
        or not all(_is_name_token(t) or t.low in NAME_LINKS for t in words)
    ):
        return None
    parts = _name_from_tokens(words)
    if parts is None:
        return None
    titles, name, _ = parts
    return Phrase(
        "name",
        text[words[0].start : words[-1].end],
        words[0].start,
        words[-1].end,
        name=name,
        titles=titles,
    )


#: Conjunctions opening a subordinate clause: its subject and verb say nothing about who spoke.
_SUBORDINATORS = word_set("when while after before because since although though if unless until")


def _has_words(toks: Sequence[Tok], lead: int, start: int) -> bool:
    """Words between the quote and the speaker phrase other than connectives and up to three
    modifiers (`"...," panel Chairman Jason Chaffetz said`)."""
    extra = 0
    for t in toks[lead:]:
        if t.start >= start:
            return False
        if not t.is_word:
            return True
        if t.low in ("and", "but", "as", "so", "then"):
            continue
        if t.low in _SUBORDINATORS:
            return True  # `"...," when X attacked him`: a clause of its own, not the credit
        extra += 1
        if extra > 3 or t.low.endswith(("ing", "ed")) or t.low in SPEECH_VERBS:
            return True
    return False


#: Verbs of finding: speech only with a `that` clause (`The study found that "..."`).
_FINDING = word_set("found finds")
#: Most words between a naming verb and a quote its `as` introduces (`called X as "..."`).
AS_OBJECT_WORDS = 20
_AS_GAP = re.compile(r"\bas(?:\s+(?:a|an|the))?[\s,:]*$")
_TIGHT_GAP = re.compile(r"^[\s,:;—–-]*(?:that)?[\s,:]*$")


def attribute_before(doc: Document, sp: QuoteSpan, lo: int) -> Attribution | None:
    """`X said: "..."`, `X told Y "..."`, `X said that "..."`, `According to X, "..."`.

    A quote that opens a paragraph may be introduced by the previous one ending in a colon
    (`He said:` / new paragraph / `"..."`).
    """
    text = doc.masked
    sent = doc.sentence_of(sp.open)
    sent_start = doc.sent_starts[sent]
    start = max(lo, sent_start)
    stop = sp.open
    if not text[start:stop].strip() and not sp.continued and sent > 0:
        prev_end = doc.sent_ends[sent - 1]
        if doc.sent_para[sent - 1] == sp.paragraph - 1 and _ends_with_colon(text, prev_end):
            start, stop = doc.sent_starts[sent - 1], prev_end
            sent_start = start
    # a short window first; the wide one when nothing is found or the speaker phrase may be cut
    short = max(start, stop - BEFORE_WINDOW // 3)
    # no verb, `according`, pledge noun or colon: `_attribute_before` finds nothing here
    toks = (
        tokenize(text, short, stop)
        if _colon_before(text, start, stop)
        else tokenize_cued(text, short, stop, _CUES)
    )
    found = (
        None if toks is None else _attribute_before(text, sp, start, stop, short, toks, sent_start)
    )
    wide = max(start, stop - BEFORE_WINDOW)
    if short > start and (
        (found is None and (_has_verb(text, wide, stop) or text[short:stop].rstrip().endswith(":")))
        or (found is not None and found.phrase.start - short < 60)
    ):
        if toks is None:
            toks = tokenize(text, short, stop)
        found = _attribute_before(
            text, sp, start, stop, wide, extend_back(text, toks, wide, stop), sent_start
        )
    if found is None and stop - start > 12:
        found = _term_used(text, start, stop)
    return found


#: `used the phrase`, `coined the term`, `repeated the word` right before a quote: the quoted
#: words are the subject's own (`Trump has used the phrase "..." often`).
_TERM_USED = re.compile(
    r"\b(?:use[sd]?|using|coin(?:s|ed|ing)?|invok(?:e|es|ed|ing)|employ(?:s|ed|ing)?"
    r"|repeat(?:s|ed|ing)?|adopt(?:s|ed|ing)?)"
    r"\s+(?:the|a|that|this|his|her|their)\s+(?:\w+\s+)?"
    r"(?:phrase|term|words?|expression|slogan|label|line|nickname|moniker)[\s,:]*$"
)
#: Characters before a quote searched for `_TERM_USED`.
TERM_CHARS = 60


def _term_used(text: str, start: int, stop: int) -> Attribution | None:
    m = _TERM_USED.search(text, max(start, stop - TERM_CHARS), stop)
    if m is None:
        return None
    toks = tokenize(text, start, m.start())
    if not toks:
        return None
    verb = Tok(text[m.start() : m.start()], m.start(), m.start(), "")
    ph = subject_before([*toks, verb], len(toks), text, 0)
    if ph is None:
        ph = sentence_subject(toks, text)
    return None if ph is None else Attribution(ph, "before", False, "used")


#: Characters from a sentence's start to a verb `and said` whose subject opens the sentence.
SUBJECT_REACH = 1200


def _colon_before(text: str, start: int, stop: int) -> bool:
    """`text[start:stop].rstrip().endswith(":")` without the copy."""
    j = stop
    while j > start and text[j - 1].isspace():
        j -= 1
    return j > start and text[j - 1] == ":"


def _ends_with_colon(text: str, end: int) -> bool:
    """`text[:end].rstrip().endswith(":")` without copying the text before `end`."""
    j = end
    while j > 0 and text[j - 1].isspace():
        j -= 1
    return j > 0 and text[j - 1] == ":"


def _attribute_before(
    text: str, sp: QuoteSpan, start: int, stop: int, lo: int, toks: list[Tok], sent_start: int
) -> Attribution | None:
    """One window of `attribute_before`: `toks` are those of text[lo:stop]; `start` is where the
    window may begin (sentence start or the end of an earlier quote), `sent_start` the sentence's
    own start."""
    if not toks:
        return None
    tried = 0
    # only a verb or `according` is looked at: their places are picked out with C calls
    cued = compress(range(len(toks)), map(_AFTER_CUES.__contains__, map(_tok_low, toks)))
    for v in reversed(list(cued)):
        t = toks[v]
        if t.low == "according" and v + 1 < len(toks) and toks[v + 1].low == "to":
            ph = subject_after(toks, v + 2, text)
            if ph is not None:
                return Attribution(ph, "according", True, "according to")
            continue
        if t.low not in _VERB_LOWS:
            continue
        # `X took to Twitter to accuse Y of being "..."`: an infinitive of purpose
        infinitive = v > 0 and toks[v - 1].low == "to" and t.low in _BASE_FORMS and not t.is_cap
        if not infinitive and not is_speech_verb(toks, v):
            continue
        tried += 1
        if tried > 3:
            break
        gap = text[t.end : stop]
        words_between = count_words(toks[v + 1 :])
        tight = (
            bool(_TIGHT_GAP.match(gap))
            or (words_between <= 8 and gap.rstrip().endswith((":", ",")))
            or (
                words_between <= 4
                and t.low in ("told", "tells", "tell", "telling", "asked", "asks")
            )
        )
        if t.low in ATTACKS and any(
            x.low in QUOTED_OBJECTS or (x.is_cap and strip_possessive(x.text)[1])
            for x in toks[v + 1 :]
        ):
            continue  # `mocked Clinton's "..."`, `mocked the phrase "..."`: the target's words
        if t.low in _FINDING and (v + 1 >= len(toks) or toks[v + 1].low != "that"):
            continue  # `found that "..."` reports a finding; `found the body` does not
        if (
            t.low in WEAK
            and words_between > 6
            and _words_past_aside(toks, v + 1) > 6
            and not (words_between <= AS_OBJECT_WORDS and _AS_GAP.search(gap))
        ):
            # a naming verb governs only a quote right after its object (`described the plan
            # of the mayor and his deputies, Jane Doe and John Roe, as "..."`: `as` marks it)
            continue
        if words_between > 30:
            return None
        prev = toks[v - 1].text.lower() if v > 0 else ""
        if (
            prev in ("who", "whom")
            and v >= 2
            and toks[v - 2].text != ","
            and any(toks[i].low in _VERB_LOWS and is_speech_verb(toks, i) for i in range(v - 2))
        ):
            # "X told a young woman who suggested ... that "..."": the relative clause's verb
            # belongs to X's listener; the main verb further left has the speaker
            continue
        if (
            t.low.endswith("ing")
            and v >= 2
            and toks[v - 1].is_word
            and not toks[v - 1].is_cap
            and prev not in AUXILIARIES
            and prev not in _PASSIVE
            and prev not in _CLAUSE_OPENERS
            and prev not in ("and", "or", "but", "without", "of", "by")
            and prev not in DOCUMENT_NOUNS  # `issued a statement calling X "..."`: the speech
            and not prev.endswith("ly")
            and any(toks[i].low in _VERB_LOWS and is_speech_verb(toks, i) for i in range(v - 1))
        ):
            # "She says Trump's tweets accusing X of Y are "lies"": a participle after a noun
            # modifies it; the verb of saying further left has the speaker
            continue
        if infinitive:
            if t.start - sent_start > SUBJECT_REACH:
                return None
            head = toks[: v - 1] if lo <= sent_start else tokenize(text, sent_start, t.start)
            if t.low in WEAK and words_between <= 1:
                continue  # `to call a "special meeting"`: a thing called, no quoted words
            ph = sentence_subject(head, text)
            if ph is None or not _NOT_PURPOSE.isdisjoint([x.low for x in head]):
                continue  # `urged Y to call it "..."`, `declined to say`: not the subject's words
            return Attribution(ph, "before", tight, t.low)
        if prev == "and" or (
            prev in _PARTICIPLE_LEADS
            and t.low.endswith("ing")
            and (prev == "," or toks[v - 1].start != sent_start)  # not `After saying X, she`
        ):
            # "X stressed her record and said: "..."", "X spoke on Tuesday, saying "...""
            # the subject opens the sentence; unseen when the window starts mid-sentence
            head = toks[:v]
            if lo > sent_start:
                if t.start - sent_start > SUBJECT_REACH:
                    return None
                # the window starts mid-sentence (or after an earlier quote in it, such as a
                # title in quotes): tokenise the sentence's head, bounded
                head = tokenize(text, sent_start, t.start)
            ph = sentence_subject(head, text)
            if ph is None:
                continue
            return Attribution(ph, "before", tight, t.low)
        ph = subject_before(toks, v, text, 0)
        if ph is None and v == 0 and t.is_cap:  # "Said Ellis: "...""
            ph = subject_after(toks, 1, text)
        if ph is None and t.low.endswith("ing"):
            ph = sentence_subject(toks[:v], text)
            if (
                ph is None
                and v == 1
                and toks[0].start == sent_start
                and toks[0].low in _CLAUSE_OPENERS
            ):
                # "After saying her foot was "...", she was taken ...": the opening clause has
                # the subject of the main clause, after the quote
                ph = sentence_subject(tokenize(text, sent_start, stop + MAIN_CLAUSE_REACH), text)
        if (
            ph is not None
            and ph.kind == "np"
            and ph.head in DOCUMENT_NOUNS
            and t.low.endswith("ing")
            and ph.start > sent_start
        ):
            # "The council issued a statement calling the vote "..."": the document's author,
            # the subject of the sentence, speaks
            head = toks[:v] if lo <= sent_start else tokenize(text, sent_start, ph.start)
            author = sentence_subject(head, text) if ph.start - sent_start < SUBJECT_REACH else None
            if author is not None:
                ph = author
        if ph is None:
            continue  # a participle ("..., adding:"): the main verb further left has the subject
        if ph.kind == "pronoun" and ph.text.lower() == "it" and _reported_subject(toks, ph, v):
            continue  # "X said it would tell a story of "..."": X's words, not the museum's
        return Attribution(ph, "before", tight, t.low)
    if tried == 0 and text[start:stop].rstrip().endswith(":"):
        # "President Obama is rolling out a new campaign message: "..."
        ph = sentence_subject(toks, text)
        if ph is not None:
            return Attribution(ph, "before", True, ":")
    if lo <= start:
        return _pledge(toks, text)
    return None


#: Base forms of the verbs of saying, as written after `to`.
_BASE_FORMS = frozenset(
    w for w in SPEECH_VERBS if not w.endswith(("s", "ed", "ing")) and w not in _PAST
)
#: Verbs before `to VERB` whose object (not subject) does the saying, or that deny it was said:
#: `asked Y to describe`, `refused to say` (`is expected to say "..."` is the subject's).
_NOT_PURPOSE = word_set(
    """ask asks asked urge urges urged tell tells told want wants wanted invite invites invited
    encourage encourages encouraged persuade persuaded allow allows
    allowed force forced order ordered pressure pressured push pushed challenge challenged
    call calls called dare dared lead led prompt prompted cause caused help helped get got
    need needs needed require required decline declines declined refuse refuses refused
    fail fails failed hesitate hesitated reluctant unwilling not never won't didn't"""
)
#: What may stand before a participle of saying whose subject opens the sentence (`X marched
#: on, chanting "..."`, `X waved while chanting "..."`).
_PARTICIPLE_LEADS = word_set(", while when after before by")


def _words_past_aside(toks: Sequence[Tok], i: int) -> int:
    """Words in toks[i:] outside the first comma-bounded aside (`accused the North's leader,
    Kim Jong Un, of "..."`: the name in commas only restates the object)."""
    first = next((k for k in range(i, len(toks)) if toks[k].text == ","), -1)
    second = next((k for k in range(first + 1, len(toks)) if toks[k].text == ","), -1)
    if first < 0 or second < 0:
        return count_words(toks[i:])
    return sum(1 for k in range(i, len(toks)) if toks[k].is_word and not first < k < second)


def _reported_subject(toks: Sequence[Tok], ph: Phrase, v: int) -> bool:
    """The subject before toks[v] opens a clause reported by an earlier verb of saying
    (`said it would`, `said that it will`)."""
    p = v - 1
    while p >= 0 and toks[p].start > ph.start:
        p -= 1
    if p >= 1 and toks[p - 1].low == "that":
        p -= 1
    return p >= 1 and toks[p - 1].low in _VERB_LOWS and is_speech_verb(toks, p - 1)


#: Nouns for a promise someone made in words; `his plan to "..."` quotes its owner.
_PLEDGES = word_set(
    "plan plans promise promises pledge pledges vow vows threat threats boast vowed promised"
)


#: Lower-case words `_attribute_before` acts on: verbs of saying, `according`, pledge nouns.
_CUES = _VERB_LOWS | _PLEDGES | {"according"}


def _pledge(toks: Sequence[Tok], text: str) -> Attribution | None:
    """`X ... his plan to "bomb them"`, `Y's promise to "..."`: the owner of the pledge.

    Only when the quote follows `to` and at most three words after the pledge noun, and the
    owner is a name (`Y's`) or `his`/`her` standing for the name that opens the sentence.
    """
    n = len(toks)
    for k in range(n - 1, max(0, n - 5), -1):
        if toks[k].low != "to":
            continue
        j = k - 1
        if toks[j].low not in _PLEDGES or j == 0:
            return None
        if k != n - 1 and any(not t.is_word for t in toks[k + 1 :]):
            return None
        owner = toks[j - 1]
        if owner.low in ("his", "her"):
            ph = sentence_subject(toks[: j - 1], text)
            if ph is None or ph.kind != "name":
                return None
            return Attribution(ph, "before", False, toks[j].low)
        base, possessive = strip_possessive(owner.text)
        if possessive and _is_name_token(owner):
            k0 = _name_run_back(toks, j - 1)
            parts = _name_from_tokens(toks[k0:j])
            if parts is None:
                return None
            titles, name, _ = parts
            return Attribution(
                Phrase("name", base, toks[k0].start, owner.end, name=name, titles=titles),
                "before",
                False,
                toks[j].low,
            )
        return None
    return None


_CLAUSE_OPENERS = _PREPOSITIONS | word_set("during after before when while despite since following")
_SENTENCE_END = frozenset(".?!")
_CLOSING_MARKS = frozenset("\"”»'’")
#: Characters after a quote searched for the subject of `After saying "...", she ...`.
MAIN_CLAUSE_REACH = 200


def _past_heading(toks: Sequence[Tok], i: int) -> int:
    """Where the sentence proper starts after an upper-case run-in heading (`CONGRESS HAS
    INVESTIGATED HIM — Oz's advice ...`): past its dash or colon; -1 when such a heading
    runs on with no dash or colon. A heading holds two or more upper-case words, one of them a
    function word (`HAS`, `THE`), so `FBI Director James Comey` or `NATO and EU` are no headings.
    """
    k = i
    function = False
    while k < len(toks) and toks[k].is_word and toks[k].text.isupper() and len(toks[k].text) > 1:
        function = function or toks[k].low in NOT_NAME
        k += 1
    if k - i < 2 or not function:
        return i
    if k < len(toks) and toks[k].text in ("—", "–", "-", ":", "―"):
        return k + 1
    return -1


#: Most words of a noun phrase opening a sentence (`Small groups of angry protesters`).
GROUP_WORDS = 6


def _group_phrase(toks: Sequence[Tok], i: int, text: str, first: int = -1) -> Phrase | None:
    """The noun phrase of people (or a body of them) opening a sentence at toks[i] (`Hundreds
    of students`, `The city council`), up to its last such noun, looked for from toks[first]
    (default: the word after toks[i]); None when none comes before a verb or punctuation."""
    last = -1
    first = i + 1 if first < 0 else first
    for j in range(first, min(len(toks), i + GROUP_WORDS + 1)):
        t = toks[j]
        if not t.is_word or t.is_cap or t.low in AUXILIARIES or t.low in _VERB_LOWS:
            break
        if (t.low in PERSON_NOUNS and t.low not in TITLES) or (
            t.low in ORG_NOUNS and t.low not in DOCUMENT_NOUNS
        ):
            last = j
    if last < 0:
        return None
    head = toks[last].low
    return Phrase(
        "np",
        text[toks[i].start : toks[last].end],
        toks[i].start,
        toks[last].end,
        head=head,
        description=text[toks[i].start : toks[last].end],
    )


def sentence_subject(toks: Sequence[Tok], text: str) -> Phrase | None:
    """The name or pronoun that opens a sentence (`He then defended the remark, saying ...`)."""
    i = 0
    if toks and (
        toks[0].low in _CLAUSE_OPENERS
        # `Conversely, PolitiFact rated ...`: an adverb and a comma open the sentence
        or (toks[0].low.endswith("ly") and len(toks) > 1 and toks[1].text == ",")
    ):
        # "During a speech on Tuesday, Trump attacked ...": skip to the clause after the comma
        # (past the closing mark of a quote that ends the opening clause: `..., she was`)
        for c in range(1, min(len(toks), 32)):
            if toks[c].text in _SENTENCE_END:
                return None
            if toks[c].text != ",":
                continue
            n = c + 1
            while n < len(toks) and toks[n].text in _CLOSING_MARKS:
                n += 1
            if n + 1 < len(toks) and toks[n].low == "the" and _is_name_token(toks[n + 1]):
                n += 1  # `Following the vote, the Security Council said`
            if n < len(toks) and (_is_name_token(toks[n]) or toks[n].low in PRONOUNS):
                i = n
                break
        else:
            return None
    i = _past_heading(toks, i)
    if i < 0:
        return None
    while (
        i < len(toks)
        and toks[i].is_cap
        and toks[i].low in NOT_NAME
        and (toks[i].low not in PRONOUNS)
    ):
        i += 1
    if i >= len(toks):
        return None
    t = toks[i]
    if t.low in PRONOUNS and t.low != "it":
        return Phrase("pronoun", t.text, t.start, t.end)
    if not _is_name_token(t):
        if i > 0 and toks[i - 1].low == "the" and t.is_word and not t.is_cap:
            return _group_phrase(toks, i - 1, text, i)  # `The city council voted ...`
        return None
    k = i
    while k + 1 < len(toks) and (_is_name_token(toks[k + 1]) or toks[k + 1].low in NAME_SUFFIXES):
        k += 1
    if k == i and k + 1 < len(toks) and toks[k + 1].is_word and not toks[k + 1].is_cap:
        # `Small groups of protesters marched ...`: a capitalised first word and lower-case
        # ones after it open a noun phrase, not a name
        group = _group_phrase(toks, i, text)
        if group is not None:
            return group
    parts = _name_from_tokens(toks[i : k + 1])
    if parts is None:
        return None
    titles, name, _ = parts
    return Phrase(
        "name", text[t.start : toks[k].end], t.start, toks[k].end, name=name, titles=titles
    )
