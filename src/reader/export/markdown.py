"""Markdown export: the notes file a careful reader would have written by hand.

Layout (see `to_markdown`)::

    ---                                   YAML front matter, every value double-quoted or a number
    title: "..."
    ...
    ---

    # Title

    ## Paragraph 13                        one section per group (paragraph/speaker/tag/colour)

    > the highlighted text, every line prefixed "> ", Markdown characters backslash-escaped
    >
    > -- Speaker, description             only when the highlight lies inside a quotation

    > [!NOTE]                              the note, Markdown kept as written, inside a callout
    > the note ...

    paragraph 13 · yellow · #tag ^id       where (unless the section says it), colour, tags, and
                                           the block id that `[[notes#^id]]` links to

    ## Orphaned highlights: no longer found in the article      always last, clearly flagged

Grouped by tag, a highlight with several tags appears under each; its block id only the first time
(block ids must be unique in a file).

Containment rules, so that no quote or note can change the structure of the document:

* Quotes are literal text: every character that Markdown (CommonMark, GFM, Obsidian) could read as
  syntax is backslash-escaped, line-start markers (`-`, `+`, `1.`) too, and leading/trailing
  spaces become `&#32;` so they cannot make an indented code block or a hard break. A line break
  inside a quote becomes a hard line break (`\\` at the end of the line); blank lines stay blank
  quoted lines.
* Notes are Markdown, kept as written, but every line sits inside a `> [!NOTE]` callout (a
  blockquote), so a note's `# heading`, `---` or table lives inside that container and cannot
  end it. Raw HTML in a note is escaped (`\\<`), except autolinks such as `<https://...>` and
  code: an unclosed `<!--` or `<div>` would otherwise swallow the rest of the rendered page.
  An unbalanced Obsidian comment marker `%%` is escaped for the same reason.
* Control characters (C0 except newline, DEL, C1, bidi and zero-width format characters) in quotes,
  notes, names and tags are replaced by the visible stand-ins of `reader.safety.printable`; `\\r\\n`
  becomes `\\n` and tabs in notes become four spaces. The front matter uses YAML escapes instead, so
  its values stay exact. The JSON export (`webanno`) always keeps the exact text.

The output is deterministic: entries in text order (start, end, id), sections in a fixed order,
`\\n` line ends and one trailing newline.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from reader.article import Article, BlockKind
from reader.notes.model import COLORS, AnchorStatus, Annotation, now_iso
from reader.safety import printable

#: The accepted `group_by` values ("color" is accepted as a spelling of "colour").
GROUPS: tuple[str, ...] = ("paragraph", "speaker", "tag", "colour")

ORPHAN_HEADING = "Orphaned highlights: no longer found in the article"
ORPHAN_EXPLANATION = (
    "These highlights could not be found again in the current text of the article. "
    "Their quotes are shown as they were saved."
)


class SpeakerLike(Protocol):
    """What the export needs of `reader.analysis.quotes.Speaker`."""

    @property
    def index(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...


class SpeakerLookup(Protocol):
    """What the export needs of `reader.analysis.quotes.SpeakerIndex`."""

    def speaker_for_span(self, start: int, end: int) -> SpeakerLike | None: ...


# --------------------------------------------------------------------------------------------
# Escaping
# --------------------------------------------------------------------------------------------

# Characters that are Markdown syntax anywhere in a line (CommonMark inline syntax, GFM tables and
# strikethrough, Obsidian tags/highlights/math/comments, entity references).
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<|~#$=]|&(?=[#A-Za-z0-9])|%(?=%)")
# Syntax only at the start of a line: blockquote, list bullets, ordered-list numbers.
_LINE_START = re.compile(r"^(?:([>+-])|(\d{1,9})([.)]))")
_EDGE_SPACES = re.compile(r"^ +| +$")


def _escape_inline(text: str) -> str:
    if _INLINE_SPECIAL.search(text) is None:  # most lines of prose: skip the substitution
        return text
    return _INLINE_SPECIAL.sub(_backslash, text)


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group()


def _spaces_to_entities(match: re.Match[str]) -> str:
    return "&#32;" * len(match.group())


def escape_line(line: str) -> str:
    """One line of literal text as Markdown that renders as exactly that text (no line breaks)."""
    out = _escape_inline(printable(line))
    start = _LINE_START.match(out)
    if start:
        marker = start.group(1) or start.group(3)
        out = f"{start.group(2) or ''}\\{marker}{out[start.end() :]}"
    if out[:1] == " " or out[-1:] == " ":
        out = _EDGE_SPACES.sub(_spaces_to_entities, out)
    return out


def _clean_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def quote_lines(text: str) -> list[str]:
    """The literal `text` as blockquote lines: escaped, hard breaks between consecutive lines."""
    lines = [escape_line(line) for line in _clean_newlines(text).split("\n")]
    out: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            out.append(">")
        elif i + 1 < len(lines) and lines[i + 1]:
            out.append(f"> {line}\\")
        else:
            out.append(f"> {line}")
    return out


# `<` that starts an autolink (<scheme:...> or <user@host>) is kept; any other `<` is escaped.
_NOTE_LT = re.compile(r"<(?![A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|[\w.+-]+@[\w-]+(?:\.[\w-]+)+>)")


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def _escape_html(text: str) -> str:
    """`<` escaped outside code (fenced blocks, code spans), where a backslash would show."""
    out: list[str] = []
    fence = ""
    for line in text.split("\n"):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            out.append(line)
            continue
        if opening:
            fence = opening.group(1)
            out.append(line)
            continue
        pieces: list[str] = []
        last = 0
        for span in _CODE_SPAN.finditer(line):
            pieces.append(_NOTE_LT.sub(r"\\<", line[last : span.start()]))
            pieces.append(span.group())
            last = span.end()
        pieces.append(_NOTE_LT.sub(r"\\<", line[last:]))
        out.append("".join(pieces))
    return "\n".join(out)


def note_lines(note: str) -> list[str]:
    """The note (Markdown, kept as written) as the lines of a `> [!NOTE]` callout."""
    text = _escape_html(printable(_clean_newlines(note).expandtabs(4)).strip("\n"))
    if text.count("%%") % 2:
        head, _, tail = text.rpartition("%%")
        text = f"{head}%\\%{tail}"
    lines = ["> [!NOTE]"]
    lines.extend(f"> {line}" if line.strip() else ">" for line in text.split("\n"))
    return lines


@functools.lru_cache(maxsize=4096)
def tag_text(tag: str) -> str:
    """`#tag` for a tag: whitespace folded to dashes, Markdown characters escaped."""
    return "#" + _escape_inline(printable("-".join(tag.split())))


_BLOCK_ID_UNSAFE = re.compile(r"[^A-Za-z0-9-]")


def block_id(annotation_id: str) -> str:
    """A stable Obsidian block id (letters, digits, dashes) for an annotation id.

    Our ids are already hex; any other id is sanitised and suffixed with a short hash of the
    original, so two ids that sanitise alike still get different block ids.
    """
    if annotation_id and not _BLOCK_ID_UNSAFE.search(annotation_id):
        return annotation_id
    digest = hashlib.sha256(annotation_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    clean = _BLOCK_ID_UNSAFE.sub("-", annotation_id).strip("-")
    return f"{clean}-{digest}" if clean else f"id-{digest}"


_YAML_NEEDS_ESCAPE = re.compile(r'["\\]|[^\x20-\x7e]')


def yaml_string(value: str) -> str:
    """`value` as a YAML double-quoted scalar: exact, on one line, controls as YAML escapes."""
    if not _YAML_NEEDS_ESCAPE.search(value):
        return f'"{value}"'
    out = ['"']
    for char in value:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif 0x20 <= code < 0x7F or (
            code > 0xA0
            and char.isprintable()
            and code not in (0x2028, 0x2029, 0xFEFF)
            and not 0xD800 <= code <= 0xDFFF
        ):
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


def _yaml_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(yaml_string(v) for v in values) + "]"


# --------------------------------------------------------------------------------------------
# Selection and locations
# --------------------------------------------------------------------------------------------


def _tag_key(tag: str) -> str:
    return "-".join(tag.strip().lstrip("#").split()).casefold()


def select(
    annotations: Iterable[Annotation], *, only_notes: bool = False, tags: Sequence[str] = ()
) -> list[Annotation]:
    """The annotations to export, in text order: only those with a note, or with any of `tags`.

    Tags match case-insensitively, with or without a leading `#`.
    """
    wanted = {_tag_key(t) for t in tags if _tag_key(t)}
    chosen = [
        a
        for a in annotations
        if (not only_notes or a.note.strip())
        and (not wanted or any(_tag_key(t) in wanted for t in a.tags))
    ]
    return sorted(chosen, key=text_order)


def text_order(a: Annotation) -> tuple[int, int, str]:
    return (a.start, a.end, a.id)


class _Locator:
    """Block kinds and paragraph numbers of offsets, by binary search over the block starts."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.starts = [b.start for b in article.blocks]
        self.paragraph_number = article.paragraph_number

    def place(self, offset: int) -> tuple[int, str]:
        """(sort key, label) of the block holding `offset`: 'paragraph 3', 'title', ..."""
        i = bisect.bisect_right(self.starts, offset) - 1
        number = self.paragraph_number(offset)
        if i < 0:
            return (-1, "before the first paragraph")
        kind = self.article.blocks[i].kind
        if kind is BlockKind.TITLE:
            return (i, "title")
        if kind is BlockKind.PULL_QUOTE:
            return (i, f"pull quote after paragraph {number}")
        return (i, f"paragraph {number}")

    def span(self, start: int, end: int) -> tuple[int, str, str]:
        """(sort key, section label, entry label): the entry label names the last paragraph too
        when the highlight runs over several ('paragraphs 3-4'); sections go by the first."""
        key, label = self.place(start)
        last = self.paragraph_number(max(start, end - 1))
        first = self.paragraph_number(start)
        if label.startswith("paragraph ") and last > first:
            return key, label, f"paragraphs {first}-{last}"
        return key, label, label


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    annotation: Annotation
    place_key: int
    section: str
    place: str
    speaker: SpeakerLike | None


