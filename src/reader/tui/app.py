"""ReaderApp: the terminal reader. The text pane, a side panel for later panes, and a status line.

Startup is kept short on purpose: nothing is analysed before the first paint (panes run their
analysis in workers after it), and widgets that are not on screen at first (search bar, help,
tabs) are imported only when first used.
"""

from __future__ import annotations

import gc
import os
import signal
import time
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from reader.article import Article
from reader.safety import one_line
from reader.tui.analysis_panes import ANALYSIS_BINDINGS, AnalysisPanesMixin, analysis_commands
from reader.tui.article_view import ArticleView
from reader.tui.notes_commands import NotesCommands
from reader.tui.notes_feature import NOTES_BINDINGS, NotesMixin
from reader.tui.status_bar import StatusBar

if TYPE_CHECKING:
    from reader.tui.search import SearchBar
    from reader.tui.side_panel import SidePanel

STYLES_DIR = Path(__file__).parent / "styles"

#: Below this many columns or rows the layout is replaced by a "terminal too small" notice.
MIN_WIDTH = 40
MIN_HEIGHT = 10

#: When set to a file path, the app writes the wall-clock time of its first paint there and exits
#: (used by tests/benchmarks/bench_startup.py to measure launch-to-first-paint).
FIRST_PAINT_ENV = "READER_FIRST_PAINT_FILE"


#: Stylesheets Textual parses before the first paint: only what the first frame shows. Parsing CSS
#: is a large share of startup, so every other file in styles/ is read right after the first paint
#: (`ReaderApp.load_deferred_styles`), before any pane, search bar or dialog is mounted.
FIRST_PAINT_STYLESHEETS = ("reader.tcss",)


def stylesheets() -> list[str | PurePath]:
    """Every `.tcss` file in styles/ (sorted): helpers add their own stylesheet files there."""
    return sorted(STYLES_DIR.glob("*.tcss"))


def first_paint_stylesheets() -> list[str | PurePath]:
    return [STYLES_DIR / name for name in FIRST_PAINT_STYLESHEETS]


def deferred_stylesheets() -> list[Path]:
    """The stylesheets read after the first paint (all but `FIRST_PAINT_STYLESHEETS`), sorted."""
    return [Path(p) for p in stylesheets() if Path(p).name not in FIRST_PAINT_STYLESHEETS]


