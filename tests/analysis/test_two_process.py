"""Sharing the speaker analysis with a forked child: same result as one process, whatever the
child does (finishes, raises, dies, hangs), and no child left behind."""

from __future__ import annotations

import json
import os
import random
import sys
import time

import pytest

from reader.analysis import quotes as quotes_module
from reader.analysis import two_process
from reader.analysis.quotes import analyse_quotes
from reader.article import bundled_article_path, parse_article

needs_fork = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the second process is forked (Linux only)"
)


def _square(k: int) -> int:
    return k * k


def _no_children_left() -> bool:
    """No child running and none exited unreaped."""
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@needs_fork
@pytest.mark.parametrize("chunks", [0, 1, 2, 7, 50])
def test_share_gives_what_one_process_gives(chunks: int) -> None:
    here: list[str] = []
    fds = len(os.listdir("/proc/self/fd"))
    got = two_process.share(chunks, _square, lambda: here.append("ran"), lambda: "first")
    assert len(os.listdir("/proc/self/fd")) == fds  # the pipe is closed again
    assert got == ("first", [k * k for k in range(chunks)])
    assert got == two_process.in_one(chunks, _square, lambda: None, lambda: "first")
    assert here == ["ran"]  # the part that must stay here ran here, once
    assert _no_children_left()


@needs_fork
def test_both_processes_take_chunks() -> None:
    parent = os.getpid()

    def where(k: int) -> tuple[int, bool]:
        time.sleep(0.002)
        return k, os.getpid() == parent

    _, results = two_process.share(200, where, lambda: None, lambda: None)
    assert [k for k, _ in results] == list(range(200))
    sides = {here for _, here in results}
    assert sides == {True, False}
    # the parent takes from the front and the child from the back: they meet once
    flags = [here for _, here in results]
    assert flags == sorted(flags, reverse=True)


@needs_fork
def test_a_child_that_raises_is_covered_here() -> None:
    parent = os.getpid()

    def first() -> str:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return "first"

    assert two_process.share(5, _square, lambda: None, first) == ("first", [0, 1, 4, 9, 16])
    assert _no_children_left()


@needs_fork
def test_a_child_that_dies_is_covered_here() -> None:
    parent = os.getpid()

    def chunk(k: int) -> int:
        if os.getpid() != parent:
            os._exit(3)  # dies without a word
        return k + 1

    assert two_process.share(40, chunk, lambda: None, lambda: None) == (
        None,
        list(range(1, 41)),
    )
    assert _no_children_left()


@needs_fork
def test_a_child_that_hangs_is_killed_and_covered_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(two_process, "MIN_WAIT", 0.3)
    parent = os.getpid()

    def first() -> str:
        if os.getpid() != parent:
            time.sleep(60)
        return "first"

    t0 = time.monotonic()
    assert two_process.share(3, _square, lambda: None, first) == ("first", [0, 1, 4])
    assert time.monotonic() - t0 < 30
    assert _no_children_left()


def test_available_only_on_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(two_process.sys, "platform", "darwin")
    assert not two_process.available()


def _mixed_text() -> str:
    """The bundled article's paragraphs shuffled three times over: speakers recur far apart."""
    title, _, body = bundled_article_path().read_text(encoding="utf-8").partition("\n")
    paragraphs = [p for p in body.split("\n") if p.strip()]
    rng = random.Random(7)
    out: list[str] = []
    for _ in range(3):
        rng.shuffle(paragraphs)
        out += paragraphs
    return title + "\n" + "\n\n".join(out) + "\n"


@needs_fork
def test_speaker_index_is_the_same_in_two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    # small chunks, so both processes read quotes and they meet mid-way
    monkeypatch.setattr(quotes_module, "READ_CHUNK", 5)
    article = parse_article(_mixed_text())
    one = analyse_quotes(article, parallel=False)
    two = analyse_quotes(article, parallel=True)
    assert one.quotes and one.speakers
    assert json.dumps(two.to_json()) == json.dumps(one.to_json())
    assert two == one


def test_short_texts_stay_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork(*args: object) -> object:
        raise AssertionError("a short text must not start a second process")

    monkeypatch.setattr(two_process, "share", no_fork)
    article = parse_article(bundled_article_path().read_text(encoding="utf-8"))
    assert analyse_quotes(article).speakers


def test_no_fork_to_spare_means_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(two_process.os, "fork", no_fork)
    here: list[str] = []
    got = two_process.share(4, _square, lambda: here.append("ran"), lambda: "first")
    assert got == ("first", [0, 1, 4, 9]) and here == ["ran"]


@needs_fork
def test_glossary_is_the_same_in_two_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.analysis import glossary as glossary_module
    from reader.analysis.glossary import build_glossary_text

    # tiny chunks: definitions of one acronym fall in chunks read by different processes; the
    # Pakistani Taliban (TTP) is named before it is spelled out, and spelled out twice
    monkeypatch.setattr(glossary_module, "DEFINE_CHUNK", 3)
    text = (
        _mixed_text()
        + "\n\nLater the Tehrik-i-Taliban Pakistan (TTP) said so, and the TTP agreed.\n"
        + "\nThe Tehrik-e-Taliban Pakistan (TTP) again. The UN and the EU (European Union) met.\n"
    )
    one = build_glossary_text(text, parallel=False)
    two = build_glossary_text(text, parallel=True)
    assert one.entries and two == one
    assert json.dumps(two.to_json()) == json.dumps(one.to_json())


def test_short_texts_keep_the_glossary_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.analysis.glossary import build_glossary_text

    def no_fork(*args: object) -> object:
        raise AssertionError("a short text must not start a second process")

    monkeypatch.setattr(two_process, "share", no_fork)
    assert build_glossary_text(bundled_article_path().read_text(encoding="utf-8")).entries


def test_run_cuts_the_work_into_ranges_and_decides_on_the_text_s_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def span(lo: int, hi: int) -> tuple[int, int]:
        return lo, hi

    got = two_process.run(False, 0, 7, 3, span, lambda: None, lambda: "first")
    assert got == ("first", [(0, 3), (3, 6), (6, 7)])
    assert two_process.run(False, 0, 0, 3, span, lambda: None, lambda: None) == (None, [])

    def no_fork(*args: object) -> object:
        raise AssertionError("below MIN_CHARS, one process")

    monkeypatch.setattr(two_process, "share", no_fork)
    small = two_process.MIN_CHARS - 1
    assert two_process.run(None, small, 2, 1, span, lambda: None, lambda: 0) == (
        0,
        [(0, 1), (1, 2)],
    )