def _speaker_line(speaker: SpeakerLike) -> str:
    """`-- Name, description`; just the description when it already holds the name, as for an
    anonymous source ("one Shinwar resident" rather than "Shinwar resident, one Shinwar resident").
    """
    who = " ".join(speaker.name.split())
    description = " ".join(speaker.description.split())
    if not description:
        line = who
    elif who.casefold() in description.casefold():
        line = description
    else:
        line = f"{who}, {description}"
    return "-- " + escape_line(line)


def _render_entry(entry: _Entry, *, with_place: bool) -> list[str]:
    """An entry's lines; the last one is the metadata line, to which the block id is appended."""
    a = entry.annotation
    lines = quote_lines(a.target.exact)
    if entry.speaker is not None:
        lines += [">", "> " + _speaker_line(entry.speaker)]
    lines.append("")
    if a.note.strip():
        lines += note_lines(a.note)
        lines.append("")
    meta = [entry.place] if with_place else []
    meta.append(escape_line(a.color))
    if a.anchor.status is AnchorStatus.FUZZY:
        meta.append(f"re-anchored by fuzzy match ({a.anchor.score:.0%})")
    if a.tags:
        meta.append(" ".join(tag_text(t) for t in a.tags))
    lines.append(" · ".join(meta))
    return lines


