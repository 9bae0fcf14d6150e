"""Helpers shared by the notes tests (articles and annotations to play with)."""

from __future__ import annotations

from reader.article import Article, parse_article
from reader.notes.model import Annotation, ArticleRef, make_target, new_id

TEXT = (
    "A Title For Testing\n\n"
    "Officials in Kabul said on Monday that the new checkpoints would stay in place until the "
    "spring.\n\n"
    "The governor of the province described the attacks as a test of the army's resolve, and "
    "promised more patrols.\n\n"
    "Farmers near the river complained that the curfew had cut them off from the markets.\n"
)


def make_article(text: str = TEXT, path: str = "") -> Article:
    return parse_article(text, path=path)


def make_note(
    article: Article,
    quote: str,
    *,
    note: str = "",
    tags: tuple[str, ...] = (),
    color: str = "yellow",
    occurrence: int = 0,
) -> Annotation:
    start = -1
    for _ in range(occurrence + 1):
        start = article.text.index(quote, start + 1)
    return Annotation(
        id=new_id(),
        article=ArticleRef(article.sha256, article.path, article.title),
        target=make_target(article.text, start, start + len(quote)),
        color=color,
        note=note,
        tags=tags,
    )
