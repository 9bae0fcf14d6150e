"""Mutation fuzzing of the core: parse_article, printable, build_glossary, analyse_quotes, reanchor.

Why not atheris: it needs a compiled extension not in the project's dependencies, and its byte-level
coverage guidance mostly explores UTF-8 decoding, which `load_article` does before any of this code
runs. Instead inputs are grown from a seed corpus of news text (the bundled article, hostile text,
composed paragraphs) by structure-aware mutations: splicing news-like and hostile pieces in,
deleting, duplicating and swapping chunks, unbalancing quote marks, joining or splitting lines,
and mixing random Unicode in. Every input is checked against the invariants in
tests/reliability/checks.py. Deterministic for a given seed; a failure is written to the crash
folder with the seed and iteration so it replays exactly (`--replay FILE`).
"""

from __future__ import annotations

import hashlib
import random
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reader.article import bundled_article_path, parse_article
from reader.notes.anchoring import reanchor
from reader.notes.model import AnchorStatus, make_target
from tests.reliability import checks
from tests.reliability.hostile import ARTICLE as HOSTILE
from tests.reliability.strategies import NEWSY

#: Inputs are cut to at most this many characters, so each case stays within the time bound.
MAX_LEN = 6000

COMPOSED = (
    "Title Of A Test Story\n\nBy Jane Doe\n\n"
    "The North Atlantic Treaty Organization (NATO) said on Monday that the talks would resume. "
    "\u201cWe are not going anywhere,\u201d said General Sarah Miller, a NATO commander. "
    "\u201cThe troops stay.\u201d\n\n"
    "According to the World Health Organization, or WHO, cases rose. Dr. Amir Khan, who leads "
    'the team, told reporters: "It is bad." He added that the "safe" zones were full.\n\n'
    '"This is a quote that runs on\n\n"and continues here," the official said.\n\n'
    "Jane Doe is a journalist based in Kabul. Follow her on X.\n"
)


def seed_corpus(extra: list[Path] | None = None) -> list[str]:
    corpus = [COMPOSED, HOSTILE]
    bundled = bundled_article_path()
    if bundled.is_file():
        corpus.append(bundled.read_text(encoding="utf-8"))
    for path in extra or []:
        corpus.append(path.read_text(encoding="utf-8", errors="replace"))
    return corpus


