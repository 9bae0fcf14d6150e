"""Hypothesis profiles and text strategies shared by the reliability tests and the fuzz harness.

Profiles (registered here, applied per test with `settings(parent=...)` so that loading this module
changes nothing for other test folders):

- ``reader-fast``: the default suite; few examples so that the whole folder stays well under 20 s.
- ``reader-thorough``: the ``@pytest.mark.slow`` run in CI; many more examples.

``READER_HYPOTHESIS_PROFILE=reader-thorough`` makes the default-suite property tests use the large
profile too (for a local soak run).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

_COMMON = {
    "deadline": None,  # analysis of a long text legitimately takes a while; bounds are checked
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "database": None,  # no .hypothesis/ folder in the work tree; failures print a reproducer
    "print_blob": True,
}
settings.register_profile("reader-fast", max_examples=25, **_COMMON)  # type: ignore[arg-type]
settings.register_profile("reader-thorough", max_examples=400, **_COMMON)  # type: ignore[arg-type]

FAST = settings.get_profile(os.environ.get("READER_HYPOTHESIS_PROFILE", "reader-fast"))
THOROUGH = settings.get_profile("reader-thorough")

#: Pieces that steer generated text towards what the parser and analysers react to, plus every
#: kind of character that has broken terminal programs: controls, escapes, bidi, zero-width,
#: combining marks, wide CJK, emoji, RTL scripts, CRLF.
NEWSY: tuple[str, ...] = (
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    " |",
    "# ",
    "## ",
    ".",
    ",",
    ", ",
    ": ",
    "; ",
    '"',
    '"',
    "\u201c",
    "\u201d",
    "'",
    "\u2018",
    "\u2019",
    "(",
    ")",
    "[",
    "]",
    "-",
    "&",
    "/",
    "said",
    " said ",
    "told",
    "according to",
    "he said",
    "she said",
    "they",
    "the official",
    "By ",
    " is a journalist",
    "Follow him on",
    "UN",
    "NATO",
    "IS-K",
    "ISIS-K",
    "NGOs",
    "AT&T",
    "G7",
    "US",
    "ANA",
    "TTP",
    "I",
    "A",
    "United Nations",
    "Afghan National Army",
    "(ANA)",
    "(UN)",
    "known as",
    ", or ",
    "President",
    "General",
    "Dr",
    "Jawed Kohistani",
    "Kohistani",
    "Haji Abdul",
    "Mr.",
    "a Kabul-based security analyst",
    "one official who asked to remain anonymous",
    "[bold]",
    "[/]",
    "[@click=app.quit]x[/]",
    "[link=http://x]y[/link]",
    "\x1b]0;pwned\x07",
    "\x1b[2J",
    "\x1b]52;c;cHduZWQ=\x07",
    "\x00",
    "\x7f",
    "\x85",
    "\x9b",
    "\u200b",
    "\u200d",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u061c",
    "\ufeff",
    "e\u0301",
    "\u0300\u0301\u0302",
    "中文字",
    "日本語",
    "한국어",
    "\U0001f600",
    "\U0001f468\u200d\U0001f469",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "\ufdfd",
    "\U0001d54f",
)

_pieces = st.one_of(
    st.sampled_from(NEWSY),
    st.text(st.characters(codec="utf-8"), max_size=8),
    st.from_regex(r"[A-Z][a-z]{1,8}", fullmatch=True),
    st.from_regex(r"[A-Z]{2,5}s?", fullmatch=True),
)

#: Text assembled from news-like and hostile pieces (what a real decoded file could contain).
newsy_text = st.lists(_pieces, max_size=120).map("".join)

#: Any Python string without lone surrogates (a decoded file never has them).
any_text = st.text(st.characters(codec="utf-8"), max_size=400)

#: One long line without a newline, and runs of a single hostile piece.
long_line = st.builds(
    lambda piece, n: piece * n,
    st.sampled_from(
        ('"', "\u201c", "word ", "中", "\U0001f600", "e\u0301", "UN ", "\x1b[", "(A) ")
    ),
    st.integers(min_value=1, max_value=3000),
)

#: The mix used by most properties.
article_text = st.one_of(newsy_text, any_text, long_line)
