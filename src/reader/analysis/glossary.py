"""The acronym glossary of an article: every acronym, what it stands for, where, and why.

Expansions come, in order of trust, from the article itself (`source="text"`: a definition such
as `Long Form (ACR)`, `ACR (Long Form)`, `Long Form, or ACR`, `known as ACR`, a translated name
before a parenthesised acronym, or a capitalised name used before the acronym whose initials spell
it), from the bundled glossary (`"builtin"`), or nowhere (`"none"`: listed anyway). Core module:
no screen code.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.analysis import two_process
from reader.analysis.glossary_data import BuiltinGlossary, builtin_glossary
from reader.analysis.glossary_detect import (
    Mention,
    find_mentions,
    is_plain_roman,
    is_roman,
    strip_key,
)
from reader.analysis.glossary_match import (
    NAME_CONNECTORS,
    STOPWORDS,
    Match,
    acronym_letters,
    capitalised_name_before,
    match_after,
    match_before,
    match_before_list,
    match_edition_before,
    match_parallel_before,
    words_between,
)

if TYPE_CHECKING:
    from reader.article import Article

SOURCE_TEXT = "text"
SOURCE_BUILTIN = "builtin"
SOURCE_NONE = "none"


@dataclass(frozen=True)
class GlossaryEntry:
    """One acronym: its expansion, where that comes from, and every mention in the text."""

    short: str
    expansion: str
    source: str  # "text" | "builtin" | "none"
    definition: tuple[int, int] | None
    occurrences: tuple[tuple[int, int], ...]
    variants: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "short": self.short,
            "expansion": self.expansion,
            "source": self.source,
            "definition": list(self.definition) if self.definition else None,
            "occurrences": [[s, e] for s, e in self.occurrences],
            "variants": list(self.variants),
        }


@dataclass(frozen=True)
class Glossary:
    """All entries, sorted by first appearance; `entry_at` finds the entry under an offset."""

    entries: tuple[GlossaryEntry, ...]
    _starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)
    _spans: tuple[tuple[int, int, int], ...] = field(
        default=(), init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        spans = sorted(
            (s, e, i) for i, entry in enumerate(self.entries) for s, e in entry.occurrences
        )
        object.__setattr__(self, "_spans", tuple(spans))
        object.__setattr__(self, "_starts", tuple(s for s, _, _ in spans))

    def to_json(self) -> dict[str, Any]:
        return {"entries": [e.to_json() for e in self.entries]}

    def entry_at(self, offset: int) -> GlossaryEntry | None:
        """The entry one of whose occurrences covers `offset` (start inclusive, end exclusive)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        start, end, index = self._spans[i]
        return self.entries[index] if start <= offset < end else None

    def __len__(self) -> int:
        return len(self.entries)


# --- definitions ------------------------------------------------------------------------------

#: Ranks: lower is more trusted. Letters that spell the acronym beat a translated name, and both
#: beat a name that merely appeared earlier.
_RANK_SPELLED = 0
_RANK_TRANSLATED = 1
_RANK_EARLIER_NAME = 2


@dataclass(frozen=True, slots=True)
class _Definition:
    rank: int
    start: int
    end: int
    how: str = ""  # which pattern found it (for debugging and tests)


