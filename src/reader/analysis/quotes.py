"""The speaker index: every quotation in an article, who said it, and the people who speak.

Rule-based and fast (regular expressions and word lists, no model): quotation spans come from
`quote_spans`, the attribution patterns and speaker phrases from `attribution`, and the people
(name merging, pronouns, descriptions, anonymous sources) from `speakers`. Core module: no screen.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter, itemgetter
from typing import Any

from reader.analysis import two_process
from reader.analysis.attribution import (
    Attribution,
    Document,
    Phrase,
    _orgish,
    sentence_subject,
    tokenize,
)
from reader.analysis.name_words import word_set
from reader.analysis.quote_reading import is_nickname, read_attributions
from reader.analysis.quote_spans import QuoteSpan, find_quote_spans
from reader.analysis.reported import Reported, find_reported
from reader.analysis.speakers import Entity, Registry
from reader.article import Article, BlockKind


class QuoteKind(StrEnum):
    DIRECT = "direct"
    FRAGMENT = "fragment"
    REPORTED = "reported"


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation as typeset: `start:end` runs from the opening mark through the closing one,
    and `text == article.text[start:end]`.

    A quote running over several paragraphs is one `Quote`, from its first opening mark to its
    last closing mark (or to the end of its last paragraph when that mark is omitted). Reported
    speech has no marks: its span is the reported clause.
    """

    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: int | None  # index into SpeakerIndex.speakers

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": str(self.kind)}


@dataclass(frozen=True, slots=True)
class Speaker:
    index: int
    name: str
    description: str
    anonymous: bool
    aliases: tuple[str, ...]
    quotes: tuple[Quote, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "anonymous": self.anonymous,
            "aliases": list(self.aliases),
            "quotes": [q.to_json() for q in self.quotes],
        }


@dataclass(frozen=True, slots=True)
class PullQuote:
    """A publisher's pull quote and the body quote it repeats (None when it repeats no quote)."""

    start: int
    end: int
    text: str
    quote: Quote | None


