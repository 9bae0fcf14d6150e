"""People in the text: name mentions, merging of name forms, and resolution of pronouns and
descriptions to the right earlier person.

Merging: `Haji Abdul Zaheer Qadeer`, `Haji Zaheer Qadeer` and `Qadeer` are one entity (same last
name, one name's words a subset of the other's). A lone surname or first name goes to the entity
that has it, preferring gender agreement (titles, first names, pronoun history) and salience.

Resolution looks back a bounded number of sentences (no quadratic work): the pronoun's own
sentence first, then earlier sentences, where the speaker or subject of a sentence is preferred to
other people mentioned in it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter

from reader.analysis.attribution import (
    DETERMINERS,
    Document,
    Phrase,
    Tok,
    _common_noun,
    _name_from_tokens,
    head_of,
    opens_place,
    strip_possessive,
    tokenize,
)
from reader.analysis.name_words import (
    ABBREVIATIONS,
    COURTESY,
    DOCUMENT_NOUNS,
    FIRST_NAMES,
    GENDERED,
    NAME_LINKS,
    NAME_SUFFIXES,
    NOT_NAME,
    NUMBER_WORDS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLACES,
    TITLES,
    word_set,
)
from reader.analysis.speech_verbs import CORE_SPEECH_VERBS

#: How many sentences back a pronoun or "the official" may reach.
#: At most this many earlier mentions in the same sentence are candidates for a pronoun.
SAME_SENTENCE_EVENTS = 64
LOOKBACK_SENTENCES = 12
#: Descriptions kept per person.
MAX_DESCRIPTIONS = 4

_ORG_WORDS = word_set(
    """network state states forces force army alliance party committee department university house
    senate post times news council province district city county street republic kingdom union
    nations airport center centre embassy ministry agency service group bank company inc corp
    institute foundation court office administration government line mountains river valley
    valley school college museum hospital church mosque club league association commission
    review journal magazine press tribune herald daily weekly network channel radio television
    tv media campaign fund trust bureau board authority airlines reuters party's taliban isis
    al-qaeda"""
)
#: Capitalised function words that open sentences: skipped by the name scanner in C, not Python.
_SKIP_WORDS = sorted(
    (w.capitalize() for w in NOT_NAME if w.isalpha() and w not in TITLES), key=len, reverse=True
)
_SKIP = "|".join(_SKIP_WORDS)


#: Capitals a name may open with.
_CAPITALS = [chr(c) for c in range(ord("A"), ord("Z") + 1)] + [
    chr(c) for c in (*range(0xC0, 0xD7), *range(0xD8, 0xDF))
]


def _capital_not_skipped() -> str:
    """A capital that does not open a skipped function word: `T(?!(?:he|his)...)|A(?!...)|B|...`.

    Every alternative opens with its literal capital, so the regex engine scans ahead to capitals
    and tries only the alternative of the capital it meets (no look-behind per skip word).
    """
    rests: dict[str, list[str]] = {}
    for w in _SKIP_WORDS:
        rests.setdefault(w[0], []).append(re.escape(w[1:]))
    alts = []
    for cap in _CAPITALS:
        if cap in rests:
            alts.append(f"{re.escape(cap)}(?!(?:{'|'.join(rests[cap])})\\b(?![’'.-]))")
        else:
            alts.append(re.escape(cap))
    return "(?:" + "|".join(alts) + ")"


#: A run of capitalised words. The pattern opens with the capital itself (the lookbehinds come
#: after it), so the regex engine skips ahead to capitals instead of trying every position.
def _abbreviation_dot() -> str:
    """A full stop a run of capitalised words may go on after: that of an abbreviation (`Gov.
    Mike Pence`, `Martin Luther King Jr. Day`), or one no capitalised word follows. A sentence's
    full stop ends the run (`... the Northern Virginia Urban League. Scott joked`)."""
    words = sorted(w for w in ABBREVIATIONS | COURTESY if w.isalpha() and len(w) > 1)
    # the look-behinds are tried only once a full stop has matched: the pattern stays fast
    behind = "|".join(f"(?<={w.capitalize()}\\.)" for w in words)
    initial = r"(?<=(?<![\w’'])[A-Z]\.)"  # `J. R. Smith`
    return r"(?:\.(?:(?![ \t\u00a0]+[A-ZÀ-ÖØ-Þ])|" + initial + "|" + behind + "))?"


_DOT = _abbreviation_dot()
_RUN = re.compile(
    _capital_not_skipped() + r"(?<![\w’'.-].)"
    r"(?:(?<=[A-Z])\.(?:[A-Z]\.)+|[\w’'\-]*" + _DOT + r"|(?<=[A-Z])\.)"
    r"(?:[ \t\u00a0]+(?:(?:de|del|der|den|van|von|bin|ibn|al|el|la|le|da|dos|du|di)[ \t\u00a0]+)?"
    r"(?:(?:[A-Z]\.){2,}|[A-ZÀ-ÖØ-Þ][\w’'\-]*" + _DOT + r"|[A-Z]\.))*"
)
#: The titles as a set, for set tests.
_TITLE_WORDS = frozenset(TITLES)
#: Role nouns that usually stand for a named person met earlier ("the Republican nominee").
_ROLE_REFERS = word_set(
    """nominee candidate president senator governor secretary businessman businesswoman
    billionaire mogul congressman congresswoman lawmaker mayor chairman chairwoman leader
    general commander minister premier chancellor ambassador judge justice director founder
    former star host actor actress singer rapper player coach speaker ceo executive"""
)


#: What `_word_kind` says of a lone capitalised word.
_WordKind = tuple[bool, bool, str, str, bool, tuple[str, int] | None]

_offset = attrgetter("offset")
_bisect_right = bisect.bisect_right
_RANK = {"speaker": 0, "subject": 1, "intro": 2, "mention": 3}


def _by_rank(ev: Event) -> tuple[int, int]:
    """Sort key of the events of one sentence: speaker, subject, intro, mention; in text order."""
    return _RANK[ev.role], ev.offset


@dataclass
class Entity:
    """A person (or organisation, or anonymous source) referred to in the text."""

    id: int
    kind: str  # "person" | "org" | "anon"
    name: tuple[str, ...] = ()
    titles: list[str] = field(default_factory=list)
    gender: str = ""  # "m" | "f" | "p" (plural) | ""
    descriptions: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    heads: set[str] = field(default_factory=set)
    mentions: int = 0
    strong: bool = False  # known to be a person (title, first name, person-noun description)
    short: str = ""  # name of an anonymous source
    spoke: bool = False  # has been the speaker of something
    indexed: tuple[str, ...] = ()  # the name last put in the registry's look-up tables

    @property
    def display(self) -> str:
        if self.kind == "anon" or not self.name:
            return self.short
        # initials were kept without their full stops (`J` in Donald J. Trump): written back,
        # but not to a last name of one letter (Malcolm X)
        last = len(self.name) - 1
        return " ".join(
            n + "." if k < last and len(n) == 1 and n.isupper() else n
            for k, n in enumerate(self.name)
        )

    def add_description(self, text: str) -> None:
        if "; " in text:
            for part in text.split("; "):
                self.add_description(part)
            return
        text = " ".join(text.split()).strip(" ,;-—–")
        if not text or len(self.descriptions) >= MAX_DESCRIPTIONS:
            return
        text = _without_full_stop(text)
        low = text.lower()
        if low in map(str.lower, self.descriptions):  # C calls: no generator frame
            return
        if _crosses_sentence(text):
            return  # `a voter make an informed decision. On Monday`: no appositive
        for k, known in enumerate(self.descriptions):
            known_low = known.lower()
            if known_low.startswith(low):
                return  # a shorter reading of one known (cut short by a window)
            if low.startswith(known_low):
                self.descriptions[k] = text  # the fuller reading of one known
                break
        else:
            self.descriptions.append(text)
        for part in re.split(r"\band\b|;", low):
            head = head_of(part.split())
            if head:
                self.heads.add(head)
                if head in PERSON_NOUNS:
                    self.strong = True
                if head in GENDERED and not self.gender and GENDERED[head] in "mf":
                    self.gender = GENDERED[head]

    def add_alias(self, text: str) -> None:
        text = " ".join(text.split())
        if text and text not in self.aliases:
            self.aliases.append(text)


@dataclass(slots=True)
class Event:
    offset: int
    entity: int
    role: str  # "speaker" | "subject" | "intro" | "mention"


class Registry:
    """All entities plus, per sentence, who is mentioned or speaks in it."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.entities: list[Entity] = []
        self._by_token: dict[str, list[int]] = {}
        self._by_last: dict[str, list[int]] = {}
        self._anon: dict[str, int] = {}
        self.events: dict[int, list[Event]] = {}  # per sentence, sorted by offset
        self._event_index: dict[tuple[int, int], Event] = {}  # (offset, entity id) -> event
        # pure functions of a name, memoised: a person is named many times in one text
        self._norm: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._gender: dict[tuple[tuple[str, ...], tuple[str, ...]], str] = {}
        self._parts: dict[tuple[str, ...], tuple[frozenset[str], str, str]] = {}
        self._word_kind: dict[str, _WordKind] = {}
        self._run_words: dict[str, tuple[bool, tuple[str, ...]]] = {}
        self._runs: dict[str, tuple[tuple[str, ...], tuple[str, ...], int, int, int] | None] = {}
        self._places: dict[tuple[str, ...], bool] = {}

    # ------------------------------------------------------------------ entities by name

    def _new(self, kind: str) -> Entity:
        e = Entity(len(self.entities), kind)
        self.entities.append(e)
        return e

    def _index(self, e: Entity) -> None:
        if not e.name or e.indexed == e.name:
            return  # indexing is idempotent: a name indexed once needs no second pass
        e.indexed = e.name
        last = _last(e.name)
        ids = self._by_last.setdefault(last, [])
        if e.id not in ids:
            ids.append(e.id)
        for tok in e.name:
            ids = self._by_token.setdefault(tok.lower(), [])
            if e.id not in ids:
                ids.append(e.id)

    def by_name(
        self,
        name: Sequence[str],
        titles: Sequence[str] = (),
        *,
        create: bool = True,
        person: bool = False,
        count: bool = True,
    ) -> Entity | None:
        """The entity with this name (merging fuller and shorter forms), made if `create`."""
        looked = self._lookup(name, titles)
        if looked is None:
            return None
        name, gender, found = looked
        if (found is None and not create) or (found is not None and not count):
            return found
        return self._take(name, titles, gender, found, person)

    def _lookup(
        self, name: Sequence[str], titles: Sequence[str]
    ) -> tuple[tuple[str, ...], str, Entity | None] | None:
        """(normalised name, gender, the entity it merges with or None); None for no name."""
        key = tuple(name)
        norm = self._norm.get(key)
        if norm is None:
            norm = tuple(n.rstrip(".") if n.lower() not in NAME_SUFFIXES else n for n in name if n)
            self._norm[key] = norm
        name = norm
        if not name:
            return None
        gkey = (name, tuple(titles))
        gender = self._gender.get(gkey)
        if gender is None:
            gender = self._gender[gkey] = _gender_of(name, titles)
        found: Entity | None = None
        entities = self.entities
        if len(name) == 1:
            last = name[0].lower()  # `_last` of a one-word name
            # the look-up lists only grow, so a list that is there is not empty
            ids: Sequence[int] = self._by_last.get(last) or self._by_token.get(last) or ()
            # with no gender wanted every candidate agrees: one filter covers both cases
            cands = [entities[i] for i in ids if _gender_ok(entities[i].gender, gender)]
            if len(cands) == 1:
                found = cands[0]  # the usual case: no ranking needed
            elif cands:
                found = max(cands, key=lambda c: (len(c.name) > 1, c.mentions))
        else:
            words, suffix, last = self._name_parts(name)
            for i in self._by_last.get(last, ()):
                e = entities[i]
                other, e_suffix, _ = self._name_parts(e.name)
                if e_suffix != suffix:
                    continue
                if (words <= other or other <= words or _initials_match(e.name, name)) and (
                    _gender_ok(e.gender, gender)
                ):
                    found = e
                    break
        return name, gender, found

    def _kin(self, name: tuple[str, ...]) -> bool:
        """Does a person already known by a full name share `name`'s last name?"""
        entities = self.entities
        return any(
            entities[i].kind == "person" and len(entities[i].name) > 1
            for i in self._by_last.get(_last(name), ())
        )

    def _place(self, name: tuple[str, ...]) -> bool:
        """Is `name` made only of place and people words (`New York`, `Afghans`)? Memoised."""
        place = self._places.get(name)
        if place is None:
            place = self._places[name] = all(strip_possessive(n.lower())[0] in PLACES for n in name)
        return place

    def _name_parts(self, name: tuple[str, ...]) -> tuple[frozenset[str], str, str]:
        """(lower-case words without links, suffix, last name) of a name, memoised."""
        parts = self._parts.get(name)
        if parts is None:
            words = frozenset(n.lower() for n in name if n.lower() not in NAME_LINKS)
            parts = self._parts[name] = (words, _suffix(name), _last(name))
        return parts

    def _take(
        self,
        name: tuple[str, ...],
        titles: Sequence[str],
        gender: str,
        found: Entity | None,
        person: bool,
    ) -> Entity:
        """Count a mention of `name` on `found` (a new entity when None), learning from it."""
        if found is None:
            found = self._new("org" if _orgish(name) else "person")
            found.name = name
        elif len(name) > len(found.name) and not _orgish(name):
            if found.name and " ".join(found.name) not in found.aliases:
                found.add_alias(" ".join(found.name))
            found.name = name
        if found.kind == "org" and person:
            found.kind = "person"
        self._index(found)
        for t in titles:
            if t not in found.titles:
                found.titles.append(t)
            low = t.lower().rstrip(".")
            if low not in COURTESY and low in TITLES:
                found.heads.add(low)
        if gender and not found.gender:
            found.gender = gender
        if person or titles or _first_name(name[0]):
            found.strong = found.strong or found.kind == "person"
        surface = " ".join([*titles, *name])
        if surface != " ".join(found.name):
            found.add_alias(surface)
        found.mentions += 1
        return found

    def anonymous(self, phrase: Phrase) -> Entity:
        """An anonymous source (`a Taliban official`) or organisation (`the Clinton campaign`)."""
        short = _short_name(phrase)
        key = short.lower()
        reuse = phrase.determiner not in ("another",) and key in self._anon
        if reuse:
            e = self.entities[self._anon[key]]
        else:
            kind = "org" if phrase.head in ORG_NOUNS and phrase.head not in PERSON_NOUNS else "anon"
            e = self._new(kind)
            e.short = short
            e.gender = GENDERED.get(phrase.head, "")
            if phrase.head.endswith("s") and phrase.head[:-1] in PERSON_NOUNS:
                e.gender = "p"
            if kind == "org":
                e.gender = "p"
            self._anon[key] = e.id
        e.add_description(phrase.description or phrase.text)
        if phrase.head:
            e.heads.add(phrase.head)
        e.add_alias(phrase.text)
        e.mentions += 1
        return e

    # ------------------------------------------------------------------ events

    def note(self, offset: int, entity: Entity, role: str, sent: int = -1) -> None:
        """Record that `entity` is mentioned at `offset` (`sent`: its sentence, when known)."""
        if role == "speaker":
            entity.spoke = True
        known = self._event_index.get((offset, entity.id))
        if known is not None:
            if role == "speaker":
                known.role = "speaker"
            return
        if sent < 0:
            sent = self.doc.sentence_of(offset)
        event = Event(offset, entity.id, role)
        self._event_index[(offset, entity.id)] = event
        bucket = self.events.setdefault(sent, [])
        if not bucket or bucket[-1].offset <= offset:
            bucket.append(event)  # mentions mostly come in text order: what insort would do
        else:
            bisect.insort(bucket, event, key=_offset)

    def candidates(self, offset: int) -> list[Entity]:
        """People before `offset`, most likely referent first (see `iter_candidates`)."""
        return list(self.iter_candidates(offset))

    def iter_candidates(self, offset: int) -> Iterator[Entity]:
        """People before `offset`, most likely referent first, made lazily: a pronoun mostly
        takes the first or second, so the look-back is seldom walked to its end.

        First those earlier in the same sentence (left to right), then the speakers and subjects
        of the few sentences before, then anyone in the look-back window (recent first; in each
        sentence its speaker, then its subject, then the rest).
        """
        sent = self.doc.sentence_of(offset)
        seen: set[int] = set()
        events = self.events
        entities = self.entities
        # Earlier in the same sentence; bounded, so a pathological megabyte-long "sentence"
        # stays linear (no real sentence holds this many mentions).
        bucket = events.get(sent, [])
        before = bisect.bisect_left(bucket, offset, key=_offset)
        for ev in bucket[max(0, before - SAME_SENTENCE_EVENTS) : before]:
            if ev.entity not in seen:
                seen.add(ev.entity)
                yield entities[ev.entity]
        floor = max(-1, sent - LOOKBACK_SENTENCES)
        for s in range(sent - 1, max(floor, sent - 5), -1):
            if s in events:
                for ev in sorted((ev for ev in events[s] if ev.role != "mention"), key=_by_rank):
                    if ev.entity not in seen:
                        seen.add(ev.entity)
                        yield entities[ev.entity]
        for s in range(sent - 1, floor, -1):
            if s in events:
                for ev in sorted(events[s], key=_by_rank):
                    if ev.entity not in seen:
                        seen.add(ev.entity)
                        yield entities[ev.entity]

    def resolve_pronoun(self, word: str, offset: int, *, sure: bool = False) -> Entity | None:
        """The person `word` (he/she/they) refers to; with `sure`, only one whose gender is
        already known to match (no guess is recorded)."""
        low = word.lower()
        want = {"he": "m", "she": "f", "they": "p", "it": "p"}.get(low)
        if want is None:
            return None
        for e in self.iter_candidates(offset):
            if want == "p":
                if (e.gender == "p" or e.kind == "org") and not _document(e):
                    return e
                continue
            if e.kind == "org" or e.gender == "p":
                continue
            if e.kind == "person" and not e.strong and not e.spoke:
                continue
            if sure and e.gender != want:
                continue
            if _gender_ok(e.gender, want):
                if not e.gender:
                    e.gender = want
                return e
        return None

    def resolve_definite(self, phrase: Phrase, offset: int) -> Entity | None:
        """`the official`, `the analyst`, `the former secretary of state`: an earlier entity."""
        head = phrase.head
        cands = self.candidates(offset)
        for e in cands:
            if head and head in e.heads:
                return e
        if head in _ROLE_REFERS or any(w in _ROLE_REFERS for w in phrase.text.lower().split()):
            want = GENDERED.get(head, "")
            for e in cands:
                if e.kind == "person" and e.gender != "p" and _gender_ok(e.gender, want):
                    return e
        return None

    def resolve(self, phrase: Phrase, offset: int) -> Entity | None:
        """The entity a speaker phrase refers to (made when it is new)."""
        if phrase.kind == "pronoun":
            return self.resolve_pronoun(phrase.text, offset)
        if phrase.kind == "name":
            e = self.by_name(phrase.name, phrase.titles, person=True)
            if e is not None and phrase.description:
                e.add_description(phrase.description)
            return e
        if phrase.determiner in ("the", "this", "that") and (
            phrase.head in PERSON_NOUNS or phrase.head in _ROLE_REFERS
        ):
            found = self.resolve_definite(phrase, offset)
            if found is not None:
                return found
        # a name inside the phrase that is a known person ("Clinton's spokesman" is not Clinton)
        return self.anonymous(phrase)

    # ------------------------------------------------------------------ mention pass

    def scan_mentions(self) -> None:
        """Register every person-like name outside quotes, with its descriptions, as events."""
        doc = self.doc
        text = doc.masked
        known = self._by_token
        kinds = self._word_kind
        register = self._register
        # `_speaks_at`, inlined: this loop asks it of most capitalised words
        speaks, verbs = _SPEAKS.match, CORE_SPEECH_VERBS
        for lo, hi in doc.paragraphs:
            for m in _RUN.finditer(text, lo, hi):
                m_start, m_end = m.span()
                word = m.group()
                if " " not in word and "\u00a0" not in word:
                    # the tests below have no side effects: the fixed ones (memoised per word)
                    # go first, the look at the words after the name last
                    kind = kinds.get(word)
                    if kind is None:
                        kind = kinds[word] = _word_kind(word)
                    common, first_name, low, base, not_name, lone = kind
                    if common:
                        continue  # "Delegates questioned ...": not a name
                    if not (first_name or low in known or base in known):
                        # a cheap test before `_speaks_at` (most words end up here): a verb
                        # can only follow as a lower-case word or after a comma (an appositive)
                        if m_end + 1 >= hi:
                            continue
                        c = text[m_end]
                        if not (c == "," or (c == " " and text[m_end + 1].islower())):
                            continue  # a lone capitalised word that names nobody known
                        said = speaks(text, m_end, m_end + 120)
                        if said is None or said.group(1).lower() not in verbs:
                            continue
                        # it speaks: the function-word test below would keep it too
                    elif not_name:
                        said = speaks(text, m_end, m_end + 120)
                        if said is None or said.group(1).lower() not in verbs:
                            continue
                    if lone is not None:
                        # the common case, a lone name without a full stop (`Qadeer`): what
                        # `_mention` does with it, without tokenising
                        register(lone[0], (), m_start, m_start + lone[1], text, lo, hi)
                        continue
                self._mention(m_start, m_end, text, lo, hi)

    def _mention(self, s: int, e: int, text: str, lo: int, hi: int) -> None:
        word = text[s:e]
        if " " not in word and "\u00a0" not in word:
            pass
        else:
            titled = self._run_words.get(word)
            if titled is None:
                words = tuple(w.lower().rstrip(".") for w in word.split())
                titled = self._run_words[word] = (
                    any(w in TITLES or w in FIRST_NAMES for w in words),
                    words,
                )
            known = self._by_token
            if not (titled[0] or not known.keys().isdisjoint(titled[1])):  # a set test in C
                # no title, no first name, nobody known: a person only with a role around it
                nxt = text[e : e + 4]
                prev = text[max(lo, s - 2) : s]
                if not (
                    nxt.startswith((",", " -", " —", " of ", " at ", " from "))
                    or prev.endswith((", ", "  "))
                    or (
                        s > lo
                        and text[s - 1] == " "
                        and text[max(lo, s - 30) : s].split()[-1:]
                        and text[max(lo, s - 30) : s].split()[-1].lower() in PERSON_NOUNS
                    )
                    or _speaks_next(text[e : e + 120])
                ):
                    return
        if " " not in word and "\u00a0" not in word and "." not in word:
            # the common case, a lone known name ("Qadeer"): no tokenising needed
            base, _ = strip_possessive(word)
            self._register(base.rstrip("’'"), (), s, s + len(base), text, lo, hi)
            return
        if word in self._runs:
            run = self._runs[word]
        else:
            run = self._runs[word] = _parse_run(word)
        if run is None:
            return
        name, titles, first, end, name_start = run
        self._register(name, titles, s + first, s + end, text, lo, hi, name_start=s + name_start)

    def _register(
        self,
        name_or_word: str | tuple[str, ...],
        titles: tuple[str, ...],
        first: int,
        end: int,
        text: str,
        lo: int,
        hi: int,
        name_start: int | None = None,
    ) -> None:
        """Make or merge the entity a name mention refers to, with descriptions around it."""
        name = (name_or_word,) if isinstance(name_or_word, str) else name_or_word
        if not name or not name[0]:
            return
        start = first if name_start is None else name_start
        after = text[end : min(hi, end + 160)]
        before = text[max(lo, first - 160) : first]
        desc_after = _appositive_after(after)
        desc_before = _description_before(before)
        role = _role_words_before(before)
        first_known = _first_name(name[0])
        personish = bool(
            titles
            or first_known
            or role
            or (
                # `from the Bay Area of California`: a name right after `the` is a place or a
                # body, whatever follows it; a person there has a title or a role between
                not _the_before(before)
                and (
                    (desc_after and _desc_is_person(desc_after))
                    or (desc_before and _desc_is_person(desc_before))
                    # `Suu Kyi, who had breakfast with`: `who` is said of people, not things
                    or (len(name) > 1 and _WHO_AFTER.match(after))
                )
            )
        )
        looked = self._lookup(name, titles)
        if looked is None:
            return
        norm, gender, existing = looked
        if not titles and self._place(norm) and (existing is None or len(existing.name) < 2):
            return  # `Afghanistan states that`: a place; `Jack London ... London said` merges
        if not personish and existing is None and len(norm) > 1 and self._kin(norm):
            personish = True  # `Rakeyia Scott` after `Keith Lamont Scott`: one family's name
        if not personish and existing is None and (_orgish(name) or not _speaks_next(after)):
            return
        ent = self._take(norm, titles, gender, existing, personish or existing is None)
        if ent.kind == "org":
            return
        if personish:
            ent.strong = True
        if len(ent.descriptions) < MAX_DESCRIPTIONS:  # a full list takes no more
            for d in (desc_before, role, desc_after):
                if d and _desc_is_person(d):
                    ent.add_description(d)
        doc = self.doc
        sent = _bisect_right(doc.sent_starts, start) - 1  # `doc.sentence_of`, inlined (hot)
        if sent < 0:
            sent = 0
        sent_start = doc.sent_starts[sent]
        # a lead longer than an opener can be is never read whole: one endless sentence would
        # make this quadratic
        # the words before the mention, titles included (`For his part, Mr. Obama`)
        far = first - sent_start > _MAX_OPENER + 40
        lead = "" if far else text[sent_start:first].strip(" \"“”'‘’")
        if not far and (
            not lead
            or lead.lower() in ("but", "and", "yet", "so", "still", "then")
            or _opener(lead)
        ):
            role_here = "subject"
        elif (desc_after and ent.mentions == 1) or _WHO_AFTER.match(after):
            # a newcomer introduced with a description, or anyone given a relative clause
            # (`with Hillary Clinton - who's called for ... - lambasting the plan`): in focus,
            # a likely referent of the next `she said`
            role_here = "intro"
        else:
            role_here = "mention"
        self.note(start, ent, role_here, sent)