def peak_rss_kib() -> int:
    """The process's peak resident set (KiB) since it started this program, 0 if unknown.

    Read from /proc (VmHWM): `getrusage` would count the memory of the process it was forked
    from too, which Linux carries over through fork and exec.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


class ReaderApp(AnalysisPanesMixin, NotesMixin, App[None]):
    """Read one article: the text pane, a side panel of tabs, a status line."""

    CSS_PATH = first_paint_stylesheets()
    TITLE = "reader"
    HELP_NAME = "app"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help (this screen)", id="app.help"),
        Binding("slash", "search", "Search", id="app.search"),
        Binding("p", "toggle_panel", "Show/hide side panel", id="app.toggle-panel"),
        *NOTES_BINDINGS,
        *ANALYSIS_BINDINGS,
    ]
    COMMANDS = App.COMMANDS | {NotesCommands, analysis_commands}

    def __init__(
        self,
        article: Article,
        db_path: str | None = None,
        column_width: int = 80,
        *,
        collector_paused: bool = False,
    ) -> None:
        """`collector_paused`: the caller turned the garbage collector off for the start-up
        (`gc.disable()`, as `reader` does); the app freezes the start-up heap and turns it back
        on after the first paint."""
        super().__init__()
        self.article = article
        self.db_path = db_path
        self.column_width = column_width
        self.title = one_line(article.title)
        self._signals_installed: list[int] = []
        self._deferred_styles_loaded = False
        self._collector_paused = collector_paused

    # ------------------------------------------------------------------ composition

    def compose(self) -> ComposeResult:
        # No container: the side panel and the status line are split off the screen's edges (the
        # panel the full height on the right, the status line under the text only), so a key
        # that moves the text redraws the text and its status line and nothing of the panel.
        yield ArticleView(self.article, column_width=self.column_width, id="article")
        yield StatusBar(
            id="status",
            title=self.article.title,
            notice=self.article.notice,
            position=self._position_text(ArticleView.initial_cursor(self.article)),
        )

    @property
    def article_view(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def side_panel(self) -> SidePanel:
        """The panel of tabs beside the text, mounted on first use (after the first paint: it
        has nothing to show before a pane arrives, and one widget less makes the start faster).
        """
        from reader.tui.side_panel import SidePanel

        panels = self.query("#side-panel")
        if panels:
            return panels.first(SidePanel)
        self.load_deferred_styles()
        panel = SidePanel(id="side-panel")
        self.mount(panel, before=self.status_bar)  # split off first: the full height
        return panel

    @property
    def status_bar(self) -> StatusBar:
        return self.query_one("#status", StatusBar)

    def on_mount(self) -> None:
        # Runs before the mixins' on_mount (Textual dispatches down the MRO), so these callbacks
        # come before theirs: the styles are in place when the panes mount.
        self.article_view.focus()
        self.watch(self.article_view, "cursor_offset", self._update_position, init=False)
        self._check_size(self.size.width, self.size.height)
        self._install_signal_handlers()
        target = os.environ.get(FIRST_PAINT_ENV)
        if target:
            self.call_after_refresh(self._report_first_paint, target)
        self.call_after_refresh(self.load_deferred_styles)
        if self._collector_paused:
            self.call_after_refresh(self._resume_collector)

    def _resume_collector(self) -> None:
        """Turn the collector back on after the first paint. What start-up allocated (modules,
        styles, the parsed text, the first frame's widgets) lives as long as the app: it is
        frozen rather than walked by the next collection; quitting unfreezes it."""
        if self._collector_paused:
            self._collector_paused = False
            self._freeze_heap()
            gc.enable()

    def load_deferred_styles(self) -> None:
        """Read the stylesheets not needed for the first frame (once; later calls do nothing).

        Called after the first paint; anything that mounts a widget styled there (panes, search
        bar, dialogs) calls it first too, so order never matters.
        """
        if self._deferred_styles_loaded or self.return_code is not None:
            return
        self._deferred_styles_loaded = True
        stylesheet = self.stylesheet
        paths = [p for p in deferred_stylesheets() if not stylesheet.has_source(str(p), "")]
        if not paths:
            return
        for path in paths:
            stylesheet.read(path)
        if self.css_monitor is not None:  # `textual run --dev`: reload these on change too
            self.css_monitor.add_paths(paths)
        stylesheet.reparse()
        stylesheet.update(self)

    def _report_first_paint(self, target: str) -> None:
        """For the start-up benchmark: the wall clock now and this process's peak RSS."""
        painted = time.time()
        Path(target).write_text(f"{painted:.6f} {peak_rss_kib()}\n", encoding="utf-8")
        self.exit()

    def on_unmount(self) -> None:
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        for signum in self._signals_installed:
            loop.remove_signal_handler(signum)
        self._signals_installed.clear()

    # ------------------------------------------------------------------ signals

    def _install_signal_handlers(self) -> None:
        """SIGTERM/SIGHUP: leave the alternate screen, restore the tty, exit with 128+signal.

        Textual installs no handler for them, so by default the process dies with the terminal
        still in raw mode on the alternate screen. Exiting through `App.exit` runs the driver's
        normal shutdown. Headless runs (tests) leave the process's handlers alone.
        """
        if self.is_headless:
            return
        import asyncio

        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(signum, self._exit_on_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover
                continue
            self._signals_installed.append(signum)

    def _exit_on_signal(self, signum: int) -> None:
        self.exit(return_code=128 + signum)

    # ------------------------------------------------------------------ status line

    def set_status_hint(self, text: str) -> None:
        """Show `text` (plain, one line) in the status line's free slot; "" clears it.

        This is the slot panes use for "what is under the cursor" (an acronym's expansion, the
        speaker of a quote ...).
        """
        self.status_bar.set_field("hint", text)

    def _position_text(self, offset: int) -> str:
        number = self.article.paragraph_number(offset)
        total = len(self.article.paragraph_starts)
        length = max(1, len(self.article.text))
        return f"¶ {number}/{total}  {100 * offset // length}%"

    def _update_position(self) -> None:
        self.status_bar.set_field("position", self._position_text(self.article_view.cursor_offset))

    def on_article_view_search_changed(self, message: ArticleView.SearchChanged) -> None:
        if message.query:
            self.status_bar.set_field("search", f"/{message.query}  {message.status}")
        else:
            self.status_bar.set_field("search", "")

    # ------------------------------------------------------------------ size

    def on_resize(self, event: events.Resize) -> None:
        self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        too_small = width < MIN_WIDTH or height < MIN_HEIGHT
        if too_small and not self.query("#too-small"):
            # Mounted when first needed: one widget less to style and lay out at every start.
            self.load_deferred_styles()  # its rules and those hiding the rest
            self.mount(
                Static(
                    f"Terminal too small: reader needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
                    id="too-small",
                    markup=False,
                )
            )
        self.screen.set_class(too_small, "-too-small")

    # ------------------------------------------------------------------ actions

    def action_search(self) -> None:
        from reader.tui.search import SearchBar

        self.load_deferred_styles()
        bars = self.query(SearchBar)
        if bars:
            bar = bars.first()
        else:
            bar = SearchBar(text_length=len(self.article.text), id="search")
            self.mount(bar, after=self.status_bar)  # split off after it: just above it
        query = self.article_view.search_query
        self.call_after_refresh(bar.open, query)

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        self.article_view.search(message.query)

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        view = self.article_view
        if not message.keep:
            view.search("", move=False)
        view.focus()

    def action_help(self) -> None:
        from reader.notes.location import resolve_db_path
        from reader.tui.help import HelpScreen, collect_bindings

        self.load_deferred_styles()
        rows = collect_bindings(self.screen)
        self.push_screen(HelpScreen(rows, str(resolve_db_path(self.db_path))))

    def action_focus_next(self) -> None:
        """Tab: on the reading screen, switch between the text and the side panel's list (Textual's
        default would walk every focusable widget, tab strip and filter boxes included)."""
        if len(self.screen_stack) > 1:
            super().action_focus_next()
        else:
            self._switch_focus()

    def action_focus_previous(self) -> None:
        if len(self.screen_stack) > 1:
            super().action_focus_previous()
        else:
            self._switch_focus()

    def _switch_focus(self) -> None:
        from textual.widgets import Input

        view = self.article_view
        panel = self.side_panel
        if panel.has_focus_within or not panel.is_shown:
            view.focus()
            return
        active = panel.active_pane
        if active is None:
            view.focus()
            return
        focusable = [w for w in active.query("*") if w.focusable]
        target = next((w for w in focusable if not isinstance(w, Input)), None)
        (target or view).focus()

    def action_toggle_panel(self) -> None:
        panel = self.side_panel
        if not panel.has_class("-has-panes"):
            self.notify("The side panel has no tabs yet.", timeout=2, markup=False)
            return
        shown = panel.toggle()
        if not shown and panel.has_focus_within:
            self.article_view.focus()
