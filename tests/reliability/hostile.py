"""Hostile article and note text shared by the hostile-input, terminal and fault tests."""

from __future__ import annotations

import re

#: An article made of everything that has broken terminal programs: Rich/Textual markup, ANSI and
#: OSC escapes (window title, clear screen, clipboard write), C1 controls, NUL, zero-width and
#: bidi controls, in the title, in quotes, in speaker names and next to acronyms.
ARTICLE = (
    "Breaking \x1b]0;pwned-title\x07 news [bold]Title[/bold] \u202eevil\u202c\n\n"
    "The United Nations Assistance Mission (UNAMA) \x1b[2J said [@click=app.quit]x[/] and "
    "[link=http://x]y[/link] [/] and a stray [/].\n\n"
    '"We will \x1b]52;c;cHduZWQ=\x07 fight \x9b31m on," said Jawed \x1b[31mKohistani\x1b[0m, '
    "a Kabul-based security analyst.\n\n"
    "Zero\u200bwidth\u200d and bidi \u2066isolate\u2069 mark\u061c and NUL \x00 here. "
    "The UN\x1b[1m "
    "agreed, said the Afghan National Army (ANA).\n\n"
    '"Another \x85 quote with [red]markup[/red] inside it," the official\u202e said.\n'
)

#: A note and tags a user (or an imported file) could carry.
NOTE = "note \x1b]0;pwned-note\x07 \x9b2J [bold]x[/] [@click=app.quit]q[/] \u202eRTL \x07bell"
TAGS = ("t\x1b[2Jag", "[red]\u2066")

#: Raw payloads that must never reach a terminal verbatim.
PAYLOADS: tuple[bytes, ...] = (
    b"\x1b]0;pwned",
    b"\x1b]52;c;cHduZWQ",
    b"\x1b[31mKohistani",
    b" \x1b[2J said",
    b"UN\x1b[1m",
    b"t\x1b[2Jag",
    b"\x00",
)

ESC = re.compile(rb"\x1b")
C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
#: UTF-8 of ALM, ZWSP..RLM, LS..RLO, WJ..PDI and BOM.
BIDI_UTF8 = re.compile(rb"\xd8\x9c|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xa9]|\xef\xbb\xbf")


def unsafe_bytes(data: bytes, *, allow_esc: bool = False) -> list[str]:
    """Names of the kinds of unsafe bytes in `data` (empty when clean)."""
    found = []
    if not allow_esc and ESC.search(data):
        found.append("ESC")
    if C1_UTF8.search(data):
        found.append("C1")
    if BIDI_UTF8.search(data):
        found.append("bidi/zero-width")
    if b"\x00" in data:
        found.append("NUL")
    return found