def _parse_run(word: str) -> tuple[tuple[str, ...], tuple[str, ...], int, int, int] | None:
    """(name, titles, start, end, name start) of a run of capitalised words, offsets relative
    to the run; None when it holds no name. Depends on the run alone, so it is memoised."""
    toks = tokenize(word, 0, len(word))
    # drop sentence-initial function words and trailing full stops
    i = 0
    while (
        i < len(toks)
        and toks[i].low in NOT_NAME
        and toks[i].low not in TITLES
        and not opens_place(toks, i)
    ):
        i += 1
    toks = [t for t in toks[i:] if t.is_word]
    if not toks:
        return None
    parts = _name_from_tokens(toks)
    if parts is None:
        return None
    titles_t, name, j = parts
    titles = list(titles_t)
    name_toks = toks[j:]
    # cut at a word that cannot be in a name (a month, "The" in the middle...)
    for k, t in enumerate(name_toks):
        if t.low in NOT_NAME and t.low not in NAME_LINKS and not opens_place(name_toks, k):
            name_toks = name_toks[:k]
            break
    if not name_toks:
        return None
    name = tuple(
        strip_possessive(t.text)[0].rstrip(".") if t.low not in NAME_SUFFIXES else t.text
        for t in name_toks
    )
    return name, tuple(titles), toks[0].start, name_toks[-1].end, name_toks[0].start