@dataclass(frozen=True)
class SpeakerIndex:
    speakers: tuple[Speaker, ...]  # order of first appearance
    unattributed: tuple[Quote, ...]
    #: Quoted words that are nobody's speech: scare quotes, names, titles ("whack-a-mole").
    scare_quotes: tuple[tuple[int, int], ...] = ()
    pull_quotes: tuple[PullQuote, ...] = ()
    _order: tuple[Quote, ...] = field(default=(), repr=False, compare=False)
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        quotes = [q for s in self.speakers for q in s.quotes] + list(self.unattributed)
        # reported speech may contain a quoted fragment: the inner (shorter) one comes later
        quotes.sort(key=lambda q: (q.start, -q.end))
        object.__setattr__(self, "_order", tuple(quotes))
        object.__setattr__(self, "_starts", tuple(q.start for q in quotes))

    @property
    def quotes(self) -> tuple[Quote, ...]:
        """Every quote (attributed or not) in text order."""
        return self._order

    def to_json(self) -> dict[str, Any]:
        return {
            "speakers": [s.to_json() for s in self.speakers],
            "unattributed": [q.to_json() for q in self.unattributed],
            "pull_quotes": [
                {
                    "start": p.start,
                    "end": p.end,
                    "text": p.text,
                    "repeats": None if p.quote is None else [p.quote.start, p.quote.end],
                }
                for p in self.pull_quotes
            ],
        }

    def quote_at(self, offset: int) -> Quote | None:
        """The innermost quote covering `offset` (end exclusive)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        best: Quote | None = None
        # quotes do not nest more than one level, so a short look back is enough
        for j in range(i, max(-1, i - 4), -1):
            q = self._order[j]
            if q.start <= offset < q.end and (
                best is None or q.end - q.start < best.end - best.start
            ):
                best = q
        return best

    def speaker_for_span(self, start: int, end: int) -> Speaker | None:
        """The speaker of the quote that contains the whole span [start, end)."""
        q = self.quote_at(start)
        if q is None or end > q.end or q.speaker is None:
            return None
        return self.speakers[q.speaker]

    def speaker_named(self, name: str) -> Speaker | None:
        low = name.lower()
        for s in self.speakers:
            if s.name.lower() == low or any(a.lower() == low for a in s.aliases):
                return s
        return None


#: How many quotes before and after a pull quote may be the one it repeats.
PULL_QUOTE_WINDOW = 12
#: Share of a pull quote's words a body quote must hold to be the one it repeats.
PULL_SHARE = 0.6
_BODY = (BlockKind.PARAGRAPH, BlockKind.HEADING, BlockKind.BIO, BlockKind.BYLINE)
_WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*")
_END_PUNCT = ".?!…"


@dataclass
class _Decision:
    span: QuoteSpan
    kind: QuoteKind | None  # None: a scare quote, nobody's words
    entity: Entity | None = None
    how: str = ""


#: Quotes per piece of the reading work that the two processes share.
READ_CHUNK = 256


def analyse_quotes(article: Article, *, parallel: bool | None = None) -> SpeakerIndex:
    """Find, classify and attribute every quotation in `article`.

    The work that reads each quote and sentence on its own (attribution clauses, reported
    speech) is shared with a second process when `parallel` is true; by default, when the text
    is long and the machine has a second core. The result is the same either way.
    """
    text = article.text
    paragraphs = [(b.start, b.end) for b in article.blocks if b.kind in _BODY]
    spans = find_quote_spans(text, paragraphs)
    doc = Document(text, paragraphs, spans)
    shapes = [_Shape.of(text[sp.start : sp.end]) for sp in spans]
    skip = _direct_speech_sentences(doc, spans, shapes)
    reg = Registry(doc)

    def read_range(lo: int, hi: int) -> list[Attribution | None]:
        return read_attributions(doc, spans, lo, hi)

    def reported() -> list[Reported]:
        return list(find_reported(doc, skip))

    # the registry's mention scan runs here; reported speech and the clauses, maybe elsewhere
    reported_speech, parts = two_process.run(
        parallel, len(text), len(spans), READ_CHUNK, read_range, reg.scan_mentions, reported
    )
    atts = [att for part in parts for att in part]
    decisions = _attribute_all(doc, reg, spans, shapes, atts, reported_speech)
    _inherit(doc, reg, decisions)
    return _build(article, decisions)


def _words(s: str) -> int:
    return len(s.split())


_SMALL = frozenset(
    ("of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "by", "with", "from", "or", "as")
)


def _title_case(s: str) -> bool:
    """Every word capitalised but small ones (`Mother Of All Bombs`); stops at the first that
    is not, so a long quotation costs little."""
    first = True
    for m in _WORD.finditer(s):
        w = m.group()
        if first:
            if not w[0].isupper():
                return False
            first = False
        elif not (w[0].isupper() or w.lower() in _SMALL):
            return False
    return not first


@dataclass(slots=True)
class _Shape:
    """What `_kind` reads of a quotation's words, worked out once per quote: the pass that finds
    the sentences holding direct speech and the attribution pass both ask."""

    content: str
    n: int  # words
    last: str  # last non-space character
    ends: bool  # ends in punctuation
    may_title: bool  # could be a title in quotes (`"Face the Nation,"`)
    titled: bool | None = None  # `_title_case(content)`, computed when first asked

    @classmethod
    def of(cls, content: str) -> _Shape:
        n = _words(content)
        last = content.rstrip()[-1:]
        ends = last in _END_PUNCT + ",—-"
        return cls(content, n, last, ends, not ends or (n >= 2 and last in ",."))

    def title_case(self) -> bool:
        if self.titled is None:
            self.titled = _title_case(self.content)
        return self.titled


def _kind(content: str, att: Attribution | None, shape: _Shape | None = None) -> QuoteKind | None:
    """Direct, fragment, or None for a scare quote; `shape` is `_Shape.of(content)` when known."""
    sh = _Shape.of(content) if shape is None else shape
    n, ends, may_title = sh.n, sh.ends, sh.may_title
    # a title or name in quotes: every word capitalised, maybe with the comma or full stop
    # that US style puts inside the marks (`"Face the Nation,"`, `“Fox and Friends.”`)
    # `titled` is only needed for short quotes (and unattributed ones): computed when asked
    if att is None:
        sentence_like = content[:1].isupper() and ends
        titled = may_title and sh.title_case()
        if n >= 5 and not titled:
            return QuoteKind.DIRECT
        if n >= 3 and sentence_like and not (n <= 6 and titled):
            return QuoteKind.DIRECT
        return None
    if att.how in ("after", "according"):
        if n <= 5 and may_title and sh.title_case():
            return None
        return QuoteKind.DIRECT if (n >= 3 or ends) else QuoteKind.FRAGMENT
    if n <= 6 and may_title and sh.title_case():
        return None
    if att.tight and (n >= 3 or content[:1].isupper()):
        return QuoteKind.DIRECT
    if n >= 6:
        return QuoteKind.DIRECT
    return QuoteKind.FRAGMENT


#: Sort keys as C calls (no Python frame per item): (span start, span end) of a decision,
#: (start, end) of a merged run, a quote's start.
_span_order = attrgetter("span.start", "span.end")
_run_order = itemgetter(0, 1)
_quote_start = attrgetter("start")


def _direct_speech_sentences(
    doc: Document, spans: list[QuoteSpan], shapes: list[_Shape]
) -> set[int]:
    """The sentences holding a quote that reads as direct speech: no reported speech there."""
    skip: set[int] = set()
    for sp, shape in zip(spans, shapes, strict=True):
        if shape.n >= 3 and _kind(shape.content, None, shape) is not None:
            skip.add(doc.sentence_of(sp.open))
            skip.add(doc.sentence_of(max(sp.open, sp.end - 1)))
    return skip


def _attribute_all(
    doc: Document,
    reg: Registry,
    spans: list[QuoteSpan],
    shapes: list[_Shape],
    atts: list[Attribution | None],
    reported: list[Reported],
) -> list[_Decision]:
    """Resolve quotes and reported speech in text order, so each pronoun sees who spoke before;
    `atts` are the quotes' attribution clauses, read beforehand (`quote_reading`)."""
    pronouns = _pronoun_subjects(doc)
    out: list[_Decision] = []
    found: list[_Decision] = []
    r = p = 0
    for i, sp in enumerate(spans):
        while True:
            if (
                p < len(pronouns)
                and pronouns[p][0] < sp.open
                and (r >= len(reported) or pronouns[p][0] < reported[r].start)
            ):
                _take_pronoun(reg, *pronouns[p])
                p += 1
            elif r < len(reported) and reported[r].start < sp.open:
                _take_reported(doc, reg, reported[r], found)
                r += 1
            else:
                break
        out.append(_attribute_one(doc, reg, sp, shapes[i], atts[i], out[-1] if out else None))
    while r < len(reported):
        _take_reported(doc, reg, reported[r], found)
        r += 1
    return sorted(out + found, key=_span_order)


