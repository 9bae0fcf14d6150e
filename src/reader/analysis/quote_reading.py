"""What each quotation's own sentence says about who spoke, before anyone is resolved.

The attribution clause around a quote (`"...," X said`, `X said: "..."`) is found from the masked
text alone: no registry of people, no earlier quote's decision. So the quotes can be read in any
order, in chunks, and in another process (see `two_process`), while resolving who the phrases
name (pronouns, surnames, `the official`) stays a single pass in text order.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.analysis.attribution import (
    Attribution,
    Document,
    attribute_after,
    attribute_before,
)
from reader.analysis.quote_spans import QuoteSpan


def is_nickname(doc: Document, sp: QuoteSpan) -> bool:
    """A nickname inside a name (`Earvin "Magic" Johnson`): `Document` blanked it out."""
    return doc.masked[sp.open] == " "


def read_attribution(doc: Document, spans: Sequence[QuoteSpan], i: int) -> Attribution | None:
    """The clause that attributes quote `i`: after it first (`"...," X said`), else before it.

    Each direction looks no further than the neighbouring quote in the paragraph (nicknames
    do not count: they are part of the text around), so two quotes never share one clause.
    """
    sp = spans[i]
    if is_nickname(doc, sp):
        return None
    masked = doc.masked
    lo, hi = doc.paragraphs[sp.paragraph]
    j = i - 1
    while j >= 0 and masked[spans[j].open] == " ":
        j -= 1
    prev_close = spans[j].close if j >= 0 and spans[j].paragraph == sp.paragraph else lo
    j, n = i + 1, len(spans)
    while j < n and masked[spans[j].open] == " ":
        j += 1
    next_open = spans[j].open if j < n and spans[j].paragraph == sp.paragraph else hi
    att = attribute_after(doc, sp, next_open)
    if att is None:
        att = attribute_before(doc, sp, prev_close)
    return att


def read_attributions(
    doc: Document, spans: Sequence[QuoteSpan], start: int, stop: int
) -> list[Attribution | None]:
    """`read_attribution` of quotes `start` to `stop` (a chunk of the work)."""
    return [read_attribution(doc, spans, i) for i in range(start, stop)]