_OPENER_WORDS = word_set(
    """on in at during after before for with from by over about of into since when while as
    although though because if unless like unlike speaking asked writing meanwhile however
    later earlier now still yet instead separately afterward afterwards responding"""
)
_POSSESSIVE_START = re.compile(
    r"^(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Aa]n?|[A-Z][\w’'-]*(?:’s|'s))\s"
)


_MAX_OPENER = 200  # characters: longer words before a name are not an opener phrase


def _opener(lead: str) -> bool:
    """Does `lead` (the words before a name in its sentence) leave the name as the subject?

    `During a rally in Ohio, NAME ...`, `For his part, NAME ...` (an adverbial opener) and
    `His former business partner, NAME, ...` (a description before the name) both end in a comma.
    """
    if not lead.endswith(",") or len(lead) > _MAX_OPENER:
        return False
    first = lead.split(None, 1)[0].lower().strip(",")
    if first in _OPENER_WORDS:
        return True
    return bool(_POSSESSIVE_START.match(lead)) and _desc_is_person(lead) and lead.count(",") == 1


def _word_kind(word: str) -> _WordKind:
    """Fixed facts about a lone capitalised word for the mention scanner: (a common noun, a
    first name, its lower case, that without possessive, a function word, and for a word
    without a full stop the name it registers and that name's length with its apostrophe)."""
    low = word.lower()
    lone = None
    if "." not in word:
        base, _ = strip_possessive(word)
        lone = (base.rstrip("’'"), len(base))
    return (
        # `Twenty-seven states ...`: a number, whatever verb follows
        _common_noun(low) or low.partition("-")[0] in NUMBER_WORDS,
        _first_name(word),
        low,
        strip_possessive(low)[0],
        low.rstrip(".") in NOT_NAME,
        lone,
    )


