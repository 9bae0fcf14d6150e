"""Kill-9 fault injection for the notes store, and for TinyDB's own storages as a baseline.

A writer runs in a forked child process (a real process, so SIGKILL is real), performs adds, edits
and deletes in a loop, and reports on a pipe `B op id note` before each write and `A op id note`
once the write call has returned (acknowledged). The parent kills it at a random moment, then checks
the file: it must parse, every acknowledged write must be there (deleted notes absent), and at most
the one in-flight operation may additionally have happened.

Used by tests/notes/test_faults.py; `python -m tests.notes.fault_injection [TRIALS]` prints the
figures for all storages.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

State = dict[str, str]  # note id -> note text
Op = tuple[str, str, str]  # (op, id, note)

SHA = "f" * 64


def _token(rng: random.Random) -> str:
    """A note text of varying length, so that files grow and shrink (a shrinking in-place rewrite
    is where TinyDB's JSONStorage leaves garbage behind). Determined by its first word, which is
    all the writer reports on the pipe (short lines keep the pipe from filling up)."""
    return expand(str(rng.randrange(1 << 40)))


def expand(key: str) -> str:
    return key + " " + "n" * (int(key) % 400)


# -- writers (run in the child) ----------------------------------------------------------------
class _Pipe:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def say(self, *parts: str) -> None:
        os.write(self.fd, (" ".join(parts) + "\n").encode())


def _loop(
    rng: random.Random,
    live: list[str],
    pipe: _Pipe,
    add: Callable[[str, str], None],
    edit: Callable[[str, str], None],
    delete: Callable[[str], None],
) -> None:
    from reader.notes.model import new_id

    pipe.say("R")
    while True:
        roll = rng.random()
        if roll < 0.4 or len(live) < 5:
            note_id, note = new_id(), _token(rng)
            key = note.split(" ")[0]
            pipe.say("B", "add", note_id, key)
            add(note_id, note)
            live.append(note_id)
            pipe.say("A", "add", note_id, key)
        elif roll < 0.8:
            note_id, note = rng.choice(live), _token(rng)
            key = note.split(" ")[0]
            pipe.say("B", "edit", note_id, key)
            edit(note_id, note)
            pipe.say("A", "edit", note_id, key)
        else:
            note_id = rng.choice(live)
            pipe.say("B", "delete", note_id, "-")
            delete(note_id)
            live.remove(note_id)
            pipe.say("A", "delete", note_id, "-")


def _annotation(note_id: str, note: str) -> Any:
    from reader.notes.model import Annotation, ArticleRef, Target

    quote = "a passage of the article that was highlighted"
    return Annotation(
        id=note_id,
        article=ArticleRef(SHA, "/articles/fault.txt", "Fault injection"),
        target=Target(quote, "p" * 48, "s" * 48, 100, 100 + len(quote)),
        note=note,
    )


def ours_writer(path: Path, live: list[str], pipe: _Pipe, seed: int) -> None:
    from reader.notes.store import NoteStore

    store = NoteStore(path)
    _loop(
        random.Random(seed),
        live,
        pipe,
        add=lambda i, n: store.add(_annotation(i, n)) and None,
        edit=lambda i, n: store.update(store.get(i).with_changes(note=n)) and None,
        delete=lambda i: store.delete(i) and None,
    )


def tinydb_writer(path: Path, live: list[str], pipe: _Pipe, seed: int, *, caching: bool) -> None:
    from tinydb import Query, TinyDB
    from tinydb.middlewares import CachingMiddleware
    from tinydb.storages import JSONStorage

    db = TinyDB(path, storage=CachingMiddleware(JSONStorage)) if caching else TinyDB(path)
    q = Query()
    _loop(
        random.Random(seed),
        live,
        pipe,
        add=lambda i, n: db.insert(_annotation(i, n).to_record()) and None,
        edit=lambda i, n: db.update({"note": n}, q.id == i) and None,
        delete=lambda i: db.remove(q.id == i) and None,
    )


# -- reading the outcome (in the parent) -------------------------------------------------------
class Corrupt(Exception):
    pass


def read_ours(path: Path) -> State:
    data = json.loads(path.read_bytes())  # json, not orjson: any strict parser must accept it
    return {k: v["note"] for k, v in data.get("annotations", {}).items()}


def read_tinydb(path: Path) -> State:
    data = json.loads(path.read_bytes())
    out: State = {}
    for doc in data.get("_default", {}).values():
        if not isinstance(doc, dict) or "id" not in doc or "note" not in doc:
            raise Corrupt("a document lost its fields")
        if doc["id"] in out:
            raise Corrupt("duplicate id")
        out[doc["id"]] = doc["note"]
    return out


def apply(state: State, op: Op) -> None:
    kind, note_id, key = op
    if kind == "delete":
        state.pop(note_id, None)
    else:
        state[note_id] = expand(key)


def outcomes(before: State, lines: list[str]) -> tuple[State, State | None, int]:
    """(state after the acknowledged ops, state if the in-flight op also landed, #acked)."""
    acked = dict(before)
    inflight: Op | None = None
    count = 0
    for line in lines:
        parts = line.split(" ")
        if parts[0] == "B":
            inflight = (parts[1], parts[2], parts[3])
        elif parts[0] == "A":
            apply(acked, (parts[1], parts[2], parts[3]))
            inflight = None
            count += 1
        elif parts[0] == "E":
            raise AssertionError(f"writer failed: {line}")
    if inflight is None:
        return acked, None, count
    landed = dict(acked)
    apply(landed, inflight)
    return acked, landed, count


# -- the harness -----------------------------------------------------------------------------------
Writer = Callable[[Path, list[str], _Pipe, int], None]


@dataclass
class Figures:
    name: str
    trials: int = 0
    acked_writes: int = 0
    corrupt: int = 0  # the file did not parse
    mangled: int = 0  # it parsed, but documents lost fields or appeared twice
    lost: int = 0  # trials where an acknowledged write was missing or a delete undone
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.name}: {self.trials} kill -9 trials, {self.acked_writes} acknowledged "
            f"writes -> {self.corrupt} unparsable files, {self.mangled} parsable but mangled, "
            f"{self.lost} trials with lost acknowledged writes"
        )