#: A sentence whose subject is `he` or `she`, maybe after a connective or an opener and a comma.
_PRONOUN_START = re.compile(
    r"(?:(?:But|And|Yet|So|Still|Then|Later|Now|Also|However,)\s+|[^,.;:!?~]{3,80},\s+)?"
    r"(He|She|he|she)\s+(?![-—–])"
)


def _pronoun_subjects(doc: Document) -> list[tuple[int, str]]:
    """`He`/`she` as the subject of a sentence: resolved in text order, these keep track of who
    the story is following, so a later `he said` refers to the same person."""
    out: list[tuple[int, str]] = []
    masked = doc.masked
    for a, b in zip(doc.sent_starts, doc.sent_ends, strict=True):
        m = _PRONOUN_START.match(masked, a, b)
        if m is not None and (m.group(1)[0].isupper() or m.start(1) > a):
            out.append((m.start(1), m.group(1)))
    return out


def _take_pronoun(reg: Registry, offset: int, word: str) -> None:
    ent = reg.resolve_pronoun(word, offset, sure=True)
    if ent is not None:
        reg.note(offset, ent, "subject")


def _take_reported(doc: Document, reg: Registry, rep: Reported, out: list[_Decision]) -> None:
    ent = reg.resolve(rep.phrase, rep.phrase.start)
    if ent is None:
        return
    reg.note(rep.phrase.start, ent, "speaker")
    if ent.kind == "org":
        return
    para = doc.sent_para[doc.sentence_of(rep.start)]
    span = QuoteSpan(rep.start, rep.start, rep.end, rep.end, para, True)
    out.append(_Decision(span, QuoteKind.REPORTED, ent, "reported"))