#: A word, then a sentence's end and the next sentence's first word.
_SENTENCE_BREAK = re.compile(r"(\w+)[.!?]\s+[A-Z]")


def _crosses_sentence(text: str) -> bool:
    """Does `text` run on into another sentence (not just past `Mr.` or an initial)?"""
    return any(
        len(m.group(1)) > 1 and m.group(1).lower() not in ABBREVIATIONS
        for m in _SENTENCE_BREAK.finditer(text)
    )


def _without_full_stop(text: str) -> str:
    """`of New York.` -> `of New York`; `Smith & Co.` keeps its abbreviation's full stop."""
    if not text.endswith("."):
        return text
    last = text[:-1].rsplit(" ", 1)[-1]
    if len(last) == 1 or last.lower() in ABBREVIATIONS:
        return text
    return text[:-1]


def _first_name(word: str) -> bool:
    """A known first name, written as one (`Ana`, not the acronym `ANA`)."""
    return word.lower() in FIRST_NAMES and not (len(word) > 1 and word.isupper())


def _the_before(before: str) -> bool:
    """Does `before` end in the word `the` and a space (`the Bay Area`, `The Hague`)?"""
    head = before.rstrip()
    if len(head) == len(before) or head[-3:] not in ("the", "The"):
        return False
    return len(head) == 3 or not (head[-4].isalnum() or head[-4] in "’'-_")