def _colour_rank(colour: str) -> tuple[int, str]:
    return (COLORS.index(colour), colour) if colour in COLORS else (len(COLORS), colour)


def _sections(entries: list[_Entry], group_by: str) -> list[tuple[str, list[_Entry]]]:
    """(heading, entries) per section, in a fixed order; entries keep text order.

    Headings are Markdown already (data in them escaped)."""
    groups: dict[object, tuple[str, list[_Entry]]] = {}

    def add(key: object, heading: str, entry: _Entry) -> None:
        groups.setdefault(key, (heading, []))[1].append(entry)

    order: Callable[[object], tuple[object, ...]]
    if group_by == "paragraph":
        for e in entries:
            add(e.place_key, e.section[:1].upper() + e.section[1:], e)  # our own words
        order = lambda key: (key,)  # noqa: E731
    elif group_by == "speaker":
        for e in entries:
            if e.speaker is None:
                add(None, "Not in an attributed quotation", e)
            else:
                add(e.speaker.index, escape_line(" ".join(e.speaker.name.split())), e)
        order = lambda key: (key is None, key if isinstance(key, int) else 0)  # noqa: E731
    elif group_by == "tag":
        for e in entries:
            if not e.annotation.tags:
                add(None, "Untagged", e)
            for tag in dict.fromkeys(e.annotation.tags):
                add(tag, tag_text(tag), e)
        order = lambda key: (key is None, str(key).casefold(), str(key))  # noqa: E731
    else:  # colour
        for e in entries:
            colour = e.annotation.color
            add(colour, escape_line(colour[:1].upper() + colour[1:]), e)
        order = lambda key: _colour_rank(str(key))  # noqa: E731
    return [groups[key] for key in sorted(groups, key=order)]