_OPEN_BEFORE = re.compile(
    r"[(\[]\s*(?:(?:the|or|aka|a\.k\.a\.|also|known as|hereafter|henceforth|formerly|abbreviated"
    r"(?: as)?|in short|for short)[\s,:]+)*[\"“'‘]?$",
    re.IGNORECASE,
)
_CLOSE_AFTER = re.compile(r"[\"”'’]?\s*(?:[)\]]|[,;]\s|\s+for\s+short\s*\))")
_CREDIT_AFTER = re.compile(r"[^)]*\)\s*(?:[-—–]|--)\s")
#: `ACR (` and an optional cue that the long form follows: `CRF (i.e., a conditional random
#: field)`, `(namely ...)`. The cue's dots would otherwise end the phrase before the long form.
_OPEN_AFTER = re.compile(r"\s*[(\[]\s*(?:(?:i\.\s?e\.|namely|viz\.)[,:]?\s+)?")
_OR_AFTER = re.compile(
    r"(?:,\s+|\s+)(?:or|i\.e\.,?|which stands for|stands for|standing for|short for|meaning)\s+"
)
_OR_BEFORE = re.compile(r"(?:,\s*|\s+)(?:or|i\.e\.,?)\s+(?:the\s+)?[\"“'‘]?$")
_KNOWN_AS_BEFORE = re.compile(
    r"(?:,\s*)?(?:(?:also|better|commonly|widely|locally|popularly|often|simply|now|formerly|"
    r"more commonly|usually)\s+)?(?:known|referred\s+to|abbreviated|shortened|called|dubbed|"
    r"named|styled)(?:\s+(?:as|by|to))?\s+(?:(?:its|the|their)\s+(?:[A-Za-z]+\s+)?"
    r"(?P<initials>acronyms?|initials|abbreviations?),?\s+)?(?:the\s+)?[\"“'‘]?$",
    re.IGNORECASE,
)


def _translated_ok(
    text: str, span: tuple[int, int], base: str, builtin: BuiltinGlossary, *, explicit: bool = False
) -> bool:
    """Is the capitalised name at `span` believable as a translated/reordered form of `base`?

    A name, not an acronym (no all-caps words); short; at least half its words' initials occur in
    the acronym (`Pakistani Taliban` / TTP) unless the text says outright that these are its
    initials (`explicit`); and if the bundled glossary knows the acronym, the name shares a word
    stem with that expansion (so `University of Manchester (UK)` is no definition).
    """
    if not base.replace(".", "").isalpha():
        return False  # COLING-96, GREC-NER: not the shape of a translated name's acronym
    words = [w.rstrip(".,") for w in text[span[0] : span[1]].split()]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    content = [w for w in words if w.lower() not in NAME_CONNECTORS]
    if len(content) < 2 or len(content) > 5:
        return False
    if any((len(w) >= 2 and w.isupper()) or "/" in w for w in content):
        return False
    if any(w.lower() == base.lower() for w in content):
        return False  # `Topic Title (TITLE)`: the acronym is a word of the name, not its initials
    letters = {c for c in base.upper() if c.isalpha()}
    if not explicit and 2 * sum(1 for w in content if w[0].upper() in letters) < len(content):
        return False
    initials = "".join(w[0].upper() for w in content)
    if len(initials) < len(base) and base.upper().endswith(initials):
        # `Edit Distance (DLED)`: the cut-off tail of a longer name, not a translation.
        return False
    entry = builtin.find(base)
    if entry is None:
        return True
    stems = {w.lower()[:5] for w in content if len(w) >= 4}
    known = {
        w.lower()[:5]
        for sense in entry.senses
        for w in re.split(r"[\s()/,-]+", sense.expansion)
        if len(w) >= 4
    }
    return bool(stems & known)


_AFTER_CUES = (
    ", or ",
    ", i.e. ",
    ", i.e., ",
    " or ",
    " stands for ",
    ", which stands for ",
    ", short for ",
    " short for ",
)
_AFTER_CUES_MEANING = (", standing for ", ", meaning ", " meaning ")


def _may_define(text: str, s: int, e: int) -> bool:
    """A cheap test: could any definition pattern apply around the mention at s..e?"""
    for bracket in "([":
        if text.find(bracket, max(0, s - 40), s) >= 0 or text.find(bracket, e, e + 3) >= 0:
            return True
    if text.startswith(_AFTER_CUES, e) or text.startswith(_AFTER_CUES_MEANING, e):
        return True
    before = text[max(0, s - 40) : s]
    return before.endswith(_OR_ENDINGS) or before.rstrip(" \t,\"“'‘").endswith(_KNOWN_CUE_WORDS)


