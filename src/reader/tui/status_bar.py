"""The status line: title, position, search state, encoding notice, and a hint slot for panes.

One widget that draws all fields (styled by component classes in the .tcss): the position field
changes on every key press, and separate widgets would cost a layout pass per key and several
extra widgets to style at startup. Fields are plain strings passed through `one_line` and drawn as
`Content`, never markup, so a title like `[bold]x[/]` or one with control characters shows
literally.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from reader.safety import one_line
from reader.tui.drawing import crop_columns, draws_plain, filtered

#: Fields drawn on the right, in this order (the title fills the left and is cut to fit).
RIGHT_FIELDS = ("hint", "notes", "notice", "search", "position")
FIELDS = ("title", *RIGHT_FIELDS)
_SEPARATOR = "  "


class StatusBar(Widget):
    """One line at the bottom of the screen."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"status-bar--{name}" for name in FIELDS}

    def __init__(self, *, id: str | None = None, **initial: str) -> None:
        super().__init__(id=id)
        self._fields: dict[str, str] = dict.fromkeys(FIELDS, "")
        for name, text in initial.items():
            self._fields[name] = one_line(text)
        self._drawn_key: tuple[object, ...] | None = None
        self._drawn: Strip | None = None

    def set_field(self, name: str, text: str) -> None:
        """Set field `name` (one of FIELDS) to `text`; an empty text hides the field."""
        if name not in self._fields:
            raise KeyError(name)
        text = one_line(text)
        if self._fields[name] != text:
            self._fields[name] = text
            self.refresh()

    def get_field(self, name: str) -> str:
        return self._fields[name]

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn_key = None

    def render_lines(self, crop: Region) -> list[Strip]:
        """The line drawn straight from `render`'s content, kept until a field or the width
        changes. The position field changes on every key press: Textual's general path (visual,
        then style cache) cost twice the drawing itself, for one plain line."""
        if not draws_plain(self) or self.size.height != 1:
            return super().render_lines(crop)
        width = self.size.width
        filters = tuple(self.get_line_filters())
        key = (width, *self._fields.values(), filters)
        if key != self._drawn_key or self._drawn is None:
            base = self.visual_style
            strip = Strip(self.render().render_segments(base))
            strip = strip.adjust_cell_length(width, base.rich_style)
            strip = filtered(strip, filters, self.background_colors[1])
            self._drawn, self._drawn_key = strip, key
        if crop.y > 0 or crop.height < 1:
            return []
        return crop_columns([self._drawn], crop, width)

    def render(self) -> Content:
        width = self.size.width
        right: list[Content] = []
        for name in RIGHT_FIELDS:
            text = self._fields[name]
            if text:
                style = self.get_visual_style(f"status-bar--{name}", partial=True)
                right.append(Content.styled(text, style))
        # Keep the right side at most ~2/3 of the line; the hint is cut first.
        right_text = Content(_SEPARATOR).join(right)
        limit = max(0, width * 2 // 3)
        if right_text.cell_length > limit:
            right_text = right_text.truncate(limit, ellipsis=True)
        title_room = max(0, width - right_text.cell_length - 2)
        title_style = self.get_visual_style("status-bar--title", partial=True)
        left = Content.styled(" " + self._fields["title"], title_style)
        if left.cell_length > title_room:
            left = left.truncate(title_room, ellipsis=True)
        gap = max(1, width - left.cell_length - right_text.cell_length - 1)
        return Content.assemble(left, " " * gap, right_text, " ")
