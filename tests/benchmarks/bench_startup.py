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
uses the same hook. Runs are interleaved and the median is reported. Bytecode is cached (in a
temporary PYTHONPYCACHEPREFIX, for both apps) as it is for an installed package.

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

TRIALS = 15
PYCACHE = Path(tempfile.gettempdir()) / "reader-bench-pycache"
PRESSES = 200
#: At most this long to wait for the background analysis before timing PageDown (seconds).
SETTLE_LIMIT = 120.0
COLUMNS, ROWS = 120, 40

BARE_APP = r"""
import os, time
from pathlib import Path
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("The Islamic State-Khorasan group's brazen midday attack on the embassy.")

    def on_mount(self):
        self.call_after_refresh(self.done, os.environ["READER_FIRST_PAINT_FILE"])

    def done(self, target):
        painted = time.time()
        # peak RSS as the reader reports it (reader.tui.app.peak_rss_kib), read after the stamp
        status = Path("/proc/self/status").read_text()
        peak = next((l.split()[1] for l in status.splitlines() if l.startswith("VmHWM:")), "0")
        Path(target).write_text(f"{painted:.6f} {peak}\n")
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


def first_paint(command: list[str]) -> tuple[float, int, bytes, float]:
    """(seconds from spawn to first paint, peak RSS in bytes, terminal output, CPU seconds)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    with tempfile.TemporaryDirectory() as tmp:
        stamp = Path(tmp) / "painted"
        env = {
            **os.environ,
            FIRST_PAINT_ENV: str(stamp),
            "TERM": "xterm-256color",
            "COLUMNS": str(COLUMNS),
            "LINES": str(ROWS),
        }
        env.pop("TEXTUAL", None)
        # An installed package has its bytecode compiled (pip does it); this machine may set
        # PYTHONDONTWRITEBYTECODE, which would make every run recompile reader's sources while
        # textual's come precompiled. Both apps get the same bytecode cache, filled by a warm-up.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
        output = bytearray()
        started = time.time()
        proc = subprocess.Popen(
            command,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            close_fds=True,
        )
        os.close(slave)
        reader = threading.Thread(target=_drain, args=(master, output), daemon=True)
        reader.start()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        reader.join(timeout=5)
        os.close(master)
        if not stamp.exists():
            raise RuntimeError(
                f"{command[:3]} exited {proc.returncode} without painting: {bytes(output)[-300:]!r}"
            )
        painted_at, peak_kib = stamp.read_text().split()
    cpu = usage.ru_utime + usage.ru_stime
    # The app's own VmHWM: `ru_maxrss` from wait4 would include this (large) benchmark process,
    # which Linux counts into a child through fork and exec.
    return float(painted_at) - started, int(peak_kib) * 1024, bytes(output), cpu


