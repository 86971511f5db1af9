"""A one-line status on stderr while something slow starts (Spark), on a terminal only."""

from __future__ import annotations

import sys


class StatusLine:
    """`status(text)` shows text on one line of a terminal's stderr; `status(None)` clears it.

    Nothing is written when stderr is not a terminal, so pipes and logs stay clean.
    """

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.shown = False

    def __call__(self, text: str | None) -> None:
        if not self.stream.isatty():
            return
        if text is None:
            if self.shown:
                self.stream.write("\r\x1b[K")
                self.shown = False
        else:
            self.stream.write(f"\r\x1b[K{text}…")
            self.shown = True
        self.stream.flush()
