"""The command line as a user meets it: real subprocesses, exit codes and one-line errors.

Bad input must give exit code 2, a single `reader: error: ...` line on stderr and no traceback,
before any terminal UI starts (so these tests need no terminal).
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from reader import __version__

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64))


def run_reader(
    *args: str, prefix: Sequence[str] = (), timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "READER_DB": os.devnull + ".unused"}
    env.pop("READER_FIRST_PAINT_FILE", None)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "reader", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        stdin=subprocess.DEVNULL,
    )


def assert_bad_input(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reader: error: ")
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0]
    assert result.stdout == ""


def test_version() -> None:
    result = run_reader("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"reader {__version__}"


def test_help_lists_subcommands() -> None:
    result = run_reader("--help")
    assert result.returncode == 0
    assert "open" in result.stdout
    assert "commands" in result.stdout
    assert "Notes database" in result.stdout


def test_missing_file(tmp_path: Path) -> None:
    assert_bad_input(run_reader(str(tmp_path / "nope.txt")), "nope.txt", "no such file")


def test_directory(tmp_path: Path) -> None:
    assert_bad_input(run_reader(str(tmp_path)), "directory")


def test_unreadable_file(tmp_path: Path) -> None:
    """Permission denied (mode 000). Root ignores file modes through its CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH capabilities, so as root the reader runs under `setpriv` with those two
    removed from its bounding set: the kernel then refuses the read exactly as for a normal user.
    """
    path = tmp_path / "secret.txt"
    path.write_text("Title\nSome text.\n", encoding="utf-8")
    path.chmod(0o000)
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file modes cannot be enforced")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
    try:
        assert_bad_input(run_reader(str(path), prefix=prefix), "permission denied")
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize("content", ["", "   \n\t\n  \n"], ids=["empty", "whitespace"])
def test_empty_and_whitespace_only(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    assert_bad_input(run_reader(str(path)), "empty")


def test_png(tmp_path: Path) -> None:
    path = tmp_path / "picture.txt"  # the name lies; the content decides
    path.write_bytes(PNG_HEADER)
    assert_bad_input(run_reader(str(path)), "PNG")


def test_gzip(tmp_path: Path) -> None:
    path = tmp_path / "article.txt.gz"
    path.write_bytes(gzip.compress(b"Title\nSome text that is compressed.\n" * 50))
    assert_bad_input(run_reader(str(path)), "gzip")


def test_too_large_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 101 MB on paper, nothing on disk
        handle.truncate(101 * 1024 * 1024)
    assert_bad_input(run_reader(str(path)), "too large", "101.0 MB")


def test_windows_1252_opens_with_a_notice(tmp_path: Path) -> None:
    """A cp1252 file is decoded, not refused, and the status line says how it was read."""
    path = tmp_path / "latin.txt"
    text = "Caf\u00e9 cr\u00e8me \u2013 \u201cna\u00efve\u201d r\u00e9sum\u00e9\n" * 3
    text += "Une phrase en fran\u00e7ais, bien s\u00fbr, \u00e0 l\u2019\u00e9t\u00e9.\n" * 3
    path.write_bytes(text.encode("cp1252"))
    stamp = tmp_path / "painted"
    code, output = run_in_pty([str(path)], env={"READER_FIRST_PAINT_FILE": str(stamp)})
    assert code == 0, output[-500:]
    assert stamp.exists()
    screen = output.decode("utf-8", "replace")
    assert "not UTF-8: decoded as" in screen
    assert "Une phrase en fran" in screen


#: Short French text: charset-normalizer's first guess for it is cp1250 (wrong).
WESTERN = "Caf\u00e9 cr\u00e8me \u2013 \u201cna\u00efve\u201d r\u00e9sum\u00e9\n" * 3


def test_windows_1252_text_is_decoded_correctly() -> None:
    from reader.article import decode_bytes

    text, _, notice = decode_bytes(WESTERN.encode("cp1252"))
    assert notice.startswith("not UTF-8")
    assert text == WESTERN


def run_in_pty(
    args: Sequence[str],
    env: dict[str, str] | None = None,
    signal_after_paint: int | None = None,
    timeout: float = 60,
) -> tuple[int, bytes]:
    """Run `reader ARGS` on a pseudo-terminal (80x24); return (exit code, all terminal output).

    With `signal_after_paint`, the signal is sent once the app has drawn its status line.
    """
    import pty
    import select
    import signal as signal_module
    import time

    pid, fd = pty.fork()
    if pid == 0:  # child
        os.environ.update(env or {})
        os.environ["TERM"] = "xterm-256color"
        if env is None or "READER_FIRST_PAINT_FILE" not in env:
            os.environ.pop("READER_FIRST_PAINT_FILE", None)
        os.execv(sys.executable, [sys.executable, "-m", "reader", *args])
    import fcntl
    import struct
    import termios

    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.kill(pid, signal_module.SIGWINCH)
    output = bytearray()
    deadline = time.monotonic() + timeout
    sent = False
    status = None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            output.extend(chunk)
        if signal_after_paint is not None and not sent and b"\xc2\xb6 " in output:
            time.sleep(0.3)  # let the first frame finish
            os.kill(pid, signal_after_paint)
            sent = True
        done, waited = os.waitpid(pid, os.WNOHANG)
        if done:
            status = waited
            # Drain what is left.
            try:
                while chunk := os.read(fd, 65536):
                    output.extend(chunk)
            except OSError:
                pass
            break
    else:
        os.kill(pid, signal_module.SIGKILL)
        os.waitpid(pid, 0)
        raise AssertionError(f"reader did not finish: {bytes(output[-300:])!r}")
    if status is None:
        _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), bytes(output)


ALT_SCREEN_ON = b"\x1b[?1049h"
ALT_SCREEN_OFF = b"\x1b[?1049l"


@pytest.mark.parametrize("signum", [15, 1], ids=["SIGTERM", "SIGHUP"])
def test_signal_restores_terminal_and_exits_128_plus_signal(signum: int) -> None:
    code, output = run_in_pty([], signal_after_paint=signum)
    assert code == 128 + signum, output[-300:]
    assert ALT_SCREEN_ON in output
    # The alternate screen is left after it was entered, and nothing is drawn after that.
    assert output.rfind(ALT_SCREEN_OFF) > output.rfind(ALT_SCREEN_ON)
    tail = output[output.rfind(ALT_SCREEN_OFF) :]
    assert b"Traceback" not in output
    assert len(tail) < 200, tail


def test_bad_input_of_a_subcommand_is_one_line_too(tmp_path: Path) -> None:
    result = run_reader("open", str(tmp_path / "missing.txt"))
    assert_bad_input(result, "no such file")


def test_too_narrow_width_is_refused() -> None:
    assert_bad_input(run_reader("--width", "5"), "--width")


def test_collector_back_on_after_a_refused_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`reader PATH` pauses the garbage collector for the start-up; an error before the app
    starts must not leave it off."""
    import gc

    from reader.cli import main

    assert gc.isenabled()
    assert main([str(tmp_path / "missing.txt")]) == 2
    assert gc.isenabled()
    assert "missing.txt" in capsys.readouterr().err