def _attribute_one(
    doc: Document,
    reg: Registry,
    sp: QuoteSpan,
    shape: _Shape,
    att: Attribution | None,
    prev: _Decision | None = None,
) -> _Decision:
    if is_nickname(doc, sp):
        return _Decision(sp, None)  # a nickname inside a name (`Earvin "Magic" Johnson`)
    content = shape.content
    label = _speaker_label(content)
    if label is not None:
        # a transcript line (`"WALLACE: Let's start ...`): the label names who speaks
        phrase = Phrase("name", label, sp.start, sp.start + len(label), name=_label_name(label))
        ent = reg.resolve(phrase, sp.start)
        if ent is not None:
            reg.note(sp.start, ent, "speaker")
            return _Decision(sp, QuoteKind.DIRECT, ent, "label")
    kind = _kind(content, att, shape)
    split = None if kind is not None or prev is None else _split_second(doc, prev, sp)
    if split is not None:
        # `"Here comes the boss," she said. "The Boss."`: the second part of a split quote is
        # the speaker's words even when they read like a title
        reg.note(sp.open, split, "speaker")
        return _Decision(sp, QuoteKind.DIRECT, split, "split")
    if kind is None and att is None:
        who = _characterised_by(doc, reg, sp, shape)
        if who is not None:
            reg.note(sp.open, who, "speaker")
            return _Decision(sp, QuoteKind.FRAGMENT, who, "as")
    d = _Decision(sp, kind)
    if att is not None and kind is not None:
        ent = reg.resolve(att.phrase, att.phrase.start)
        if ent is None and att.phrase.kind == "pronoun" and att.phrase.text.lower() == "it":
            ent = _sentence_organisation(doc, reg, att.phrase.start)
        if ent is not None:
            d.entity = ent
            d.how = att.how
            reg.note(att.phrase.start, ent, "speaker")
    return d


#: Most words of a characterisation in quotes (`admires Putin as a "strong leader"`).
CHARACTER_WORDS = 6
#: `as`, maybe with an article, right before a quote; not `known as`, `such as`, `well as`.
_AS_BEFORE = re.compile(r"(?<!known )(?<!such )(?<!well )(?<!same )\bas\s+(?:(?:a|an|the)\s+)?$")


def _characterised_by(doc: Document, reg: Registry, sp: QuoteSpan, shape: _Shape) -> Entity | None:
    """`Trump openly admires Putin as a "strong leader"`: the quoted words that describe
    someone as something are the sentence's subject's, when that subject is named. (Titles and
    names in quotes, `hailed him as "The Comeback Kid"`, stay nobody's words.)"""
    if (
        shape.n > CHARACTER_WORDS
        or _AS_BEFORE.search(doc.masked, max(0, sp.open - 16), sp.open) is None
    ):
        return None
    if shape.title_case():
        return None
    start = doc.sent_starts[doc.sentence_of(sp.open)]
    if sp.open - start > ORG_REACH:
        return None
    ph = sentence_subject(tokenize(doc.masked, start, sp.open), doc.masked)
    if ph is None or ph.kind != "name":
        return None
    return reg.resolve(ph, ph.start)


#: Most words of the attribution clause between the two parts of a split quote.
SPLIT_GAP_WORDS = 8
#: The gap between the parts of a split quote: a comma or dash, the attribution clause, and a
#: full stop or comma (`," she said, clapping. "`).
_SPLIT_GAP = re.compile(r"\s*[,\u2014\u2013-]?[^.?!;:~]+[.,:]\s*")


def _split_second(doc: Document, prev: _Decision, sp: QuoteSpan) -> Entity | None:
    """The speaker when `sp` is the second part of a split quote: the previous quote in its
    paragraph is attributed by the clause right after it, and only that clause separates them."""
    before = prev.span
    if (
        prev.how != "after"
        or prev.entity is None
        or prev.kind is None
        or before.paragraph != sp.paragraph
        or not before.closed
    ):
        return None
    gap = doc.masked[before.close : sp.open]
    if len(gap.split()) > SPLIT_GAP_WORDS or _SPLIT_GAP.fullmatch(gap) is None:
        return None
    return prev.entity


#: How far into its sentence `it` may stand from the organisation that opens it.
ORG_REACH = 400


def _sentence_organisation(doc: Document, reg: Registry, offset: int) -> Entity | None:
    """`The Security Council on Friday ... pledged sanctions against what it called "..."`:
    an `it` with no earlier referent is the organisation named at the head of its sentence."""
    start = doc.sent_starts[doc.sentence_of(offset)]
    if offset - start > ORG_REACH:
        return None
    ph = sentence_subject(tokenize(doc.masked, start, offset), doc.masked)
    if ph is None or ph.kind != "name" or not _orgish(ph.name):
        return None
    return reg.by_name(ph.name, ph.titles)