def _definitions_at(
    text: str, m: Mention, strong: bool, builtin: BuiltinGlossary
) -> Iterable[_Definition]:
    """Definitions around one mention, most trusted first."""
    s, e, base = m.start, m.end, m.base
    before = text[max(0, s - 80) : s]
    # Long Form (ACR)
    if "(" in before[-40:] or "[" in before[-40:]:
        opened = _OPEN_BEFORE.search(before)
        if opened is not None and _CLOSE_AFTER.match(text, e):
            paren = s - (len(before) - opened.start())
            credit = _CREDIT_AFTER.match(text, e) and text.rfind("\n", 0, paren) > paren - 60
            if not credit:
                hit = match_before(text, base, paren)
                if hit is not None and _leans_on_small_words(text, hit, base):
                    # `Apple, Amazon and Google (AAG)`: the clause alone spells it only with the
                    # `a` of `and`; a list whose every name gives its initial explains it better
                    listed = match_before_list(text, base, paren)
                    if listed is not None and listed.start < hit.start:
                        hit = listed
                if hit is not None:
                    yield _Definition(_RANK_SPELLED, hit.start, hit.end, how="paren-long")
                    return
                hit = match_before_list(text, base, paren)
                if hit is not None:
                    yield _Definition(_RANK_SPELLED, hit.start, hit.end, how="paren-list")
                    return
                known = _known_long_form_before(text, base, paren, builtin)
                if known is not None:
                    yield _Definition(_RANK_SPELLED, *known, how="paren-known")
                    return
                hit = match_edition_before(text, base, paren)
                if hit is not None:
                    yield _Definition(_RANK_SPELLED, hit.start, hit.end, how="paren-edition")
                    return
                hit = match_parallel_before(text, base, paren)
                if hit is not None:
                    yield _Definition(_RANK_SPELLED, hit.start, hit.end, how="paren-parallel")
                    return
                if strong and base.isupper():
                    name = capitalised_name_before(text, paren)
                    if name is not None and _translated_ok(text, name, base, builtin):
                        yield _Definition(_RANK_TRANSLATED, *name, how="translated")
                        return
    # ACR (Long Form)
    opened_after = _OPEN_AFTER.match(text, e)
    if opened_after is not None and text[e : e + 3].lstrip()[:1] in ("(", "["):
        closer = "]" if "[" in text[e : opened_after.end()] else ")"
        close = text.find(closer, opened_after.end(), opened_after.end() + 200)
        if close > 0:
            hit = match_after(text, base, opened_after.end(), close)
            if hit is not None and hit.end <= close:
                end = _to_close(text, hit.end, close)
                yield _Definition(_RANK_SPELLED, hit.start, end, how="paren-short")
                return
    # ACR, or Long Form / ACR stands for Long Form
    if e < len(text) and text[e] in " ,\t":
        cue = _OR_AFTER.match(text, e)
        if cue is not None:
            hit = match_after(text, base, cue.end(), None)
            if hit is not None:
                yield _Definition(_RANK_SPELLED, hit.start, hit.end, how="or-after")
                return
    # Long Form, or ACR
    if before.endswith(_OR_ENDINGS):
        cue_b = _OR_BEFORE.search(before)
        if cue_b is not None:
            at = s - (len(before) - cue_b.start())
            hit = match_before(text, base, at)
            if hit is not None:
                yield _Definition(_RANK_SPELLED, hit.start, hit.end, how="or-before")
                return
    # Long Form, known as ACR / ... known by its initials ACR
    if before.rstrip(" \t,\"“'‘").endswith(_KNOWN_CUE_WORDS):
        cue_k = _KNOWN_AS_BEFORE.search(before)
        if cue_k is not None:
            at = s - (len(before) - cue_k.start())
            hit = match_before(text, base, at)
            if hit is not None and not _common_noun(text, hit):
                yield _Definition(_RANK_SPELLED, hit.start, hit.end, how="known-as")
                return
            if cue_k.group("initials") and strong:
                name = capitalised_name_before(text, at)
                if name is not None and _translated_ok(text, name, base, builtin, explicit=True):
                    yield _Definition(_RANK_TRANSLATED, *name, how="translated")


#: What may follow a long form inside `ACR (long form ...)` and still belong to it: one more
#: lower-case word (`B-NP (beginning of a noun phrase chunk)`: the head noun the letters skip).
_PAREN_TAIL = re.compile(r"\s+[a-z][a-z-]*\s*")