def _last(name: Sequence[str]) -> str:
    words = [n for n in name if n.lower() not in NAME_SUFFIXES]
    return (words[-1] if words else name[-1]).lower()


def _suffix(name: Sequence[str]) -> str:
    return next((n.lower().rstrip(".") for n in name if n.lower() in NAME_SUFFIXES), "")


def _initials_match(a: Sequence[str], b: Sequence[str]) -> bool:
    """`J. Smith` and `John Smith`."""
    if len(a) < 2 or len(b) < 2:
        return False
    x, y = a[0].rstrip("."), b[0].rstrip(".")
    return (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y))


def _orgish(name: Sequence[str]) -> bool:
    return any(n.lower() in _ORG_WORDS for n in name)


def _gender_of(name: Sequence[str], titles: Sequence[str]) -> str:
    for t in titles:
        g = TITLES.get(t.lower().rstrip("."), "")
        if g:
            return g
    return FIRST_NAMES.get(name[0].lower(), "") if len(name) > 1 else ""


def _document(e: Entity) -> bool:
    """`The statement`, `the report`: an unnamed text, which no `they` refers to."""
    return not e.name and bool(e.heads) and e.heads <= DOCUMENT_NOUNS


def _gender_ok(have: str, want: str) -> bool:
    return not have or not want or have == want


