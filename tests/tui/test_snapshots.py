"""Snapshot tests (pytest-textual-snapshot): the opened bundled article at a fixed size.

Update after an intended visual change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and review the SVG diff.
"""

from __future__ import annotations

from typing import Any

from reader.article import Article
from reader.tui.app import ReaderApp


def test_opened_bundled_article(snap_compare: Any, bundled: Article) -> None:
    assert snap_compare(ReaderApp(bundled), terminal_size=(100, 32))


def test_pull_quote_and_search_matches(snap_compare: Any, bundled: Article) -> None:
    async def search(pilot: Any) -> None:
        await pilot.press("slash", *"taliban", "enter", "n")
        await pilot.pause()

    assert snap_compare(ReaderApp(bundled), terminal_size=(100, 32), run_before=search)
