"""Find a saved highlight again in a text that may have changed since it was made.

In order: the saved offsets when the text is the same; the exact quote (every occurrence, ranked by
how well the text around it agrees with the saved prefix/suffix, then by nearness to the old
offset); the quote with its whitespace changed; a fuzzy search scored on quote + prefix + suffix
similarity. A fuzzy match must clear an explicit threshold, and when two different places score
within `TIE_MARGIN` of each other we refuse to choose: the highlight becomes an orphan (kept with
its saved quote and offsets). Hypothesis accepts any best-edit-distance match and so sometimes
re-attaches a note to the wrong sentence; a wrong attachment is worse than an honest orphan.

Speed: the fuzzy search first scans a window around the old offset, and then looks at the whole
text only where distinctive pieces ("seeds") of the quote occur exactly, so a 4 MB text is never
scanned with an edit-distance algorithm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from reader.notes.model import Anchor, AnchorStatus, Target, make_target

#: Minimum combined score (quote and context similarity, 0..1) for a fuzzy match.
FUZZY_THRESHOLD = 0.75
#: Minimum similarity of the quote itself for a fuzzy match, whatever the context says.
MIN_QUOTE_SIMILARITY = 0.72
#: Two different candidates within this combined score of each other are a tie: orphan.
TIE_MARGIN = 0.05
#: Weight of the prefix/suffix agreement in the combined score (the quote gets the rest).
CONTEXT_WEIGHT = 0.3
#: Characters searched on each side of the old position before the whole text (plus 4x the quote).
NEAR_WINDOW = 2000
#: Quotes shorter than this are only matched exactly (fuzzy matching of a word or two is guessing).
MIN_FUZZY_LENGTH = 8
#: A seed occurring more often than this is not distinctive and is skipped.
MAX_SEED_HITS = 64
#: Exact occurrences considered at most (a very common short quote).
MAX_OCCURRENCES = 5000
#: A fuzzy match near the old offset scoring this much is taken without searching further.
STRONG_MATCH = 0.9
#: Context agreement that makes a whitespace-changed match near the old offset conclusive.
STRONG_CONTEXT = 0.9
#: At most this many distinct places get their boundaries refined.
MAX_REFINED = 8
#: With several exact occurrences, a best context agreement below this must also be unique.
WEAK_CONTEXT = 0.5
#: ... by at least this much more than the next occurrence, or we refuse to choose.
WEAK_CONTEXT_MARGIN = 0.15


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    quote: float
    context: float

    @property
    def total(self) -> float:
        return (1 - CONTEXT_WEIGHT) * self.quote + CONTEXT_WEIGHT * self.context


def reanchor(target: Target, text: str, *, same_text: bool) -> tuple[Target, Anchor]:
    """Where `target` is in `text` now: the (possibly new) target and how it was found.

    `same_text` says the text's sha256 equals the one the target was made on. An orphan gets the
    unchanged `target` back with status ORPHAN and score 0.
    """
    orphan = (target, Anchor(AnchorStatus.ORPHAN, 0.0))
    quote = target.exact
    if not quote:
        return orphan
    if _is_at(text, target, target.start):
        if same_text:
            return target, Anchor(AnchorStatus.EXACT, 1.0)
        if _context(text, target, target.start, target.end) == 1.0:
            return make_target(text, target.start, target.end), Anchor(AnchorStatus.EXACT, 1.0)

    found = _exact(target, text)
    if found is _AMBIGUOUS:
        return orphan
    if isinstance(found, _Candidate):
        status = AnchorStatus.EXACT if found.start == target.start else AnchorStatus.MOVED
        return _result(text, found, status)

    found = _whitespace_changed(target, text)
    if found is _AMBIGUOUS:
        return orphan
    if isinstance(found, _Candidate):
        return _result(text, found, AnchorStatus.FUZZY)

    if len(quote.strip()) < MIN_FUZZY_LENGTH:
        return orphan
    best = _fuzzy(target, text)
    if best is None:
        return orphan
    return _result(text, best, AnchorStatus.FUZZY)


def _result(text: str, c: _Candidate, status: AnchorStatus) -> tuple[Target, Anchor]:
    return make_target(text, c.start, c.end), Anchor(status, round(c.total, 4))


class _Ambiguous:
    """Marker: candidates exist but none can be chosen."""


_AMBIGUOUS = _Ambiguous()


def _is_at(text: str, target: Target, start: int) -> bool:
    return start >= 0 and text[start : start + len(target.exact)] == target.exact


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return float(fuzz.ratio(a, b)) / 100.0


def _context(text: str, target: Target, start: int, end: int) -> float:
    """Agreement (0..1) of the text around start:end with the saved prefix and suffix."""
    if target.prefix:
        before = _similarity(target.prefix, text[max(0, start - len(target.prefix)) : start])
    else:  # the quote was at the very start of the text
        before = 1.0 if start == 0 else 0.5
    if target.suffix:
        after = _similarity(target.suffix, text[end : end + len(target.suffix)])
    else:
        after = 1.0 if end == len(text) else 0.5
    return (before + after) / 2


def _choose(cands: list[_Candidate], old_start: int) -> _Candidate | _Ambiguous:
    """Best exact(-ish) occurrence: context agreement first, nearness to the old offset second.

    Refuses when the best agreement is weak and another occurrence agrees about as well: then the
    surrounding text no longer tells which one was meant.
    """
    ranked = sorted(cands, key=lambda c: (-round(c.context, 2), abs(c.start - old_start)))
    best = ranked[0]
    if len(ranked) > 1 and best.context < WEAK_CONTEXT:
        second = ranked[1]
        if best.context - second.context < WEAK_CONTEXT_MARGIN:
            return _AMBIGUOUS
    return best


def _exact(target: Target, text: str) -> _Candidate | _Ambiguous | None:
    quote, old = target.exact, target.start
    n = len(quote)
    # Near the old position first: an occurrence whose context agrees fully cannot be beaten.
    lo, hi = _window(target, len(text))
    local: list[_Candidate] = []
    pos = text.find(quote, lo, hi)
    while pos != -1:
        local.append(_Candidate(pos, pos + n, 1.0, _context(text, target, pos, pos + n)))
        pos = text.find(quote, pos + 1, hi)
    perfect = [c for c in local if c.context == 1.0]
    if perfect:
        return min(perfect, key=lambda c: abs(c.start - old))
    cands: list[_Candidate] = []
    pos = text.find(quote)
    while pos != -1 and len(cands) < MAX_OCCURRENCES:
        cands.append(_Candidate(pos, pos + n, 1.0, _context(text, target, pos, pos + n)))
        pos = text.find(quote, pos + 1)
    if not cands:
        return None
    return _choose(cands, old)


def _whitespace_changed(target: Target, text: str) -> _Candidate | _Ambiguous | None:
    """The quote with any run of whitespace matching any other run (re-wrapped text).

    The regex runs near the old position first; elsewhere only around occurrences of the quote's
    longest word (found with a plain substring search). If that word is everywhere, the fuzzy
    search (which also accepts whitespace changes, at a lower score) takes over.
    """
    words = target.exact.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    n = len(target.exact)
    lo, hi = _window(target, len(text))
    local = [_ws_candidate(target, text, m) for m in pattern.finditer(text, lo, hi)]
    near = [c for c in local if c.context >= STRONG_CONTEXT]
    if near:
        return min(near, key=lambda c: abs(c.start - target.start))
    longest = max(words, key=len)
    hits = _find_all(text, longest, MAX_SEED_HITS)
    found: dict[int, _Candidate] = {c.start: c for c in local}
    matches: list[re.Match[str]] = []
    if hits is not None:  # (a word found everywhere gives no lead: the fuzzy search follows)
        slack = 2 * n + 16
        matches = [m for h in hits for m in pattern.finditer(text, max(0, h - slack), h + slack)]
    for m in matches:
        if m.start() not in found:
            found[m.start()] = _ws_candidate(target, text, m)
    if not found:
        return None
    return _choose(list(found.values()), target.start)


def _ws_candidate(target: Target, text: str, m: re.Match[str]) -> _Candidate:
    s, e = m.span()
    return _Candidate(s, e, _similarity(target.exact, text[s:e]), _context(text, target, s, e))


def _window(target: Target, size: int) -> tuple[int, int]:
    """The region searched first: NEAR_WINDOW (+4x the quote) on each side of the old offset."""
    n = len(target.exact)
    centre = min(target.start, size)
    return max(0, centre - NEAR_WINDOW - 4 * n), min(size, centre + n + NEAR_WINDOW + 4 * n)


def _find_all(text: str, piece: str, limit: int) -> list[int] | None:
    """Every offset of `piece` in `text`, or None if there are more than `limit`."""
    hits: list[int] = []
    pos = text.find(piece)
    while pos != -1:
        if len(hits) == limit:
            return None
        hits.append(pos)
        pos = text.find(piece, pos + 1)
    return hits


def _align(quote: str, text: str, lo: int, hi: int, cutoff: float) -> tuple[float, int, int] | None:
    """The best alignment of `quote` inside text[lo:hi] scoring >= cutoff (0..100):
    (score, absolute start, absolute end)."""
    region = text[lo:hi]
    if not region:
        return None
    res = fuzz.partial_ratio_alignment(quote, region, score_cutoff=cutoff)
    if res is None:
        return None
    if len(region) >= len(quote):
        return res.score, lo + res.dest_start, lo + res.dest_end
    return res.score, lo, hi  # the region is shorter than the quote: the candidate as a whole


def _refine(target: Target, text: str, start: int, end: int) -> _Candidate:
    """Nudge the boundaries of an alignment (the quote may have grown or shrunk), maximising the
    combined score, so that surviving prefix/suffix text pins where the passage now begins/ends."""
    quote = target.exact
    d = max(3, min(40, len(quote) // 8))
    n = len(text)

    def score(s: int, e: int) -> _Candidate:
        return _Candidate(s, e, _similarity(quote, text[s:e]), _context(text, target, s, e))

    best = score(start, end)
    for s in range(max(0, start - d), min(end - 1, start + d) + 1):
        c = score(s, best.end)
        if c.total > best.total:
            best = c
    for e in range(max(best.start + 1, end - d), min(n, end + d) + 1):
        c = score(best.start, e)
        if c.total > best.total:
            best = c
    start, end = best.start, best.end
    # Do not cut a word the quote did not cut.
    if quote[:1].isalnum() and not target.prefix[-1:].isalnum():
        while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
    if quote[-1:].isalnum() and not target.suffix[:1].isalnum():
        while end < n and text[end].isalnum() and text[end - 1].isalnum():
            end += 1
    # Do not start or end on whitespace the quote did not have.
    while start < end - 1 and text[start].isspace() and not quote[:1].isspace():
        start += 1
    while end > start + 1 and text[end - 1].isspace() and not quote[-1:].isspace():
        end -= 1
    return score(start, end)


def _seeds(quote: str) -> list[tuple[int, str]]:
    """Up to six evenly spread pieces of the quote, (offset in quote, piece)."""
    n = len(quote)
    k = max(MIN_FUZZY_LENGTH, min(24, n // 4))
    if n <= k:
        return []
    count = min(6, max(2, n // k))
    step = (n - k) / (count - 1)
    pieces = [(round(i * step), quote[round(i * step) : round(i * step) + k]) for i in range(count)]
    return [(o, p) for o, p in pieces if p.strip()]


def _fuzzy(target: Target, text: str) -> _Candidate | None:
    quote = target.exact
    n, size = len(quote), len(text)
    cutoff = MIN_QUOTE_SIMILARITY * 100 - 10
    # 1. A window around the old position: the best alignment, then (recursively) the best in
    # what is left on either side of it, so that two close variants are both seen.
    lo, hi = _window(target, size)
    spans: list[tuple[float, int, int]] = []
    todo = [(lo, hi)]
    while todo and len(spans) < 32:
        a, b = todo.pop()
        found = _align(quote, text, a, b, cutoff)
        if found is None:
            continue
        spans.append(found)
        for part in ((a, found[1]), (found[2], b)):
            if part[1] - part[0] >= n * MIN_QUOTE_SIMILARITY:
                todo.append(part)
    local = _rank(target, text, spans)
    if local and local[0].total >= STRONG_MATCH and _decided(local) is local[0]:
        # The old place, barely changed, between its old neighbours: nothing elsewhere can
        # beat it by more than the context it lacks, so the whole text need not be searched.
        return local[0]
    # 2. The whole text, only where a distinctive piece of the quote occurs exactly.
    slack = n // 2 + 8
    for offset, piece in _seeds(quote):
        hits = _find_all(text, piece, MAX_SEED_HITS)
        for hit in hits or ():
            guess = hit - offset
            if lo <= guess and guess + n <= hi:
                continue  # already covered by the window scan
            found = _align(quote, text, max(0, guess - slack), min(size, guess + n + slack), cutoff)
            if found:
                spans.append(found)
    best = _decided(_rank(target, text, spans))
    if best is None or best.total < FUZZY_THRESHOLD or best.quote < MIN_QUOTE_SIMILARITY:
        return None
    return best


def _rank(target: Target, text: str, spans: list[tuple[float, int, int]]) -> list[_Candidate]:
    """Refined candidates, best first. Only the alignments that could matter are refined: one per
    place (overlapping alignments are the same place), the best few by alignment score."""
    places: list[tuple[float, int, int]] = []
    for span in sorted(set(spans), reverse=True):
        if all(_span_overlap(span[1:], p[1:]) <= 0.5 for p in places):
            places.append(span)
    cands: dict[tuple[int, int], _Candidate] = {}
    for _, s0, e0 in places[:MAX_REFINED]:
        c = _refine(target, text, s0, e0)
        cands.setdefault((c.start, c.end), c)
    return sorted(cands.values(), key=lambda c: (-c.total, abs(c.start - target.start)))


def _decided(ranked: list[_Candidate]) -> _Candidate | None:
    """The best candidate, or None when another place scores within TIE_MARGIN of it."""
    if not ranked:
        return None
    best = ranked[0]
    for other in ranked[1:]:
        if _overlap(best, other) > 0.5:
            continue  # the same place, aligned slightly differently
        if best.total - other.total < TIE_MARGIN:
            return None  # two places fit about equally well: refuse to guess
        break
    return best


def _span_overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    shorter = min(a[1] - a[0], b[1] - b[0])
    return inter / shorter if shorter > 0 else 0.0


def _overlap(a: _Candidate, b: _Candidate) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    shorter = min(a.end - a.start, b.end - b.start)
    return inter / shorter if shorter > 0 else 0.0