def _known_long_form_before(
    text: str, base: str, paren: int, builtin: BuiltinGlossary
) -> tuple[int, int] | None:
    """The bundled glossary's expansion of `base`, written out in full just before its bracket
    (`Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF)`), for when the letters alone
    find no long form: the whole name, not the capitalised words after its last comma."""
    entry = builtin.find(base)
    if entry is None:
        return None
    end = paren
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    for sense in entry.senses:
        expansion = sense.expansion.lower()
        if expansion.startswith("the "):
            expansion = expansion[4:]  # `the Wall Street Journal`: the article is the sentence's
        start = end - len(expansion)
        if (
            start >= 0
            and text[start:end].lower() == expansion
            and (start == 0 or not text[start - 1].isalnum())
        ):
            return start, end
    return None


def _leans_on_small_words(text: str, hit: Match, short: str) -> bool:
    """Does the long form have fewer content words than the acronym has letters (a small word
    such as `and` or a letter inside a word had to give one)?"""
    words = words_between(text, hit.start, hit.end)
    content = sum(1 for w in words if w.text.lower() not in STOPWORDS)
    return content < len(acronym_letters(short))


def _to_close(text: str, end: int, close: int) -> int:
    """Where an acronym-first long form ends: the closing bracket if only a head noun is left."""
    tail = _PAREN_TAIL.fullmatch(text, end, close)
    if tail is None or tail.group().strip() in STOPWORDS:
        return end
    return end + len(tail.group().rstrip())


def _common_noun(text: str, hit: Match) -> bool:
    """`two arguments, called Arg1 and Arg2`: one lower-case word before `called`/`known as` is
    the thing being named, not the words the acronym abbreviates."""
    words = text[hit.start : hit.end].split()
    return len(words) == 1 and words[0].islower()


#: Cheap tests before the regexes: how the text before a mention must end for `, or ACR` and
#: `known as ACR` to be possible.
_OR_ENDINGS = ("or ", "or the ", 'or "', "or “", "or '", "or ‘", "i.e. ", "i.e., ")
_KNOWN_CUE_WORDS = tuple(
    f"{cue}{the}"
    for cue in (
        "as",
        "by",
        "to",
        "initials",
        "acronym",
        "acronyms",
        "abbreviation",
        "abbreviations",
        "called",
        "dubbed",
        "named",
        "styled",
    )
    for the in ("", " the")
)
_CAP_RUN = re.compile(
    r"(?<![\w'’-])[A-Z][\w'’-]*(?:(?:[ \t]+(?:of|and|for|the|in|on|de|al|la|le|du|des|del|y|&))*"
    r"[ \t]+[A-Z][\w'’-]*)+"
)
_RUN_WORD = re.compile(r"\S+")


