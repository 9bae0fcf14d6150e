"""The article model: one immutable `Article` per file, every position an offset into `text`.

This module is core: it knows nothing of the screen. The TUI and the CLI both build on it.
"""

from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

#: Files larger than this are refused: the reader holds the whole text in memory several times over.
MAX_BYTES = 100 * 1024 * 1024

#: Name of the article that ships with the package (`reader` with no argument opens it).
BUNDLED_NAME = "is-k-whack-a-mole.txt"


class ArticleError(Exception):
    """A file that cannot be opened as an article; the message is one line meant for the user."""


class BlockKind(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    BYLINE = "byline"
    PARAGRAPH = "paragraph"
    PULL_QUOTE = "pull_quote"
    BIO = "bio"


@dataclass(frozen=True, slots=True)
class Block:
    """A run of text shown as one unit; `text[start:end]` is exactly what is displayed.

    Markers that are not content (a pull quote's trailing ` |`, a Markdown `# `) lie outside
    `start:end`, so offsets from analysis and notes always point at visible characters.
    """

    kind: BlockKind
    start: int
    end: int
    index: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Article:
    """A decoded text and its structure. Built once per file by `parse_article` / `load_article`."""

    text: str
    title: str
    blocks: tuple[Block, ...]
    path: str = ""
    encoding: str = "utf-8"
    #: A human note about how the file was read (e.g. "decoded as windows-1252"), or "".
    notice: str = ""
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _paragraph_starts: tuple[int, ...] | None = field(default=None, repr=False, compare=False)
    _digest: _Digest | None = field(default=None, repr=False, compare=False)

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the text's UTF-8 bytes (what notes are anchored to). Computed when first
        asked, i.e. after the first paint (importing hashlib alone costs ~2 ms of start-up), or
        alongside the parsing for a large text."""
        if self._digest is None:  # an Article built by hand: hashed once, on first asking
            object.__setattr__(self, "_digest", _Digest.known(sha256_text(self.text)))
            assert self._digest is not None
        return self._digest.result()

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        """Body blocks a reader counts as paragraphs (not the title, not pull quotes)."""
        return tuple(b for b in self.blocks if b.kind in _COUNTED)

    def block_at(self, offset: int) -> Block | None:
        """The block containing `offset` (or the nearest block before it), via binary search."""
        import bisect

        if not self.blocks:
            return None
        starts = self._starts or tuple(b.start for b in self.blocks)
        i = bisect.bisect_right(starts, offset) - 1
        return self.blocks[max(i, 0)]

    @property
    def paragraph_starts(self) -> tuple[int, ...]:
        """Starts of the counted paragraphs, in order: the one source of paragraph numbering
        (status line, export), searched with bisect."""
        if self._paragraph_starts is None:
            return tuple(b.start for b in self.blocks if b.kind in _COUNTED)
        return self._paragraph_starts

    def paragraph_number(self, offset: int) -> int:
        """1-based number of the counted paragraph at or before `offset` (0 before the first)."""
        import bisect

        return bisect.bisect_right(self.paragraph_starts, offset)

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]


_COUNTED = frozenset({BlockKind.PARAGRAPH, BlockKind.BIO, BlockKind.HEADING, BlockKind.BYLINE})

_PULL_QUOTE_MARK = re.compile(r"[ \t]+\|[ \t]*$")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+")
_BYLINE = re.compile(r"^(?:By|BY|by)\s+[A-Z][\w.'-]+(?:\s+(?:[A-Z][\w.'-]+|and|&|,))*\s*$")
_BIO_ROLE = re.compile(
    r"\b(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:journalist|reporter|writer|correspondent|editor|author|columnist|contributor|"
    r"photographer|producer|novelist|fellow|professor|researcher|analyst|activist)\b"
)
_BIO_FOLLOW = re.compile(r"^(?:Follow|You can follow|Find)\s+(?:him|her|them|me|us)\b", re.I)
_NAME_START = re.compile(r"^(?:[A-Z][\w'’.-]+\s+){1,4}(?:is|was)\s")


def sha256_text(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


#: From this size on, the digest is computed on a thread while the text is parsed (hashlib
#: releases the GIL on large buffers): ~8 ms less before the first paint of a 4 MB text.
_THREADED_DIGEST_BYTES = 1 << 20


class _Digest:
    """The SHA-256 of `data`: computed alongside the caller's work when `data` is large, else
    when first asked for. The bytes are let go once it is known, so the hash is taken under a
    lock: a second thread asking meanwhile waits for it instead of hashing the emptied bytes."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._hex = ""
        self._lock = threading.Lock()
        self._thread = None
        if len(data) >= _THREADED_DIGEST_BYTES:
            self._thread = threading.Thread(target=self._run, name="reader-sha256", daemon=True)
            self._thread.start()

    @classmethod
    def known(cls, hex_digest: str) -> _Digest:
        """A digest already computed."""
        digest = cls(b"")
        digest._hex = hex_digest
        return digest

    def _run(self) -> None:
        import hashlib

        with self._lock:
            if not self._hex:
                self._hex = hashlib.sha256(self._data).hexdigest()
                self._data = b""

    def result(self) -> str:
        if self._thread is not None:
            self._thread.join()
        elif not self._hex:
            self._run()
        return self._hex


def normalise_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


_NONBLANK_LINE = re.compile(r"^[^\S\n]*(\S(?:[^\n]*\S)?)[^\S\n]*$", re.MULTILINE)


#: Characters: a line this long is a paragraph of its own, never a hard-wrapped line.
LONG_LINE = 120


def _raw_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: one per line, or one per blank-line-separated group of wrapped lines.

    News text usually has one paragraph per line. Books and e-mails wrap lines at ~70 columns and
    separate paragraphs with blank lines; there a single line is a fragment, not a paragraph.
    """
    groups: list[list[tuple[int, int]]] = []
    previous_line_end = -2
    for match in _NONBLANK_LINE.finditer(text):
        span = match.span(1)
        if match.start() == previous_line_end + 1 and groups:
            groups[-1].append(span)
        else:
            groups.append([span])
        previous_line_end = match.end()
    nonblank = sum(len(g) for g in groups)
    multi = sum(len(g) for g in groups if len(g) > 1)
    if nonblank and multi / nonblank > 0.6 and len(groups) > 1:
        # Some sites export a few paragraphs per group, one long line each: those lines are
        # paragraphs (a hard-wrapped group has only short lines).
        return [
            span
            for g in groups
            for span in (g if any(e - s > LONG_LINE for s, e in g) else [(g[0][0], g[-1][1])])
        ]
    return [span for g in groups for span in g]


def _is_bio(paragraph: str) -> bool:
    if _BIO_FOLLOW.search(paragraph):
        return True
    head = paragraph[:200]
    return bool(_NAME_START.match(head) and _BIO_ROLE.search(head))


#: Characters that may make a paragraph a Markdown heading ('#' first) or a pull quote ('|'
#: last). Found by a literal scan (fast in the regex engine), not a Python test per paragraph,
#: which matters on a text of tens of thousands of paragraphs; `_classify` checks each exactly.
_SPECIAL_CHARS = (re.compile("#"), re.compile(r"\|"))  # two literal scans beat one `[#|]`


def _classify(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[Block], list[int]]:
    """(title, blocks, the blocks' starts) of the paragraph spans of `text`."""
    paragraph = BlockKind.PARAGRAPH
    kinds: list[BlockKind | None] = [paragraph] * len(spans)
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    # Only the first three paragraphs and those that start with '#' or end with '|' can be
    # anything but a paragraph (before the bio check below).
    special = set(range(min(3, len(spans))))
    for pattern in _SPECIAL_CHARS:
        for match in pattern.finditer(text):
            position = match.start()
            i = bisect.bisect_right(starts, position) - 1
            if i >= 0 and (position == starts[i] or position == ends[i] - 1):
                special.add(i)
    for i in sorted(special):
        s, e = starts[i], ends[i]
        if i > 2 and text[s] != "#" and text[e - 1] != "|":
            continue
        line = text[s:e]
        heading = _MD_HEADING.match(line)
        if heading and "\n" not in line:
            s += heading.end()
            while e > s and text[e - 1] in "# \t":
                e -= 1
            # A heading of only '#'s has no text to show: it is dropped (None).
            kinds[i] = (BlockKind.TITLE if i == 0 else BlockKind.HEADING) if e > s else None
            starts[i], ends[i] = s, e
            continue
        if i == 0 and len(line) <= 300 and "\n" not in line:
            kinds[i] = BlockKind.TITLE
            continue
        mark = _PULL_QUOTE_MARK.search(line) if line.endswith("|") else None
        if mark and "\n" not in line and mark.start() > 0:
            kinds[i] = BlockKind.PULL_QUOTE
            ends[i] = s + mark.start()
            continue
        if i <= 2 and _BYLINE.match(line):
            kinds[i] = BlockKind.BYLINE
    if None in kinds:
        kept = [i for i, k in enumerate(kinds) if k is not None]
        kinds = [kinds[i] for i in kept]
        starts = [starts[i] for i in kept]
        ends = [ends[i] for i in kept]
    # The author's bio: trailing paragraphs from the first one (among the last three) that reads
    # like "Name is a journalist ..." or "Follow him on ...".
    body: list[int] = []
    for i in range(len(kinds) - 1, -1, -1):  # the last three paragraphs, and whether there are 4
        if kinds[i] is paragraph:
            body.append(i)
            if len(body) == 4:
                break
    if len(body) >= 4:
        tail = sorted(body[:3])
        first_bio = next((i for i in tail if _is_bio(text[starts[i] : ends[i]])), None)
        if first_bio is not None:
            for j in range(first_bio, len(kinds)):
                if kinds[j] is paragraph:
                    kinds[j] = BlockKind.BIO
    title = ""
    if BlockKind.TITLE in kinds:
        i = kinds.index(BlockKind.TITLE)
        title = " ".join(text[starts[i] : ends[i]].split())
    return title, _make_blocks(kinds, starts, ends), starts  # type: ignore[arg-type]


def _make_blocks(kinds: list[BlockKind], starts: list[int], ends: list[int]) -> list[Block]:
    """`[Block(kind, start, end, index) ...]`, built through the slot descriptors.

    Same objects as the constructor makes (every field set, still frozen), about twice as fast:
    the frozen dataclass `__init__` goes through `object.__setattr__` per field, which costs
    ~10 ms on the ~18,000 blocks of a 4 MB text, before the first paint.
    """
    new = object.__new__
    slot = Block.__dict__  # the member descriptors of the slots
    set_kind, set_start = slot["kind"].__set__, slot["start"].__set__
    set_end, set_index = slot["end"].__set__, slot["index"].__set__
    blocks: list[Block] = []
    append = blocks.append
    for index, (kind, start, end) in enumerate(zip(kinds, starts, ends, strict=True)):
        block = new(Block)
        set_kind(block, kind)
        set_start(block, start)
        set_end(block, end)
        set_index(block, index)
        append(block)
    return blocks


def parse_article(
    text: str,
    *,
    path: str = "",
    encoding: str = "utf-8",
    notice: str = "",
    _utf8: bytes | None = None,
) -> Article:
    """Build an Article from decoded text. Never fails: any string yields a valid model.

    `_utf8` (internal, from `load_article`): the bytes `text` was decoded from, when they are
    exactly its UTF-8 encoding after newline normalisation; they are hashed as they are.
    """
    text = normalise_newlines(text)
    digest = _Digest(text.encode("utf-8", "surrogatepass") if _utf8 is None else _utf8)
    spans = _raw_paragraphs(text)
    title, blocks, starts = _classify(text, spans)
    if not title:
        title = Path(path).stem if path else "Untitled"
    return Article(
        text=text,
        title=title,
        blocks=tuple(blocks),
        _digest=digest,
        path=path,
        encoding=encoding,
        notice=notice,
        _starts=tuple(starts),
        _paragraph_starts=tuple(b.start for b in blocks if b.kind in _COUNTED),
    )


_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x7fELF", "an executable"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"SQLite format 3", "an SQLite database"),
)


#: Control bytes that do not occur in text (tab, newline, form feed, CR and ESC do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def _looks_binary(data: bytes) -> str | None:
    """Why `data` is not text, or None. Sniffs magic numbers and the share of control bytes."""
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            return what
    sample = data[:65536]
    if not sample:
        return None
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls / len(sample) > 0.10:
        return "binary data"
    return None


_LATIN_PAGES = frozenset(
    {
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "latin1",
        "iso88591",
        "iso88592",
        "iso885915",
        "iso88599",
        "iso885913",
        "iso88594",
        "macroman",
        "maclatin2",
        "cp850",
        "cp437",
    }
)


_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[^\w\s\x00-\x7f](?=[^\W\d_])")


def _mojibake_score(data: bytes, encoding: str) -> int:
    """How many non-letter symbols sit inside words when `data` is read as `encoding`.

    Text read with the wrong Latin code page shows symbols between letters ("Za¿ó³æ"); read with
    the right one, those bytes are letters.
    """
    try:
        text = data[:262144].decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return 1 << 30
    return len(_SYMBOL_IN_WORD.findall(text))


def decode_bytes(data: bytes) -> tuple[str, str, str]:
    """(text, encoding, notice). UTF-8 first; else the charset charset-normalizer is sure of."""
    try:
        codec = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
        return data.decode(codec), "utf-8", ""
    except UnicodeDecodeError:
        pass
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", "decoded as UTF-16"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * 1024 * 1024]).best()
    candidates: list[str] = []
    if best is not None:
        candidates.append(best.encoding)
    # Short Western text is often guessed as a sibling code page (cp1250 turns "crème" into
    # "crčme"). Windows-1252 is by far the most common non-UTF-8 encoding of English and
    # Western European text, so it wins whenever the guess is a Latin-script single-byte page.
    if not candidates:
        candidates.append("cp1252")
    elif candidates[0] != "cp1252" and candidates[0].replace("_", "").lower() in _LATIN_PAGES:
        guess = candidates[0]
        if _mojibake_score(data, "cp1252") <= _mojibake_score(data, guess):
            candidates.insert(0, "cp1252")
    candidates += ["cp1252", "latin-1"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        printable = sum(1 for c in text[:65536] if c.isprintable() or c in "\n\r\t")
        if printable / max(1, min(len(text), 65536)) < 0.95:
            continue
        label = {"cp1252": "Windows-1252", "latin_1": "Latin-1", "latin-1": "Latin-1"}.get(
            encoding, encoding
        )
        return text, encoding, f"not UTF-8: decoded as {label}"
    raise ArticleError("cannot decode as text (not UTF-8 and no known encoding fits)")


def load_article(path: str | Path) -> Article:
    """Read and parse a file, raising ArticleError with a one-line reason for anything unusable."""
    p = Path(path)
    shown = str(path)
    try:
        if not p.exists():
            raise ArticleError(f"{shown}: no such file")
        if p.is_dir():
            raise ArticleError(f"{shown}: is a directory, not a text file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ArticleError(
                f"{shown}: file is too large ({size / 1024 / 1024:.1f} MB; the limit is "
                f"{MAX_BYTES // 1024 // 1024} MB)"
            )
        with p.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except ArticleError:
        raise
    except PermissionError:
        raise ArticleError(f"{shown}: permission denied") from None
    except OSError as exc:
        raise ArticleError(f"{shown}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{shown}: file is too large (over {MAX_BYTES // 1024 // 1024} MB)")
    if not data.strip():
        raise ArticleError(f"{shown}: file is empty")
    why = _looks_binary(data)
    if why:
        raise ArticleError(f"{shown}: looks like {why}, not text")
    try:
        text, encoding, notice = decode_bytes(data)
    except ArticleError as exc:
        raise ArticleError(f"{shown}: {exc}") from None
    if not text.strip():
        raise ArticleError(f"{shown}: file is empty")
    # Valid UTF-8 without a BOM or CR is exactly the encoding of the parsed text: hash it as is.
    same_bytes = encoding == "utf-8" and not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data
    return parse_article(
        text,
        path=str(p.resolve()),
        encoding=encoding,
        notice=notice,
        _utf8=data if same_bytes else None,
    )


def bundled_article_path() -> Path:
    """Where the bundled article is: inside the installed package, or the source tree's article/.

    The package directory is looked at directly first: `importlib.resources` (which also reads
    zipped packages) imports zipfile and friends, 4 ms of every start."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "article" / BUNDLED_NAME, here.parents[1] / "article" / BUNDLED_NAME):
        if candidate.is_file():
            return candidate
    from importlib import resources

    return Path(str(resources.files("reader").joinpath("article", BUNDLED_NAME)))
