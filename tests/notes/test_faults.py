"""Crash safety with real processes: kill -9 at random moments, and two processes writing at once.

The harness is in tests/notes/fault_injection.py. The default suite runs a few trials; the slow
test runs hundreds, and measures TinyDB's own storages under the same kills as a baseline.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.notes.store import NoteStore
from tests.notes.fault_injection import kill_trials_ours, kill_trials_tinydb

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")


def test_kill9_single_writer_quick(tmp_path: Path) -> None:
    fig = kill_trials_ours(tmp_path, 15, seed=7, initial=50)
    assert fig.acked_writes > 15  # the kills did land among writes
    assert (fig.corrupt, fig.lost) == (0, 0), fig.notes
    assert fig.notes == []


def test_kill9_two_writers_quick(tmp_path: Path) -> None:
    fig = kill_trials_ours(tmp_path, 5, writers=2, seed=8, initial=50)
    assert (fig.corrupt, fig.lost) == (0, 0), fig.notes
    assert fig.notes == []


@pytest.mark.slow
def test_kill9_hundreds_of_trials_ours_vs_tinydb(tmp_path: Path) -> None:
    figures = []
    for name, run in [
        ("one", lambda f: kill_trials_ours(f, 400, seed=11)),
        ("two", lambda f: kill_trials_ours(f, 200, writers=2, seed=12)),
        ("json", lambda f: kill_trials_tinydb(f, 300, caching=False, seed=13)),
        ("caching", lambda f: kill_trials_tinydb(f, 100, caching=True, seed=14)),
    ]:
        folder = tmp_path / name
        folder.mkdir()
        figures.append(run(folder))
    for fig in figures:
        print(fig.line())
    ours_one, ours_two, plain, caching = figures
    for fig in (ours_one, ours_two):
        assert (fig.corrupt, fig.mangled, fig.lost) == (0, 0, 0), fig.notes
        assert fig.notes == []
    # The baseline is recorded, not required, except where TinyDB cannot avoid it: the caching
    # middleware keeps acknowledged writes in memory only, so a kill loses them.
    assert caching.lost > caching.trials // 2
    assert plain.trials == 300


WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from reader.notes.model import Annotation, ArticleRef, Target, new_id
    from reader.notes.store import NoteStore

    db, go, n, tag = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    store = NoteStore(db)
    while not go.exists():
        time.sleep(0.005)
    for k in range(n):
        a = Annotation(id=new_id(), article=ArticleRef("e" * 64, "", "t"),
                       target=Target("quote", "", "", 0, 5), note=f"{tag}-{k}")
        store.add(a)
        print(a.id, flush=True)
    """
)


def test_two_processes_adding_concurrently_lose_nothing(tmp_path: Path) -> None:
    db, go, n = tmp_path / "notes.json", tmp_path / "go", 40
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(db), str(go), str(n), tag],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("one", "two")
    ]
    go.touch()  # both start adding at the same moment
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
    printed = [line for out, _ in outs for line in out.split()]
    store = NoteStore(db)
    notes = store.annotations()
    assert len(notes) == 2 * n
    assert len({a.id for a in notes}) == 2 * n
    assert {a.id for a in notes} == set(printed)
    assert sorted(a.note for a in notes) == sorted(
        f"{t}-{k}" for t in ("one", "two") for k in range(n)
    )
