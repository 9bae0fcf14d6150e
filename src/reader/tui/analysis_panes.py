"""Glossary and speaker panes wired into the app: analysis workers, jumps, walks, tints, hints.

`ReaderApp` inherits `AnalysisPanesMixin` and adds `ANALYSIS_BINDINGS` to its bindings and
`analysis_commands` to its command palette. Everything else happens here:

- After the first paint the two tabs are added to the side panel and one thread worker runs
  `build_glossary`, then `analyse_quotes`; each pane shows "Analysing…" until its result arrives,
  or a one-line error if its analysis fails (the app carries on).
- Enter on a glossary row or a speaker/quote row starts a *walk*: the text jumps there, the spans
  are marked in a layer, and `]`/`[` move through them with "2/5" in the status line. Esc clears.
- The status line's hint slot shows the expansion of the acronym under the cursor (or the mouse)
  and the speaker of the quote under the cursor; both are bisect look-ups, nothing is recomputed
  for the whole text on a cursor move.

Event and message handlers here (`on_mount`, `on_resize`, `on_glossary_pane_selected` ...)
are called by Textual's dispatch, which calls the handler of every class in the MRO that
defines one: ReaderApp's own handler of the same name still runs.

This module is imported at startup, so the panes, the analysis and the palette provider are
imported only when first needed.
"""

from __future__ import annotations

import bisect
import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, work
from textual.actions import SkipAction
from textual.binding import Binding, BindingType
from textual.worker import Worker, get_current_worker

from reader.safety import one_line

if TYPE_CHECKING:
    from textual.app import App
    from textual.command import Provider

    from reader.analysis.glossary import Glossary, GlossaryEntry
    from reader.analysis.quotes import SpeakerIndex
    from reader.article import Article
    from reader.tui.article_view import ArticleView
    from reader.tui.glossary_pane import GlossaryPane
    from reader.tui.side_panel import SidePanel
    from reader.tui.speakers_pane import SpeakerGroup, SpeakersPane

    _Base = App[None]
else:
    _Base = object

T = TypeVar("T")

GLOSSARY_TAB = "glossary-tab"
SPEAKERS_TAB = "speakers-tab"
TABS = {"glossary": GLOSSARY_TAB, "speakers": SPEAKERS_TAB}

#: Below this terminal width the side panel starts hidden (and hides itself when the terminal
#: shrinks below it): the reading column would get narrower than ~55 cells.
PANEL_MIN_SCREEN_WIDTH = 100

#: Layer of the current occurrence of a walked acronym (drawn over `glossary-active`).
GLOSSARY_CURRENT_LAYER = "glossary-current"
GLOSSARY_CURRENT_PRIORITY = 42.0
SPEAKER_TINT_CLASSES = 12

ANALYSIS_BINDINGS: list[BindingType] = [
    Binding("1", "analysis_tab('glossary')", "Glossary tab", id="analysis.glossary-tab"),
    Binding("2", "analysis_tab('speakers')", "Speakers tab", id="analysis.speakers-tab"),
    Binding(
        "right_square_bracket",
        "analysis_walk(1)",
        "Next occurrence / quote of the same speaker",
        id="analysis.next",
    ),
    Binding(
        "left_square_bracket",
        "analysis_walk(-1)",
        "Previous occurrence / quote of the same speaker",
        id="analysis.previous",
    ),
    Binding("t", "analysis_tints", "Tint quotes by speaker", id="analysis.tints"),
    Binding("escape", "analysis_clear", "Clear term/quote marks", id="analysis.clear"),
]


def analysis_commands() -> type[Provider]:
    """The command-palette provider, imported when the palette first opens."""
    from reader.tui.commands import AnalysisCommands

    return AnalysisCommands


class _Cancelled(Exception):
    """The worker was cancelled (the app is closing) while the analysis ran."""


def run_detached(job: Callable[[], T], worker: Worker[Any] | None = None) -> T:
    """`job()` on a daemon thread; wait for it unless `worker` is cancelled meanwhile.

    The analysis cannot be interrupted, and Textual runs thread workers on the event loop's
    default executor, whose threads the interpreter joins at exit: quitting while a 4 MB text is
    analysed would hang until the analysis finished. A daemon thread is abandoned instead.
    """
    done = threading.Event()
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = job()
        except BaseException as exc:  # re-raised in the waiting thread
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=target, name="reader-analysis", daemon=True).start()
    while not done.wait(0.05):
        if worker is not None and worker.is_cancelled:
            raise _Cancelled
    if "error" in box:
        raise box["error"]
    result: T = box["result"]
    return result


