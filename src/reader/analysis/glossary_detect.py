"""Find the acronym mentions in a text: candidate tokens, their variants, and look-alikes to drop.

One regex pass finds every token with two capitals (or a capital and a digit); a small classifier
then splits hyphenated compounds (`anti-IS`, `US-led`, `IS-Khorasan`), strips plural and possessive
endings (`NGOs`, `UNAMA's`) and flags what is probably not an acronym: camel-case names (kept aside
in case the text defines them), roman numerals, and words in all-caps headlines or datelines.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

#: Characters a token may contain (besides letters and digits): joined acronyms, dotted initials,
#: possessives.
_TOKEN_CHARS = r"\w&/.'’+-"
#: A seed inside a token that has two capitals, a capital and a digit, or a digit then a capital.
#: It starts with a character class so the regex engine can skip ahead fast; the whole token
#: around it is then taken in Python.
_SEED = re.compile(
    rf"(?:[A-Z][a-z_'’.&/+-]*+[A-Z0-9]|[0-9](?<![\w&/.'’+-].)[0-9a-z_'’.&/+-]*+[A-Z])"
    rf"[{_TOKEN_CHARS}]*"
)
# (Possessive quantifiers and the look-behind on the digit branch keep this linear on hostile
# input such as a megabyte of digits: a failed attempt is never retried from inside a token.)
_TOKEN_SET = frozenset("&/.'’+-_")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}|(?:[A-Z]\.)+[A-Z]")
#: An acronym piece: capitals (and digits, `&`, lower-case letters as in PhD or CoNLL) that is not
#: a run of capitalised words (McCain, YouTube).
_ACR_PIECE = re.compile(r"[A-Za-z0-9&]*[A-Z][A-Za-z0-9&]*")
_CAMEL_WORDS = re.compile(r"(?:[A-Z][a-z]+)+")
_LETTER_DIGIT = re.compile(r"(?=.*[A-Z])(?=.*[0-9])[A-Z0-9]+")
_DIGITS = re.compile(r"[0-9]+")
_SINGLE_UPPER = re.compile(r"[A-Z]")
_LOWER_WORD = re.compile(r"[a-z]+")
_NAME_WORD = re.compile(r"[A-Z][a-z]+")
_ROMAN = re.compile(r"M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_IVX = re.compile(r"[IVX]+")
#: Surnames with an internal capital after a name prefix (McCain, MacArthur, DeSantis, LeBron,
#: DiCaprio, VanDyke, FitzGerald): camel-case, but names, not acronyms.
_NAME_PREFIXED = re.compile(
    r"(?:Mc|Mac|Fitz|O|De|Di|Da|Du|Le|La|Lo|Van|Von|Ver|Del|Della|Des|St)[A-Z][a-z]+s?"
)

#: Units and similar after a number ("100M", "5K", "10PM") are not acronyms.
_UNIT_SUFFIXES = frozenset(
    {
        "AM",
        "PM",
        "M",
        "B",
        "BN",
        "MN",
        "K",
        "GB",
        "MB",
        "KB",
        "TB",
        "KM",
        "KG",
        "MW",
        "GW",
        "KW",
        "KWH",
        "MWH",
        "GWH",
        "MPH",
        "KPH",
        "MM",
        "CM",
        "ML",
        "V",
        "W",
        "HZ",
        "GHZ",
        "MHZ",
        "S",
        "TH",
        "ND",
        "RD",
        "ST",
    }
)

#: Runs of three or more all-caps words (a shouted headline), lines without any lower-case letter,
#: and a dateline (`KABUL, Afghanistan -`, `NEW DELHI (Reuters) -`, `HEMPSTEAD, N.Y., Sept. 26
#: (UPI) —`) at the start of a line.
_CAPS_LINE = re.compile(r"\n[ \t]*[\"“‘']?[A-Z][^a-z\n]*(?=\n|$)")
#: A transcript's stage direction on a line of its own: `(CROSSTALK)`, `"(APPLAUSE.)`.
_DIRECTION = re.compile(r"\n[ \t]*[\"“]?\([A-Z][A-Z '’-]*\.?\)[\"”]?[ \t]*(?=\n|$)")
_DATELINE = re.compile(
    r"\n[ \t]*[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+)*"
    r"(?:,[ \t]+[A-Z][\w.'’]*(?:[ \t]+[\w.'’]+){0,3}){0,3}"  # `, N.Y., Sept. 26`: flagged too
    r"(?=[ \t]*(?:\([\w ]+\)[ \t]*)?(?:[-—–―]|--)[ \t])"  # the credit `(UPI)` is not
)
#: A speaker's label opening a paragraph of a transcript (`WALLACE:`, `"PENCE: Well, ...`) or
#: a note's (`CLARIFICATION:`, `WARNING:`): up to three all-caps words and a colon.
_LABEL = re.compile(r"\n[ \t]*[\"“(]?[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]+){0,2}(?=:[ \t])")
#: A note's label in brackets inside a paragraph: `(WARNING: Video contains graphic images.)`.
_BRACKET_LABEL = re.compile(r"\([A-Z]{3,}(?=:[ \t])")  # a literal first: a fast scan


class Mention(NamedTuple):
    """One use of an acronym. `text[start:end]` is the surface form (with plural/possessive).

    A named tuple rather than a frozen dataclass: there is one per mention (hundreds of thousands
    in a big text) and tuples are several times cheaper to build.
    """

    start: int
    end: int
    surface: str
    #: The base form: no plural or possessive ending ("NGO" for "NGOs'").
    base: str
    #: Grouping key: the base without dots ("US" for "U.S.").
    key: str
    #: Camel-case (DepRel, PubMed): an acronym only if the text defines it.
    weak: bool = False
    #: Inside an all-caps headline, a caps-only line or a dateline.
    shouting: bool = False
    #: For `IS-Khorasan`: the short form (`IS-K`) this is a spelled-out variant of, if that exists;
    #: otherwise the mention counts for its head (`IS`, ending at `head_end`).
    compound_of: str = ""
    head_end: int = 0


def strip_key(base: str) -> str:
    """The grouping key of a base form: dots dropped, so `U.S.` and `US` are one acronym."""
    return base.replace(".", "") if "." in base else base


def is_roman(letters: str) -> bool:
    return len(letters) >= 2 and _ROMAN.fullmatch(letters) is not None


def is_plain_roman(letters: str) -> bool:
    """Roman numerals made of I, V and X only (II, XIV): almost never acronyms in prose."""
    return is_roman(letters) and _IVX.fullmatch(letters) is not None


def _piece_kind(piece: str) -> str:
    """Classify one part of a hyphenated token."""
    if not piece:
        return "empty"
    if _DOTTED.fullmatch(piece) or _DOTTED.fullmatch(piece.rstrip(".")):
        return "acr"
    if _DIGITS.fullmatch(piece):
        return "digits"
    if _SINGLE_UPPER.fullmatch(piece):
        return "upper1"
    if _LETTER_DIGIT.fullmatch(piece):
        return "acr"
    if _LOWER_WORD.fullmatch(piece):
        return "lower"
    if _NAME_WORD.fullmatch(piece):
        return "name"
    if _CAMEL_WORDS.fullmatch(piece):
        return "camel"
    if _ACR_PIECE.fullmatch(piece) and sum(c.isupper() for c in piece) >= 2:
        return "acr"
    if _ACR_PIECE.fullmatch(piece) and any(c.isdigit() for c in piece):
        return "acr"
    return "other"


#: A capital and its lower-case letters: one word of a camel-case token.
_CAMEL_PART = re.compile(r"[A-Z][a-z]*")
#: Letters of a camel-case part that make it a whole word (`Pollster`, `Sources`), not a
#: clipping (`Pub`, `Med`, `Eval`).
WORD_PART = 5


def _wordy_camel(token: str) -> bool:
    """Camel case with a whole word in it: a brand or a compound, not an abbreviation."""
    return max(map(len, _CAMEL_PART.findall(token)), default=0) >= WORD_PART


def _strip_plural(base: str) -> str:
    """`NGOs` -> `NGO`; `ISIS` stays (a capital S is part of the acronym)."""
    if len(base) >= 3 and base.endswith("s") and (base[-2].isupper() or base[-2].isdigit()):
        stem = base[:-1]
        if sum(c.isupper() for c in stem) >= 2 or any(c.isdigit() for c in stem):
            return stem
    return base


_ACR_KINDS = frozenset({"acr", "upper1", "digits"})


def classify_token(token: str, start: int) -> Mention | None:
    """The acronym mention inside one raw token at `start`, or None."""
    # Trim punctuation around the token, keeping a final dot of dotted initials (U.S.).
    lead = 0
    while lead < len(token) and not token[lead].isalnum():
        lead += 1
    token = token[lead:]
    start += lead
    end_trim = len(token)
    while end_trim > 0 and not token[end_trim - 1].isalnum() and token[end_trim - 1] != ".":
        end_trim -= 1
    token = token[:end_trim]
    if token.endswith("."):
        m = _DOTTED.match(token)
        if not (m and m.end() == len(token)):
            token = token.rstrip(".")
    if len(token) < 2:
        return None
    surface = token
    base = token
    # Possessives: UNAMA's, NGOs'.
    if base.endswith(("'s", "’s")):
        base = base[:-2]
    elif base.endswith(("s'", "s’")):
        base = base[:-1]
    if "'" in base or "’" in base:
        return None
    if "+" in base:
        return _plus_joined(surface, base, start)
    parts = re.split(r"([-/])", base)
    pieces = parts[0::2]
    if "" in pieces:
        return None
    kinds = [_piece_kind(p) for p in pieces]
    if "other" in kinds:
        return None
    # Plural on the last acronym piece.
    last = len(pieces) - 1
    if kinds[last] in ("camel", "other", "name") and _strip_plural(pieces[last]) != pieces[last]:
        stem_kind = _piece_kind(pieces[last][:-1])
        if stem_kind == "acr":
            kinds[last] = "acr"
    acr_idx = [i for i, k in enumerate(kinds) if k in _ACR_KINDS]
    strong = [i for i, k in enumerate(kinds) if k == "acr"]

    def offset_of(i: int) -> int:
        return len("".join(parts[: 2 * i]))

    def sub(i: int, j: int) -> str:
        """Pieces i..j inclusive, with their joiners."""
        return "".join(parts[2 * i : 2 * j + 1])

    if len(pieces) == 1:
        if kinds[0] == "camel":
            # PubMed, MaxEnt, WordNet: clipped words, listed. A prefixed surname (McCain) or
            # whole words run together (FiveThirtyEight, AmeriCorps, HuffPollster): only if
            # the text defines them
            weak = _NAME_PREFIXED.fullmatch(base) is not None or _wordy_camel(base)
            return Mention(start, start + len(surface), surface, base, base, weak=weak)
        if kinds[0] != "acr":
            return None
        return _make(surface, base, start)
    if (
        not strong
        and kinds[0] == kinds[-1] == "upper1"
        and all(
            k == "upper1" or (k == "lower" and len(p) <= 3)
            for k, p in zip(kinds, pieces, strict=True)
        )
    ):
        # T-P, P-by-P, W-by-W: single capitals joined; an acronym only if the text defines it.
        return Mention(start, start + len(surface), surface, base, base, weak=True)
    if not acr_idx:
        return None
    # The contiguous run of acronym pieces (IS-K, COVID-19, F-16) with at least one real acronym
    # piece, or a capital joined to digits.
    first, last_acr = acr_idx[0], acr_idx[-1]
    if last_acr - first + 1 != len(acr_idx):
        return None  # acronym pieces separated by words: too odd to call
    run_kinds = kinds[first : last_acr + 1]
    if "acr" not in run_kinds and not ("upper1" in run_kinds and "digits" in run_kinds):
        return None
    if not strong and run_kinds.count("upper1") > 1 and "/" not in sub(first, last_acr):
        return None
    before, after = kinds[:first], kinds[last_acr + 1 :]
    run_start = offset_of(first)
    run_text = sub(first, last_acr)
    if any(k not in ("lower", "name") for k in before + after):
        return None
    if not after:
        # anti-IS, Anti-IS, pro-EU: the acronym is the tail; plural/possessive apply to it.
        tail_surface = surface[run_start:]
        return _make(tail_surface, run_text, start + run_start)
    if before:
        return None
    if all(k == "lower" for k in after):
        # US-led, UN-backed: the acronym is the head.
        return _make(run_text, run_text, start)
    if all(k == "name" for k in after):
        # IS-Khorasan: perhaps a spelled-out IS-K; decided once all mentions are known.
        initials = "".join(p[0] for p in pieces[last_acr + 1 :])
        head = _make(run_text, run_text, start)
        if head is None:
            return None
        return Mention(
            start,
            start + len(surface),
            surface,
            base,
            strip_key(base),
            compound_of=f"{run_text}-{initials}",
            head_end=start + len(run_text),
        )
    return None


def _plus_joined(surface: str, base: str, start: int) -> Mention | None:
    """`SM+CC` (two acronyms combined) is one acronym; anything else with a `+` is not.

    Single capitals joined (`P+R`, a formula) count only if the text defines them.
    """
    pieces = base.split("+")
    kinds = [_piece_kind(p) for p in pieces]
    if any(k not in ("acr", "upper1") for k in kinds):
        return None
    if "acr" not in kinds:
        return Mention(start, start + len(surface), surface, base, base, weak=True)
    return _make(surface, base, start)


#: `(D-CA)`, `(R-S.C.)`: a US politician's party and state, not an acronym.
_PARTY_STATE = re.compile(r"[DRI]-([A-Z])\.?([A-Z])\.?")
#: US postal codes of the states and territories (`I-NA`, `B-NP` are not party-state tags).
_STATES = frozenset(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
        "DC",
        "PR",
        "GU",
        "VI",
        "AS",
        "MP",
    ]
)


def _make(surface: str, base: str, start: int) -> Mention | None:
    """A mention for an acronym-shaped surface; None for numbers with units and the like."""
    base = _strip_plural(base)
    party = _PARTY_STATE.fullmatch(base)
    if party is not None and party.group(1) + party.group(2) in _STATES:
        return None
    if base[0].isdigit():
        letters = "".join(c for c in base if c.isalpha())
        if letters.upper() in _UNIT_SUFFIXES or len(letters) == 0:
            return None
        if sum(c.isdigit() for c in base) > 2:
            return None
    return Mention(start, start + len(surface), surface, base, strip_key(base))


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def shouting_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, merged spans of caps-only lines, datelines and transcript labels (runs of
    capitals: `_flag_runs`)."""
    # The line patterns start at a newline (fast to find); a leading newline makes the first
    # line match too, and offsets shift back by one.
    padded = "\n" + text
    lines = [
        (max(s, 0), e - 1)
        for pattern in (_CAPS_LINE, _DATELINE, _LABEL, _DIRECTION, _BRACKET_LABEL)
        for s, e in _spans(pattern, padded)
        if pattern is not _CAPS_LINE or sum(1 for c in padded[s:e] if c.isupper()) >= 2
    ]
    spans = lines
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def candidate_tokens(text: str) -> list[tuple[int, str]]:
    """(start, token) for every whitespace/punctuation-delimited token that may be an acronym."""
    out: list[tuple[int, str]] = []
    last_end = -1
    for seed in _SEED.finditer(text):
        start, end = seed.span()
        if start < last_end:
            continue
        if start and (text[start - 1].isalnum() or text[start - 1] in _TOKEN_SET):
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _TOKEN_SET):
                start -= 1
        last_end = end
        if start and text[start - 1] in "@#$":
            continue  # @handle, #hashtag, $TICKER
        # the token runs back over `/` and `.`: an address shows as a slash in it or a `:`
        # (`https:` before `//t.co/...`) right before it
        if ("/" in text[start:end] or text[start - 1 : start] == ":") and _in_address(
            text, start, end
        ):
            continue  # https://t.co/hbaWqfjJcp, pic.twitter.com/P2qpm3h3Pm
        out.append((start, text[start:end]))
    return out


