"""Read an export back with markdown-it-py, as a Markdown renderer would, to check its structure."""

from __future__ import annotations

from dataclasses import dataclass

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

MD = MarkdownIt("commonmark").use(front_matter_plugin).enable(["table", "strikethrough"])

#: Inline token types a literal quote may produce: text, escapes, entities, line breaks.
LITERAL = {"text", "text_special", "softbreak", "hardbreak"}


def plain(inline: Token) -> str:
    out = []
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        else:
            out.append(child.content)
    return "".join(out)


@dataclass
class Quote:
    paragraphs: list[Token]  # the inline tokens of each paragraph in the blockquote
    tokens: list[Token]

    @property
    def is_note(self) -> bool:
        return bool(self.paragraphs) and plain(self.paragraphs[0]).startswith("[!NOTE]")

    @property
    def text(self) -> str:
        """The quote as rendered: its paragraphs without the speaker line, blank-line separated."""
        paras = [plain(p) for p in self.paragraphs]
        if paras and paras[-1].startswith("-- "):
            paras = paras[:-1]
        return "\n\n".join(paras)

    @property
    def speaker(self) -> str | None:
        last = plain(self.paragraphs[-1]) if self.paragraphs else ""
        return last[3:] if last.startswith("-- ") else None


@dataclass
class Doc:
    tokens: list[Token]
    front: dict[str, object]
    top: list[str]  # the top-level blocks, e.g. ["front_matter", "h1", "h2", "blockquote", ...]
    headings: list[tuple[str, str]]  # (tag, text) of top-level headings
    quotes: list[Quote]  # top-level blockquotes that are highlights (not notes)
    notes: list[Quote]
    paragraphs: list[str]  # top-level paragraphs (metadata lines)


def parse(markdown: str) -> Doc:
    tokens = MD.parse(markdown)
    front: dict[str, object] = {}
    top: list[str] = []
    headings: list[tuple[str, str]] = []
    quotes: list[Quote] = []
    notes: list[Quote] = []
    paragraphs: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.level != 0:
            i += 1
            continue
        if tok.type == "front_matter":
            top.append("front_matter")
            front = yaml.safe_load(tok.content)
        elif tok.type == "heading_open":
            top.append(tok.tag)
            headings.append((tok.tag, plain(tokens[i + 1])))
        elif tok.type == "paragraph_open":
            top.append("paragraph")
            paragraphs.append(plain(tokens[i + 1]))
        elif tok.type == "blockquote_open":
            top.append("blockquote")
            j = i + 1
            inner: list[Token] = []
            while not (tokens[j].type == "blockquote_close" and tokens[j].level == 0):
                inner.append(tokens[j])
                j += 1
            paras = [t for t in inner if t.type == "inline" and t.level == 2]
            quote = Quote(paras, inner)
            (notes if quote.is_note else quotes).append(quote)
            i = j
        elif tok.nesting >= 0 and not tok.type.endswith("_close"):
            top.append(tok.type)
        i += 1
    return Doc(tokens, front, top, headings, quotes, notes, paragraphs)


def front_matter_text(markdown: str) -> str:
    assert markdown.startswith("---\n")
    return markdown[4 : markdown.index("\n---\n", 4)]
