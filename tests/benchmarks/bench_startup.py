"""Startup and scrolling speed of the reader (issue 2).

Prints, measured in the same run:
- launch-to-first-paint of `reader` on the bundled article vs. a bare Textual app showing one
  Static line, and their ratio (target: within 1.15x);
- the same for a ~4 MB text (the bundled article repeated 480 times), with the reader's peak RSS
  (targets: within 1.5x, RSS under 200 MB);
- PageDown on the 4 MB text, median over 200 presses (target: under 16 ms).

First paint is measured in fresh subprocesses on a real pseudo-terminal (the normal Linux driver,
not the headless one): the parent notes the wall clock before spawning; the app, started with
READER_FIRST_PAINT_FILE set, writes the wall clock after its first refresh and exits. The bare app
uses the same hook. Runs are interleaved and the median is reported.

Run: `python -m tests.benchmarks startup` (or `python -m tests.benchmarks` for all benchmarks).
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

from reader.tui.app import FIRST_PAINT_ENV

TRIALS = 7
PRESSES = 200
COLUMNS, ROWS = 120, 40

BARE_APP = r"""
import os, time
from pathlib import Path
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("The Islamic State-Khorasan group's brazen midday attack on the Iraqi embassy.")

    def on_mount(self):
        self.call_after_refresh(self.done, os.environ["READER_FIRST_PAINT_FILE"])

    def done(self, target):
        Path(target).write_text(f"{time.time():.6f}\n")
        self.exit()

Bare().run()
"""


def _drain(fd: int, sink: bytearray) -> None:
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            return
        if not data:
            return
        sink.extend(data)


def first_paint(command: list[str]) -> tuple[float, int, bytes]:
    """(seconds from spawn to first paint, peak RSS in bytes, terminal output) of one run."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    with tempfile.TemporaryDirectory() as tmp:
        stamp = Path(tmp) / "painted"
        env = {**os.environ, FIRST_PAINT_ENV: str(stamp), "TERM": "xterm-256color",
               "COLUMNS": str(COLUMNS), "LINES": str(ROWS)}
        env.pop("TEXTUAL", None)
        output = bytearray()
        started = time.time()
        proc = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                                start_new_session=True, close_fds=True)
        os.close(slave)
        reader = threading.Thread(target=_drain, args=(master, output), daemon=True)
        reader.start()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        reader.join(timeout=5)
        os.close(master)
        if not stamp.exists():
            raise RuntimeError(f"{command[:3]} exited {proc.returncode} without painting: "
                               f"{bytes(output)[-300:]!r}")
        painted = float(stamp.read_text())
    return painted - started, usage.ru_maxrss * 1024, bytes(output)


def _median_runs(commands: dict[str, list[str]]) -> dict[str, tuple[float, int]]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, int] = dict.fromkeys(commands, 0)
    for name, command in commands.items():  # warm-up (disk cache, .pyc files)
        first_paint(command)
    for _ in range(TRIALS):
        for name, command in commands.items():
            seconds, peak, _ = first_paint(command)
            times[name].append(seconds)
            rss[name] = max(rss[name], peak)
    return {name: (statistics.median(values), rss[name]) for name, values in times.items()}


def big_text(path: Path) -> Path:
    from reader.article import bundled_article_path

    text = bundled_article_path().read_text(encoding="utf-8")
    path.write_text((text.rstrip("\n") + "\n") * 480, encoding="utf-8")
    return path


async def _page_down_times(path: Path) -> tuple[list[float], list[float]]:
    from reader.article import load_article
    from reader.tui.app import ReaderApp

    app = ReaderApp(load_article(path))
    pilot_times: list[float] = []
    draw_times: list[float] = []
    async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
        await pilot.pause()
        view = app.article_view
        for _ in range(PRESSES):
            started = time.perf_counter()
            await pilot.press("pagedown")
            pilot_times.append(time.perf_counter() - started)
        await pilot.press("g")
        for _ in range(PRESSES):
            # The work PageDown itself costs: the action plus drawing every newly visible line.
            started = time.perf_counter()
            view.action_page_down()
            for y in range(view.size.height):
                view.render_line(y)
            draw_times.append(time.perf_counter() - started)
    return pilot_times, draw_times


def main() -> int:
    from reader.article import bundled_article_path

    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        big = big_text(Path(tmp) / "big.txt")
        size_mb = big.stat().st_size / 1e6
        runs = _median_runs({
            "bare": [python, "-c", BARE_APP],
            "reader": [python, "-m", "reader", str(bundled_article_path())],
            "reader-4mb": [python, "-m", "reader", str(big)],
        })
        bare, _ = runs["bare"]
        small, small_rss = runs["reader"]
        large, large_rss = runs["reader-4mb"]
        print(f"   first paint, median of {TRIALS} ({COLUMNS}x{ROWS} pty):")
        print(f"     bare Textual app (one Static)   {bare * 1000:7.1f} ms")
        print(f"     reader, bundled article         {small * 1000:7.1f} ms   ratio "
              f"{small / bare:.2f}x  (target <= 1.15x)  peak RSS {small_rss / 2**20:.0f} MB")
        print(f"     reader, {size_mb:.1f} MB text            {large * 1000:7.1f} ms   ratio "
              f"{large / bare:.2f}x  (target <= 1.5x)   peak RSS {large_rss / 2**20:.0f} MB "
              "(target < 200 MB)")
        pilot_times, draw_times = asyncio.run(_page_down_times(big))
        print(f"   PageDown on the {size_mb:.1f} MB text, median of {PRESSES}:")
        print(f"     via Pilot (key event to idle)   {statistics.median(pilot_times) * 1000:7.2f} ms"
              f"   p95 {sorted(pilot_times)[int(PRESSES * 0.95)] * 1000:.2f} ms (target < 16 ms)")
        print(f"     action + draw visible lines     {statistics.median(draw_times) * 1000:7.2f} ms"
              f"   p95 {sorted(draw_times)[int(PRESSES * 0.95)] * 1000:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
