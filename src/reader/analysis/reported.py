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

from reader.analysis.attribution import (
    Document,
    Phrase,
    Tok,
    is_speech_verb,
    subject_after,
    subject_before,
    tokenize,
)
from reader.analysis.name_words import word_set
from reader.analysis.speech_verbs import REPORTING

#: The fewest words a reported clause may have.
MIN_WORDS = 4
_OPENERS = word_set("but and yet so still however meanwhile also")
_TOLD = word_set("told tells tell")
_VERB = re.compile(r"\b(?:" + "|".join(sorted(REPORTING, key=len, reverse=True)) + r")\b")


@dataclass(frozen=True, slots=True)
class Reported:
    start: int
    end: int
    phrase: Phrase


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    return end


def _words(toks: list[Tok]) -> int:
    return sum(1 for t in toks if t.is_word)


def find_reported(doc: Document, skip: set[int]) -> Iterator[Reported]:
    """Reported speech in every sentence not in `skip` (sentences holding direct quotes)."""
    text = doc.masked
    for s, (a, b) in enumerate(zip(doc.sent_starts, doc.sent_ends, strict=True)):
        if s in skip or b - a < 20 or _VERB.search(text, a, b) is None:
            continue
        toks = tokenize(text, a, b)
        if len(toks) < 5:
            continue
        found = _leading(toks, text) or _trailing(toks, text)
        if found is not None:
            yield found


def _leading(toks: list[Tok], text: str) -> Reported | None:
    for v in range(1, min(len(toks), 16)):
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
        if _words(clause) < MIN_WORDS or clause[0].text in ",;:":
            return None
        end = _trim_end(text, clause[0].start, clause[-1].end)
        return Reported(clause[0].start, end, ph)
    return None


def _trailing(toks: list[Tok], text: str) -> Reported | None:
    commas = [i for i, t in enumerate(toks) if t.text == ","]
    if not commas:
        return None
    c = commas[-1]
    tail = toks[c + 1 :]
    if not tail or _words(tail) > 10 or _words(toks[:c]) < MIN_WORDS:
        return None
    for k, t in enumerate(tail):
        v = c + 1 + k
        if t.low not in REPORTING or not is_speech_verb(toks, v):
            continue
        if _words(toks[v + 1 :]) > 4 and k > 0:
            return None
        if k == 0:
            ph = subject_after(toks, v + 1, text)
        else:
            ph = subject_before(toks, v, text, c + 1)
            if ph is not None and ph.start > tail[0].start:
                return None
        if ph is None:
            return None
        first = toks[0]
        return Reported(first.start, _trim_end(text, first.start, toks[c].start), ph)
    return None