def _word_initials(word: str) -> str:
    """Initials a capitalised word gives: `State-Khorasan` -> `sk`, `Tehrik-i-Taliban` -> `tt`."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    word = word.rstrip("'’")
    if "-" not in word:
        return word[0].lower() if word[:1].isupper() else ""
    return "".join(p[0].lower() for p in word.split("-") if p[:1].isupper())


_NAME_PUNCT = re.compile(r"[-‐‑‒–—―’'.,]+")


def _same_name(a: str, b: str) -> bool:
    """Is one of two names the other, or part of it (`Veterans Affairs`, `Department of Veterans
    Affairs`), whatever their case, dashes and full stops?"""
    x = " ".join(_NAME_PUNCT.sub(" ", a.lower()).split())
    y = " ".join(_NAME_PUNCT.sub(" ", b.lower()).split())
    return x in y or y in x


def _earlier_names(text: str, wanted: dict[str, int]) -> dict[str, tuple[int, int]]:
    """For each letter string, the first capitalised phrase before `wanted[letters]` spelling it.

    One pass over the capitalised runs before the last offset of interest; each run is walked
    word by word and abandoned as soon as its initials stop being a prefix of a wanted string.
    """
    if not wanted:
        return {}
    prefixes = {w[:i] for w in wanted for i in range(1, len(w) + 1)}
    limit = max(wanted.values())
    found: dict[str, tuple[int, int]] = {}
    for run in _CAP_RUN.finditer(text, 0, limit):
        words = [(m.group(), run.start() + m.start()) for m in _RUN_WORD.finditer(run.group())]
        inits = [
            "" if w.lower() in NAME_CONNECTORS and not w[:1].isupper() else _word_initials(w)
            for w, _ in words
        ]
        # A name may start at the run's start (after a leading The), or after a connector
        # (`Recruits of the Afghan National Army`); it must end at the run's end or before one.
        starts = {0, 1} if words[0][0] in ("The", "A", "An") else {0}
        starts |= {k + 1 for k in range(len(words)) if not inits[k]}
        ends = {len(words) - 1} | {k - 1 for k in range(len(words)) if not inits[k]}
        for i in range(len(words)):
            if not inits[i]:
                continue
            acc = ""
            for j in range(i, len(words)):
                if not inits[j]:
                    continue
                acc += inits[j]
                if acc not in prefixes:
                    break
                if acc in wanted and acc not in found:
                    start = words[i][1]
                    if start >= wanted[acc]:
                        continue
                    if i not in starts or j not in ends:
                        continue  # only a whole name counts, not a piece of a longer one
                    last, at = words[j]
                    end = at + len(last.rstrip(".,"))
                    if last.endswith(("'s", "’s")):
                        end = at + len(last) - 2
                    elif last.endswith(("'", "’")):
                        end = at + len(last) - 1  # `the United States’ military`
                    found[acc] = (start, end)
        if len(found) == len(wanted):
            break
    return found


# --- building ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    """The article's words: as written (for emphasis) and lower-cased (for choosing a sense)."""

    written: frozenset[str]
    lower: frozenset[str]


def _vocabulary(text: str) -> _Vocabulary:
    written = frozenset(w.strip(".,;:!?\"'’“”()[]{}") for w in set(text.split()))
    return _Vocabulary(written, frozenset(w.lower() for w in written))


def build_glossary(
    article: Article, builtin: BuiltinGlossary | None = None, *, parallel: bool | None = None
) -> Glossary:
    """Find every acronym in `article` and explain it (see the module docstring)."""
    return build_glossary_text(unwrapped_text(article), builtin, parallel=parallel)


def unwrapped_text(article: Article) -> str:
    """`article.text` with the line breaks inside its paragraphs read as spaces.

    A book or an e-mail wraps its lines inside a paragraph, and a long form may run over a
    break (`the Association of Southeast` / `Asian Nations (ASEAN)`); to the definition search a
    line break ends a phrase, as it does between the paragraphs of a news text. One character
    for one, so every offset still points into the article's text; the breaks between blocks
    stay.
    """
    text = article.text
    blocks = [b for b in article.blocks if text.find("\n", b.start, b.end) != -1]
    if not blocks:
        return text  # one paragraph per line (news): nothing to do
    pieces: list[str] = []
    done = 0
    for b in blocks:
        pieces.append(text[done : b.start])
        pieces.append(text[b.start : b.end].replace("\n", " "))
        done = b.end
    pieces.append(text[done:])
    return "".join(pieces)


#: Mentions per piece of the definition reading that the two processes share.
DEFINE_CHUNK = 2048


def _nothing() -> None:
    """No work of its own for either process besides the shared chunks."""


def _first_definitions(
    text: str, mentions: list[Mention], builtin: BuiltinGlossary, lo: int, hi: int
) -> list[tuple[int, _Definition]]:
    """(index, most trusted definition) of each of mentions[lo:hi] that has one.

    A pure function of the text, so chunks can be read in any order or process. Within the
    chunk, an acronym already spelled out is not looked at again: an earlier spelled-out
    definition always wins (see the reduction in `build_glossary_text`).
    """
    out: list[tuple[int, _Definition]] = []
    spelled: set[str] = set()
    for i in range(lo, hi):
        m = mentions[i]
        if m.key in spelled or m.shouting or not _may_define(text, m.start, m.end):
            continue
        for d in _definitions_at(text, m, not m.weak, builtin):
            out.append((i, d))
            if d.rank == _RANK_SPELLED:
                spelled.add(m.key)
            break
    return out