def _spawn(writer: Writer, path: Path, live: list[str], seed: int) -> tuple[int, int]:
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            os.close(r)
            pipe = _Pipe(w)
            try:
                writer(path, list(live), pipe, seed)
            except BaseException as exc:
                pipe.say("E", type(exc).__name__, str(exc).replace("\n", " ")[:200])
                code = 1
        finally:
            os._exit(code)
    os.close(w)
    return pid, r


def _collect(pid: int, r: int, delay: float) -> list[str]:
    """Wait for the writer to be ready, let it run `delay` seconds, SIGKILL it, read its report."""
    buf = b""
    deadline = time.monotonic() + 30
    while b"R\n" not in buf and b"E " not in buf:
        chunk = os.read(r, 65536)
        if not chunk or time.monotonic() > deadline:
            break
        buf += chunk
    time.sleep(delay)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(r, 65536):
        buf += chunk
    os.close(r)
    return [ln for ln in buf.decode().split("\n") if ln and ln != "R"]


def _seed_ours(path: Path, n: int, rng: random.Random) -> State:
    from reader.notes.model import new_id
    from reader.notes.store import NoteStore

    state = {new_id(): _token(rng) for _ in range(n)}
    with NoteStore(path) as store:
        store.import_many([_annotation(i, note) for i, note in state.items()])
    return state


def _seed_tinydb(path: Path, state: State) -> None:
    from tinydb import TinyDB

    path.unlink(missing_ok=True)
    with TinyDB(path) as db:
        db.insert_multiple(_annotation(i, note).to_record() for i, note in state.items())