def _short_name(phrase: Phrase) -> str:
    words = phrase.text.split()
    out: list[str] = []
    for w in words:
        lw = w.lower().strip(",")
        if not out and lw in DETERMINERS:
            continue
        if lw in ("who", "which", "that", "whose") or w.startswith(","):
            break
        out.append(w.rstrip(","))
        if w.endswith(","):
            break
    return " ".join(out[:7]) or phrase.text


#: Role nouns that open an appositive without a determiner: `NAME, president of the caucus,`.
_BARE_ROLES = (
    "president|vice president|director|executive director|chairman|chairwoman|chair|"
    "spokesman|spokeswoman|spokesperson|founder|co-founder|professor|editor|leader|head|"
    "member|owner|manager|secretary|treasurer|pastor|coordinator|organizer|ceo|dean|mayor|"
    "governor|senator|commissioner|superintendent|principal|publisher|captain|chief"
)
_APPOS = re.compile(
    r"^\s*(?:,|\s[-—–])\s+((?:an?|the|one|his|her|their|its|[A-Z][\w’'.-]*(?:’s|'s)|former|"
    r"then|now|longtime|chief|senior|deputy|acting|top|lead|head|"
    r"(?:" + _BARE_ROLES + r")(?=\s+(?:of|for|at)\s))\s[^,;:()\"“”—–]{2,90}?)"
    # a full stop ends it, but not one of a title or an initial (`whom Mr. Obama`, `John F.`)
    r"\s*(?:,|\s[-—–]|(?<!Mr)(?<!Ms)(?<!Dr)(?<!Mrs)(?<!Sen)(?<!Rep)(?<!Gov)(?<!Gen)"
    r"(?<!\s[A-Z])\.(?:\s|$)|;|$)"
)
_OF_ORG = re.compile(
    r"^\s+((?:of|from|at|with)\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of\s+|for\s+|and\s+)?"
    r"[A-Z][\w’'.-]*){0,6})"
)
#: What the first non-space character(s) after a name must be for `_APPOS` or `_OF_ORG`.
_APPOS_STARTS = (",", "-", "—", "–", "of", "from", "at", "with")
_DET_START = re.compile(r"(?:^|(?<=[\s(]))(?:[Tt]he|[Aa]n?|[A-Z][\w’'-]*(?:’s|'s)|[Hh]is|[Hh]er)\s")
_DESC_TAIL = re.compile(r"[^,;:()\"“”]{2,80}?,\s+$")