def _median_runs(
    commands: dict[str, list[str]],
) -> dict[str, tuple[float, float, float, int, float]]:
    """name -> (median wall, min wall, median CPU of the whole process, peak RSS, median of the
    paired ratios to the first command).

    Runs are interleaved; each trial's ratio is taken against the first command's run of the
    same trial, so a slow spell of the machine (another job starting) moves both sides of a pair
    instead of one median."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    rss: dict[str, int] = dict.fromkeys(commands, 0)
    for command in commands.values():  # warm-up (disk cache, .pyc files)
        first_paint(command)
    for _ in range(TRIALS):
        for name, command in commands.items():
            seconds, peak, _, cpu = first_paint(command)
            times[name].append(seconds)
            cpus[name].append(cpu)
            rss[name] = max(rss[name], peak)
    base = times[next(iter(commands))]
    return {
        name: (
            statistics.median(v),
            min(v),
            statistics.median(cpus[name]),
            rss[name],
            statistics.median(t / b for t, b in zip(v, base, strict=True)),
        )
        for name, v in times.items()
    }


def big_text(path: Path) -> Path:
    from reader.article import bundled_article_path

    text = bundled_article_path().read_text(encoding="utf-8")
    path.write_text((text.rstrip("\n") + "\n") * 480, encoding="utf-8")
    return path


async def _page_down_times(path: Path) -> tuple[list[float], list[float], list[float]]:
    """Per PageDown: Pilot wall time, process CPU time, and the view's own action + draw time."""
    from reader.article import load_article
    from reader.tui.app import ReaderApp
    from reader.tui.article_view import ArticleView

    # A notes database of its own: with the default one, the reading position saved by an
    # earlier run (same text, same sha256) is restored, the view opens near the end of the text
    # and PageDown measures presses that move nothing (~6 ms instead of ~25 ms). It would also
    # write this text's position into the user's real database.
    app = ReaderApp(load_article(path), db_path=str(path.parent / "bench-notes.json"))
    wall: list[float] = []
    cpu: list[float] = []
    own: list[float] = []
    async with app.run_test(size=(COLUMNS, ROWS)) as pilot:
        await pilot.pause()
        # Measure PageDown itself: let the one-off background work of opening the text (the
        # glossary and speaker analysis threads, the chunked wrap of the rest of the text) end
        # first, since the CPU figure counts every thread of the process.
        settle = time.perf_counter()
        view = app.article_view
        while (
            not (app.analysis_done and view.text_layout.complete)
            and time.perf_counter() - settle < SETTLE_LIMIT
        ):
            await asyncio.sleep(0.05)
        await pilot.pause()
        if view.cursor_offset != ArticleView.initial_cursor(app.article):
            raise RuntimeError("PageDown benchmark: the view did not open at the top of the text")
        settled = time.perf_counter() - settle
        print(f"   (background analysis and wrapping done {settled:.1f} s after open)")
        for _ in range(PRESSES):
            started, started_cpu = time.perf_counter(), time.process_time()
            await pilot.press("pagedown")
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        await pilot.press("g")
        for _ in range(PRESSES):
            # The work PageDown itself costs: the action plus drawing every newly visible line.
            started = time.perf_counter()
            view.action_page_down()
            for y in range(view.size.height):
                view.render_line(y)
            own.append(time.perf_counter() - started)
    return wall, cpu, own


def _fmt(values: list[float]) -> str:
    ordered = sorted(values)
    return (
        f"median {statistics.median(values) * 1000:6.2f} ms  "
        f"p95 {ordered[int(len(ordered) * 0.95)] * 1000:6.2f} ms"
    )


def main() -> int:
    from reader.article import bundled_article_path

    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        big = big_text(Path(tmp) / "big.txt")
        size_mb = big.stat().st_size / 1e6
        runs = _median_runs(
            {
                "bare": [python, "-c", BARE_APP],
                "reader": [python, "-m", "reader", str(bundled_article_path())],
                "reader-4mb": [python, "-m", "reader", str(big)],
            }
        )
        bare = runs["bare"]
        print(
            f"   first paint ({COLUMNS}x{ROWS} pty, {TRIALS} interleaved runs; wall median / "
            "wall min / CPU median, ratio to the bare app on each, and the median of the "
            "per-trial (paired) wall ratios):"
        )
        targets = {"reader": "target <= 1.15x", "reader-4mb": "target <= 1.5x"}
        labels = {
            "bare": "bare Textual app (one Static)",
            "reader": "reader, bundled article",
            "reader-4mb": f"reader, {size_mb:.1f} MB text",
        }
        for name, (wall, best, cpu, peak, paired) in runs.items():
            line = f"     {labels[name]:<31} {wall * 1000:6.0f} / {best * 1000:4.0f}"
            line += f" / {cpu * 1000:4.0f} ms"
            if name != "bare":
                line += (
                    f"   ratio {wall / bare[0]:.2f}x / {best / bare[1]:.2f}x / "
                    f"{cpu / bare[2]:.2f}x, paired {paired:.2f}x  ({targets[name]})"
                )
            line += f"   peak RSS {peak / 2**20:.0f} MB"
            print(line)
        print("     (target for the 4 MB text: peak RSS < 200 MB)")
        press_wall, press_cpu, own = asyncio.run(_page_down_times(big))
        print(
            f"   PageDown on the {size_mb:.1f} MB text, {PRESSES} presses via Pilot "
            "(target < 16 ms):"
        )
        print(f"     CPU per press (Textual + reader)  {_fmt(press_cpu)}")
        print(f"     reader's action + draw of page    {_fmt(own)}")
        print(f"     Pilot wall time (includes Pilot's idle waits) {_fmt(press_wall)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
