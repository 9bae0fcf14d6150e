"""Indirect (reported) speech: `X claims the group splintered off ...`, `..., sources said.`

Only two precise shapes are taken, in sentences that carry no direct quotation:

* leading: the sentence opens with the speaker and a reporting verb, and the reported clause is
  the rest of the sentence (after `that`, or after the person told);
* trailing: the sentence ends in `, X said` / `, said X` with at most a few words after the verb.

Besides giving `reported` quotes, these sentences tell pronoun resolution who spoke last.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from operator import attrgetter

from reader.analysis.attribution import (
    Document,
    Phrase,
    Tok,
    count_words,
    is_speech_verb,
    subject_after,
    subject_before,
    tokenize,
    tokenize_head,
)
from reader.analysis.name_words import word_set
from reader.analysis.speech_verbs import REPORTING

#: The fewest words a reported clause may have.
MIN_WORDS = 4
_OPENERS = word_set("but and yet so still however meanwhile also")
_TOLD = word_set("told tells tell")
#: A token's lower case, as a C call (the verb test maps it over every sentence head).
_low = attrgetter("low")


def _verb_pattern() -> str:
    """`\\b(?:said|says|...)\\b`, written to open with the verb's first letter (the word-start
    test follows it) so the regex engine skips ahead to those letters."""
    rests: dict[str, list[str]] = {}
    for w in sorted(REPORTING, key=len, reverse=True):
        rests.setdefault(w[0], []).append(w[1:])
    return "|".join(f"{c}(?<!\\w.)(?:{'|'.join(r)})" for c, r in sorted(rests.items()))


#: Any reporting verb as a whole word: a cheap test before tokenising a sentence.
_VERB = re.compile(r"(?:" + _verb_pattern() + r")\b")
#: Any reporting verb anywhere in lower-cased text (no word boundaries: a superset of the tokens
#: whose lower case is one, so a miss means no token can be).
_REPORTING_IN = re.compile("|".join(sorted(REPORTING, key=len, reverse=True))).search


@dataclass(frozen=True, slots=True)
class Reported:
    start: int
    end: int
    phrase: Phrase


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return end


def find_reported(doc: Document, skip: set[int]) -> Iterator[Reported]:
    """Reported speech in every sentence not in `skip` (sentences holding direct quotes).

    Only the head of a sentence (where a leading speaker and verb stand) and its tail after the
    last comma (where a trailing `, X said` stands) are tokenised: linear and cheap.
    """
    text = doc.masked
    for s, (a, b) in enumerate(zip(doc.sent_starts, doc.sent_ends, strict=True)):
        verb = None if s in skip or b - a < 20 else _VERB.search(text, a, b)
        if verb is None:
            continue
        # `_leading` and `_trailing` need a token whose lower case is a reporting verb: a
        # sub-string search in the lower-cased stretch rules most stretches out untokenised
        # (the verb `_VERB` found, when it lies inside the stretch, is one: no search again)
        head = min(b, a + HEAD_CHARS)
        found = None
        if verb.end() <= head or _REPORTING_IN(text[a:head].lower()) is not None:
            # the first `VERB_TOKENS` of the `HEAD_TOKENS` are those `tokenize_head` gives for
            # that limit: the head is tokenised once for the test and for `_leading`
            toks = tokenize_head(text, a, head, HEAD_TOKENS)
            # `_leading` takes only a verb among the first `VERB_TOKENS`: most heads have none
            if not REPORTING.isdisjoint(map(_low, toks[1:VERB_TOKENS])):
                found = _leading(toks, text, b)
        if found is None:
            comma = text.rfind(",", a, b)
            if (
                comma > a
                and (verb.start() > comma or _REPORTING_IN(text[comma + 1 : b].lower()) is not None)
                # `_trailing` takes no tail of more words than this: count them untokenised
                and len(_WORDY_CHUNK.findall(text, comma + 1, b)) <= TAIL_WORDS
            ):
                found = _trailing(a, comma, tokenize(text, comma + 1, b), text)
        if found is not None:
            yield found


#: The most words a trailing `, X said ...` may have.
TAIL_WORDS = 10
#: A run of non-space characters holding a letter or digit: each holds at least one word token
#: (tokens never hold white space), so there are at least as many word tokens as these.
_WORDY_CHUNK = re.compile(r"\S*?[^\W_]\S*")

#: How much of a sentence's start is searched for `X said (that)`.
HEAD_CHARS = 220
#: Tokens `_leading` can look at: a verb among the first 16, `that` within 7 after it, the
#: first word of the clause.
HEAD_TOKENS = 25


#: A leading reporting verb stands among a sentence's first this many tokens.
VERB_TOKENS = 16


def _leading(toks: list[Tok], text: str, end: int) -> Reported | None:
    if len(toks) < 3:
        return None
    for v in range(1, min(len(toks), VERB_TOKENS)):
        t = toks[v]
        if t.low not in REPORTING or not is_speech_verb(toks, v):
            continue
        ph = subject_before(toks, v, text, 0)
        if ph is None:
            return None
        before = [x for x in toks if x.end <= ph.start]
        if any(x.is_word and x.low not in _OPENERS for x in before):
            return None
        rest = toks[v + 1 :]
        start_i = 0
        for i, x in enumerate(rest[:7]):
            if x.low == "that":
                start_i = i + 1
                break
        else:
            if t.low in _TOLD:
                return None  # "told reporters ..." with no clause marker: unclear where it starts
        clause = rest[start_i:]
        if not clause or clause[0].text in ",;:":
            return None
        stop = _trim_end(text, clause[0].start, end)
        if len(text[clause[0].start : stop].split()) < MIN_WORDS:
            return None
        return Reported(clause[0].start, stop, ph)
    return None


def _trailing(a: int, comma: int, tail: list[Tok], text: str) -> Reported | None:
    if not tail or count_words(tail) > TAIL_WORDS or len(text[a:comma].split()) < MIN_WORDS:
        return None
    for k, t in enumerate(tail):
        if t.low not in REPORTING or not is_speech_verb(tail, k):
            continue
        if count_words(tail[k + 1 :]) > 4 and k > 0:
            return None
        if k == 0:
            # `, said X.` ends the sentence; `, said Ivanka Trump's statement didn't ...` is
            # the head of a clause whose speaker stands before the comma
            ph = subject_after(tail, k + 1, text)
            if ph is not None and sum(1 for x in tail if x.is_word and x.start >= ph.end) > 4:
                return None
        else:
            ph = subject_before(tail, k, text, 0)
            if ph is not None and ph.start > tail[0].start:
                return None
        if ph is None:
            return None
        start = a
        while start < comma and text[start].isspace():
            start += 1
        return Reported(start, _trim_end(text, start, comma), ph)
    return None
