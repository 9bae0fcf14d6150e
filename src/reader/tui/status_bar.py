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
from textual.widget import Widget

from reader.safety import one_line

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
