"""Shared helpers for the TUI tests: articles, a notes database of the test's own, waiting for
the analyses, and ways to read what the text pane and the status line show."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.article import Article, bundled_article_path, load_article, parse_article
from reader.tui.app import ReaderApp
from reader.tui.article_view import ArticleView


@pytest.fixture(scope="session")
def bundled() -> Article:
    return load_article(bundled_article_path())


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A notes database of the test's own (the app opens one; never the user's)."""
    return str(tmp_path / "notes.json")


async def analysed(app: ReaderApp, pilot: Pilot[None]) -> None:
    """Wait until both analyses (glossary, speakers) have reached the panes."""
    for _ in range(200):
        await pilot.pause()
        if app.analysis_done:
            break
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.analysis_done


def hint(app: ReaderApp) -> str:
    """The hint field of the status line (walk position, term or speaker under the cursor)."""
    return app.status_bar.get_field("hint")


def make_article(text: str) -> Article:
    return parse_article(text)


def view_lines(view: ArticleView) -> list[str]:
    """The text of every visible line of the pane, as drawn (trailing spaces stripped)."""
    return [
        "".join(segment.text for segment in view.render_line(y)).rstrip()
        for y in range(view.size.height)
    ]


def all_lines(view: ArticleView) -> list[str]:
    """Every wrapped line of the article as the pane would draw it (not only the visible ones)."""
    view.text_layout.extend()
    return [
        "".join(segment.text for segment in view._line_strip(y)).rstrip()
        for y in range(view.text_layout.line_count)
    ]