#: A transcript's speaker label opening a quotation: one to three capitalised words and a colon.
_LABEL = re.compile(r"([A-Z][A-Z’'.-]+(?: [A-Z][A-Z’'.-]+){0,2}):\s+\S")
#: Labels that head a note, not a speaker's line.
_NOT_LABELS = word_set(
    """NOTE UPDATE UPDATED BREAKING CORRECTION EDITOR EDITORS WARNING ALERT EXCLUSIVE WATCH
    LISTEN READ MORE RELATED PHOTOS VIDEO TRANSCRIPT SOURCE SOURCES PS NB FYI RE FW FWD
    SUBJECT FROM TO DATE CC BCC TITLE QUESTION ANSWER Q A"""
)


def _speaker_label(content: str) -> str | None:
    """`WALLACE` in `WALLACE: Let's start ...`: an upper-case name and a colon opening the
    quotation, as in debate and interview transcripts (a note heading like `UPDATE:` is not)."""
    m = _LABEL.match(content)
    if m is None:
        return None
    label = m.group(1)
    words = label.split()
    if any(w.strip(".") in _NOT_LABELS for w in words) or len(label.replace(".", "")) < 3:
        return None
    return label


def _label_name(label: str) -> tuple[str, ...]:
    return tuple(w[:1] + w[1:].lower() for w in label.split())


def _inherit(doc: Document, reg: Registry, decisions: list[_Decision]) -> None:
    """Quotes with no attribution of their own: continuing quotes and quote-only paragraphs."""
    # multi-paragraph quotes share one speaker, wherever the attribution stood
    quoted = [d for d in decisions if d.how != "reported"]
    _lists(doc, quoted)
    for forward in (True, False):
        seq = quoted if forward else quoted[::-1]
        prev: _Decision | None = None
        for d in seq:
            linked = prev is not None and (
                (forward and d.span.continued and prev.span.continues)
                or (not forward and prev.span.continued and d.span.continues)
            )
            if linked and prev is not None and d.entity is None and prev.entity is not None:
                d.entity, d.how = prev.entity, "continued"
                if d.kind is None:
                    d.kind = QuoteKind.DIRECT
            prev = d
    last_by_para: dict[int, _Decision] = {}
    decisions = quoted
    # the index of each paragraph's last quote, found once (walking to it from every quote
    # was quadratic in a paragraph of many quotes)
    last_in_para = {d.span.paragraph: k for k, d in enumerate(decisions)}
    for i, d in enumerate(decisions):
        sp = d.span
        if d.entity is None and d.kind is QuoteKind.DIRECT:
            ent = _inherited(doc, reg, decisions, i, last_by_para, last_in_para)
            if ent is not None:
                d.entity, d.how = ent, "inherited"
                reg.note(sp.open, ent, "speaker")
        if d.entity is not None:
            last_by_para[sp.paragraph] = d


#: What may stand between the items of a list of quoted words: `a "A," an "B" and "C"`,
#: `a "A" who is "B"`. Commas and a few small words, nothing that ends a sentence.
_LIST_GLUE = re.compile(
    r"(?:[\s,]|\b(?:and|or|nor|a|an|the|who|is|was|as|but|also|even|then|not|by|with)\b){0,12}"
)
_LIST_GLUE_WORDS = 4
_PREPOSITION_GLUE = re.compile(r"\b(?:by|with)\b")


def _lists(doc: Document, quoted: list[_Decision]) -> None:
    """`X called Y a "A," a "B" and a "C."`: the quoted items of a list are all the words of
    the speaker of its first item (each item alone is too short to be attributed, and the
    verb stands before the first one only)."""
    prev: _Decision | None = None
    for d in quoted:
        if (
            prev is not None
            and prev.entity is not None
            and prev.kind is not None
            and prev.how != "after"  # `... "A," X said, and "B"`: the verb stands between
            and d.entity is None
            and d.span.paragraph == prev.span.paragraph
            and prev.span.closed
        ):
            gap = doc.masked[prev.span.close : d.span.open]
            m = _LIST_GLUE.fullmatch(gap)
            if (
                m is not None
                and len(gap.split()) <= _LIST_GLUE_WORDS
                # `"A" by "The Times"`: a title after a preposition is no item of the list
                and not (
                    d.kind is None
                    and _PREPOSITION_GLUE.search(gap)
                    and _title_case(doc.text[d.span.start : d.span.end])
                )
            ):
                d.entity, d.how = prev.entity, "list"
                if d.kind is None:
                    d.kind = QuoteKind.FRAGMENT
        prev = d


