"""Where a piece of extracted text is in the file the user has: a Word paragraph, a PDF page.

Text extracted from a .docx or a .pdf is linted like any text, but its line and column mean
nothing to someone reading the original: they look for 第12段 or 第3页第12行.  A loader that
extracts text records, for each stretch of it, a place (a label and the numbers behind it);
findings carry the place of their start (``Finding.place``) and the outputs show it.
"""
from __future__ import annotations

import bisect


class Places:
    """Places by offset: ``add(offset, record)`` in increasing offsets; ``place(offset)`` is the
    record of the last stretch starting at or before ``offset``.  A record is a plain dict
    (``label`` — how the text output names the place — and numbers such as ``paragraph``,
    ``page``), so that it travels from a worker process as is and goes into JSON unchanged."""

    __slots__ = ("_starts", "_records")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._records: list[dict] = []

    def add(self, offset: int, record: dict) -> None:
        if self._starts and offset < self._starts[-1]:
            raise ValueError("places must be added in increasing offsets")
        if self._starts and offset == self._starts[-1]:
            self._records[-1] = record
            return
        self._starts.append(offset)
        self._records.append(record)

    def place(self, offset: int) -> dict | None:
        k = bisect.bisect_right(self._starts, offset) - 1
        return self._records[k] if k >= 0 else None

    def __len__(self) -> int:
        return len(self._starts)
