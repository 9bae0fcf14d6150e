"""Shared builders for the export tests: annotations constructed directly, no database."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from reader.article import Article, bundled_article_path, load_article, parse_article
from reader.notes.model import Anchor, AnchorStatus, Annotation, ArticleRef, make_target

STAMP = "2025-03-01T09:30:00.000Z"
EXPORTED = "2025-03-02T10:00:00.000Z"
#: A stable path for the bundled article, so golden files do not depend on the checkout location.
BUNDLED_PATH = "article/is-k-whack-a-mole.txt"


@cache
def bundled() -> Article:
    return replace(load_article(bundled_article_path()), path=BUNDLED_PATH)


def article_of(text: str, path: str = "test.txt") -> Article:
    return parse_article(text, path=path)


def annotate(
    article: Article,
    quote: str,
    *,
    ident: str,
    occurrence: int = 1,
    note: str = "",
    tags: tuple[str, ...] = (),
    color: str = "yellow",
    created: str = STAMP,
    updated: str = STAMP,
) -> Annotation:
    """A highlight of the `occurrence`-th `quote` in `article`, with fixed id and timestamps."""
    start = -1
    for _ in range(occurrence):
        start = article.text.index(quote, start + 1)
    return Annotation(
        id=ident,
        article=ArticleRef(article.sha256, article.path, article.title),
        target=make_target(article.text, start, start + len(quote)),
        color=color,
        note=note,
        tags=tags,
        created=created,
        updated=updated,
    )


def orphan(
    article: Article,
    quote: str,
    *,
    ident: str,
    start: int,
    note: str = "",
    tags: tuple[str, ...] = (),
    score: float = 0.31,
) -> Annotation:
    """A highlight whose quote is no longer in `article` (anchoring gave up on it)."""
    return Annotation(
        id=ident,
        article=ArticleRef(article.sha256, article.path, article.title),
        target=replace(
            make_target(quote, 0, len(quote)),
            prefix="",
            suffix="",
            start=start,
            end=start + len(quote),
        ),
        anchor=Anchor(AnchorStatus.ORPHAN, score),
        color="pink",
        note=note,
        tags=tags,
        created=STAMP,
        updated=STAMP,
    )


@dataclass(frozen=True)
class FakeSpeaker:
    index: int
    name: str
    description: str


class FakeSpeakers:
    """A stand-in speaker index: fixed (start, end, speaker) quotation spans."""

    def __init__(self, spans: list[tuple[int, int, FakeSpeaker]]) -> None:
        self.spans = spans

    def speaker_for_span(self, start: int, end: int) -> FakeSpeaker | None:
        for s, e, who in self.spans:
            if s <= start and end <= e:
                return who
        return None