def kill_trials_ours(
    folder: Path,
    trials: int,
    *,
    writers: int = 1,
    seed: int = 1,
    initial: int = 200,
    max_delay: float = 0.08,
) -> Figures:
    """Our store under SIGKILL, with one or several concurrent writer processes."""
    from reader.notes.store import NoteStore

    rng = random.Random(seed)
    path = folder / "ours.json"
    model = _seed_ours(path, initial, rng)
    # Each writer owns a slice of the ids: its report tells what must have happened to them.
    owned = [sorted(model)[k::writers] for k in range(writers)]
    fig = Figures(f"NoteStore ({writers} writer{'s' if writers > 1 else ''})")
    for _ in range(trials):
        procs = [
            _spawn(ours_writer, path, owned[k], rng.randrange(1 << 30)) for k in range(writers)
        ]
        delay = rng.uniform(0, max_delay)
        reports = [_collect(pid, r, delay) for pid, r in procs]
        fig.trials += 1
        try:
            actual = read_ours(path)
        except (ValueError, KeyError, TypeError):
            fig.corrupt += 1
            fig.notes.append("unparsable file")
            break
        for k, lines in enumerate(reports):
            mine = {i: model[i] for i in owned[k] if i in model}
            acked, landed, count = outcomes(mine, lines)
            fig.acked_writes += count
            universe = set(mine) | set(acked) | set(landed or {})
            seen = {i: n for i, n in actual.items() if i in universe}
            if seen != acked and seen != landed:
                fig.lost += 1
                fig.notes.append(f"writer {k}: expected {len(acked)} notes, found {len(seen)}")
            for i in universe:
                model.pop(i, None)
            model.update(seen)
            owned[k] = sorted(seen)
        if set(actual) != set(model):
            fig.lost += 1
            fig.notes.append("notes appeared that no writer reported")
            model = dict(actual)
    # Opening cleans up the temp files of killed writers and finds a healthy database.
    with NoteStore(path) as store:
        if store.notice:
            fig.notes.append(f"notice on open: {store.notice}")
        if {a.id: a.note for a in store.annotations()} != model:
            fig.notes.append("store view differs from the file")
    if [p for p in folder.iterdir() if ".tmp-" in p.name]:
        fig.notes.append("temp files left after open")
    return fig


def kill_trials_tinydb(
    folder: Path,
    trials: int,
    *,
    caching: bool,
    seed: int = 1,
    initial: int = 200,
    max_delay: float = 0.08,
) -> Figures:
    """TinyDB's JSONStorage (or CachingMiddleware over it) under the same kills."""
    rng = random.Random(seed)
    path = folder / ("caching.json" if caching else "jsonstorage.json")
    from reader.notes.model import new_id

    model = {new_id(): _token(rng) for _ in range(initial)}
    _seed_tinydb(path, model)
    fig = Figures("TinyDB CachingMiddleware(JSONStorage)" if caching else "TinyDB JSONStorage")

    def writer(p: Path, live: list[str], pipe: _Pipe, s: int) -> None:
        tinydb_writer(p, live, pipe, s, caching=caching)

    for _ in range(trials):
        pid, r = _spawn(writer, path, sorted(model), rng.randrange(1 << 30))
        lines = _collect(pid, r, rng.uniform(0, max_delay))
        fig.trials += 1
        acked, landed, count = outcomes(model, lines)
        fig.acked_writes += count
        try:
            actual = read_tinydb(path)
        except (ValueError, Corrupt) as exc:
            if isinstance(exc, Corrupt):
                fig.mangled += 1
            else:
                fig.corrupt += 1
            model = acked  # repair, so that the next trial starts from a sound file
            _seed_tinydb(path, model)
            continue
        if actual not in (acked, landed):
            fig.lost += 1
        model = actual
    return fig


def main(argv: list[str] | None = None) -> int:
    import tempfile

    args = sys.argv[1:] if argv is None else argv
    trials = int(args[0]) if args else 300
    with tempfile.TemporaryDirectory() as tmp:
        runs: list[Callable[[Path], Figures]] = [
            lambda f: kill_trials_ours(f, trials),
            lambda f: kill_trials_ours(f, trials, writers=2),
            lambda f: kill_trials_tinydb(f, trials, caching=False),
            lambda f: kill_trials_tinydb(f, trials, caching=True),
        ]
        for n, run in enumerate(runs):
            folder = Path(tmp) / str(n)
            folder.mkdir()
            t0 = time.perf_counter()
            fig = run(folder)
            print(f"{fig.line()} ({time.perf_counter() - t0:.0f} s)")
            for note in fig.notes[:5]:
                print("   ", note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
