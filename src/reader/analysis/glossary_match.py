"""In-text definitions of acronyms: letter matching in the spirit of Schwartz & Hearst (2003).

Schwartz-Hearst pairs `long form (SF)` by matching the short form's characters right to left
inside the words before the parenthesis and keeps the shortest long form. News text needs more:
the short form comes first as often as last (`SF (long form)`, `SF, or long form`), definitions are
written in prose (`long form, or SF,`, `known as SF`), translated names do not spell their acronym
(`Pakistani Taliban (TTP)`), and a name used early is often abbreviated later without any marker
(`Afghan National Army` ... `ANA`). The matcher here aligns letters to whole words and prefers word
initials: each candidate long form is scored by how many letters hit a word (or hyphen piece /
capital) initial, minus the content words it leaves unexplained, so a stray letter deep inside a
word cannot drag in an unrelated word the way the plain character match can.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

#: Name particles (de, van, al ...): lower-case words inside names and long forms alike.
NAME_PARTICLES = frozenset(
    {"de", "du", "des", "la", "le", "el", "al", "da", "di", "del", "van", "von", "der", "den", "y"}
)

#: Joiners allowed inside a capitalised name (`Bank of America`, `AT&T`), particles included.
NAME_CONNECTORS = NAME_PARTICLES | frozenset({"of", "and", "for", "the", "in", "on", "&"})

#: Words a long form may contain without contributing a letter: the name joiners and more.
STOPWORDS = NAME_CONNECTORS | frozenset(
    {
        "at",
        "to",
        "a",
        "an",
        "by",
        "with",
        "from",
        "e",
        "i",
        "et",
        "und",
        "'s",
        "its",
        "their",
        "as",
        "or",
        "per",
        "via",
    }
)
#: Words a long form may contain without a letter that may still start one (`Version Control
#: System (VCS)`): in `Penn Treebank version 3 (PTB3)` the number gives the digit.
_FREE_WORDS = frozenset({"version"})
#: A word. A `?`, `~` or U+FFFD between letters is a character lost in conversion (`Na?ve`,
#: `Levenshtein?s`, `art~fact` from a scan), not punctuation, so it stays inside the word.
_WORD = re.compile(r"[\w&](?:[\w&'’.-]|[?~\ufffd]+(?=\w))*[\w&]|[\w&]")
#: Where a backward window stops: sentence punctuation, brackets, line ends (a `?` only when no
#: letter follows it, see `_WORD`).
_STOP_BACK = re.compile(r"[!;:()\[\]{}\n]|\?(?![?\w])|(?<=[a-z0-9%])\.(?=\s)|\s[-–—]{1,2}\s")
_STOP_BACK_COMMA = re.compile(r"[,!;:()\[\]{}\n]|\?(?![?\w])|(?<=[a-z0-9%])\.(?=\s)|\s[-–—]{1,2}\s")
#: The same without the spaced dash, for a hyphenated acronym whose long form has one
#: (`Warning Order - Method of Fire (WO-MOF)`).
_STOP_BACK_DASHED = re.compile(r"[,!;:()\[\]{}\n]|\?(?![?\w])|(?<=[a-z0-9%])\.(?=\s)")
#: Where a forward window stops.
_STOP_FWD = re.compile(r"[,;:()\[\]{}\n]|\.(?=\s|$)|\s[-–—=]{1,2}\s|\s{2,}")
#: The same inside a bracket: the bracket bounds the phrase, so a wide gap there is a line
#: broken in conversion (`Sistema de Escritura  Alfabetica`), not the next column of a table.
_STOP_FWD_BRACKETED = re.compile(r"[,;:()\[\]{}\n]|\.(?=\s|$)|\s[-–—=]{1,2}\s")


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Match:
    """A long form found for a short form: the span in the text and how well the letters fit."""

    start: int
    end: int
    initials: int  # letters matched at a word, piece or capital initial
    unmatched: int  # content words that gave no letter


def acronym_letters(short: str) -> str:
    """The characters a long form must supply: letters and digits, `&` read as `and`."""
    out = []
    for ch in short:
        if ch.isalnum():
            out.append(ch.lower())
        elif ch == "&":
            out.append("a")
    return "".join(out)


def words_between(text: str, lo: int, hi: int) -> list[Word]:
    words = [Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, lo, hi)]
    if text.find("0", lo, hi) >= 0:
        words = [
            Word(_ocr_letters(w.text), w.start, w.end) if w.text[0] == "0" else w for w in words
        ]
    return words


def _ocr_letters(word: str) -> str:
    """A scanned `0ffice` is `Office`: a zero that starts an otherwise lower-case word is the
    letter O misread (read the same length, so spans stay right)."""
    if word[0] == "0" and len(word) > 2 and word[1:].isalpha() and word[1:].islower():
        return "O" + word[1:]
    return word


def back_window(
    text: str, pos: int, *, comma_stops: bool, max_chars: int = 240, dashes: bool = False
) -> int:
    """Start of the clause that ends at `pos` (where a backward long-form search may begin).

    With `dashes`, a spaced dash does not end the clause (only used with comma stops).
    """
    lo = max(0, pos - max_chars)
    if dashes and comma_stops:
        pattern = _STOP_BACK_DASHED
    else:
        pattern = _STOP_BACK_COMMA if comma_stops else _STOP_BACK
    last = lo
    for m in pattern.finditer(text, lo, pos):
        last = m.end()
    return last


def fwd_window(text: str, pos: int, max_chars: int = 240, *, bracketed: bool = False) -> int:
    """End of the phrase that starts at `pos` (where a forward long-form search stops)."""
    hi = min(len(text), pos + max_chars)
    m = (_STOP_FWD_BRACKETED if bracketed else _STOP_FWD).search(text, pos, hi)
    return m.start() if m else hi


def _initial_positions(word: str) -> tuple[int, ...]:
    """Word start, hyphen/slash piece starts and capitals (camel humps, all-caps words)."""
    out = [0]
    for i in range(1, len(word)):
        if word[i - 1] in "-/&+." or word[i].isupper():
            out.append(i)
    return tuple(out)


@lru_cache(maxsize=65536)
def _in_word(word: str, seq: str, anchored: bool) -> int:
    """How many letters of `seq` hit initials when matched in order inside `word` (-1: no match).

    A hit is a letter on the word's start, a hyphen piece or a capital, or one continuing a run of
    hits from there (`Max`imum `Ent`ropy -> MaxEnt, `Num`ber -> NUM). Other letters may match
    inside the word but score nothing. With `anchored`, the first letter must start the word.
    """
    low = word.lower()
    inits = _initial_positions(word)
    pos = 0
    score = 0
    last_hit = -2
    for n, ch in enumerate(seq):
        if n == 0 and anchored:
            if low[:1] == ch:
                pos, score, last_hit = 1, 1, 0
            elif _camel_start(word, ch):
                pos, score, last_hit = 2, 1, 1
            else:
                return -1
            continue
        if pos < len(low) and low[pos] == ch and last_hit == pos - 1:
            score += 1
            last_hit = pos
            pos += 1
            continue
        at = next((i for i in inits if i >= pos and low[i] == ch), -1)
        if at >= 0:
            score += 1
            last_hit = at
        else:
            at = low.find(ch, pos)
            if at < 0:
                return -1
        pos = at + 1
    return score


def _camel_start(word: str, ch: str) -> bool:
    """`eXtensible` gives the X of XML: a lower-case first letter, then the capital wanted."""
    return len(word) > 2 and word[0].islower() and word[1].isupper() and word[1].lower() == ch


def starts_with_letter(word: str, ch: str) -> bool:
    """Can `word` begin a long form whose first letter is `ch`?"""
    return word[:1].lower() == ch or _camel_start(word, ch)


def _is_content(word: str) -> bool:
    low = word.lower()
    return low not in STOPWORDS and low not in _FREE_WORDS and not word.isdigit()


def align(
    letters: str, words: tuple[str, ...], *, to_end: bool
) -> tuple[int, int, int, int] | None:
    """Best alignment of `letters` to `words`, the first letter on the first word's initial.

    Returns (score, initials, unmatched, last_word) or None. With `to_end` the long form runs to the
    last word (unexplained trailing words count against it); otherwise it ends at the last word that
    gave a letter.
    """
    return _align(letters, words, to_end)


@lru_cache(maxsize=16384)
def _align(letters: str, words: tuple[str, ...], to_end: bool) -> tuple[int, int, int, int] | None:
    n = len(words)
    k = len(letters)
    content = [_is_content(w) for w in words]
    # Another acronym inside a long form must give letters (`IME (LOC)` defines nothing).
    shouty = [len(w) >= 2 and w.isupper() and w.isalpha() for w in words]
    memo: dict[tuple[int, int], tuple[int, int, int, int] | None] = {}

    def best(i: int, w: int) -> tuple[int, int, int, int] | None:
        """Letters i.. into words w..; (score, initials, unmatched, last word used)."""
        key = (i, w)
        if key in memo:
            return memo[key]
        result: tuple[int, int, int, int] | None
        if i == k:
            if to_end and any(shouty[w:]):
                result = None
            elif to_end:
                un = sum(1 for j in range(w, n) if content[j])
                result = (-un, 0, un, w - 1)
            else:
                result = (0, 0, 0, w - 1)
        elif w == n:
            result = None
        else:
            result = None
            skip = best(i, w + 1) if not shouty[w] else None
            if skip is not None:
                pen = 1 if content[w] else 0
                result = (skip[0] - pen, skip[1], skip[2] + pen, skip[3])
            for take in range(1, min(k - i, len(words[w])) + 1):
                hits = _in_word(words[w], letters[i : i + take], False)
                if hits < 0:
                    break
                rest = best(i + take, w + 1)
                if rest is None:
                    continue
                last = rest[3] if rest[3] >= w else w
                cand = (rest[0] + hits, rest[1] + hits, rest[2], last)
                if result is None or cand[0] > result[0]:
                    result = cand
        memo[key] = result
        return result

    top: tuple[int, int, int, int] | None = None
    if not words:
        return None
    for take in range(1, min(k, len(words[0])) + 1):
        hits = _in_word(words[0], letters[:take], True)
        if hits < 0:
            break
        rest = best(take, 1)
        if rest is None:
            continue
        last = rest[3] if rest[3] >= 0 else 0
        cand = (rest[0] + hits, rest[1] + hits, rest[2], last)
        if top is None or cand[0] > top[0]:
            top = cand
    return top


def acceptable(letters: str, initials: int, unmatched: int, n_words: int = 2) -> bool:
    """Enough letters on initials, at most one unexplained word (only for a full-initial match).

    A one-word long form only needs all its letters in order from its first (`verbs (VRB)`).
    """
    k = len(letters)
    if n_words == 1:
        return unmatched == 0
    if initials < 1 + k // 2 and not (unmatched == 0 and initials >= n_words):
        return False
    if unmatched == 0:
        return True
    return unmatched == 1 and initials >= k and k >= 3


def _max_words(k: int) -> int:
    return min(k + 5, 2 * k)


def match_before(text: str, short: str, pos: int, *, comma_stops: bool = True) -> Match | None:
    """A long form ending at `pos` (just before `(SF)` or `, or SF`) whose letters spell `short`."""
    lo = back_window(text, pos, comma_stops=comma_stops, dashes="-" in short)
    return _numbers_first(short, words_between(text, lo, pos), _long_form_before)


def _long_form_before(short: str, words: list[Word]) -> Match | None:
    """`match_before` on the words of the window."""
    letters = _usable_letters(short, words)
    if not words or len(letters) < 2:
        return None
    words = words[-_max_words(len(letters)) :]
    texts = tuple(w.text for w in words)
    best: tuple[tuple[int, int, int, int], int] | None = None
    for s in range(len(words) - 1, -1, -1):
        if not starts_with_letter(texts[s], letters[0]) or texts[s].lower() in STOPWORDS:
            continue
        got = align(letters, texts[s:], to_end=True)
        if got is None:
            continue
        if best is None or got[0] > best[0][0]:
            best = (got, s)
    if best is None:
        best = _article_start(letters, texts)
    if best is None:
        return _word_cut_short(letters, words[-1])
    (_score, initials, unmatched, _last), s = best
    long_words = words[s:]
    while len(long_words) > 1 and _footnote_mark(long_words[-1].text) and letters.isalpha():
        long_words = long_words[:-1]  # `Mean Average Precision 6 (MAP)`: not `... 2013`
    if not acceptable(letters, initials, unmatched, len(long_words)):
        return None
    if _same_as_short(long_words, short):
        return None
    return Match(long_words[0].start, _without_possessive(long_words[-1]), initials, unmatched)


def _words_ending_at(text: str, pos: int) -> tuple[int, list[Word]]:
    """(where the clause before `pos` starts, back to a comma or stronger stop; its words), no
    words when anything but white space stands between the last of them and `pos`."""
    lo = back_window(text, pos, comma_stops=True)
    words = words_between(text, lo, pos)
    return lo, [] if words and text[words[-1].end : pos].strip() else words


#: A name and a year or number joined (`HOO-2012`, `SemEval-07`): an edition of something named.
_NAME_NUMBER = re.compile(r"([A-Za-z][A-Za-z0-9]*)-([0-9]{2,4})")


def match_edition_before(text: str, short: str, pos: int) -> Match | None:
    """`the HOO shared task of 2012 (HOO-2012)`: an acronym made of a name and a number, after
    a phrase that starts with that name and ends with that number (or the year that ends in it).

    The name is itself a word of the long form, so the letters cannot be matched as usual.
    """
    joined = _NAME_NUMBER.fullmatch(short)
    if joined is None:
        return None
    name, number = joined.groups()
    words = _words_ending_at(text, pos)[1][-8:]
    if len(words) < 3:
        return None
    last = words[-1].text
    if not (last == number or (len(number) == 2 and len(last) == 4 and last.endswith(number))):
        return None
    for i in range(len(words) - 3, -1, -1):
        if words[i].text == name:
            return Match(words[i].start, words[-1].end, len(acronym_letters(short)), 0)
    return None


#: A bracketed acronym closing the list item before a comma: `base noun phrase (BNP),`.
_ITEM_BEFORE = re.compile(r"\(([A-Z][A-Z0-9-]*)\)[ \t]*,[ \t]*$")
#: The list item after one: `), base verb phrase (BVP)`.
_ITEM_AFTER = re.compile(r"\)[ \t]*,[ \t]*(?:and[ \t]+)?[^()\n]{1,80}?\(([A-Z][A-Z0-9-]*)\)")


def match_parallel_before(text: str, short: str, pos: int) -> Match | None:
    """`base noun phrase (BNP), base temporal phrase (BTN), base verb phrase (BVP)`: in a list of
    bracketed definitions, an item worded like a neighbour whose letters do spell its acronym
    (the same first word) is a long form too, even where its own letters fall short.

    The item must start with the acronym's first letter and have no more words than it has
    letters, plus one.
    """
    letters = acronym_letters(short)
    if len(letters) < 2 or not short.isupper():
        return None
    close = text.find(")", pos, pos + len(short) + 3)
    after = _ITEM_AFTER.match(text, close) if close >= 0 else None
    if after is None and text.find("),", max(0, pos - 200), pos) < 0:
        return None  # no list around: the cheap test first, this runs at every unexplained one
    lo, words = _words_ending_at(text, pos)
    if len(words) < 2:
        return None
    leads: list[str] = []
    before = _ITEM_BEFORE.search(text, max(0, lo - 40), lo)
    if before is not None:
        leads.append(_item_lead(text, before.group(1), before.start()))
    if after is not None:
        leads.append(_item_lead(text, after.group(1), after.start(1) - 1))
    for lead in leads:
        if not lead or lead in STOPWORDS or lead[0] != letters[0]:
            continue
        for i in range(len(words) - 2, max(-1, len(words) - len(letters) - 2), -1):
            if words[i].text.lower() != lead:
                continue
            if any(len(w.text) > 1 and w.text.isupper() for w in words[i:]):
                break
            return Match(words[i].start, words[-1].end, 1, 0)
    return None


def _item_lead(text: str, short: str, paren: int) -> str:
    """The first word (lower case) of the long form that `short` spells before the bracket at
    `paren`, or "" if its letters spell none."""
    hit = match_before(text, short, paren)
    return text[hit.start : hit.end].split()[0].lower() if hit is not None else ""


def _word_cut_short(letters: str, word: Word) -> Match | None:
    """`adjectives (ADJA)`: a tag made of a word's first three or more letters and one more
    (the kind, here attributive), written right after the word: the word is its long form."""
    if len(letters) < 4 or not letters.isalpha() or not word.text.isalpha():
        return None
    if not word.text.lower().startswith(letters[:-1]) or len(word.text) < len(letters) + 2:
        return None
    return Match(word.start, word.end, len(letters) - 1, 0)


#: Articles that may give a long form its first letter (`an adverb (AA)`, `The Onion Router
#: (TOR)`), but only when nothing else can.
_ARTICLES = frozenset({"a", "an", "the"})


def _article_start(
    letters: str, texts: tuple[str, ...]
) -> tuple[tuple[int, int, int, int], int] | None:
    """The long form starting at an article, when no other word can start it: exact only (every
    letter on a word initial, no word left unexplained), and the nearest such article."""
    for s in range(len(texts) - 1, -1, -1):
        if texts[s].lower() not in _ARTICLES or texts[s][0].lower() != letters[0]:
            continue
        got = align(letters, texts[s:], to_end=True)
        if got is not None and got[1] == len(letters) and got[2] == 0:
            return got, s
    return None


def match_before_list(text: str, short: str, pos: int) -> Match | None:
    """A long form ending at `pos` that runs across commas: a list of names or words, each giving
    its initial (`Department of Health, Education and Welfare (HEW)`, `science, technology,
    engineering and mathematics (STEM)`).

    Tried when no long form fits inside the clause, or when the one that fits needs a small
    word's letter (`Apple, Amazon and Google (AAG)`). A comma usually ends a long form, so
    this one must be exact: at least three letters, every letter on a word initial and every
    content word giving one, and a comma inside the span.
    """
    letters = acronym_letters(short)
    if len(letters) < 3 or not letters.isalpha():
        return None
    lo = back_window(text, pos, comma_stops=False, dashes="-" in short)
    if text.find(",", lo, pos) < 0 or not _in_order(letters, _INITIALS.findall(text, lo, pos)):
        return None  # cheap tests first: this runs at every unexplained bracketed acronym
    words = words_between(text, lo, pos)
    words = words[-_max_words(len(letters)) :]
    texts = tuple(w.text for w in words)
    best: tuple[int, int] | None = None  # (score, start word)
    for s in range(len(words) - 1, -1, -1):
        if not starts_with_letter(texts[s], letters[0]) or texts[s].lower() in STOPWORDS:
            continue
        if text.find(",", words[s].start, words[-1].end) < 0:
            continue  # comma-free long forms are the clause matcher's
        got = align(letters, texts[s:], to_end=True)
        if got is None or got[1] < len(letters) or got[2] > 0:
            continue
        if best is None or got[0] > best[0]:
            best = (got[0], s)
    if best is None:
        return None
    long_words = words[best[1] :]
    if _same_as_short(long_words, short):
        return None
    end = _without_possessive(long_words[-1])
    return Match(long_words[0].start, end, len(letters), 0)


#: Characters that may be word initials in the sense of `_initial_positions` (a superset).
_INITIALS = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]|[A-Z]")


def _in_order(letters: str, initials: list[str]) -> bool:
    """Do `letters` occur in this order among `initials` (any case)?"""
    it = iter(c.lower() for c in initials)
    return all(ch in it for ch in letters)


def _without_possessive(word: Word) -> int:
    """End of a long form's last word without a possessive `'s`: in `the Federal Bureau of
    Investigation's (FBI) agents` the bracket names the bureau, not its belongings."""
    if len(word.text) > 3 and word.text.endswith(("'s", "’s")):
        return word.end - 2
    return word.end


