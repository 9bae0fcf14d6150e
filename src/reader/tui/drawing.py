"""Steps shared by the widgets that hand Textual their lines themselves (the text pane, the
status line, the scroll bar) instead of going through Textual's style cache.

That cache passes every line through border, padding, outline, hatch, tint and opacity steps; a
widget with none of them set can skip it, and must go back to it as soon as CSS sets one.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.color import Color
from textual.filter import LineFilter
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


def draws_plain(widget: Widget) -> bool:
    """No border, padding, outline, hatch, tint, opacity or text opacity on `widget`: its lines
    reach the screen as they are drawn."""
    styles = widget.styles
    return (
        not any(styles.gutter)
        and not any(edge for edge, _ in styles.outline)
        and styles.tint.a == 0
        and widget.opacity == 1.0
        and styles.text_opacity == 1.0
        and not (styles.has_rule("hatch") and styles.hatch != "none")
    )


def filtered(strip: Strip, filters: Sequence[LineFilter], background: Color) -> Strip:
    """`strip` through the app's line filters (colour reduction, NO_COLOR), as Textual applies
    them to every widget; each filtered strip is cached on the strip itself."""
    for line_filter in filters:
        strip = strip.apply_filter(line_filter, background)
    return strip


def crop_columns(strips: list[Strip], crop: Region, width: int) -> list[Strip]:
    """The columns of `crop` out of full-width `strips` (all of them, untouched, most often)."""
    x1, x2 = crop.column_span
    if (x1, x2) == (0, width):
        return strips
    return [strip.crop(x1, x2) for strip in strips]