def build_glossary_text(
    text: str,
    builtin: BuiltinGlossary | None = None,
    trace: dict[str, str] | None = None,
    *,
    parallel: bool | None = None,
) -> Glossary:
    """`build_glossary` on a bare string; `trace` (if given) receives short -> defining pattern.

    Reading the definitions around every mention is shared with a second process when
    `parallel` is true; by default, when the text is long and the machine has a second core.
    The glossary is the same either way."""
    builtin = builtin if builtin is not None else builtin_glossary()
    mentions = find_mentions(text)
    plain_keys = {m.key for m in mentions if not m.compound_of}

    # Spelled-out compounds (IS-Khorasan): a variant of IS-K when IS-K is used, a whole acronym
    # when the text spells it out in full (`Interaction Laboratory (HCI-Lab)`), else a use of IS.
    whole = {m.key for m in mentions if m.compound_of and _spelled_whole(text, m)}
    resolved: list[Mention] = []
    for m in mentions:
        if m.compound_of:
            target = strip_key(m.compound_of)
            if target in plain_keys:
                m = Mention(m.start, m.end, m.surface, m.compound_of, target, shouting=m.shouting)
            elif m.key in whole:
                m = Mention(m.start, m.end, m.surface, m.base, m.key, shouting=m.shouting)
            else:
                head = text[m.start : m.head_end]
                m = Mention(m.start, m.head_end, head, head, strip_key(head), shouting=m.shouting)
        resolved.append(m)

    groups: dict[str, list[Mention]] = {}
    for m in resolved:
        groups.setdefault(m.key, []).append(m)

    definitions: dict[str, _Definition] = {}
    defined_at: dict[str, Mention] = {}  # the mention a definition is written around

    def read_range(lo: int, hi: int) -> list[tuple[int, _Definition]]:
        return _first_definitions(text, resolved, builtin, lo, hi)

    _, parts = two_process.run(
        parallel, len(text), len(resolved), DEFINE_CHUNK, read_range, _nothing, _nothing
    )
    # in text order, the first of the most trusted definitions of each acronym wins
    for part in parts:
        for i, d in part:
            m = resolved[i]
            known = definitions.get(m.key)
            if known is None or d.rank < known.rank:
                definitions[m.key] = d
                defined_at[m.key] = m

    for key, (d, group) in _truncations(text, groups).items():
        groups[key] = group
        definitions[key] = d
        defined_at[key] = group[0]

    def excluded(key: str, group: list[Mention]) -> bool:
        if key in definitions:
            return False
        if all(m.weak for m in group):
            return True
        if key in builtin.words:  # YouTube, PayPal: camel-case names, not acronyms
            return True
        letters = "".join(c for c in key if c.isalpha())
        if letters == key and is_plain_roman(key):
            return True
        in_builtin = key in builtin
        if letters == key and len(key) >= 4 and is_roman(key) and not in_builtin:
            return True  # MCMXC, LVII; short ones with L/C/D/M (MD, CV, MDI) are acronyms
        if not in_builtin and all(_initials_of_a_name(text, m) for m in group):
            return True  # `Rep. G.K. Butterfield`: a person's initials
        return all(m.shouting for m in group) and not in_builtin

    kept = {k: g for k, g in groups.items() if not excluded(k, g)}

    # A capitalised name, used before the acronym, whose initials spell it.
    wanted: dict[str, int] = {}
    for key, group in kept.items():
        if key in definitions or any(c.isdigit() for c in key):
            continue
        letters = acronym_letters(key)
        if len(letters) >= 2 and letters.isalpha():
            first = group[0].start
            wanted[letters] = min(wanted.get(letters, first), first)
    names = _earlier_names(text, wanted)
    for key in kept:
        if key not in definitions:
            span = names.get(acronym_letters(key))
            first_use = kept[key][0].start
            if span is None or span[0] >= first_use:
                continue
            entry = builtin.find(key)
            if (
                entry is not None
                and "\n" in text[span[1] : first_use]
                and not any(_same_name(text[span[0] : span[1]], s.expansion) for s in entry.senses)
            ):
                # `Uncle Sam` paragraphs before `U.S.`: initials shared by chance. A name the
                # bundled glossary does not know for the acronym explains it only close by,
                # in the paragraph of its first use (`Basic Additive (BA)` in a paper)
                continue
            definitions[key] = _Definition(_RANK_EARLIER_NAME, *span, how="earlier-name")

    vocab: _Vocabulary | None = None
    entries: list[GlossaryEntry] = []
    for key, group in kept.items():
        short, base = _choose_short(group, text)
        found = definitions.get(key)
        definition: tuple[int, int] | None = None
        if found is not None:
            if trace is not None:
                trace[short] = found.how
            expansion = " ".join(text[found.start : found.end].split())
            source, definition = SOURCE_TEXT, (found.start, found.end)
            short = _defined_plural(defined_at.get(key), base, expansion, text) or short
        else:
            entry = builtin.find(base)
            if entry is not None:
                if len(entry.senses) > 1 and vocab is None:
                    vocab = _vocabulary(text)
                expansion = builtin.expand(base, vocab.lower if vocab else None) or ""
                source = SOURCE_BUILTIN
            else:
                if vocab is None:
                    vocab = _vocabulary(text)
                if _emphasis(base, vocab) and not _bracketed_label(group, text):
                    continue
                expansion, source = "", SOURCE_NONE
        variants: list[str] = []
        for m in group:
            if m.surface != short and m.surface not in variants:
                variants.append(m.surface)
        entries.append(
            GlossaryEntry(
                short=short,
                expansion=expansion,
                source=source,
                definition=definition,
                occurrences=tuple((m.start, m.end) for m in group),
                variants=tuple(variants),
            )
        )
    entries.sort(key=lambda en: en.occurrences[0][0])
    return Glossary(tuple(entries))