_LEADING_DET = frozenset({"the", "a", "an", "i.e.", "ie", "or", "for", "short", "aka", "also"})


def match_after(text: str, short: str, pos: int, close: int | None = None) -> Match | None:
    """A long form starting at `pos` (after `SF (` or `SF, or`) whose letters spell `short`.

    It ends at the last word that gave a letter, and before `close` (the closing parenthesis).
    """
    hi = fwd_window(text, pos, bracketed=close is not None)
    if close is not None:
        hi = min(hi, close)
    written = words_between(text, pos, hi)
    while written and written[0].text.lower() in _LEADING_DET and len(written) > 1:
        written = written[1:]
    return _numbers_first(short, written, _long_form_after)


def _numbers_first(
    short: str, written: list[Word], find: Callable[[str, list[Word]], Match | None]
) -> Match | None:
    """`find` on the words with number words read as digits (`Group of Seven` for `G7`), when
    `short` has a digit they give, else (or failing that) on the words as written."""
    numbered = _numbered(short, written)
    if numbered is not written:
        hit = find(short, numbered)
        if hit is not None:
            return hit
    return find(short, written)


def _long_form_after(short: str, words: list[Word]) -> Match | None:
    """`match_after` on the words of the window."""
    letters = _usable_letters(short, words)
    if len(letters) < 2:
        return None
    words = words[: _max_words(len(letters))]
    if not words or not starts_with_letter(words[0].text, letters[0]):
        return None
    got = align(letters, tuple(w.text for w in words), to_end=False)
    if got is None:
        return None
    _score, initials, unmatched, last = got
    if not acceptable(letters, initials, unmatched, last + 1):
        return None
    long_words = words[: last + 1]
    if _same_as_short(long_words, short):
        return None
    return Match(long_words[0].start, long_words[-1].end, initials, unmatched)