#: Characters of a web address searched back from a token for its start.
_ADDRESS_REACH = 200
_ADDRESS = re.compile(r"://|\bwww\.|(?:[\w-]+\.)+(?:com|org|net|gov|edu|co|ly|io)/")


def _in_address(text: str, start: int, end: int) -> bool:
    """Is the token `text[start:end]` part of a web address (its run of non-space characters
    holds a scheme, `www.` or a domain and a slash)?"""
    chunk = text[max(0, start - _ADDRESS_REACH) : end]
    cut = max(chunk.rfind(" "), chunk.rfind("\n"), chunk.rfind("\t"), chunk.rfind("\u00a0"))
    return _ADDRESS.search(chunk, cut + 1) is not None


def find_mentions(text: str) -> list[Mention]:
    """Every acronym-shaped mention in `text`, in text order (weak and shouting ones flagged)."""
    shouts = shouting_spans(text)
    out: list[Mention] = []
    k = 0  # index into shouts; mentions come in text order, so one pointer walks both
    for start, raw in candidate_tokens(text):
        if "--" in raw:
            raw = raw.replace("--", "/ ")  # same length; split like a slash below
        found: list[Mention] = []
        whole = _slash_model(raw, start) if "/" in raw else None
        if whole is not None:
            found.append(whole)
        elif "/" in raw:
            # US/UK, Taliban/IS: each side is its own mention.
            pos = start
            for part in raw.split("/"):
                hit = _classify_at(part, pos) if part else None
                if hit is not None:
                    found.append(hit)
                pos += len(part) + 1
        else:
            hit = _classify_at(raw, start)
            if hit is not None:
                found.append(hit)
        for m in found:
            while k < len(shouts) and shouts[k][1] < m.end:
                k += 1
            if k < len(shouts) and shouts[k][0] <= m.start:
                m = Mention(
                    m.start,
                    m.end,
                    m.surface,
                    m.base,
                    m.key,
                    m.weak,
                    True,
                    m.compound_of,
                    m.head_end,
                )
            out.append(m)
    _flag_runs(text, out)
    return out