def _inherited(
    doc: Document,
    reg: Registry,
    decisions: list[_Decision],
    i: int,
    last_by_para: dict[int, _Decision],
    last_in_para: dict[int, int],
) -> Entity | None:
    d = decisions[i]
    sp = d.span
    lo, _ = doc.paragraphs[sp.paragraph]
    same = last_by_para.get(sp.paragraph)
    if same is not None and same.entity is not None:
        return same.entity
    # "A." "B," he said: the next quote of the paragraph, nothing but space in between
    if i + 1 < len(decisions):
        nxt = decisions[i + 1]
        if (
            nxt.span.paragraph == sp.paragraph
            and nxt.entity is not None
            and nxt.how in ("after", "before")
            and not doc.text[sp.close : nxt.span.open].strip(" \t,")
        ):
            return nxt.entity
    # a credit line (`"..." ― Name`) ending the paragraph credits all its words; it also closes
    # that voice: a credited quote is never continued by the next paragraph
    last = last_in_para[sp.paragraph]
    if _credited(doc, decisions[last].span):
        return decisions[last].entity
    if _blank(doc.masked, lo, sp.open):
        # a paragraph that opens with a quote: the speaker of the previous paragraph(s)
        for back in (1, 2):
            prev = last_by_para.get(sp.paragraph - back)
            if prev is not None and prev.entity is not None:
                return None if _credited(doc, prev.span) else prev.entity
        sent = doc.sentence_of(sp.open) - 1
        if sent >= 0 and doc.sent_para[sent] == sp.paragraph - 1:
            return _subject_of(reg, sent)
        return None
    # "Kohistani drew a more direct line. "...": the subject of the sentence before
    sent = doc.sentence_of(sp.open)
    if doc.sent_starts[sent] <= lo or not _blank(doc.masked, doc.sent_starts[sent], sp.open):
        return None
    return _subject_of(reg, sent - 1)


_NON_SPACE = re.compile(r"\S")


def _blank(text: str, start: int, end: int) -> bool:
    """Only white space in `text[start:end]`? Found without copying the span, which may be a
    whole paragraph or sentence, once per quote in it."""
    return _NON_SPACE.search(text, start, end) is None


#: Most words a credit line after a quote may have (`― Julie A. Diaz Martinez, 34, Texas`).
CREDIT_WORDS = 8


def _credited(doc: Document, sp: QuoteSpan) -> bool:
    """Is the quote followed, to its paragraph's end, by a dash and a short capitalised credit
    (`"..." ― Francisco Herrero`), as in lists of readers' comments?"""
    if not sp.closed:
        return False
    _, hi = doc.paragraphs[sp.paragraph]
    after = doc.masked[sp.close : hi].strip()
    if after[:1] not in ("―", "—", "–"):
        return False
    rest = after[1:].strip()
    return rest[:1].isupper() and len(rest.split()) <= CREDIT_WORDS


def _subject_of(reg: Registry, sent: int) -> Entity | None:
    for ev in sorted(reg.events.get(sent, []), key=lambda ev: ev.offset):
        if ev.role in ("subject", "speaker"):
            e = reg.entities[ev.entity]
            if e.kind != "org":
                return e
    return None


def _merge_runs(decisions: list[_Decision]) -> list[tuple[int, int, _Decision]]:
    """(start, end, decision) of every quote to report, marks included; the pieces of a
    multi-paragraph quote (closing mark omitted, the next paragraph reopening) become one."""
    out: list[tuple[int, int, _Decision]] = []
    prev: _Decision | None = None  # the last quoted (not reported) decision, any kind
    run: int | None = None  # index in `out` of the run `prev` belongs to
    for d in decisions:
        sp = d.span
        if d.how == "reported":
            if d.kind is not None:
                out.append((sp.start, sp.end, d))
            continue
        linked = (
            prev is not None
            and run is not None
            and prev.span.continues
            and sp.continued
            and d.kind is not None
            and (d.entity is None or prev.entity is None or d.entity is prev.entity)
        )
        if linked and run is not None:
            start, _, first = out[run]
            if first.entity is None:
                first.entity, first.how = d.entity, d.how
            if d.kind is QuoteKind.DIRECT:
                first.kind = QuoteKind.DIRECT
            out[run] = (start, sp.close, first)
        elif d.kind is not None:
            out.append((sp.open, sp.close, d))
            run = len(out) - 1
        else:
            run = None
        prev = d
    out.sort(key=_run_order)
    return out


