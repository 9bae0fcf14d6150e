"""Real file-system faults for the notes database, run in a private mount namespace.

`python -m tests.reliability.fault_scenarios SCENARIO FOLDER` must run under
`unshare --mount --propagation private` (as root): it mounts a small tmpfs on FOLDER, so the faults
are the kernel's own (ENOSPC from a full file system, EROFS from a read-only one), not mocks, and
the mount disappears with the namespace whatever happens. It runs the real `reader` CLI in
subprocesses and prints one JSON object describing what happened; test_faults.py asserts on it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ARTICLE = (
    "A Title For Fault Tests\n\n"
    "Officials in Kabul said on Monday that the new checkpoints would stay until spring.\n\n"
    "Farmers near the river complained that the curfew had cut them off from the markets.\n"
)


def reader(*args: str, db: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "reader", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "READER_DB": str(db)},
    )
    return {"code": proc.returncode, "out": proc.stdout, "err": proc.stderr}


def _fill(folder: Path) -> int:
    """Fill the file system until the kernel says ENOSPC; returns the bytes written."""
    written = 0
    with (folder / "filler").open("wb", buffering=0) as handle:
        chunk = b"\0" * 4096
        try:
            while True:
                written += handle.write(chunk)
        except OSError as exc:
            assert exc.errno == 28, exc  # ENOSPC
    return written


def _temp_files(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if ".tmp-" in n)


def scenario(name: str, folder: Path) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=512k,mode=0755", "tmpfs", str(folder)], check=True
    )
    article = folder.parent / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    db = folder / "notes.json"
    result: dict[str, Any] = {}
    result["add_a"] = reader(
        "notes", "add", str(article), "--quote", "checkpoints", "--note", "first", db=db
    )
    before = db.read_bytes()
    if name == "disk-full":
        result["filled"] = _fill(folder)
    elif name == "read-only":
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    else:
        raise SystemExit(f"unknown scenario {name}")
    result["add_b"] = reader(
        "notes", "add", str(article), "--quote", "curfew", "--note", "second", db=db
    )
    result["list"] = reader("notes", "list", str(article), "--json", db=db)
    result["export"] = reader("export", str(article), db=db)
    result["unchanged"] = db.read_bytes() == before
    result["temp_files"] = _temp_files(folder)
    if name == "disk-full":
        (folder / "filler").unlink()
    else:
        subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=True)
    result["add_b_again"] = reader(
        "notes", "add", str(article), "--quote", "curfew", "--note", "second", db=db
    )
    result["list_after"] = reader("notes", "list", str(article), "--json", db=db)
    return result


if __name__ == "__main__":
    print(json.dumps(scenario(sys.argv[1], Path(sys.argv[2]))))
