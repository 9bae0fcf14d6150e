"""Speed of the speaker index on a ~4 MB text (the bundled article repeated 480 times).

Run with `python -m tests.benchmarks.bench_quotes`. Prints the analysis time as the app runs it
(with a second process where the machine has a second core, see `reader.analysis.two_process`)
and its ratios to two baselines measured in the same run: one regular-expression scan for
quotation marks over the same text (the least any quote finder must do), and the same analysis
in one process. CPU time counts both processes. No timed asserts: figures are for reading.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.analysis import two_process
from reader.analysis.quotes import SpeakerIndex, analyse_quotes
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
    seconds, cpu, index = _timed(lambda: analyse_quotes(article))
    one_process, _, alone = _timed(lambda: analyse_quotes(article, parallel=False))
    assert alone == index, "one process and two must give the same index"
    return {
        "cpu_seconds": cpu,
        "calibration_seconds": calibration(),
        "megabytes": len(text.encode("utf-8")) / 1e6,
        "seconds": seconds,
        "baseline_seconds": baseline,
        "ratio": seconds / baseline if baseline else float("inf"),
        "one_process_seconds": one_process,
        "processes": 2.0 if two_process.available() else 1.0,
        "quotes": float(len(index.quotes)),
        "marks": float(marks),
        "speakers": float(len(index.speakers)),
    }


def _timed(run: Callable[[], SpeakerIndex]) -> tuple[float, float, SpeakerIndex]:
    """(wall seconds, CPU seconds of this process and its children, the result) of `run`."""
    t0, c0 = time.perf_counter(), _cpu()
    result = run()
    return time.perf_counter() - t0, _cpu() - c0, result


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


@pytest.mark.benchmark
def test_bench_quotes() -> None:
    figures = measure()
    print(figures)
    assert figures["quotes"] > 0


#: Real news, where the eval kit is beside the project: its 84 articles, ten times over (4 MB).
NEWS = Path(__file__).resolve().parents[3] / "shared" / "eval" / "polnear-dev.jsonl"


def news_text(times: int = 10) -> str | None:
    """About 4 MB of real US news (denser in names and quotes than the bundled article)."""
    if not NEWS.is_file():
        return None
    lines = NEWS.read_text(encoding="utf-8").splitlines()
    articles = [json.loads(line)["text"] for line in lines if line.strip()]
    return "Collected news\n\n" + "\n\n".join(articles * times) + "\n"


def main() -> None:
    news = news_text()
    if news is not None:
        article = parse_article(news)
        two, _, index = _timed(lambda: analyse_quotes(article))
        one, _, _ = _timed(lambda: analyse_quotes(article, parallel=False))
        print(
            f"real news ({len(news.encode('utf-8')) / 1e6:.1f} MB, the eval kit's articles x10): "
            f"{two:.2f} s wall, {one:.2f} s in one process ({len(index.quotes)} quotes, "
            f"{len(index.speakers)} speakers)"
        )
    f = measure()
    print(
        f"analyse_quotes on {f['megabytes']:.1f} MB: {f['seconds']:.2f} s wall, "
        f"{f['cpu_seconds']:.2f} s CPU in {f['processes']:.0f} process(es) "
        f"({f['quotes']:.0f} quotes, {f['speakers']:.0f} speakers); "
        f"in one process {f['one_process_seconds']:.2f} s "
        f"(ratio {f['seconds'] / f['one_process_seconds']:.2f}); "
        f"quote-mark regex scan {f['baseline_seconds'] * 1000:.1f} ms; ratio {f['ratio']:.0f}x; "
        f"calibration loop {f['calibration_seconds']:.2f} s (about 0.5 s on an idle core)"
    )


if __name__ == "__main__":
    main()