def _slash_model(raw: str, start: int) -> Mention | None:
    """`F/A-18`, `FX/80`: a slash next to a lone capital or a number joins one designation.

    Two acronyms (`US/UK`, `HIV/AIDS`) or an acronym and a word (`Taliban/IS`) are split by the
    caller instead.
    """
    sides = raw.strip(".,;:!?()[]{}\"'“”‘’").split("/")
    if len(sides) < 2 or any(not side for side in sides):
        return None
    heads = [side.split("-")[0] for side in sides]
    if not any(h.isdigit() or (len(h) == 1 and h.isupper()) for h in heads):
        return None
    return _classify_at(raw, start)


_GAP = re.compile(r"[ \t]+(?:[A-Z][ \t]+)?")


def _is_caps_word(m: Mention) -> bool:
    return m.surface.isupper() and m.surface.replace("'", "").replace("’", "").isalpha()


def _flag_runs(text: str, mentions: list[Mention]) -> None:
    """Flag runs of three or more all-caps words (`TALIBAN TAKE PROVINCIAL CAPITAL`) in place.

    Done on the mentions, which are in text order, so it costs one pass however hostile the text.
    """
    n = len(mentions)
    i = 0
    while i < n:
        if not _is_caps_word(mentions[i]):
            i += 1
            continue
        j = i
        while (
            j + 1 < n
            and _is_caps_word(mentions[j + 1])
            and _GAP.fullmatch(text, mentions[j].end, mentions[j + 1].start) is not None
        ):
            j += 1
        if j - i + 1 >= 3:
            for k in range(i, j + 1):
                m = mentions[k]
                mentions[k] = Mention(m[0], m[1], m[2], m[3], m[4], m[5], True, m[7], m[8])
        i = j + 1


@lru_cache(maxsize=32768)
def _classify_cached(token: str) -> Mention | None:
    return classify_token(token, 0)


def _classify_at(token: str, start: int) -> Mention | None:
    """`classify_token` with results cached per token string (acronyms repeat a lot)."""
    hit = _classify_cached(token)
    if hit is None or start == 0:
        return hit
    s, e, surface, base, key, weak, shouting, compound_of, head_end = hit
    head_end = head_end + start if head_end else 0
    return Mention(s + start, e + start, surface, base, key, weak, shouting, compound_of, head_end)
