"""`python -m tests.fuzz [--minutes N] [--seed S] [--crash-dir DIR] [--corpus FILE ...]`.

Fuzzes the core (see tests/fuzz/harness.py) and prints the cases run and failures found; exits 1
when something failed. `--replay FILE` re-runs one saved failure with its traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.fuzz.harness import replay, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--minutes", type=float, default=5.0, help="how long to fuzz (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--crash-dir",
        type=Path,
        default=Path("fuzz-crashes"),
        help="where failing inputs are saved (default ./fuzz-crashes)",
    )
    parser.add_argument(
        "--corpus", type=Path, nargs="*", default=[], help="more seed texts (UTF-8 files)"
    )
    parser.add_argument("--replay", type=Path, help="re-run one saved failure")
    args = parser.parse_args(argv)
    if args.replay:
        replay(args.replay)
        print("no failure (fixed?)")
        return 0
    stats = run(
        seconds=args.minutes * 60,
        seed=args.seed,
        crash_dir=args.crash_dir,
        extra_corpus=args.corpus,
    )
    rate = stats.cases / max(stats.seconds, 1e-9)
    print(
        f"fuzz: {stats.cases} cases in {stats.seconds:.0f} s ({rate:.0f}/s), seed {args.seed}, "
        f"{len(stats.failures)} distinct failure(s)"
    )
    for path in stats.failures:
        print(f"  {path}")
    return 1 if stats.failures else 0


if __name__ == "__main__":
    sys.exit(main())
