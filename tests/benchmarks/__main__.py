"""`python -m tests.benchmarks [NAME ...]`: run each `tests/benchmarks/bench_*.py` `main()`.

Each module prints its own figures (ratios and absolute times, never pass/fail timing asserts).
Give names (e.g. `startup`) to run only those modules.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path


def discover() -> list[str]:
    here = Path(__file__).parent
    return sorted(p.stem for p in here.glob("bench_*.py"))


def main(argv: list[str]) -> int:
    wanted = set(argv)
    names = [n for n in discover() if not wanted or n in wanted or n[len("bench_") :] in wanted]
    if not names:
        print(f"no benchmark matches {' '.join(argv)}; available: {', '.join(discover())}")
        return 2
    status = 0
    for name in names:
        print(f"== {name}")
        started = time.perf_counter()
        module = importlib.import_module(f"tests.benchmarks.{name}")
        try:
            result = module.main()
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            print(f"   FAILED: {type(exc).__name__}: {exc}")
            status = 1
            continue
        if isinstance(result, int) and result:
            status = result
        print(f"   ({time.perf_counter() - started:.1f} s)")
    return status


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
