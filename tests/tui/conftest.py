"""Shared helpers for the TUI tests: articles and a way to read what the text pane shows."""

from __future__ import annotations

import pytest

from reader.article import Article, bundled_article_path, load_article, parse_article
from reader.tui.article_view import ArticleView


@pytest.fixture(scope="session")
def bundled() -> Article:
    return load_article(bundled_article_path())


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
