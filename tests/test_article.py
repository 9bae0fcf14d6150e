"""The article model: title, blocks, pull quotes, bio, offsets, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.article import (
    Article,
    ArticleError,
    BlockKind,
    bundled_article_path,
    load_article,
    parse_article,
)

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "is-k-whack-a-mole.txt"


def test_bundled_article_is_byte_identical_to_the_project_copy() -> None:
    project_copy = Path(__file__).resolve().parents[1] / "article" / "is-k-whack-a-mole.txt"
    assert bundled_article_path().read_bytes() == project_copy.read_bytes()
    if SEED.exists():
        assert SEED.read_bytes() == project_copy.read_bytes()


def test_bundled_article_structure() -> None:
    article = load_article(bundled_article_path())
    assert article.title == "IS 'playing whack-a-mole' in Afghanistan"
    kinds = [b.kind for b in article.blocks]
    assert kinds[0] is BlockKind.TITLE
    pulls = [article.block_text(b) for b in article.blocks if b.kind is BlockKind.PULL_QUOTE]
    assert len(pulls) == 3
    assert pulls[1] == "I swear to God, not even the Russians were like this"
    assert not any(p.endswith("|") for p in pulls)
    bios = [article.block_text(b) for b in article.blocks if b.kind is BlockKind.BIO]
    assert bios[0].startswith("Mohammed Harun Arsalai is an independent journalist")
    assert bios[-1] == "Follow him on Twitter:"
    assert "[Taliban]" in article.text and "[IS-K]" in article.text


def test_offsets_round_trip_and_are_ordered() -> None:
    article = load_article(bundled_article_path())
    previous_end = 0
    for block in article.blocks:
        assert previous_end <= block.start < block.end <= len(article.text)
        chunk = article.text[block.start : block.end]
        assert chunk == chunk.strip()
        previous_end = block.end


def test_plain_paragraphs_separated_by_blank_lines() -> None:
    text = "First paragraph here.\n\nSecond one.\n\n\nThird.\n"
    article = parse_article(text)
    assert [article.block_text(b) for b in article.blocks] == [
        "First paragraph here.",
        "Second one.",
        "Third.",
    ]
    assert article.title == "First paragraph here."


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "A Book\n\nIt was the best of times, it was the worst\nof times, it was the age of\n"
        "wisdom.\n\nThere were a king with a large jaw\nand a queen with a plain face.\n"
    )
    article = parse_article(text)
    body = [article.block_text(b) for b in article.paragraphs]
    assert len(body) == 2
    assert body[0].startswith("It was the best") and body[0].endswith("wisdom.")


def test_markdown_title_and_headings() -> None:
    article = parse_article("# The Title\n\nIntro para.\n\n## Section\n\nBody.\n")
    assert article.title == "The Title"
    assert article.blocks[0].kind is BlockKind.TITLE
    assert article.block_text(article.blocks[0]) == "The Title"
    assert article.blocks[2].kind is BlockKind.HEADING
    assert article.block_text(article.blocks[2]) == "Section"


def test_crlf_is_normalised() -> None:
    article = parse_article("Title\r\nOne.\r\nTwo.\r")
    assert "\r" not in article.text
    assert [article.block_text(b) for b in article.blocks] == ["Title", "One.", "Two."]


def test_no_pull_quote_without_text_before_the_bar() -> None:
    article = parse_article("Title\n|\nA | B\n")
    assert all(b.kind is not BlockKind.PULL_QUOTE for b in article.blocks)


def test_windows_1252_is_decoded_with_a_notice(tmp_path: Path) -> None:
    f = tmp_path / "cp.txt"
    f.write_bytes("Caf\u00e9 owners said \u201cnon\u201d.\nSecond line.\n".encode("cp1252"))
    article = load_article(f)
    assert "Caf\u00e9" in article.text
    assert "\u201cnon\u201d" in article.text
    assert "not UTF-8" in article.notice


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (b"\x1f\x8b\x08\x00" + bytes(range(256)), "gzip"),
    ],
)
def test_bad_files_raise_one_line_errors(tmp_path: Path, content: bytes, message: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(ArticleError, match=message) as info:
        load_article(f)
    assert "\n" not in str(info.value)


def test_missing_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="no such file"):
        load_article(tmp_path / "nope.txt")
    with pytest.raises(ArticleError, match="directory"):
        load_article(tmp_path)


def test_block_at_and_paragraph_number() -> None:
    article = parse_article("Title\nOne para.\nTwo para.\n")
    two = article.blocks[2]
    assert article.block_at(two.start + 2) == two
    assert article.paragraph_number(two.start) == 2


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Zażółć gęślą jaźń, powiedział minister.\n", "cp1250"),
        ("Привет, мир! Это тест кодировки.\n", "cp1251"),
        ("Cr\u00e8me br\u00fbl\u00e9e at the caf\u00e9, said Zo\u00eb.\n", "cp1252"),
    ],
)
def test_single_byte_encodings_are_told_apart(text: str, encoding: str) -> None:
    from reader.article import decode_bytes

    decoded, _, notice = decode_bytes(text.encode(encoding))
    assert decoded == text
    assert notice.startswith("not UTF-8")


def test_long_lines_in_a_blank_line_group_are_paragraphs_of_their_own() -> None:
    """Some sites export a few one-line paragraphs per blank-line group; a hard-wrapped group
    (short lines) in the same text stays one paragraph."""
    long_a = "Reid said the plan would fail, and he said it more than once in the hall. " * 2
    long_b = "In recent weeks the senator has repeated the claim at every stop of the tour. " * 2
    wrapped = "This paragraph is wrapped\nat a short width, as books\nand e-mails are."
    second = "Another short\nwrapped one."
    text = f"Title\n\n{long_a.strip()}\n{long_b.strip()}\n\n{wrapped}\n\n{second}"
    article = parse_article(text)
    body = [article.text[b.start : b.end] for b in article.blocks if b.kind is BlockKind.PARAGRAPH]
    assert body == [long_a.strip(), long_b.strip(), wrapped, second]


@pytest.mark.parametrize(
    "size", [300_000, 2_000_000], ids=["hashed-when-asked", "hashed-on-a-thread"]
)
def test_sha256_is_that_of_the_text_whoever_asks_first(size: int) -> None:
    """The digest is computed lazily (small texts) or on a thread (large ones) and its bytes are
    let go afterwards: threads asking at once all get the text's digest, never that of the
    emptied buffer."""
    import hashlib
    from concurrent.futures import ThreadPoolExecutor

    text = ("Title\n" + "A paragraph of café text.\n" * (size // 26))[:size]
    expected = hashlib.sha256(text.encode("utf-8")).hexdigest()
    for _ in range(3):
        article = parse_article(text)
        with ThreadPoolExecutor(8) as pool:
            answers = set(pool.map(lambda a: a.sha256, [article] * 16))
        assert answers == {expected}
        assert article.sha256 == expected


def test_an_article_built_by_hand_is_hashed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Notes ask an article for its digest again and again: one built without
    `parse_article` (tests, callers of the core) hashes its text on first asking only."""
    import hashlib

    import reader.article as article_module

    calls: list[str] = []
    real = article_module.sha256_text

    def counted(text: str) -> str:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(article_module, "sha256_text", counted)
    article = Article(text="Title\n\nOne paragraph.", title="Title", blocks=())
    expected = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    assert [article.sha256 for _ in range(5)] == [expected] * 5
    assert len(calls) == 1