def _build(article: Article, decisions: list[_Decision]) -> SpeakerIndex:
    text = article.text
    order: list[int] = []
    quotes_of: dict[int, list[Quote]] = {}
    unattributed: list[Quote] = []
    scare = [(d.span.open, d.span.close) for d in decisions if d.kind is None]
    merged = _merge_runs(decisions)
    for _, _, d in merged:
        if d.entity is not None and d.entity.id not in quotes_of:
            order.append(d.entity.id)
            quotes_of[d.entity.id] = []
    index_of = {eid: n for n, eid in enumerate(order)}
    entities: dict[int, Entity] = {}
    for start, end, d in merged:
        assert d.kind is not None
        who = index_of[d.entity.id] if d.entity is not None else None
        q = Quote(start, end, text[start:end], d.kind, who)
        if d.entity is None:
            unattributed.append(q)
        else:
            entities[d.entity.id] = d.entity
            quotes_of[d.entity.id].append(q)
    speakers = []
    for n, eid in enumerate(order):
        e = entities[eid]
        name = e.display
        aliases = [a for a in e.aliases if a != name]
        if e.kind == "person" and len(e.name) > 1 and e.name[-1] not in aliases:
            aliases.append(e.name[-1])
        speakers.append(
            Speaker(
                n,
                name,
                "; ".join(e.descriptions),
                e.kind == "anon",
                tuple(aliases),
                tuple(quotes_of[eid]),
            )
        )
    all_quotes = sorted([q for s in speakers for q in s.quotes] + unattributed, key=_quote_start)
    starts = [q.start for q in all_quotes]
    words: dict[int, set[str]] = {}
    lowered: dict[int, str] = {}
    pulls = tuple(
        _link_pull_quote(article, b.start, b.end, all_quotes, starts, words, lowered)
        for b in article.blocks
        if b.kind is BlockKind.PULL_QUOTE
    )
    return SpeakerIndex(tuple(speakers), tuple(unattributed), tuple(scare), pulls)


def _link_pull_quote(
    article: Article,
    start: int,
    end: int,
    quotes: list[Quote],
    starts: list[int],
    cache: dict[int, set[str]],
    lowered: dict[int, str],
) -> PullQuote:
    """The body quote a pull quote repeats: the nearby one sharing most of its words.

    Publishers set a pull quote close to what it repeats, so only a bounded number of quotes on
    either side are compared (linear time on long texts). A quote can only be the one repeated
    when it shares at least `PULL_SHARE` of the words; a word it holds is in its lower-cased text,
    so a quote missing too many of them as sub-strings is passed over before its words are split
    out (the pull quote's longest words first: they rule a quote out soonest).
    """
    words = set(_WORD.findall(article.text[start:end].lower()))
    best: Quote | None = None
    score = 0.0
    if words:
        n = len(words)
        # the fewest shared words that reach the share (the same float test as below)
        need = next((k for k in range(n + 1) if k / n >= PULL_SHARE), n + 1)
        spare = n - need  # words a candidate may lack
        probe = sorted(words, key=len, reverse=True)
        at = bisect.bisect_left(starts, start)
        for q in quotes[max(0, at - PULL_QUOTE_WINDOW) : at + PULL_QUOTE_WINDOW]:
            low = lowered.get(q.start)
            if low is None:
                low = lowered[q.start] = q.text.lower()
            missing = 0
            for w in probe:
                if w not in low:
                    missing += 1
                    if missing > spare:
                        break
            if missing > spare:
                continue  # shares fewer than `need` words: below the share, never the answer
            if q.start not in cache:
                cache[q.start] = set(_WORD.findall(low))
            shared = len(words & cache[q.start]) / n
            if shared > score:
                best, score = q, shared
                if shared == 1.0:
                    break  # nothing later can score higher (the first best is kept)
    return PullQuote(start, end, article.text[start:end], best if score >= PULL_SHARE else None)