def to_markdown(
    article: Article,
    annotations: Sequence[Annotation],
    speakers: SpeakerLookup | None = None,
    *,
    group_by: str = "paragraph",
    only_notes: bool = False,
    tags: Sequence[str] = (),
    exported: str | None = None,
) -> str:
    """The Markdown export of `annotations` on `article` (see the module docstring for the layout).

    `speakers` (from `analyse_quotes`) adds "-- who said it" to highlights inside a quotation and is
    required for `group_by="speaker"`. `exported` is the timestamp written in the front matter
    (now when None). Orphaned highlights always go in their own final section.
    """
    group = "colour" if group_by == "color" else group_by
    if group not in GROUPS:
        raise ValueError(f"group_by must be one of {', '.join(GROUPS)}, not {group_by!r}")
    if group == "speaker" and speakers is None:
        raise ValueError("group_by='speaker' needs the article's speaker index")
    chosen = select(annotations, only_notes=only_notes, tags=tags)
    locator = _Locator(article)
    anchored: list[_Entry] = []
    orphans: list[_Entry] = []
    for a in chosen:
        if a.is_orphan:
            where = f"orphaned (was at characters {a.start}-{a.end})"
            orphans.append(_Entry(a, -1, "", where, None))
            continue
        key, section, place = locator.span(a.start, a.end)
        speaker = speakers.speaker_for_span(a.start, a.end) if speakers is not None else None
        anchored.append(_Entry(a, key, section, place, speaker))

    used_tags = sorted({t for a in chosen for t in a.tags}, key=lambda t: (t.casefold(), t))
    front = [
        "---",
        f"title: {yaml_string(article.title)}",
        f"source: {yaml_string(article.path)}",
        f"sha256: {yaml_string(article.sha256)}",
        f"exported: {yaml_string(exported if exported is not None else now_iso())}",
        f"highlights: {len(chosen)}",
        f"notes: {sum(1 for a in chosen if a.note.strip())}",
        f"orphans: {len(orphans)}",
        f"tags: {_yaml_list(used_tags)}",
        f"group_by: {yaml_string(group)}",
    ]
    if only_notes:
        front.append("only_notes: true")
    if tags:
        front.append(f"filter_tags: {_yaml_list(tags)}")
    front.append("---")

    lines = [*front, "", f"# {escape_line(' '.join(article.title.split()))}", ""]
    if not chosen:
        lines += ["No highlights to export.", ""]
    # Grouping by tag shows an entry once per tag: render it once, give the block id to the first.
    rendered: dict[str, list[str]] = {}

    def put(entry: _Entry, with_place: bool) -> None:
        ident = entry.annotation.id
        if ident in rendered:
            lines.extend(rendered[ident])
        else:
            rendered[ident] = [*_render_entry(entry, with_place=with_place), ""]
            lines.extend(rendered[ident][:-2])
            lines.extend([f"{rendered[ident][-2]} ^{block_id(ident)}", ""])

    for heading, members in _sections(anchored, group):
        lines += [f"## {heading}", ""]
        for entry in members:
            put(entry, group != "paragraph")
    if orphans:
        lines += [f"## {ORPHAN_HEADING}", "", ORPHAN_EXPLANATION, ""]
        for entry in orphans:
            put(entry, True)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
