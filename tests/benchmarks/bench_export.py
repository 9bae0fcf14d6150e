"""Benchmark: export 10,000 annotations to Markdown and to Web Annotation JSON (target: < 1 s).

Run with `python -m tests.benchmarks.bench_export`. Times are the best of 3 runs; the baseline in
the same run is `json.dumps` of the raw database records, so the ratios travel between machines.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from typing import Any

import pytest

from reader.article import Article, bundled_article_path, load_article, parse_article
from reader.export import dumps, from_web_annotations, to_markdown, to_web_annotations
from reader.notes.model import COLORS, Anchor, AnchorStatus, Annotation, ArticleRef, make_target

N = 10_000
REPEAT = 3
WORDS = (
    "the",
    "group",
    "attack",
    "Kabul",
    "*bold*",
    "#tag",
    "[link](x)",
    "security",
    "|",
    "failure",
    "ring",
    "of",
    "steel",
)


def build(n: int = N, seed: int = 7) -> tuple[Article, list[Annotation]]:
    """A long article (the bundled one 20 times over) and `n` highlights, 2% of them orphans."""
    base = load_article(bundled_article_path()).text
    article = parse_article("\n".join([base] * 20), path="bench.txt")
    rng = random.Random(seed)
    ref = ArticleRef(article.sha256, article.path, article.title)
    text = article.text
    out: list[Annotation] = []
    for i in range(n):
        start = rng.randrange(0, len(text) - 400)
        end = start + rng.randint(5, 300)
        note = ""
        if rng.random() < 0.5:
            note = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 40)))
            if rng.random() < 0.3:
                note += "\n\n- a point\n- another\n\n---\n# heading"
        anchor = Anchor(AnchorStatus.ORPHAN, 0.2) if rng.random() < 0.02 else Anchor()
        out.append(
            Annotation(
                id=f"{i:020x}",
                article=ref,
                target=make_target(text, start, end),
                anchor=anchor,
                color=rng.choice(COLORS),
                note=note,
                tags=tuple(
                    rng.sample(
                        ["security", "kabul", "iraq", "motive", "Taliban"], rng.randint(0, 3)
                    )
                ),
                created="2025-03-01T09:30:00.000Z",
                updated="2025-03-01T09:30:00.000Z",
            )
        )
    return article, out


def best(fn: Callable[[], Any], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    article, anns = build()
    speakers = None
    analysis = 0.0
    try:
        from reader.analysis.quotes import analyse_quotes

        t0 = time.perf_counter()
        speakers = analyse_quotes(article)
        analysis = time.perf_counter() - t0
    except ModuleNotFoundError:
        pass
    baseline = best(lambda: json.dumps([a.to_record() for a in anns], ensure_ascii=False))
    md = best(lambda: to_markdown(article, anns, speakers, exported="2025-03-02T10:00:00Z"))
    md_tag = best(
        lambda: to_markdown(article, anns, speakers, group_by="tag", exported="2025-03-02T10:00Z")
    )
    js = best(lambda: dumps(to_web_annotations(article, anns)))
    text = dumps(to_web_annotations(article, anns))
    back = best(lambda: from_web_annotations(json.loads(text)))
    size_md = len(to_markdown(article, anns, speakers, exported="x").encode())
    print(
        f"export of {len(anns):,} annotations on a {len(article.text):,}-character article "
        f"({len(article.blocks)} blocks), best of {REPEAT}:"
    )
    print(f"  baseline json.dumps(records) {baseline * 1000:8.1f} ms")
    rows = [
        ("markdown (by paragraph)", md, size_md),
        ("markdown (by tag)", md_tag, None),
        ("web annotation json", js, len(text.encode())),
        ("json import (parse+validate)", back, None),
    ]
    for name, seconds, size in rows:
        extra = f"  {size / 1e6:.1f} MB" if size else ""
        print(
            f"  {name:<29} {seconds * 1000:8.1f} ms  x{seconds / baseline:5.1f} baseline"
            f"  {'OK' if seconds < 1 else 'SLOW'} (< 1 s){extra}"
        )
    if speakers is not None:
        print(f"  (speaker analysis, not part of the export: {analysis * 1000:.1f} ms)")
    else:
        print("  (reader.analysis.quotes not available: Markdown timed without speakers)")
    return 0


@pytest.mark.benchmark
def test_bench_export() -> None:
    assert main() == 0


if __name__ == "__main__":
    raise SystemExit(main())