def test_plain_reader_path_skips_the_parser_and_opens_like_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`reader` and `reader PATH` are opened without building the argument parser (argparse
    costs start-up time); they open what `reader open [PATH]` opens, with the same defaults."""
    import reader.cli as cli
    from reader.cli import open_cmd

    opened: list[tuple[str | None, int, str | None]] = []
    built: list[object] = []
    real_build = cli.build_parser

    def open_article(path: str | None, width: int = 80, db: str | None = None) -> int:
        opened.append((path, width, db))
        return 0

    def build_parser(**kw: object) -> object:
        built.append(kw)
        return real_build(**kw)  # type: ignore[arg-type]

    monkeypatch.setattr(open_cmd, "open_article", open_article)
    monkeypatch.setattr(cli, "build_parser", build_parser)
    path = str(tmp_path / "a.txt")
    assert cli.main([]) == 0 and cli.main([path]) == 0
    assert not built
    assert opened == [(None, open_cmd.DEFAULT_WIDTH, None), (path, open_cmd.DEFAULT_WIDTH, None)]
    # Options, a sub-command or a second argument go through the parser.
    assert cli.main(["open", path]) == 0 and cli.main(["--width", "60", path]) == 0
    assert len(built) == 2
    assert opened[2:] == [(path, open_cmd.DEFAULT_WIDTH, None), (path, 60, None)]


def test_plain_reader_imports_no_argparse() -> None:
    code = (
        "import sys\n"
        "import reader.tui.app as A\n"
        "A.ReaderApp.run = lambda self, *a, **k: None\n"
        "from reader.cli import main\n"
        "assert main([]) == 0\n"
        "print(sorted(m for m in ('argparse', 'hashlib') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
