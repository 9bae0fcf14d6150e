"""A bounded fuzz run in CI (slow marker): 60 seconds of the mutation fuzzer over the core."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fuzz.harness import run

#: Seconds of fuzzing in CI; READER_FUZZ_SECONDS overrides (the budget for the whole slow fuzz
#: part is about two minutes on a shared 2-core machine).
SECONDS = float(os.environ.get("READER_FUZZ_SECONDS", "60"))


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_fuzz_core_for_a_minute(tmp_path: Path) -> None:
    seed = int(os.environ.get("READER_FUZZ_SEED", "0"))
    stats = run(seconds=SECONDS, seed=seed, crash_dir=tmp_path / "crashes", log=print)
    print(f"fuzz: {stats.cases} cases in {stats.seconds:.0f} s, seed {seed}")
    assert stats.cases > 100, "the fuzzer ran too few cases to mean anything"
    assert stats.failures == [], "\n".join(p.read_text(encoding="utf-8") for p in stats.failures)


def test_fuzz_harness_smoke(tmp_path: Path) -> None:
    """A one-second run in the default suite: the harness itself works."""
    stats = run(seconds=1, seed=1, crash_dir=tmp_path / "crashes", log=print)
    assert stats.cases > 5 and stats.failures == []


def test_a_failure_is_saved_and_replays(tmp_path: Path) -> None:
    from tests.fuzz.harness import replay, save_crash

    path = save_crash(tmp_path, "Title\n\nBody", "Title\n\nBody", 7, ValueError("x"))
    replay(path)  # the saved case passes the checks: replay raises nothing
    assert "seed 7" in path.read_text(encoding="utf-8")