def _footnote_mark(word: str) -> bool:
    """One or two digits ending a long form whose acronym has none: a footnote, not a name part."""
    return len(word) <= 2 and word.isdigit()


#: Number words and the digit they give an acronym (`Group of Seven (G7)`, `fifth-generation
#: (5G)`, `three-dimensional (3D)`); `to` gives a 2 (`peer-to-peer (P2P)`, `B2B`).
_NUMBER_WORDS = {
    word: str(n)
    for n, group in enumerate(
        [
            ("zero",),
            ("one", "first", "single"),
            ("two", "second", "double", "to"),
            ("three", "third", "triple"),
            ("four", "fourth", "quad"),
            ("five", "fifth"),
            ("six", "sixth"),
            ("seven", "seventh"),
            ("eight", "eighth"),
            ("nine", "ninth"),
            ("ten", "tenth"),
            ("eleven", "eleventh"),
            ("twelve", "twelfth"),
        ]
    )
    for word in group
} | {"twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100"}
_PIECES = re.compile(r"([-/])")


def _numbered(short: str, words: list[Word]) -> list[Word]:
    """The words with number words read as digits, when the acronym has digits and the words
    none (`Group of Seven` for G7); spans stay those of the words as written."""
    if not any(c.isdigit() for c in short) or any(c.isdigit() for w in words for c in w.text):
        return words
    out: list[Word] = []
    for w in words:
        pieces = _PIECES.split(w.text)
        swapped = [_number_in(p, short) if i % 2 == 0 else p for i, p in enumerate(pieces)]
        out.append(Word("".join(swapped), w.start, w.end) if swapped != pieces else w)
    return out if any(a is not b for a, b in zip(out, words, strict=True)) else words


