"""Share a long analysis between this process and one forked child, on machines with two cores.

Python runs one thread at a time, so a second core only helps in a second process. A forked
child starts with this process's memory (the article, the masked text, the quote spans): nothing
is copied to start it, and only the child's results travel back, pickled through a pipe.

The work has three parts: one that must stay here (`here_first`: the registry of people, which
later passes read), one the child starts with (`there_first`), and `chunks` numbered pieces of
pure work (`do_chunk`). Each side does its own part first, then takes chunks, this process from
the front and the child from the back, until they meet: the side done first takes more. The two
claim counters live in a shared page and each is written by one side only, so no lock is needed:
a stale read can only make both sides do the chunk where they meet, never leave one undone.

Nothing is lost when the child fails (it raises, dies, or runs past its deadline): this process
then does the child's part itself, so the result is always what a single process gives.

`os.fork` is used directly rather than `multiprocessing`, whose child start-up closes standard
input and runs after-fork hooks: the child here runs two pure functions, writes to a pipe and
leaves with `os._exit`, touching nothing that another thread of the app may hold.
"""

from __future__ import annotations

import contextlib
import mmap
import os
import pickle
import select
import signal
import struct
import sys
import time
import warnings
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

A = TypeVar("A")
R = TypeVar("R")

#: How long to wait for the child after this process's own part: at least `MIN_WAIT` seconds,
#: and `WAIT_FACTOR` times as long as that part took (the child's share is about as long).
MIN_WAIT = 30.0
WAIT_FACTOR = 3.0

#: The shared page holds (front, back): chunks [0, front) are claimed here, [back, chunks) by
#: the child. Each side writes only its own counter.
_BOTH = struct.Struct("qq")
_ONE = struct.Struct("q")
_FRONT_AT, _BACK_AT = 0, _ONE.size


def available() -> bool:
    """Is there a second core to use and a safe fork? (Linux only: macOS's system libraries are
    not safe to fork, and Windows has no fork.)"""
    return sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) > 1


#: Texts at least this long are worth a second process: on shorter ones, starting it costs more
#: than it saves.
MIN_CHARS = 400_000


def run(
    parallel: bool | None,
    chars: int,
    items: int,
    per_chunk: int,
    do_range: Callable[[int, int], R],
    here_first: Callable[[], None],
    there_first: Callable[[], A],
) -> tuple[A, list[R]]:
    """`share` (or `in_one`) over `items` pieces of work, `per_chunk` to a chunk: `do_range(lo,
    hi)` does pieces lo..hi-1. Two processes when `parallel` is true; by default (None), for a
    text of at least `MIN_CHARS` characters on a machine where they are `available`."""
    if parallel is None:
        parallel = chars >= MIN_CHARS and available()

    def do_chunk(k: int) -> R:
        return do_range(k * per_chunk, min(items, (k + 1) * per_chunk))

    split = share if parallel else in_one
    return split(-(-items // per_chunk), do_chunk, here_first, there_first)


def in_one(
    chunks: int,
    do_chunk: Callable[[int], R],
    here_first: Callable[[], None],
    there_first: Callable[[], A],
) -> tuple[A, list[R]]:
    """What `share` gives, all in this process."""
    here_first()
    return there_first(), [do_chunk(k) for k in range(chunks)]


def share(
    chunks: int,
    do_chunk: Callable[[int], R],
    here_first: Callable[[], None],
    there_first: Callable[[], A],
) -> tuple[A, list[R]]:
    """`(there_first(), [do_chunk(k) for k in range(chunks)])`, with `here_first()` run here.

    The child runs `there_first` and its chunks while this process runs `here_first` and its
    own. What `there_first` and `do_chunk` change in memory is lost with the child (only what
    they return comes back), so they must be pure; `here_first` always runs here.
    """
    try:
        counters, read_end, write_end, pid = _fork(chunks)
    except OSError:  # no memory, process or file to spare: all of it here, as on one core
        return in_one(chunks, do_chunk, here_first, there_first)
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(write_end, counters, do_chunk, there_first)
    os.close(write_end)
    answer: Any = None
    try:
        started = time.monotonic()
        here_first()
        done: dict[int, R] = {}
        while True:
            front, back = _BOTH.unpack_from(counters)
            if front >= back:
                break
            _ONE.pack_into(counters, _FRONT_AT, front + 1)
            done[front] = do_chunk(front)
        wait = max(MIN_WAIT, WAIT_FACTOR * (time.monotonic() - started))
        answer = _receive(read_end, time.monotonic() + wait)
    finally:
        os.close(read_end)
        _reap(pid)
        counters.close()
    if answer is None:
        first = there_first()
    else:
        first, theirs = answer
        done.update(theirs)
    return first, [done[k] if k in done else do_chunk(k) for k in range(chunks)]


def _fork(chunks: int) -> tuple[mmap.mmap, int, int, int]:
    """The shared counters, the pipe's two ends and `os.fork()`'s answer."""
    counters = mmap.mmap(-1, _BOTH.size)  # anonymous and shared with the child
    _BOTH.pack_into(counters, 0, 0, chunks)
    read_end, write_end = os.pipe()
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns when a process with threads (the app's workers) forks: see
            # the module's docstring for why this child is safe
            warnings.simplefilter("ignore", DeprecationWarning)
            pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        counters.close()
        raise
    return counters, read_end, write_end, pid


def _receive(fd: int, deadline: float) -> Any:
    """The child's pickled `(there_first(), {chunk: result})`, or None when it sent nothing
    whole by the deadline (it failed, died or hangs)."""
    parts: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        part = os.read(fd, 1 << 20)
        if not part:
            break  # the child closed its end: all it sent is here
        parts.append(part)
    try:
        return pickle.loads(b"".join(parts))
    except Exception:  # nothing, or a message cut short: its part is done here
        return None


def _reap(pid: int) -> None:
    """Collect the child, killing it first if it is still at work (it missed its deadline)."""
    if os.waitpid(pid, os.WNOHANG) == (0, 0):
        with contextlib.suppress(ProcessLookupError):  # it ended just now
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


def _child(
    fd: int,
    counters: mmap.mmap,
    do_chunk: Callable[[int], Any],
    there_first: Callable[[], Any],
) -> NoReturn:
    """The forked side: its first part, chunks from the back, then everything down the pipe."""
    try:
        first = there_first()
        done: dict[int, Any] = {}
        while True:
            front, back = _BOTH.unpack_from(counters)
            if back <= front:
                break
            _ONE.pack_into(counters, _BACK_AT, back - 1)
            done[back - 1] = do_chunk(back - 1)
        payload = memoryview(pickle.dumps((first, done), protocol=pickle.HIGHEST_PROTOCOL))
        while payload:
            payload = payload[os.write(fd, payload) :]
    except BaseException:  # any failure: the parent does this part itself
        pass
    finally:
        # no interpreter shutdown: it would flush streams and run exit hooks of the parent's
        os._exit(0)
