"""Export a reader's highlights and notes: Markdown to keep, Web Annotation JSON to round-trip.

Pure functions over an `Article` and its `Annotation`s (no database, no Textual), so the CLI and the
TUI share them; `write_atomic` and `default_filename` are the helpers both use to write the file.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from reader.export.markdown import GROUPS, select, to_markdown
from reader.export.webanno import (
    ExportFormatError,
    dumps,
    from_web_annotations,
    to_web_annotations,
)

#: Export formats and their file extensions.
FORMATS: dict[str, str] = {"markdown": ".md", "json": ".json"}

__all__ = [
    "FORMATS",
    "GROUPS",
    "ExportFormatError",
    "default_filename",
    "dumps",
    "from_web_annotations",
    "select",
    "to_markdown",
    "to_web_annotations",
    "write_atomic",
]


def default_filename(title: str, fmt: str = "markdown") -> str:
    """A file name for an export of the article titled `title`: lowercase ASCII slug, extension."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")[:60].strip("-")
    return f"{slug}-notes{FORMATS[fmt]}" if slug else f"notes{FORMATS[fmt]}"


def write_atomic(path: str | os.PathLike[str], text: str) -> Path:
    """Write `text` (UTF-8, `\\n` line ends) to `path` atomically and return the absolute path.

    A temp file in the same folder is written, flushed, fsynced and renamed over the target, so a
    crash leaves the old file or the new one, never half an export. Raises OSError.
    """
    target = Path(path).expanduser().absolute()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return target


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