def _number_in(word: str, short: str) -> str:
    """A number word as its digits if the acronym has them (`to` in `DEV1` stays a word)."""
    digits = _NUMBER_WORDS.get(word.lower())
    return digits if digits is not None and digits in short else word


_DIGIT_RUN = re.compile(r"[0-9]+")


def _usable_letters(short: str, words: list[Word]) -> str:
    """The letters to match; digits are dropped when no candidate word has them (DEV1, and the
    year in `Conference on Computational Linguistics (COLING-96)` that a `16th` would not give).
    """
    letters = acronym_letters(short)
    if any(c.isdigit() for c in letters) and not all(
        any(run in w.text for w in words) for run in _DIGIT_RUN.findall(short)
    ):
        letters = "".join(c for c in letters if not c.isdigit())
    return letters


def _same_as_short(words: list[Word], short: str) -> bool:
    """A `long form` containing the acronym itself (`CNN (CNN)`, `X + Ave (X)`), or made of single
    letters only, defines nothing."""
    base = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
    if all(len(w.text) == 1 for w in words):
        return True  # `2*P*R / (P+R)`: the letters themselves, in a formula, explain nothing
    if len(words) == 1 and words[0].text.lower() in (short.lower(), base.lower()):
        return True  # `the team (TEAM)`
    return any(w.text in (short, base) for w in words)


def capitalised_name_before(text: str, pos: int, max_words: int = 7) -> tuple[int, int] | None:
    """The capitalised name (`Pakistani Taliban`) ending just before `pos`, as a span."""
    lo = back_window(text, pos, comma_stops=True)
    words = words_between(text, lo, pos)
    if not words or text[words[-1].end : pos].strip(" \t\"'’”“"):
        return None
    taken: list[Word] = []
    for w in reversed(words):
        if w.text[:1].isupper() or (w.text.lower() in NAME_CONNECTORS and taken):
            taken.append(w)
        else:
            break
        if len(taken) > max_words:
            return None
    while taken and not taken[-1].text[:1].isupper():
        taken.pop()  # connectors at the front
    if not taken:
        return None
    taken.reverse()
    if taken[0].text in ("The", "A", "An") and len(taken) > 1:
        taken = taken[1:]
    return taken[0].start, taken[-1].end