def _build_glossary(article: Article) -> Glossary:
    from reader.analysis.glossary import build_glossary

    return build_glossary(article)


def _analyse_quotes(article: Article) -> SpeakerIndex:
    from reader.analysis.quotes import analyse_quotes

    return analyse_quotes(article)


@dataclass
class _Walk:
    """Spans the user steps through with ]/[ (occurrences of an acronym, quotes of a speaker)."""

    kind: str  # "glossary" | "speaker"
    label: str
    spans: tuple[tuple[int, int], ...]
    starts: list[int]
    index: int
    key: object  # the entry or the speaker group walked
    on_move: Callable[[int], None] | None = None

    @property
    def status(self) -> str:
        position = f"{self.index + 1}/{len(self.spans)}"
        return (
            f"{self.label} {position}"
            if self.kind == "glossary"
            else f"{self.label}: quote {position}"
        )


class AnalysisPanesMixin(_Base):
    """Glossary and Speakers tabs, their analysis workers, and what they do to the text pane."""

    if TYPE_CHECKING:
        article: Article

        @property
        def article_view(self) -> ArticleView: ...

        @property
        def side_panel(self) -> SidePanel: ...

        def set_status_hint(self, text: str) -> None: ...

    _analysis_glossary: Glossary | None = None
    _analysis_speakers: SpeakerIndex | None = None
    _analysis_errors: dict[str, str] | None = None
    _glossary_pane: GlossaryPane | None = None
    _speakers_pane: SpeakersPane | None = None
    _walk: _Walk | None = None
    _tinted: bool = False
    _hover_entry: GlossaryEntry | None = None
    _hint: str = ""
    _panel_auto_hidden: bool = False

    # ------------------------------------------------------------------ public state

    @property
    def glossary(self) -> Glossary | None:
        """The article's glossary, once analysed."""
        return self._analysis_glossary

    @property
    def speaker_index(self) -> SpeakerIndex | None:
        """The article's speakers and quotes, once analysed."""
        return self._analysis_speakers

    @property
    def analysis_done(self) -> bool:
        """Both analyses finished (successfully or not)."""
        errors = self._analysis_errors or {}
        return (self._analysis_glossary is not None or "glossary" in errors) and (
            self._analysis_speakers is not None or "speakers" in errors
        )

    @property
    def speaker_tints(self) -> bool:
        return self._tinted

    @property
    def walk_status(self) -> str:
        """ "IS-K 2/18" while walking through spans with ]/[, else ""."""
        return self._walk.status if self._walk is not None else ""

    # ------------------------------------------------------------------ setup and workers

    def on_mount(self) -> None:
        self.watch(self.article_view, "cursor_offset", self._hint_cursor_moved, init=False)
        self.setup_analysis_panes()

    def setup_analysis_panes(self) -> None:
        """Add the tabs and start the analysis once the first screen is painted."""
        self._analysis_errors = {}
        self.call_after_refresh(self._add_analysis_panes)

    def _add_analysis_panes(self) -> None:
        if self.return_code is not None:  # exiting already (e.g. the first-paint benchmark)
            return
        from reader.tui.glossary_pane import GlossaryPane
        from reader.tui.speakers_pane import SpeakersPane

        self._glossary_pane = GlossaryPane(id="glossary-pane")
        self._speakers_pane = SpeakersPane(id="speakers-pane")
        panel = self.side_panel
        panel.add_pane("Glossary", GLOSSARY_TAB, self._glossary_pane)
        panel.add_pane("Speakers", SPEAKERS_TAB, self._speakers_pane)
        if self.size.width < PANEL_MIN_SCREEN_WIDTH and panel.is_shown:
            panel.toggle()
            self._panel_auto_hidden = True
        self._analyse_article()

    @work(thread=True, exclusive=True, group="reader-analysis", exit_on_error=False)
    def _analyse_article(self) -> None:
        """Glossary first (the first tab), then quotes; each result is shown as it arrives."""
        worker = get_current_worker()
        jobs: tuple[tuple[str, Callable[[Article], object]], ...] = (
            ("glossary", _build_glossary),
            ("speakers", _analyse_quotes),
        )
        for kind, job in jobs:
            result: object = None
            error = ""
            try:
                result = run_detached(partial(job, self.article), worker)
            except _Cancelled:
                return
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
            if worker.is_cancelled:
                return
            try:
                self.call_from_thread(self._analysis_finished, kind, result, error)
            except RuntimeError:  # the app closed meanwhile
                return

    def _analysis_finished(self, kind: str, result: object, error: str) -> None:
        try:
            if not error:
                if kind == "glossary":
                    self._glossary_ready(result)  # type: ignore[arg-type]
                else:
                    self._speakers_ready(result)  # type: ignore[arg-type]
                if self.analysis_done:
                    self._freeze_heap()
                return
        except Exception as exc:  # showing the result failed: say so, keep the app running
            self.log.error(f"showing the {kind} analysis failed", exc)
            error = f"{type(exc).__name__}: {exc}"
        assert self._analysis_errors is not None
        self._analysis_errors[kind] = error
        title = "Glossary" if kind == "glossary" else "Speaker index"
        message = one_line(f"{title} unavailable: {error}")
        pane = self._glossary_pane if kind == "glossary" else self._speakers_pane
        if pane is not None:
            pane.show_error(message)

    _heap_frozen = False

    def _freeze_heap(self) -> None:
        """Keep the garbage collector off what the app holds for good from now on.

        Called after the first paint (the start-up heap) and once both analyses are in: the
        text, its analyses and their layers live as long as the app, and every full collection
        walked them all again (80 ms at a time on a 4 MB text, a visible hitch in scrolling).
        Frozen objects are still freed by reference counting; the app unfreezes on exit.
        """
        gc.freeze()
        self._heap_frozen = True

    def on_unmount(self) -> None:
        if self._heap_frozen:
            gc.unfreeze()
            self._heap_frozen = False

    def _glossary_ready(self, glossary: Glossary) -> None:
        self._analysis_glossary = glossary
        spans = [
            (s, e, "article-view--term") for entry in glossary.entries for s, e in entry.occurrences
        ]
        self.article_view.set_layer("glossary", spans)
        if self._glossary_pane is not None:
            self._glossary_pane.set_glossary(glossary)
        self._update_hint()

    def _speakers_ready(self, index: SpeakerIndex) -> None:
        self._analysis_speakers = index
        if self._speakers_pane is not None:
            self._speakers_pane.set_index(index)
        if self._tinted:
            self._apply_tints()
        self._update_hint()

    # ------------------------------------------------------------------ messages from the panes

    def on_glossary_pane_selected(self, message: GlossaryPane.Selected) -> None:
        self.start_glossary_walk(message.entry)

    def on_speakers_pane_quote_chosen(self, message: SpeakersPane.QuoteChosen) -> None:
        self.start_speaker_walk(message.group, message.position)

    def _hint_cursor_moved(self) -> None:
        self._hover_entry = None  # the last thing the user moved (cursor or mouse) wins
        self._update_hint()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """The acronym under the mouse shows in the status line, as the one under the cursor."""
        glossary = self._analysis_glossary
        if glossary is None:
            return
        entry = None
        view = self.article_view
        if event.widget is view:
            offset = event.get_content_offset(view)
            if offset is not None:
                entry = glossary.entry_at(view.offset_at(offset.x, offset.y))
        if entry is not self._hover_entry:
            self._hover_entry = entry
            self._update_hint()

    def on_resize(self, event: events.Resize) -> None:
        """Hide the panel on a narrow terminal; bring it back when there is room again."""
        if self._glossary_pane is None:
            return
        panel = self.side_panel
        narrow = event.size.width < PANEL_MIN_SCREEN_WIDTH
        if narrow and panel.is_shown:
            panel.toggle()
            self._panel_auto_hidden = True
            if panel.has_focus_within:
                self.article_view.focus()
        elif not narrow and self._panel_auto_hidden and not panel.is_shown:
            panel.toggle()
            self._panel_auto_hidden = False

    # ------------------------------------------------------------------ walks

    def start_glossary_walk(self, entry: GlossaryEntry, *, jump: bool = True) -> None:
        """Mark every occurrence of `entry` and go to its first one (`jump`)."""
        if not entry.occurrences:
            return
        self._clear_walk_layers()
        spans = tuple(sorted(entry.occurrences))
        marks = [(s, e, "article-view--term-active") for s, e in spans]
        if entry.definition is not None:
            marks.append((*entry.definition, "article-view--term-active"))
        self.article_view.set_layer("glossary-active", marks)
        cursor = self.article_view.cursor_offset
        index = max(0, bisect.bisect_right([s for s, _ in spans], cursor) - 1)
        self._walk = _Walk(
            "glossary", one_line(entry.short), spans, [s for s, _ in spans], index, entry
        )
        if jump:
            self._walk_to(0)
        else:
            self._update_hint()

    def start_speaker_walk(
        self, group: SpeakerGroup, position: int = 0, *, jump: bool = True
    ) -> None:
        """Walk through the quotes of `group`, starting at quote `position` (`jump`: go there)."""
        if not group.quotes:
            return
        self._clear_walk_layers()
        spans = tuple((q.start, q.end) for q in group.quotes)
        pane = self._speakers_pane
        self._walk = _Walk(
            "speaker",
            one_line(group.name),
            spans,
            [s for s, _ in spans],
            position,
            group,
            on_move=(lambda i: pane.follow(group, i)) if pane is not None else None,
        )
        if jump:
            self._walk_to(position)
        else:
            self._mark_current()
            self._update_hint()

    def _walk_to(self, index: int) -> None:
        walk = self._walk
        if walk is None:
            return
        walk.index = index
        start, _ = walk.spans[index]
        self._mark_current()
        view = self.article_view
        view.move_cursor_to(start, scroll=False)
        top, bottom = view.visible_range()
        if not top <= start < bottom:
            view.scroll_to_offset(start, center=True)
        if walk.on_move is not None:
            walk.on_move(index)
        self._update_hint()

    def _mark_current(self) -> None:
        walk = self._walk
        if walk is None:
            return
        start, end = walk.spans[walk.index]
        view = self.article_view
        if walk.kind == "glossary":
            view.set_layer(
                GLOSSARY_CURRENT_LAYER,
                [(start, end, "article-view--term-current")],
                priority=GLOSSARY_CURRENT_PRIORITY,
            )
        else:
            view.set_layer("speaker-active", [(start, end, "article-view--quote-active")])

    def _clear_walk_layers(self) -> None:
        view = self.article_view
        for name in ("glossary-active", GLOSSARY_CURRENT_LAYER, "speaker-active"):
            view.clear_layer(name)

    def clear_walk(self) -> bool:
        """Remove the marks of the current walk; False when there was none."""
        if self._walk is None:
            return False
        self._walk = None
        self._clear_walk_layers()
        self._update_hint()
        return True

    def _walk_under_cursor(self) -> bool:
        """Start a walk for the acronym or the speaker's quote under the cursor, if any."""
        offset = self.article_view.cursor_offset
        glossary = self._analysis_glossary
        entry = glossary.entry_at(offset) if glossary is not None else None
        if entry is not None:
            self.start_glossary_walk(entry, jump=False)
            return True
        index = self._analysis_speakers
        quote = index.quote_at(offset) if index is not None else None
        if index is not None and quote is not None and quote.speaker is not None:
            from reader.tui.speakers_pane import speaker_groups

            for group in speaker_groups(index):
                if group.key == quote.speaker and quote in group.quotes:
                    self.start_speaker_walk(group, group.quotes.index(quote), jump=False)
                    return True
        return False

    # ------------------------------------------------------------------ actions

    def action_analysis_walk(self, direction: int) -> None:
        """]/[: the next/previous span of the walk after/before the cursor (wrapping)."""
        if self._walk is None and not self._walk_under_cursor():
            self.bell()
            self.notify(
                "Choose an acronym or a speaker first (Enter in the Glossary or Speakers tab).",
                timeout=3,
                markup=False,
            )
            return
        walk = self._walk
        assert walk is not None
        cursor = self.article_view.cursor_offset
        count = len(walk.spans)
        if direction > 0:
            index = bisect.bisect_right(walk.starts, cursor)
            index = index if index < count else 0
        else:
            index = bisect.bisect_left(walk.starts, cursor) - 1
            index = index if index >= 0 else count - 1
        self._walk_to(index)

    def action_analysis_clear(self) -> None:
        if not self.clear_walk():
            raise SkipAction()

    def action_analysis_tab(self, name: str) -> None:
        self.show_analysis_tab(name, focus=True)

    def show_analysis_tab(self, name: str, *, focus: bool = False, tries: int = 50) -> None:
        """Show tab `name` ("glossary" or "speakers"), revealing the panel; focus its list.

        On a large text the key may come before the tab is mounted (the panes are added after
        the first paint): then this retries after the next refreshes.
        """
        pane = self._glossary_pane if name == "glossary" else self._speakers_pane
        if pane is None:
            return
        if pane.is_mounted and self.side_panel.has_pane(TABS[name]):
            self._panel_auto_hidden = False
            self.side_panel.show_pane(TABS[name])
            if focus:
                self.call_after_refresh(pane.focus_list)
            return
        if tries > 0:
            retry = partial(self.show_analysis_tab, name, focus=focus, tries=tries - 1)
            self.set_timer(0.05, retry)

    def action_analysis_tints(self) -> None:
        self.toggle_speaker_tints()

    def toggle_speaker_tints(self) -> None:
        """Colour every attributed quote by its speaker (layer `speakers`), or stop."""
        self._tinted = not self._tinted
        if not self._tinted:
            self.article_view.clear_layer("speakers")
            self.notify("Speaker tints off", timeout=1.5, markup=False)
            return
        if self._analysis_speakers is None:
            self.notify("Tints show once the quotes are analysed.", timeout=2, markup=False)
            return
        self._apply_tints()
        self.notify("Quotes tinted by speaker (t to stop)", timeout=1.5, markup=False)

    def _apply_tints(self) -> None:
        index = self._analysis_speakers
        if index is None:
            return
        spans = [
            (q.start, q.end, f"article-view--speaker-{s.index % SPEAKER_TINT_CLASSES}")
            for s in index.speakers
            for q in s.quotes
        ]
        self.article_view.set_layer("speakers", spans)

    # ------------------------------------------------------------------ palette commands

    def look_up_term(self, short: str) -> None:
        """Show `short` in the Glossary tab and walk through its occurrences."""
        glossary = self._analysis_glossary
        if glossary is None:
            return
        entry = next((e for e in glossary.entries if e.short == short), None)
        if entry is None:
            return
        self.show_analysis_tab("glossary")
        if self._glossary_pane is not None:
            self._glossary_pane.highlight(short)
        self.start_glossary_walk(entry)

    def jump_to_speaker(self, key: int) -> None:
        """Show speaker `key` in the Speakers tab and go to their first quote."""
        pane = self._speakers_pane
        if pane is None or self._analysis_speakers is None:
            return
        self.show_analysis_tab("speakers")
        group = pane.highlight_group(key)
        if group is not None:
            self.start_speaker_walk(group)

    # ------------------------------------------------------------------ status hint

    def _update_hint(self) -> None:
        """The walk's "2/5", the acronym under the mouse or cursor, and the quote's speaker."""
        offset = self.article_view.cursor_offset
        parts: list[str] = []
        walk = self._walk
        if walk is not None:
            parts.append(walk.status)
        glossary = self._analysis_glossary
        entry = self._hover_entry
        if entry is None and glossary is not None:
            entry = glossary.entry_at(offset)
        if entry is not None:
            expansion = one_line(entry.expansion) if entry.expansion else "no expansion found"
            if walk is not None and walk.key is entry:
                parts[0] = f"{walk.status} = {expansion}"
            else:
                parts.append(f"{one_line(entry.short)} = {expansion}")
        index = self._analysis_speakers
        quote = index.quote_at(offset) if index is not None else None
        if index is not None and quote is not None:
            walked = walk.key if walk is not None and walk.kind == "speaker" else None
            if quote.speaker is None:
                parts.append("quote: speaker unknown")
            elif getattr(walked, "key", None) != quote.speaker:
                name = one_line(index.speakers[quote.speaker].name)
                verb = "reported from" if str(quote.kind) == "reported" else "quote by"
                parts.append(f"{verb} {name}")
        hint = "  ·  ".join(parts)
        if hint != self._hint:
            self._hint = hint
            self.set_status_hint(hint)
