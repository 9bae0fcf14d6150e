"""Notes store benchmarks: write latency with 10,000 stored annotations, and open time.

Run: `python -m tests.benchmarks.bench_notes` (prints figures; nothing is asserted on time).

- add / edit / delete latency (median, p95) with 10,000 annotations in the file: our atomic
  orjson storage vs TinyDB's default JSONStorage, in the same run, on the same disk;
- where the time goes (serialise, parse, write+fsync) with orjson vs the json module;
- the same writes with only one article's 500 notes in the file (what one file per article gives);
- `NoteStore(...)` + `for_article` for an article with 500 highlights: unchanged text, and edited
  text (every highlight re-anchored), for a ~30 KB and a 4 MB article.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from reader.article import Article, parse_article
from reader.notes.model import COLORS, Annotation, ArticleRef, make_target, new_id
from reader.notes.store import NoteStore

WORDS = [
    "the",
    "army",
    "said",
    "officials",
    "province",
    "district",
    "attack",
    "soldiers",
    "checkpoint",
    "governor",
    "market",
    "river",
    "valley",
    "elders",
    "talks",
    "harvest",
    "security",
    "police",
    "commander",
    "villagers",
    "road",
    "night",
    "week",
    "government",
    "spokesman",
    "ministry",
    "insurgents",
    "fighters",
    "killed",
    "wounded",
    "local",
    "national",
    "border",
    "capital",
]


def synthetic_text(size: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        para = " ".join(
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 24))).capitalize() + "."
            for _ in range(rng.randint(2, 6))
        )
        out.append(para + f" ({len(out)})\n\n")
        total += len(out[-1])
    return "Benchmark Article\n\n" + "".join(out)


def annotations_for(article: Article, n: int, seed: int = 2) -> list[Annotation]:
    rng = random.Random(seed)
    text = article.text
    notes = []
    for _ in range(n):
        start = rng.randrange(20, len(text) - 300)
        end = start + rng.randint(30, 200)
        notes.append(
            Annotation(
                id=new_id(),
                article=ArticleRef(article.sha256, article.path, article.title),
                target=make_target(text, start, end),
                color=rng.choice(COLORS),
                note=" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 40))),
                tags=tuple(rng.sample(WORDS, rng.randint(0, 3))),
            )
        )
    return notes


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def fmt(ms: list[float]) -> str:
    return f"median {statistics.median(ms):6.1f} ms   p95 {percentile(ms, 0.95):6.1f} ms"


def bench_ours(
    path: Path, existing: list[Annotation], fresh: list[Annotation], repeat: int
) -> dict[str, list[float]]:
    with NoteStore(path) as store:
        store.import_many(existing)
        rng = random.Random(3)
        adds = iter(fresh)
        res = {"add": timed(lambda: store.add(next(adds)), repeat)}
        victims = iter(rng.sample(existing, 2 * repeat))
        res["edit"] = timed(lambda: store.update(next(victims).with_changes(note="edited")), repeat)
        res["delete"] = timed(lambda: store.delete(next(victims).id), repeat)
    return res


def bench_tinydb(
    path: Path, existing: list[Annotation], fresh: list[Annotation], repeat: int
) -> dict[str, list[float]]:
    from tinydb import TinyDB

    with TinyDB(path) as db:
        table = db.table("annotations")
        ids = table.insert_multiple(a.to_record() for a in existing)
        rng = random.Random(3)
        adds = iter(fresh)
        res = {"add": timed(lambda: table.insert(next(adds).to_record()), repeat)}
        victims = iter(rng.sample(ids, 2 * repeat))  # by doc id: the storage cost, no scan
        res["edit"] = timed(
            lambda: table.update({"note": "edited"}, doc_ids=[next(victims)]), repeat
        )
        res["delete"] = timed(lambda: table.remove(doc_ids=[next(victims)]), repeat)
    return res


def serialisation(existing: list[Annotation], folder: Path) -> list[str]:
    data = {"annotations": {a.id: a.to_record() for a in existing}}
    raw = orjson.dumps(data)
    lines = [f"  database of {len(existing)} annotations: {len(raw) / 1e6:.1f} MB"]
    for name, dump, load in [
        ("json  ", lambda: json.dumps(data).encode(), lambda: json.loads(raw)),
        ("orjson", lambda: orjson.dumps(data), lambda: orjson.loads(raw)),
    ]:
        d = statistics.median(timed(dump, 7))
        ld = statistics.median(timed(load, 7))
        lines.append(f"  {name}: serialise {d:5.1f} ms, parse {ld:5.1f} ms")
    target = folder / "fsync.bin"

    def write_sync() -> None:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.write(fd, raw)
        os.fsync(fd)
        os.close(fd)

    lines.append(f"  write + fsync of the file: {statistics.median(timed(write_sync, 7)):5.1f} ms")
    return lines


def bench_open(folder: Path, text: str, n: int, label: str) -> list[str]:
    article = parse_article(text, path=str(folder / f"{label}.txt"))
    notes = annotations_for(article, n)
    db = folder / f"open-{label}.json"
    with NoteStore(db) as store:
        store.import_many(notes)
    lines = []
    t0 = time.perf_counter()
    with NoteStore(db) as store:
        got = store.for_article(article)
    lines.append(
        f"  {label}, unchanged text: open + for_article {n} highlights: "
        f"{(time.perf_counter() - t0) * 1000:7.1f} ms ({len(got)} found)"
    )
    # An edit: a paragraph inserted near the start, and a few words changed in the middle.
    mid = len(text) // 2
    edited = (
        text[:40]
        + "A new paragraph was added here.\n\n"
        + text[40:mid]
        + " with a few words changed "
        + text[mid + 20 :]
    )
    article2 = parse_article(edited, path=article.path)
    t0 = time.perf_counter()
    with NoteStore(db) as store:
        got = store.for_article(article2)
    elapsed = (time.perf_counter() - t0) * 1000
    counts: dict[str, int] = {}
    for a in got:
        counts[str(a.anchor.status)] = counts.get(str(a.anchor.status), 0) + 1
    lines.append(
        f"  {label}, edited text:    open + re-anchor {n} highlights + save: "
        f"{elapsed:7.1f} ms {counts}"
    )
    # The worst case: every highlighted passage itself edited (one character in its middle).
    chars = list(text)
    for a in notes:
        chars[(a.start + a.end) // 2] = "#"
    article3 = parse_article("".join(chars), path=article.path)
    db3 = folder / f"open-{label}-3.json"
    with NoteStore(db3) as store:
        store.import_many(notes)
    t0 = time.perf_counter()
    with NoteStore(db3) as store:
        got = store.for_article(article3)
    counts = {}
    for a in got:
        counts[str(a.anchor.status)] = counts.get(str(a.anchor.status), 0) + 1
    lines.append(
        f"  {label}, every highlight edited inside: open + re-anchor + save: "
        f"{(time.perf_counter() - t0) * 1000:7.1f} ms {counts}"
    )
    t0 = time.perf_counter()
    with NoteStore(db) as store:
        store.for_article(article2)
    lines.append(
        f"  {label}, reopened after re-anchoring: {(time.perf_counter() - t0) * 1000:7.1f} ms"
    )
    return lines


def main(stored: int = 10_000, repeat: int = 30, big: int = 4_000_000) -> int:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        folder = Path(tmp)
        article = parse_article(synthetic_text(200_000), path=str(folder / "a.txt"))
        existing = annotations_for(article, stored)
        fresh = annotations_for(article, repeat, seed=9)
        print(f"Write latency with {stored} annotations stored ({repeat} of each operation):")
        ours = bench_ours(folder / "ours.json", existing, fresh, repeat)
        theirs = bench_tinydb(folder / "tinydb.json", existing, fresh, repeat)
        for op in ("add", "edit", "delete"):
            ratio = statistics.median(theirs[op]) / statistics.median(ours[op])
            print(
                f"  {op:6}  ours: {fmt(ours[op])}   TinyDB JSONStorage: {fmt(theirs[op])}"
                f"   ({ratio:.1f}x faster)"
            )
        print("Where a write's time goes:")
        for line in serialisation(existing, folder):
            print(line)
        per_article = existing[:500]
        small = bench_ours(folder / "one-article.json", per_article, fresh, repeat)
        print("One file per article instead (500 annotations in the file):")
        for op in ("add", "edit", "delete"):
            print(f"  {op:6}  ours: {fmt(small[op])}")
        print("Open time with 500 highlights:")
        for line in bench_open(folder, synthetic_text(30_000, seed=4), 500, "30 KB article"):
            print(line)
        for line in bench_open(
            folder, synthetic_text(big, seed=5), 500, f"{big / 1e6:.0f} MB article"
        ):
            print(line)
    return 0


@pytest.mark.benchmark
def test_bench_notes_small() -> None:
    assert main(stored=1000, repeat=5, big=200_000) == 0


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    raise SystemExit(main(*args))
