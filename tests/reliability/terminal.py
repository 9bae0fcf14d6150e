"""Run the real `reader` on a pseudo-terminal and capture every byte the terminal would receive.

This is the strongest check that article and note text never reach the terminal as control
sequences: it goes through Textual's real Linux driver, not the headless one (which discards
output). Stdlib only (pty, select), so it runs in CI without tmux or a terminal emulator.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass

#: Byte patterns that must never appear in what the app writes when showing hostile text.
#: The app's own sequences are CSI (ESC [) and, on request only, OSC 52 (copy) / OSC 22 (pointer);
#: it never sets the window title.
C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
BIDI_UTF8 = re.compile(rb"\xd8\x9c|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xa9]|\xef\xbb\xbf")
TITLE_OSC = re.compile(rb"\x1b\][012];")


@dataclass
class Run:
    output: bytes
    returncode: int | None  # None: it had to be killed
    seconds: float


def _set_size(fd: int, rows: int, cols: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def _read_for(fd: int, seconds: float, sink: bytearray) -> bool:
    """Read for `seconds`; False once the child has closed the terminal (EOF/EIO)."""
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return True
        ready, _, _ = select.select([fd], [], [], min(left, 0.05))
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                return False
            if not chunk:
                return False
            sink.extend(chunk)


def _wait_for(fd: int, needle: bytes, timeout: float, sink: bytearray) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if needle in sink:
            return True
        if not _read_for(fd, 0.1, sink):
            break
    return needle in sink


def run_reader(
    args: Sequence[str],
    keys: Sequence[str | float] = (),
    *,
    ready: bytes = b"\x1b[?1049h",
    rows: int = 30,
    cols: int = 110,
    timeout: float = 30.0,
    env: dict[str, str] | None = None,
) -> Run:
    """Start `python -m reader ARGS` on a pty, wait for `ready`, send `keys` (a float = pause that
    many seconds), then wait for it to exit (killed after `timeout`)."""
    child_env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": str(cols),
        "LINES": str(rows),
        **(env or {}),
    }
    child_env.pop("TEXTUAL", None)
    started = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:  # child
        try:
            _set_size(0, rows, cols)
            os.execvpe(sys.executable, [sys.executable, "-m", "reader", *args], child_env)
        finally:
            os._exit(127)
    out = bytearray()
    code: int | None = None
    try:
        _set_size(fd, rows, cols)
        alive = _wait_for(fd, ready, timeout, out)
        alive = alive and _read_for(fd, 0.8, out)  # first paint and the workers after it
        for key in keys if alive else ():
            if isinstance(key, float):
                _read_for(fd, key, out)
                continue
            try:
                os.write(fd, key.encode("utf-8"))
            except OSError:
                break
            _read_for(fd, 0.15, out)
        started_waiting = time.monotonic()
        deadline = started_waiting + timeout
        nudged = False
        while time.monotonic() < deadline:
            _read_for(fd, 0.1, out)
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
                break
            if keys and not nudged and time.monotonic() - started_waiting > 5:
                # a key was eaten by a screen that was still opening: Escape out, Ctrl+Q (Textual's
                # own quit). The app must still respond; a hang shows as returncode None.
                nudged = True
                with contextlib.suppress(OSError):
                    os.write(fd, b"\x1b")
                    _read_for(fd, 0.3, out)
                    os.write(fd, b"\x11")
    finally:
        if code is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        _read_for(fd, 0.05, out)
        os.close(fd)
    return Run(bytes(out), code, time.monotonic() - started)


def text_escapes(output: bytes, markers: Sequence[bytes]) -> list[bytes]:
    """Which `markers` (raw payloads as they are in the article, e.g. b"\\x1b]0;pwned") reached
    the terminal verbatim."""
    return [m for m in markers if m in output]
