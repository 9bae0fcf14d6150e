"""Highlights and notes in the app: the store behind the text pane, the Notes tab and the editor.

`NotesMixin` is inherited by `ReaderApp`; it holds no state itself but a `NotesController` (created
on first use) that does the work. Its message handlers (`on_mount`, `on_unmount`,
`on_notes_pane_*` ...) are found by Textual's dispatch, which calls the handler of *every* class
in the app's MRO, so ReaderApp's own handlers of the same names keep running too. It follows the
cursor by watching the text pane's `cursor_offset`.

Why it is shaped like this:

- The UI never waits on the disk. The store is opened, read and written in one dedicated thread
  (a single-thread executor), so writes reach the file in the order the reader made them; a
  Textual worker awaits each one and applies the outcome on the UI thread.
- Writes are shown at once (optimistic) but only counted as saved when the store call returned;
  the status line says "saving…" until then. A failed write is rolled back on screen and the
  reader is told why, so what is drawn never claims more than what is on disk.
- A read-only or damaged database is reported (notification and status line) and the app keeps
  working as a reader: writes are refused up front with a clear message instead of being tried.
- Undo (`u`) keeps the last store operations (add, edit, delete) with the before/after
  annotation; undoing a delete re-adds the very same annotation, id included.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.timer import Timer

from reader.safety import one_line
from reader.tui.article_view import ArticleView

# The notes model, the store and the thread pool are imported when the notes start, after the
# first paint (this module is imported at startup, since ReaderApp inherits NotesMixin).
if TYPE_CHECKING:
    from concurrent.futures import Future, ThreadPoolExecutor

    from reader.article import Article
    from reader.notes.model import Annotation
    from reader.notes.store import NoteStore
    from reader.tui.note_editor import NoteEdit
    from reader.tui.notes_pane import NotesPane
    from reader.tui.side_panel import SidePanel
    from reader.tui.status_bar import StatusBar

    _AppBase = App[None]
else:
    _AppBase = object

T = TypeVar("T")

#: The id of the Notes tab in the side panel (`SidePanel.show_pane`).
NOTES_TAB_ID = "notes-tab"
#: Seconds without cursor movement after which the reading position is saved.
POSITION_DELAY = 2.0
#: Store operations kept for undo.
UNDO_DEPTH = 50
#: Seconds a notification about a note stays on screen.
NOTIFY_TIMEOUT = 4.0

NOTES_BINDINGS: list[BindingType] = [
    Binding("h", "highlight", "Highlight the selection", id="notes.highlight"),
    Binding("s", "highlight_sentence", "Highlight the sentence", id="notes.highlight-sentence"),
    Binding("c", "cycle_color", "Next colour of the highlight", id="notes.cycle-color"),
    Binding("a", "edit_note", "Note on the highlight/selection", id="notes.edit"),
    Binding("enter", "open_highlight", "Open the highlight's note", id="notes.open", show=False),
    Binding("x", "delete_highlight", "Delete the highlight", id="notes.delete"),
    Binding("u", "undo_note", "Undo last highlight change", id="notes.undo"),
    Binding("3", "show_notes", "Notes tab", id="notes.show-tab"),
    Binding("E", "export_notes('markdown')", "Export notes (Markdown)", id="notes.export"),
]

HIGHLIGHT_CLASS = "article-view--highlight-{}"
NOTE_MARKER_CLASS = "article-view--note-marker"
SELECTION_HELP = "select text first: v and motion keys (w B ) ( } {), or drag with the mouse"


def register_highlight_classes() -> None:
    """Declare the text pane's highlight classes at once (one restyle instead of one per colour).

    Done when the notes start, not at import: every component class costs a style resolution,
    and none of these is on the first frame.
    """
    from reader.notes.model import COLORS

    ArticleView.register_component_classes(
        *(HIGHLIGHT_CLASS.format(color) for color in COLORS), NOTE_MARKER_CLASS
    )


State = Literal["loading", "ready", "read-only", "failed"]


@dataclass(frozen=True, slots=True)
class UndoStep:
    """One confirmed store operation: `before` and `after` (None for "did not exist")."""

    label: str
    before: Annotation | None
    after: Annotation | None


def highlight_spans(annotations: list[Annotation]) -> list[tuple[int, int, str]]:
    """Non-overlapping layer spans: where highlights overlap, the shortest one is drawn on top
    (ties: the newest), so a short highlight inside a long one stays visible."""
    anchored = [a for a in annotations if not a.is_orphan and a.end > a.start]
    if not anchored:
        return []
    from reader.notes.model import COLORS, DEFAULT_COLOR

    events: list[tuple[int, int, int]] = []  # (offset, kind 0=end 1=start, index)
    for i, a in enumerate(anchored):
        events.append((a.start, 1, i))
        events.append((a.end, 0, i))
    events.sort()
    newest_first = sorted(range(len(anchored)), key=lambda i: _age(anchored[i]), reverse=True)
    rank = {i: r for r, i in enumerate(newest_first)}
    heap: list[tuple[int, int, int]] = []  # (length, rank: 0 = newest, index)
    active: set[int] = set()
    spans: list[tuple[int, int, str]] = []
    owners: list[int] = []  # the highlight each span draws
    last = events[0][0]
    k = 0
    while k < len(events):
        offset = events[k][0]
        while heap and heap[0][2] not in active:
            heapq.heappop(heap)
        if heap and offset > last:
            a = anchored[heap[0][2]]
            color = a.color if a.color in COLORS else DEFAULT_COLOR
            cls = HIGHLIGHT_CLASS.format(color)
            if owners and owners[-1] == heap[0][2] and spans[-1][1] == last:
                spans[-1] = (spans[-1][0], offset, cls)  # same highlight, split by another's edge
            else:
                spans.append((last, offset, cls))
                owners.append(heap[0][2])
        while k < len(events) and events[k][0] == offset:
            _, kind, i = events[k]
            if kind == 1:
                active.add(i)
                a = anchored[i]
                heapq.heappush(heap, (a.end - a.start, rank[i], i))
            else:
                active.discard(i)
            k += 1
        last = offset
    return spans


def _age(a: Annotation) -> tuple[str, str]:
    """Creation order (ids are time-ordered too, so they break ties of equal stamps)."""
    return (a.created, a.id)


def note_marker_spans(annotations: list[Annotation]) -> list[tuple[int, int, str]]:
    """A marker on the last character of each highlight that carries a note (no text inserted)."""
    return [
        (a.end - 1, a.end, NOTE_MARKER_CLASS)
        for a in annotations
        if not a.is_orphan and a.end > a.start and a.note.strip()
    ]


def annotation_at(annotations: list[Annotation], offset: int) -> Annotation | None:
    """The highlight drawn at `offset`: the shortest one covering it (as `highlight_spans`)."""
    best: Annotation | None = None
    for a in annotations:
        if a.is_orphan or not a.start <= offset < a.end:
            continue
        length, best_length = a.end - a.start, (best.end - best.start if best else 0)
        if best is None or length < best_length or (length == best_length and _age(a) > _age(best)):
            best = a
    return best


class NotesController:
    """State and behaviour of highlights and notes for one `ReaderApp` (see module docstring)."""

    def __init__(self, app: NotesMixin) -> None:
        from reader.notes.model import DEFAULT_COLOR

        self.app = app
        self.article: Article = app.article
        self.state: State = "loading"
        self.reason = ""
        self.store: NoteStore | None = None
        self.notes: dict[str, Annotation] = {}
        self.pending = 0
        self.undo: list[UndoStep] = []
        self.color = DEFAULT_COLOR
        self.pane: NotesPane | None = None
        self.selection: tuple[int, int] | None = None
        self.saved_position: int | None = None
        self._position_timer: Timer | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._started = False
        self._cursor_at_start = ArticleView.initial_cursor(self.article)
        #: The text cursor as last reported (the view is gone by the time the app unmounts).
        self.cursor = self._cursor_at_start

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> None:
        """After the first paint: add the Notes tab and open the store in the notes thread."""
        if self._started:
            return
        self._started = True
        panel = self.app.side_panel
        if not panel.is_attached or not self.app.is_running or self.app.return_code is not None:
            return  # the app is already exiting (e.g. `q` pressed before the first frame)
        from concurrent.futures import ThreadPoolExecutor

        from reader.tui.notes_pane import NotesPane

        register_highlight_classes()
        self.pane = NotesPane(id="notes-pane")
        panel.add_pane("Notes", NOTES_TAB_ID, self.pane)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reader-notes")
        self.refresh_status()
        self._await(self._executor.submit(self._open), self._opened, self._open_failed)

    def _open(self) -> tuple[NoteStore, list[Annotation], int | None]:
        from reader.notes.store import NoteStore

        store = NoteStore(self.app.db_path)
        try:
            notes = store.for_article(self.article)
            position = store.get_position(self.article.sha256)
        except BaseException:
            store.close()
            raise
        return store, notes, position

    def _opened(self, result: tuple[NoteStore, list[Annotation], int | None]) -> None:
        store, notes, position = result
        self.store = store
        self.notes = {a.id: a for a in notes}
        self.state = "read-only" if store.read_only else "ready"
        if store.notice:
            self.reason = one_line(store.notice)
            self.notify(
                f"Notes: {self.reason}",
                severity="warning" if store.read_only else "information",
                timeout=10,
            )
        self.saved_position = position
        view = self.app.article_view
        if position is not None and view.cursor_offset == self._cursor_at_start:
            view.move_cursor_to(position, center=True)
            view.scroll_to_offset(view.cursor_offset, center=True)
        self.redraw()

    def _open_failed(self, exc: BaseException) -> None:
        self.state = "failed"
        self.reason = one_line(str(exc)) or type(exc).__name__
        self.notify(
            f"Notes are unavailable ({self.reason}); reading still works.",
            severity="error",
            timeout=10,
        )
        self.redraw()

    def shutdown(self) -> None:
        """On exit: save the reading position, let queued writes finish, close the store."""
        if self._position_timer is not None:
            self._position_timer.stop()
        executor = self._executor
        if executor is None:
            return
        self._executor = None
        if self.store is not None and self.state == "ready" and self.cursor != self.saved_position:
            executor.submit(self._set_position_quietly, self.cursor)
        store = self.store
        executor.shutdown(wait=True)  # writes are short; quitting must not lose one
        if store is not None:
            with contextlib.suppress(Exception):
                store.close()

    def _set_position_quietly(self, offset: int) -> None:
        from reader.notes.store import StoreError

        if self.store is None:
            return
        with contextlib.suppress(StoreError, OSError):
            self.store.set_position(self.article.sha256, offset)

    # -- running store calls off the UI thread ---------------------------------------------------
    def _await(
        self,
        future: Future[T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Apply `future`'s outcome on the UI thread when it is ready (via a Textual worker)."""

        async def wait() -> None:
            try:
                result = await asyncio.wrap_future(future)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a note must never crash the reader
                failed(exc)
            else:
                done(result)

        self.app.run_worker(wait(), group="notes", exit_on_error=False)

    def _write(
        self,
        call: Callable[[NoteStore], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """Run `call(store)` in the notes thread; `done`/`failed` then run on the UI thread."""
        executor = self._executor
        store = self.store
        if executor is None or store is None:
            failed(RuntimeError("the notes store is not open"))
            return
        self.pending += 1
        self.refresh_status()

        def finished(result: T) -> None:
            self.pending -= 1
            if self.store is not None and self.store.read_only and self.state == "ready":
                self.state = "read-only"
            done(result)
            self.refresh_status()

        def broke(exc: BaseException) -> None:
            self.pending -= 1
            from reader.notes.store import ReadOnlyStoreError

            if isinstance(exc, ReadOnlyStoreError):
                self.state = "read-only"
                self.reason = one_line(str(exc))
            failed(exc)
            self.refresh_status()

        self._await(executor.submit(call, store), finished, broke)

    def can_write(self) -> bool:
        """True when a change can be saved now; otherwise tells the reader why not."""
        if self.state == "ready":
            return True
        reason = self.reason.removesuffix("; notes are read-only")
        if self.state == "loading":
            self.notify("Notes are still loading; try again in a moment.", severity="warning")
        elif self.state == "read-only":
            self.notify(
                f"Notes are read-only ({reason or 'the database cannot be written'}); "
                "nothing was changed.",
                severity="warning",
            )
        else:
            self.notify(f"Notes are unavailable ({reason}).", severity="error")
        return False

    # -- display ---------------------------------------------------------------------------------
    def ordered(self) -> list[Annotation]:
        return sorted(self.notes.values(), key=lambda a: (a.is_orphan, a.start, a.end, a.id))

    def redraw(self) -> None:
        """Push the current highlights to the text pane's layers, the Notes tab and the status."""
        notes = self.ordered()
        view = self.app.article_view
        view.set_layer("highlights", highlight_spans(notes))
        view.set_layer("notes", note_marker_spans(notes))
        if self.pane is not None:
            self.pane.set_annotations(notes)
            from reader.tui.notes_pane import NotesList

            if not self.pane.visible_annotations and isinstance(self.app.focused, NotesList):
                view.focus()  # the emptied list is hidden: keys must not land in the filter box
        self.refresh_status()

    def status_text(self) -> str:
        if self.state == "loading":
            return "notes: loading…"
        if self.state == "failed":
            return "notes unavailable"
        total = len(self.notes)
        orphans = sum(1 for a in self.notes.values() if a.is_orphan)
        noun = "highlight" if total == 1 else "highlights"
        parts = [f"{total} {noun}" + (f" ({orphans} orphaned)" if orphans else "")]
        if self.selection is not None:
            size = self.selection[1] - self.selection[0]
            parts.insert(0, f"selected {size} char{'s' if size != 1 else ''}")
        if self.state == "read-only":
            parts.append("read-only")
        elif self.pending:
            parts.append("saving…")
        else:
            parts.append("saved")
        return " · ".join(parts)

    def refresh_status(self) -> None:
        from reader.tui.status_bar import FIELDS

        bar = self.app.status_bar
        text = self.status_text()
        if "notes" in FIELDS:  # a status field of its own, when the status bar has one
            bar.set_field("notes", text)
            return
        # Else share the notice slot: the article's own notice (e.g. its encoding) comes first
        # and then only a notes *problem* is added to it.
        notice = self.article.notice
        if not notice:
            bar.set_field("notice", text)
        elif self.state in ("read-only", "failed"):
            bar.set_field("notice", f"{notice} · {text}")

    def notify(self, message: str, *, severity: str = "information", timeout: float = 0) -> None:
        """A notification with sanitised plain text (never markup)."""
        level: Literal["information", "warning", "error"] = (
            "error"
            if severity == "error"
            else "warning"
            if severity == "warning"
            else "information"
        )
        self.app.notify(
            one_line(message), severity=level, timeout=timeout or NOTIFY_TIMEOUT, markup=False
        )

    # -- what the keys act on --------------------------------------------------------------------
    def focused_row(self) -> Annotation | None:
        """The highlighted row of the Notes tab when the list has focus."""
        from reader.tui.notes_pane import NotesList

        if self.pane is not None and isinstance(self.app.focused, NotesList):
            return self.pane.highlighted_annotation
        return None

    def current(self) -> Annotation | None:
        """The annotation keys act on: the focused Notes row, else the highlight at the cursor."""
        row = self.focused_row()
        if row is not None:
            return self.notes.get(row.id, row)
        return annotation_at(list(self.notes.values()), self.app.article_view.cursor_offset)

    def on_main_screen(self) -> bool:
        """Notes keys only act on the reading screen (not under the help or a dialog)."""
        return len(self.app.screen_stack) <= 1

    # -- store operations with optimistic display ------------------------------------------------
    def _show(self, annotation: Annotation | None, *, remove: str | None = None) -> None:
        if remove is not None:
            self.notes.pop(remove, None)
        if annotation is not None:
            self.notes[annotation.id] = annotation
        self.redraw()

    def add(
        self,
        annotation: Annotation,
        *,
        label: str = "highlight",
        undoable: bool = True,
        then: Callable[[Annotation], None] | None = None,
    ) -> None:
        self._show(annotation)

        def done(saved: Annotation) -> None:
            if saved.id in self.notes:
                self._show(saved)
            if undoable:
                self._remember(UndoStep(label, None, saved))
            if then is not None:
                then(saved)

        def failed(exc: BaseException) -> None:
            self._show(None, remove=annotation.id)
            self.notify(f"The highlight was not saved: {exc}", severity="error")

        self._write(lambda store: store.add(annotation), done, failed)

    def update(
        self, before: Annotation, after: Annotation, *, label: str = "edit", undoable: bool = True
    ) -> None:
        self._show(after)

        def done(saved: Annotation) -> None:
            if self.notes.get(saved.id) == after:
                self._show(saved)
            if undoable:
                self._remember(UndoStep(label, before, saved))

        def failed(exc: BaseException) -> None:
            if self.notes.get(after.id) == after:
                self._show(before)
            self.notify(f"The change was not saved: {exc}", severity="error")

        self._write(lambda store: store.update(after), done, failed)

    def delete(self, annotation: Annotation, *, undoable: bool = True) -> None:
        self._show(None, remove=annotation.id)

        def done(gone: Annotation) -> None:
            if undoable:
                self._remember(UndoStep("delete", annotation, None))
                self.notify("Highlight deleted · u to undo")

        def failed(exc: BaseException) -> None:
            self._show(annotation)
            self.notify(f"The highlight was not deleted: {exc}", severity="error")

        self._write(lambda store: store.delete(annotation.id), done, failed)

    def _remember(self, step: UndoStep) -> None:
        self.undo.append(step)
        del self.undo[:-UNDO_DEPTH]

    # -- actions ---------------------------------------------------------------------------------
    def new_annotation(self, start: int, end: int) -> Annotation:
        from reader.notes.model import Annotation, ArticleRef, make_target, new_id, now_iso

        stamp = now_iso()
        article = self.article
        return Annotation(
            id=new_id(),
            article=ArticleRef(article.sha256, article.path, article.title),
            target=make_target(article.text, start, end),
            color=self.color,
            created=stamp,
            updated=stamp,
        )

    def highlight_span(
        self, span: tuple[int, int], then: Callable[[Annotation], None] | None = None
    ) -> Annotation | None:
        """Highlight `[start, end)` in the last used colour (or reuse an identical highlight)."""
        start, end = span
        for existing in self.notes.values():
            if not existing.is_orphan and (existing.start, existing.end) == (start, end):
                self.notify("That passage is already highlighted.")
                if then is not None:
                    then(existing)
                return existing
        if not self.can_write():
            return None
        annotation = self.new_annotation(start, end)
        self.add(annotation, then=then)
        return annotation

    def highlight_selection(self, then: Callable[[Annotation], None] | None = None) -> None:
        view = self.app.article_view
        span = view.selection_range()
        if span is None:
            self.notify(f"Nothing to highlight: {SELECTION_HELP}.")
            return
        if self.highlight_span(span, then) is not None:
            view.clear_selection()
            # Rest the cursor on the new highlight (a motion may have left it past the end), so
            # the next `a`, `c` or `x` acts on what was just highlighted.
            if not span[0] <= view.cursor_offset < span[1]:
                view.move_cursor_to(span[1] - 1, scroll=False)

    def highlight_sentence(self) -> None:
        span = self.app.article_view.sentence_at_cursor()
        if span is None:
            self.notify("No sentence under the cursor.")
            return
        self.highlight_span(span)

    def cycle_color(self) -> None:
        target = self.current()
        if target is None:
            self.notify("Put the cursor on a highlight to change its colour.")
            return
        if not self.can_write():
            return
        from reader.notes.model import COLORS

        index = COLORS.index(target.color) if target.color in COLORS else -1
        color = COLORS[(index + 1) % len(COLORS)]
        self.color = color
        self.update(target, target.with_changes(color=color), label="colour")

    def edit(self, annotation: Annotation, *, is_new: bool = False) -> None:
        """Open the note editor for `annotation`; its result is saved as one undoable edit."""
        from reader.notes.model import COLORS
        from reader.tui.note_editor import NoteEditor

        def closed(result: NoteEdit | None) -> None:
            if result is None:
                return
            current = self.notes.get(annotation.id)
            if current is None:
                self.notify(
                    "The highlight was deleted meanwhile; the note was not saved.", severity="error"
                )
                return
            if (current.note, current.tags, current.color) == (
                result.note,
                result.tags,
                result.color,
            ):
                return
            if not self.can_write():
                return
            if result.color in COLORS:
                self.color = result.color
            after = current.with_changes(note=result.note, tags=result.tags, color=result.color)
            self.update(current, after, label="note")

        load_styles = getattr(self.app, "load_deferred_styles", None)
        if load_styles is not None:  # the editor's styles are read after the first paint
            load_styles()
        self.app.push_screen(NoteEditor.for_annotation(annotation, is_new=is_new), closed)

    def edit_current(self, *, from_enter: bool = False) -> None:
        view = self.app.article_view
        if view.selection_range() is not None and self.focused_row() is None:
            if not self.can_write():
                return
            self.highlight_selection(then=lambda a: self.edit(a, is_new=True))
            return
        target = self.current()
        if target is not None:
            self.edit(target)
        elif not from_enter:
            self.notify(f"No highlight under the cursor: {SELECTION_HELP}, then press a.")

    def delete_current(self) -> None:
        target = self.current()
        if target is None:
            self.notify("Put the cursor on a highlight to delete it.")
            return
        if self.can_write():
            self.delete(target)

    def undo_last(self) -> None:
        if not self.undo:
            self.notify("Nothing to undo.")
            return
        if not self.can_write():
            return
        step = self.undo.pop()

        def failed(exc: BaseException) -> None:
            self.notify(f"Could not undo the {step.label}: {exc}", severity="error")

        if step.before is None and step.after is not None:  # undo an add: delete it
            gone = step.after
            self._show(None, remove=gone.id)

            def deleted(_: Annotation) -> None:
                self.notify("Undone: highlight removed")

            def not_deleted(exc: BaseException) -> None:
                self._show(self.notes.get(gone.id, gone))
                failed(exc)

            self._write(lambda store: store.delete(gone.id), deleted, not_deleted)
        elif step.before is not None and step.after is None:  # undo a delete: same id back
            back = step.before
            self._show(back)

            def added(saved: Annotation) -> None:
                self._show(saved)
                self.notify("Undone: highlight restored")

            def not_added(exc: BaseException) -> None:
                self._show(None, remove=back.id)
                failed(exc)

            self._write(lambda store: store.add(back), added, not_added)
        elif step.before is not None and step.after is not None:  # undo an edit
            before, now = step.before, self.notes.get(step.before.id, step.after)
            self._show(before)

            def restored(saved: Annotation) -> None:
                self._show(saved)
                self.notify(f"Undone: {step.label}")

            def not_restored(exc: BaseException) -> None:
                self._show(now)
                failed(exc)

            self._write(lambda store: store.update(before), restored, not_restored)

    def reattach(self, orphan: Annotation) -> None:
        view = self.app.article_view
        span = view.selection_range()
        if span is None:
            self.notify(f"To re-attach, {SELECTION_HELP}; then press r on the orphan.")
            return
        if not self.can_write():
            return
        from reader.notes.model import Anchor, AnchorStatus, ArticleRef, make_target

        article = self.article
        after = orphan.with_changes(
            article=ArticleRef(article.sha256, article.path, article.title),
            target=make_target(article.text, *span),
            anchor=Anchor(AnchorStatus.EXACT, 1.0),
        )
        view.clear_selection()
        self.update(orphan, after, label="re-attach")

    def jump_to(self, annotation: Annotation) -> None:
        view = self.app.article_view
        view.move_cursor_to(annotation.start, center=True)
        view.scroll_to_offset(annotation.start, center=True)
        view.focus()

    def show_tab(self) -> None:
        from reader.tui.notes_pane import NotesList

        if self.pane is None:
            return
        self.app.side_panel.show_pane(NOTES_TAB_ID)
        self.pane.query_one(NotesList).focus()

    # -- reading position ------------------------------------------------------------------------
    def cursor_moved(self, offset: int) -> None:
        self.cursor = offset
        if self.pane is not None and self.notes and self.focused_row() is None:
            # The Notes tab follows the text: the highlight under the cursor is its current row.
            here = annotation_at(list(self.notes.values()), offset)
            if here is not None:
                self.pane.highlight(here.id)
        if self.state != "ready":
            return
        if self._position_timer is None:
            self._position_timer = self.app.set_timer(POSITION_DELAY, self.save_position)
        else:  # restart the countdown: a new timer (a new task) on every key press costs more
            self._position_timer.reset()

    def save_position(self) -> None:
        self._position_timer = None
        offset = self.cursor
        if self.state != "ready" or offset == self.saved_position:
            return
        sha = self.article.sha256

        def done(_: None) -> None:
            self.saved_position = offset

        def failed(exc: BaseException) -> None:
            pass  # the status line shows read-only if that is why; a position is not worth a toast

        self._write(lambda store: store.set_position(sha, offset), done, failed)

    # -- export ----------------------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        """Write the export file (in the current directory, else next to the database)."""
        executor = self._executor
        if executor is None or self.state in ("loading",):
            self.notify("Notes are still loading; try again in a moment.", severity="warning")
            return
        snapshot = self.ordered()
        store = self.store
        article = self.article
        db_folder = Path(store.path).parent if store is not None else None
        from reader.notes.model import now_iso

        def run() -> tuple[Path, int]:
            from reader.export import (
                default_filename,
                dumps,
                to_markdown,
                to_web_annotations,
                write_atomic,
            )

            notes = store.for_article(article) if store is not None else snapshot
            if fmt == "json":
                text = dumps(to_web_annotations(article, notes))
            else:
                from reader.analysis.quotes import analyse_quotes

                text = to_markdown(article, notes, analyse_quotes(article), exported=now_iso())
            name = default_filename(article.title, fmt)
            try:
                return write_atomic(Path.cwd() / name, text), len(notes)
            except OSError:
                if db_folder is None:
                    raise
                return write_atomic(db_folder / name, text), len(notes)

        def done(result: tuple[Path, int]) -> None:
            path, count = result
            noun = "highlight" if count == 1 else "highlights"
            label = "JSON" if fmt == "json" else "Markdown"
            self.notify(f"Exported {count} {noun} ({label}) to {path}", timeout=10)

        def failed(exc: BaseException) -> None:
            reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            self.notify(f"Export failed: {reason}", severity="error", timeout=10)

        self.notify("Exporting notes…", timeout=2)
        self._await(executor.submit(run), done, failed)


class NotesMixin(_AppBase):
    """Highlights and notes for `ReaderApp` (bindings in `NOTES_BINDINGS`, wired in app.py)."""

    article: Article
    db_path: str | None

    if TYPE_CHECKING:

        @property
        def article_view(self) -> ArticleView: ...

        @property
        def side_panel(self) -> SidePanel: ...

        @property
        def status_bar(self) -> StatusBar: ...

    @property
    def notes(self) -> NotesController:
        """The notes controller (created on first use: the mixin has no __init__ of its own)."""
        controller: NotesController | None = self.__dict__.get("_notes_controller")
        if controller is None:
            controller = NotesController(self)
            self.__dict__["_notes_controller"] = controller
        return controller

    # -- events (dispatched to every class in the MRO, see the module docstring) ----------------
    def on_mount(self) -> None:
        self.watch(self.article_view, "cursor_offset", self._notes_cursor_moved, init=False)
        # After the first paint; the controller (and the notes model) is not built before it.
        self.call_after_refresh(self._start_notes)

    def _start_notes(self) -> None:
        if self.return_code is None:  # not already exiting (e.g. the first-paint benchmark)
            self.notes.start()

    def on_unmount(self) -> None:
        controller: NotesController | None = self.__dict__.get("_notes_controller")
        if controller is not None:  # never started (quit before the first frame): nothing to save
            controller.shutdown()

    def _notes_cursor_moved(self, offset: int) -> None:
        self.notes.cursor_moved(offset)

    def on_article_view_selection_changed(self, message: ArticleView.SelectionChanged) -> None:
        self.notes.selection = message.span
        self.notes.refresh_status()

    def on_notes_pane_selected(self, message: NotesPane.Selected) -> None:
        self.notes.jump_to(message.annotation)

    def on_notes_pane_edit_requested(self, message: NotesPane.EditRequested) -> None:
        notes = self.notes
        notes.edit(notes.notes.get(message.annotation.id, message.annotation))

    def on_notes_pane_delete_requested(self, message: NotesPane.DeleteRequested) -> None:
        notes = self.notes
        if notes.can_write():
            notes.delete(notes.notes.get(message.annotation.id, message.annotation))

    def on_notes_pane_reattach_requested(self, message: NotesPane.ReattachRequested) -> None:
        notes = self.notes
        notes.reattach(notes.notes.get(message.annotation.id, message.annotation))

    # -- actions (bound in NOTES_BINDINGS; palette commands in notes_commands.py) ----------------
    def action_highlight(self) -> None:
        if self.notes.on_main_screen():
            self.notes.highlight_selection()

    def action_highlight_sentence(self) -> None:
        if self.notes.on_main_screen():
            self.notes.highlight_sentence()

    def action_cycle_color(self) -> None:
        if self.notes.on_main_screen():
            self.notes.cycle_color()

    def action_edit_note(self) -> None:
        if self.notes.on_main_screen():
            self.notes.edit_current()

    def action_open_highlight(self) -> None:
        if self.notes.on_main_screen():
            self.notes.edit_current(from_enter=True)

    def action_delete_highlight(self) -> None:
        if self.notes.on_main_screen():
            self.notes.delete_current()

    def action_undo_note(self) -> None:
        if self.notes.on_main_screen():
            self.notes.undo_last()

    def action_show_notes(self) -> None:
        if self.notes.on_main_screen():
            self.notes.show_tab()

    def action_export_notes(self, fmt: str = "markdown") -> None:
        self.notes.export("json" if fmt == "json" else "markdown")


__all__ = [
    "NOTES_BINDINGS",
    "NOTES_TAB_ID",
    "NotesController",
    "NotesMixin",
    "annotation_at",
    "highlight_spans",
    "note_marker_spans",
]