#: `authors (Aut)`: a capitalised word of three or four letters alone in brackets. (Two
#: patterns, each with a literal first character, scan a big text several times faster than one.)
_TRUNC_SHORT = (
    re.compile(r"\(([A-Z][a-z]{2,3})\)"),
    re.compile(r"\[([A-Z][a-z]{2,3})\]"),
)
_WORD_BEFORE = re.compile(r"([A-Za-z][a-z]+)[ \t]*$")


def _truncations(
    text: str, groups: dict[str, list[Mention]]
) -> dict[str, tuple[_Definition, list[Mention]]]:
    """Abbreviations by truncation (`Journals (Jou)`): one capital, so not acronym-shaped.

    Only the bracketed form right after the word it cuts short defines one, and only when the
    word is at least two letters longer and no capitalised word follows the bracket (a nickname
    inside a name, `Alexander (Alex) Smith`, is no abbreviation). Later uses are then its mentions.
    """
    out: dict[str, tuple[_Definition, list[Mention]]] = {}
    hits = sorted(
        (h for pattern in _TRUNC_SHORT for h in pattern.finditer(text)), key=lambda h: h.start()
    )
    for hit in hits:
        short = hit.group(1)
        if short in groups or short in out:
            continue
        word = _WORD_BEFORE.search(text, max(0, hit.start() - 40), hit.start())
        if word is None:
            continue
        long = word.group(1)
        if len(long) < len(short) + 2 or not long.lower().startswith(short.lower()):
            continue
        after = text[hit.end() : hit.end() + 40].lstrip(" \t")
        if after[:1].isupper():
            continue
        start = hit.start(1)
        uses = [
            Mention(u.start(), u.end(), short, short, short)
            for u in re.compile(rf"(?<![\w-]){short}(?![\w-])").finditer(text, start)
        ]
        out[short] = (_Definition(_RANK_SPELLED, word.start(1), word.end(1), "truncation"), uses)
    return out


def _spelled_whole(text: str, m: Mention) -> bool:
    """Is a compound such as `HCI-Lab` bracketed right after a long form spelling all of it?

    Then the name piece is part of the acronym (`Lab` for `Laboratory`), not a spelled-out
    word after a shorter one.
    """
    if m.shouting or not _alone_in_brackets(text, m):
        return False
    return match_before(text, m.base, m.start - 1) is not None


