"""Make text from articles and notes safe to show: no control sequences ever reach the terminal.

Rich and Textual pass ESC, OSC and other controls straight through even when markup is off, so every
string of user data goes through `printable` before display. The mapping is one character to one
character, so display positions stay equal to text offsets.
"""

from __future__ import annotations

import re

# C0 controls (except newline), DEL, C1 controls, and the Unicode format characters that reorder or
# hide text (bidi embeddings/overrides/isolates, zero-width joiners and spaces, BOM, line/para sep).
_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f\x80-\x9f\u061c"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)

# In JSON text, these can only occur inside strings, where `\uXXXX` means the same character.
_JSON_UNSAFE = re.compile(
    "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ ␁ … ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"  # C1 and invisible format characters: shown as a replacement mark


def printable(text: str) -> str:
    """`text` with every control or invisible format character replaced by a visible stand-in.

    Same length as the input (offsets into the original still apply), newlines kept.
    """
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_visible, text)


def one_line(text: str) -> str:
    """`printable`, with newlines folded to spaces: for titles, table cells and status lines."""
    return printable(text).replace("\n", " ")


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_text_safe(json_text: str) -> str:
    """JSON text with DEL, C1, bidi and invisible format characters written as `\\uXXXX` escapes.

    JSON encoders escape C0 controls but write C1 controls (U+009B is a CSI to some terminals)
    and bidi overrides raw; escaped, the document parses to the same value and is safe to print.
    """
    if _JSON_UNSAFE.search(json_text) is None:
        return json_text
    return _JSON_UNSAFE.sub(_json_escape, json_text)
