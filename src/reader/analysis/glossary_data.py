"""The bundled glossary of common news acronyms: loading, validation and choosing a sense.

The data lives in `acronyms.toml` next to this module (data, not code, so it can be corrected
without touching the program). Each top-level table is a category; its keys are acronyms. A value
is either the expansion, or - for an acronym with several senses - an array of
`{ expansion = "...", context = ["word", ...] }`; the sense whose context words occur most in the
article wins (ties: the first listed, the most common sense). A malformed file raises
`GlossaryDataError` naming the file and the entry, so a bad edit fails the test suite, not a reader.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

DATA_FILE = "acronyms.toml"
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9&./+-]*")
_CONTEXT_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


#: A name and a number joined by a hyphen (`G-20`, `G-7`): also written without it.
_NUMBERED = re.compile(r"[A-Za-z]+-[0-9]+")


class GlossaryDataError(Exception):
    """The bundled (or given) glossary file is malformed; the message names file and entry."""


@dataclass(frozen=True, slots=True)
class Sense:
    expansion: str
    context: frozenset[str]


@dataclass(frozen=True, slots=True)
class BuiltinEntry:
    short: str
    category: str
    senses: tuple[Sense, ...]


@dataclass(frozen=True)
class BuiltinGlossary:
    """Acronym -> senses, looked up by exact form, then without dots, then upper-cased."""

    entries: Mapping[str, BuiltinEntry]
    source: str
    #: Upper-cased key -> entry, so `DOJ` finds `DoJ` (validation forbids two keys clashing).
    by_upper: Mapping[str, BuiltinEntry]
    #: Camel-case words that are names, not acronyms (YouTube, PayPal): never listed unless the
    #: article defines them.
    words: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, short: str) -> BuiltinEntry | None:
        entry = self.entries.get(short)
        if entry is None:
            entry = self.by_upper.get(short.replace(".", "").upper())
        if entry is None and _NUMBERED.fullmatch(short):
            entry = self.by_upper.get(short.replace("-", "").upper())  # `G-20` is `G20`
        return entry

    def __contains__(self, short: object) -> bool:
        return isinstance(short, str) and self.find(short) is not None

    def expand(self, short: str, words: Iterable[str] | None = None) -> str | None:
        """The expansion of `short`; with several senses, the one whose context fits `words`."""
        entry = self.find(short)
        if entry is None:
            return None
        if len(entry.senses) == 1 or words is None:
            return entry.senses[0].expansion
        vocab = words if isinstance(words, (set, frozenset)) else set(words)
        best = max(
            range(len(entry.senses)),
            key=lambda i: (len(entry.senses[i].context & vocab), -i),
        )
        return entry.senses[best].expansion


def parse_glossary(data: Mapping[str, Any], source: str) -> BuiltinGlossary:
    """Validate parsed TOML and build the glossary; GlossaryDataError on the first problem."""
    entries: dict[str, BuiltinEntry] = {}
    seen_upper: dict[str, str] = {}
    words: frozenset[str] = frozenset()
    for category, table in data.items():
        if category == "meta":
            continue
        if category == "not_acronyms":
            names = table.get("words") if isinstance(table, dict) else None
            if not isinstance(names, list) or not all(
                isinstance(w, str) and w.strip() == w and w for w in names
            ):
                raise GlossaryDataError(
                    f"{source}: [not_acronyms] needs words = a list of non-empty strings"
                )
            words = frozenset(names)
            continue
        if not isinstance(table, dict):
            raise GlossaryDataError(f"{source}: [{category}] must be a table of acronyms")
        for short, value in table.items():
            where = f"{source}: entry {short!r} in [{category}]"
            if not _KEY.fullmatch(short) or not any(c.isupper() for c in short):
                raise GlossaryDataError(f"{where}: not an acronym (needs a capital, no spaces)")
            if short in entries:
                other = entries[short].category
                raise GlossaryDataError(f"{where}: duplicate (also in [{other}])")
            if short.upper() in seen_upper and seen_upper[short.upper()] != short:
                raise GlossaryDataError(
                    f"{where}: clashes with {seen_upper[short.upper()]!r} (same letters)"
                )
            seen_upper[short.upper()] = short
            entries[short] = BuiltinEntry(short, category, _senses(value, where))
    if not entries:
        raise GlossaryDataError(f"{source}: no entries")
    return BuiltinGlossary(entries, source, {k.upper(): v for k, v in entries.items()}, words)


def _expansion(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise GlossaryDataError(f"{where}: expansion must be a non-empty string")
    if value != value.strip() or "  " in value or "\n" in value:
        raise GlossaryDataError(f"{where}: expansion has stray whitespace: {value!r}")
    return value


def _senses(value: object, where: str) -> tuple[Sense, ...]:
    if isinstance(value, str):
        return (Sense(_expansion(value, where), frozenset()),)
    if not isinstance(value, list) or len(value) < 2:
        raise GlossaryDataError(
            f"{where}: must be an expansion string or a list of at least two senses"
        )
    senses = []
    for n, item in enumerate(value, 1):
        at = f"{where}, sense {n}"
        if not isinstance(item, dict) or set(item) != {"expansion", "context"}:
            raise GlossaryDataError(f"{at}: must be {{ expansion = ..., context = [...] }}")
        context = item["context"]
        if not isinstance(context, list) or not context:
            raise GlossaryDataError(f"{at}: context must be a non-empty list of words")
        for word in context:
            if not isinstance(word, str) or not _CONTEXT_WORD.fullmatch(word):
                raise GlossaryDataError(f"{at}: context word {word!r} must be one lower-case word")
        senses.append(Sense(_expansion(item["expansion"], at), frozenset(context)))
    if len({s.expansion for s in senses}) != len(senses):
        raise GlossaryDataError(f"{where}: two senses with the same expansion")
    return tuple(senses)


def load_glossary_file(path: str | Path) -> BuiltinGlossary:
    """Read and validate a glossary TOML file (used for the bundled data and by tests)."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise GlossaryDataError(f"{p}: cannot read ({exc.strerror or exc})") from None
    return _parse_bytes(raw, str(p))


def _parse_bytes(raw: bytes, source: str) -> BuiltinGlossary:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise GlossaryDataError(f"{source}: not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise GlossaryDataError(f"{source}: not valid TOML: {exc}") from None
    return parse_glossary(data, source)


@cache
def builtin_glossary() -> BuiltinGlossary:
    """The glossary shipped inside the package (read once per process)."""
    ref = resources.files("reader.analysis").joinpath(DATA_FILE)
    return _parse_bytes(ref.read_bytes(), f"reader/analysis/{DATA_FILE}")