def _random_unicode(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        band = rng.random()
        if band < 0.3:
            cp = rng.randrange(0x20, 0x7F)
        elif band < 0.4:
            cp = rng.randrange(0, 0x20)
        elif band < 0.5:
            cp = rng.randrange(0x7F, 0x100)
        elif band < 0.8:
            cp = rng.randrange(0x100, 0x3000)
        else:
            cp = rng.randrange(0x3000, 0x110000)
        if 0xD800 <= cp <= 0xDFFF:
            cp = 0xFFFD
        out.append(chr(cp))
    return "".join(out)


def _chunk(rng: random.Random, text: str) -> tuple[int, int]:
    if not text:
        return 0, 0
    a = rng.randrange(len(text))
    return a, min(len(text), a + rng.randrange(1, 200))


def mutate(rng: random.Random, text: str, corpus: list[str]) -> str:
    """One to eight structure-aware edits of `text`."""
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(9)
        pos = rng.randrange(len(text) + 1)
        if op == 0:  # splice a news-like or hostile piece
            text = text[:pos] + rng.choice(NEWSY) + text[pos:]
        elif op == 1:  # delete a chunk
            a, b = _chunk(rng, text)
            text = text[:a] + text[b:]
        elif op == 2:  # duplicate a chunk somewhere else
            a, b = _chunk(rng, text)
            text = text[:pos] + text[a:b] + text[pos:]
        elif op == 3:  # splice a chunk of another corpus text
            other = rng.choice(corpus)
            a, b = _chunk(rng, other)
            text = text[:pos] + other[a:b] + text[pos:]
        elif op == 4:  # random Unicode
            text = text[:pos] + _random_unicode(rng, rng.randint(1, 12)) + text[pos:]
        elif op == 5:  # unbalance quotes: drop or flip a quote mark
            marks = [i for i, c in enumerate(text) if c in "\"\u201c\u201d'\u2018\u2019"]
            if marks:
                i = rng.choice(marks)
                text = text[:i] + rng.choice(["", '"', "\u201c", "\u201d", "'"]) + text[i + 1 :]
        elif op == 6:  # join lines / remove paragraph breaks
            text = text.replace("\n", " ", rng.randint(1, 5))
        elif op == 7:  # break lines / CRLF
            text = text[:pos] + rng.choice(["\n", "\n\n", "\r\n", "\r", "\u2028"]) + text[pos:]
        else:  # repeat a short piece many times (floods)
            piece = rng.choice(NEWSY)
            text = text[:pos] + piece * rng.randint(2, 300) + text[pos:]
    return text[:MAX_LEN]


def _check_anchoring(rng: random.Random, original: str, mutated: str) -> None:
    """A quote from the original text, re-anchored in the mutated one: a valid span or an orphan;
    in the unchanged text: found exactly where it was."""
    if not original:
        return
    a = rng.randrange(len(original))
    b = min(len(original), a + rng.randint(1, 120))
    target = make_target(original, a, b)
    same, anchor = reanchor(target, original, same_text=False)
    assert anchor.status is AnchorStatus.EXACT and (same.start, same.end) == (a, b), (
        f"quote {a}:{b} not found again in its own text: {anchor}"
    )
    new, anchor = reanchor(target, mutated, same_text=False)
    if anchor.status is AnchorStatus.ORPHAN:
        assert new == target
    else:
        assert 0 <= new.start < new.end <= len(mutated), (
            f"anchor {new.start}:{new.end} out of range"
        )
        assert new.exact == mutated[new.start : new.end]
        if anchor.status in (AnchorStatus.EXACT, AnchorStatus.MOVED):
            assert new.exact == target.exact


def check_all(rng: random.Random, original: str, text: str) -> None:
    article = checks.check_article(text)
    checks.check_printable(text)
    checks.check_glossary(article)
    checks.check_quotes(article)
    _check_anchoring(rng, parse_article(original).text, article.text)


@dataclass
class Stats:
    cases: int = 0
    failures: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    distinct: set[str] = field(default_factory=set)


def run(
    *,
    seconds: float,
    seed: int = 0,
    crash_dir: Path,
    extra_corpus: list[Path] | None = None,
    max_failures: int = 20,
    log: Callable[[str], None] = print,
) -> Stats:
    """Fuzz for `seconds` (wall clock); failures are saved to `crash_dir`, deduplicated by the
    place they were raised."""
    corpus = seed_corpus(extra_corpus)
    rng = random.Random(seed)
    stats = Stats()
    started = time.perf_counter()
    pool = list(corpus)
    while time.perf_counter() - started < seconds and len(stats.failures) < max_failures:
        base = rng.choice(pool)
        if len(base) > MAX_LEN:
            a = rng.randrange(len(base) - MAX_LEN // 2)
            base = base[a : a + rng.randint(200, MAX_LEN)]
        case_seed = rng.getrandbits(64)
        case_rng = random.Random(case_seed)
        text = mutate(case_rng, base, corpus)
        try:
            check_all(case_rng, base, text)
        except Exception as exc:  # every failure is a finding
            where = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__}:{where.filename}:{where.lineno}"
            if key not in stats.distinct:
                stats.distinct.add(key)
                path = save_crash(crash_dir, base, text, case_seed, exc)
                stats.failures.append(path)
                log(f"FAIL {key}: {str(exc)[:200]}\n  saved to {path}")
        else:
            if len(pool) < 200 and case_rng.random() < 0.05:
                pool.append(text)  # keep some mutants to mutate further
        stats.cases += 1
    stats.seconds = time.perf_counter() - started
    return stats


def save_crash(crash_dir: Path, base: str, text: str, case_seed: int, exc: BaseException) -> Path:
    crash_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    path = crash_dir / f"crash-{digest}.txt"
    path.write_text(
        f"# seed {case_seed}; {type(exc).__name__}: {str(exc)[:500]}\n"
        f"# replay: python -m tests.fuzz --replay {path}\n" + repr(base) + "\n" + repr(text) + "\n",
        encoding="utf-8",
    )
    return path


def replay(path: Path) -> None:
    """Re-run a saved failure (raises the original error)."""
    import ast

    lines = path.read_text(encoding="utf-8").splitlines()
    seed = int(lines[0].split()[2].rstrip(";"))
    base, text = ast.literal_eval(lines[2]), ast.literal_eval(lines[3])
    check_all(random.Random(seed), base, text)
