"""Speed of the speaker index on a ~4 MB text (the bundled article repeated 480 times).

Run with `python -m tests.benchmarks.bench_quotes`. Prints the analysis time and its ratio to a
baseline measured in the same run: one regular-expression scan for quotation marks over the same
text (the least any quote finder must do). No timed asserts: figures are for reading.
"""

from __future__ import annotations

import re
import time

import pytest

from reader.analysis.quotes import analyse_quotes
from reader.article import bundled_article_path, parse_article

REPEAT = 480


def big_text() -> str:
    text = bundled_article_path().read_text(encoding="utf-8")
    title, _, body = text.partition("\n")
    return title + "\n" + "\n".join([body.strip("\n")] * REPEAT) + "\n"


def calibration() -> float:
    """Seconds for a fixed pure-Python loop: shows how loaded the machine is (about 0.5 s idle)."""
    t0 = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - t0


def measure() -> dict[str, float]:
    text = big_text()
    article = parse_article(text)
    t0 = time.perf_counter()
    marks = len(re.findall('["\u201c\u201d]', text))
    baseline = time.perf_counter() - t0
    t0 = time.perf_counter()
    c0 = time.process_time()
    index = analyse_quotes(article)
    seconds = time.perf_counter() - t0
    cpu = time.process_time() - c0
    return {
        "cpu_seconds": cpu,
        "calibration_seconds": calibration(),
        "megabytes": len(text.encode("utf-8")) / 1e6,
        "seconds": seconds,
        "baseline_seconds": baseline,
        "ratio": seconds / baseline if baseline else float("inf"),
        "quotes": float(len(index.quotes)),
        "marks": float(marks),
        "speakers": float(len(index.speakers)),
    }


@pytest.mark.benchmark
def test_bench_quotes() -> None:
    figures = measure()
    print(figures)
    assert figures["quotes"] > 0


def main() -> None:
    f = measure()
    print(
        f"analyse_quotes on {f['megabytes']:.1f} MB: {f['seconds']:.2f} s wall, "
        f"{f['cpu_seconds']:.2f} s CPU ({f['quotes']:.0f} quotes, {f['speakers']:.0f} speakers); "
        f"quote-mark regex scan {f['baseline_seconds'] * 1000:.1f} ms; ratio {f['ratio']:.0f}x; "
        f"calibration loop {f['calibration_seconds']:.2f} s (about 0.5 s on an idle core)"
    )


if __name__ == "__main__":
    main()