def _appositive_after(after: str) -> str:
    if not after.lstrip().startswith(_APPOS_STARTS):
        return ""  # neither pattern can match: most names are followed by a verb
    m = _APPOS.match(after)
    if m:
        return m.group(1)
    m = _OF_ORG.match(after)
    if m and not after[m.end() : m.end() + 1].isalpha():
        return m.group(1)
    return ""


def _description_before(before: str) -> str:
    """`the deputy speaker of parliament, NAME`: the shortest determiner phrase before a comma."""
    if not before.rstrip().endswith(","):
        return ""
    starts = [m.start() for m in _DET_START.finditer(before)]
    for s in reversed(starts):
        m = _DESC_TAIL.match(before, s + 1)
        if m and _desc_is_person(before[s : m.end()]):
            return before[s : m.end()].rstrip().rstrip(",")
    return ""


def _role_words_before(before: str) -> str:
    """Lower-case role words right before a name (`campaign manager Robby Mook`)."""
    if not before or not before[-1].isspace():
        return ""
    words = before[-60:].split()[-4:]
    if not words or words[-1].lower() not in PERSON_NOUNS or words[-1][0].isupper():
        return ""
    keep: list[str] = []
    for w in reversed(words):
        lw = w.lower()
        if (
            lw in DETERMINERS
            or lw in ("of", "for", "and", "to", "by", "with", "in", "said")
            or not w[0].isalnum()
            or w[-1] in ",.;:"
        ):
            break
        keep.append(w)
    return " ".join(reversed(keep))


def _desc_is_person(desc: str) -> bool:
    low = desc.lower()
    if low.startswith(("of ", "from ", "at ", "with ")):
        return True
    words = list(map(str.strip, low.split(), repeat(",.")))
    return not (PERSON_NOUNS.isdisjoint(words) and _TITLE_WORDS.isdisjoint(words))


#: A relative clause about the person right after a name: `Hillary Clinton - who's called`.
_WHO_AFTER = re.compile(r"\s*(?:,|[-—–]|\()\s*who(?:’s|'s)?\s")

#: The word after a name, past an appositive or an adverb: is it a verb of saying?
_SPEAKS = re.compile(r"\s*(?:,[^,]{0,90},\s*)?(?:\w+ly\s+|has\s+|had\s+|also\s+)*(\w+)")


def _speaks_at(text: str, pos: int) -> bool:
    m = _SPEAKS.match(text, pos, pos + 120)
    return m is not None and m.group(1).lower() in CORE_SPEECH_VERBS


def _speaks_next(after: str) -> bool:
    return _speaks_at(after, 0)


__all__ = ["Entity", "Registry", "Tok"]
