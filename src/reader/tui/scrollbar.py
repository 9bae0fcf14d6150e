"""A vertical scroll bar drawn straight into strips, for the text pane.

Why: Textual's `ScrollBar` draws a Rich renderable through the console and then Textual's style
cache on every scroll. On a 40-row screen that was 5.5 ms of a 23 ms PageDown, more than drawing
the page of text itself. This subclass keeps everything else of Textual's bar (colours from CSS,
hover and grab states, click to page, drag the thumb: they live in the segments' `@mouse.down`
meta and in `ScrollBar`'s event handlers) and only replaces the drawing: the same cells from
`ScrollBarRender.render_bar`, one `Strip` per distinct cell, memoised by the bar's geometry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.geometry import Region
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

from reader.tui.drawing import crop_columns, draws_plain, filtered

if TYPE_CHECKING:
    from textual.filter import LineFilter


class LineScrollBar(ScrollBar):
    """Textual's vertical scroll bar, drawn without a Rich renderable."""

    def __init__(self, *, thickness: int) -> None:
        super().__init__(vertical=True, name="vertical", thickness=thickness)
        self._drawn_key: tuple[object, ...] | None = None
        self._drawn: list[Strip] = []

    def render_lines(self, crop: Region) -> list[Strip]:
        renderer = self.render()
        if not draws_plain(self) or type(renderer) is not ScrollBarRender:
            return super().render_lines(crop)  # a custom renderer: let Textual draw it
        style = renderer.style
        if not isinstance(style, Style) or style.color is None or style.bgcolor is None:
            return super().render_lines(crop)
        width, height = self.size
        filters = tuple(self.get_line_filters())
        background = self.background_colors[1]
        key = (
            width,
            height,
            renderer.virtual_size,
            renderer.window_size,
            renderer.position,
            style,
            self.visual_style,
            filters,
            background,
        )
        if key != self._drawn_key:
            self._drawn = self._draw(renderer, style, width, height, filters, background)
            self._drawn_key = key
        return crop_columns(self._drawn[crop.y : crop.bottom], crop, width)

    def _draw(
        self,
        renderer: ScrollBarRender,
        style: Style,
        width: int,
        height: int,
        filters: tuple[LineFilter, ...],
        background: Color,
    ) -> list[Strip]:
        assert style.color is not None and style.bgcolor is not None
        bar = renderer.render_bar(
            size=height,
            virtual_size=renderer.virtual_size,
            window_size=renderer.window_size,
            position=renderer.position,
            thickness=width,
            vertical=True,
            back_color=style.bgcolor,
            bar_color=style.color,
        )
        base = self.visual_style.rich_style  # as Textual lays a renderable over the widget's style
        strips: dict[int, Strip] = {}  # the bar repeats a few segment objects: one strip each
        lines = []
        for segment in bar.segments:
            strip = strips.get(id(segment))
            if strip is None:
                cell_style = base + segment.style if segment.style else base
                strip = Strip([Segment(segment.text, cell_style)], width)
                strip = filtered(strip.adjust_cell_length(width, cell_style), filters, background)
                strips[id(segment)] = strip
            lines.append(strip)
        if len(lines) < height:
            lines += [Strip.blank(width)] * (height - len(lines))
        return lines[:height]
