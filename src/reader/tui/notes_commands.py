"""Command-palette entries for highlights and notes (export, highlight, undo, the Notes tab).

Each entry runs an app action by name, so the palette and the keys share one implementation
(`reader.tui.notes_feature.NotesMixin`), and the palette works the same from anywhere.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

#: (palette text, app action, help line)
NOTES_COMMANDS: tuple[tuple[str, str, str], ...] = (
    (
        "Export notes as Markdown",
        "export_notes('markdown')",
        "Write this article's highlights and notes to a .md file (key E)",
    ),
    (
        "Export notes as JSON",
        "export_notes('json')",
        "Write W3C Web Annotation JSON that `reader import` reads back",
    ),
    ("Highlight selection", "highlight", "Highlight the selected text (key h)"),
    ("Highlight sentence", "highlight_sentence", "Highlight the sentence at the cursor (key s)"),
    ("Edit note", "edit_note", "Open the note of the highlight at the cursor (key a)"),
    ("Next highlight colour", "cycle_color", "Cycle the colour of the highlight (key c)"),
    ("Delete highlight", "delete_highlight", "Delete the highlight at the cursor (key x)"),
    ("Undo highlight change", "undo_note", "Undo the last highlight delete or edit (key u)"),
    ("Show notes", "show_notes", "Open the Notes tab of the side panel (key 3)"),
)


class NotesCommands(Provider):
    """The notes commands, matched fuzzily by the palette."""

    async def _run(self, action: str) -> None:
        await self.app.run_action(action)

    async def discover(self) -> Hits:
        for name, action, help_text in NOTES_COMMANDS:
            yield DiscoveryHit(name, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in NOTES_COMMANDS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, action), help=help_text
                )