_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
_NAME_AFTER = re.compile(r" [A-Z][a-z]")


def _initials_of_a_name(text: str, m: Mention) -> bool:
    """Dotted initials followed by a capitalised word (`G.K. Butterfield`, `J.R. Smith`)."""
    return _INITIALS.fullmatch(m.surface) is not None and _NAME_AFTER.match(text, m.end) is not None


def _alone_in_brackets(text: str, m: Mention) -> bool:
    """Is the mention the whole of a bracket, `(HCI-Lab)` or `[ALL]`?"""
    return m.start > 0 and text[m.start - 1] in "([" and text.startswith((")", "]"), m.end)


def _written(m: Mention, text: str) -> str:
    """The surface without a possessive ending (`UNAMA's` -> `UNAMA`, `NGOs'` -> `NGOs`).

    `(CE's)` closing a parenthesis is an apostrophe plural, not a possessive: kept.
    """
    if m.surface.endswith(("'s", "’s")) and not text.startswith(")", m.end):
        return m.surface[:-2]
    if m.surface.endswith(("s'", "s’")):
        return m.surface[:-1]
    return m.surface


def _defined_plural(m: Mention | None, base: str, expansion: str, text: str) -> str | None:
    """The plural short form when the text defines the plural (`lexical rules (LRs)`).

    The entry then shows the form that its (plural) expansion explains, even if the singular is
    used elsewhere; the singular stays a variant of the same entry.
    """
    if m is None or m.base != base or not expansion.endswith("s"):
        return None
    written = _written(m, text)
    return written if written == base + "s" else None


def _choose_short(group: list[Mention], text: str) -> tuple[str, str]:
    """(short form to show, base form for look-ups).

    The most used base form, first seen on ties (`NGO` for NGO/NGOs, `IS-K` for IS-K's); but an
    acronym the text only ever uses in the plural keeps the plural (`SVMs`), as written.
    """
    bases = Counter(m.base for m in group)
    top = max(bases.values())
    base = next(m.base for m in group if bases[m.base] == top)
    if any(_written(m, text) == m.base for m in group if m.base == base):
        return base, base
    written = Counter(_written(m, text) for m in group if m.base == base)
    most = max(written.values())
    return next(w for w in written if written[w] == most), base


#: Everyday words that, in capitals and unexplained, are emphasis rather than acronyms.
_SHOUTED_WORDS = frozenset(
    {
        "NOT",
        "NO",
        "YES",
        "NEVER",
        "EVER",
        "VERY",
        "ALL",
        "AND",
        "THE",
        "BUT",
        "THIS",
        "THAT",
        "THESE",
        "THOSE",
        "WILL",
        "MUST",
        "ONLY",
        "NOW",
        "STOP",
        "HELP",
        "WHY",
        "HOW",
        "WHAT",
        "WHEN",
        "WHERE",
        "REALLY",
        "HUGE",
        "TRUE",
        "FALSE",
        "FAKE",
        "NEWS",
        "ANY",
        "NONE",
        "MORE",
        "LESS",
        "BIG",
        "GREAT",
        "BAD",
        "GOOD",
        "LOVE",
        "HATE",
        "YOU",
        "WE",
        "THEY",
        "HE",
        "SHE",
        "IT",
    }
)


_LABEL_EQUALS = re.compile(r"[ \t]*=(?!=)")


def _bracketed_label(group: list[Mention], text: str) -> bool:
    """A capitals word alone in brackets (`joined results (ALL)`), or set equal to something
    (`ANY = any character`), names something: a label.

    Emphasis is shouted inside a sentence (`It was NOT fair`); nobody brackets it on its own.
    """
    return any(
        _alone_in_brackets(text, m) or _LABEL_EQUALS.match(text, m.end) is not None for m in group
    )


def _emphasis(short: str, vocab: _Vocabulary) -> bool:
    """An unexplained all-caps word that is an everyday word (`NOT`, `NEVER`), or that the text
    also writes in lower case elsewhere."""
    if not (short.isalpha() and short.isupper() and len(short) >= 2):
        return False
    return short in _SHOUTED_WORDS or (len(short) >= 3 and short.lower() in vocab.written)
