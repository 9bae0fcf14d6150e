"""Regenerate docs/screenshot.svg (the README's picture): `python docs/make_screenshot.py`.

The bundled article at 130x36 with the glossary tab, two highlighted sentences and the cursor a
few paragraphs in; the notes go to a temporary database, never the user's.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from reader.article import bundled_article_path, load_article
from reader.tui.app import ReaderApp

SIZE = (130, 36)
TARGET = Path(__file__).with_name("screenshot.svg")


async def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        app = ReaderApp(load_article(bundled_article_path()), db_path=str(Path(tmp) / "notes.json"))
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            while not app.analysis_done:
                await asyncio.sleep(0.05)
            await pilot.press("right_curly_bracket", "right_curly_bracket", "s")
            await pilot.press("right_curly_bracket", "s", "c")
            await pilot.press("right_curly_bracket", "w", "w", "w")
            await pilot.pause(0.5)
            TARGET.write_text(app.export_screenshot(title="reader"), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    asyncio.run(main())
