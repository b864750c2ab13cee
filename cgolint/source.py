"""Source files on disk and the positions inside them.

tree-sitter reports byte offsets. Users see 1-based lines and columns: byte
columns in text output (the shape go vet and gcc print) and UTF-16 columns in
SARIF (its default columnKind). A SourceFile converts between them.
"""

from __future__ import annotations

import bisect
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, in UTF-8 bytes
    column_utf16: int  # 1-based, in UTF-16 code units


@dataclass(frozen=True, order=True)
class Span:
    path: str  # as shown to the user: relative to the working directory when inside it
    start: Position
    end: Position


@dataclass(eq=False)
class SourceFile:
    path: Path
    display: str
    data: bytes
    reported: bool = True  # findings here are reported (False: read only for the package's facts)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    @property
    def line_starts(self) -> list[int]:
        if not self._line_starts:
            starts = [0]
            find = self.data.find
            i = find(b"\n")
            while i != -1:
                starts.append(i + 1)
                i = find(b"\n", i + 1)
            self._line_starts = starts
        return self._line_starts

    def line_of(self, offset: int) -> int:
        """0-based line index of a byte offset."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def line_bytes(self, line: int) -> bytes:
        """The bytes of a 1-based line, without its line ending."""
        starts = self.line_starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.data)
        return self.data[start:end].rstrip(b"\r\n")

    def position(self, offset: int) -> Position:
        row = self.line_of(offset)
        start = self.line_starts[row]
        prefix = self.data[start:offset]
        text = prefix.decode("utf-8", errors="replace")
        utf16 = len(text.encode("utf-16-le")) // 2
        return Position(row + 1, len(prefix) + 1, utf16 + 1)

    def span(self, start: int, end: int) -> Span:
        return Span(self.display, self.position(start), self.position(end))


def display_path(path: Path, root: Path) -> str:
    """Path relative to root when it lies inside it, else absolute; always with /.
    Symbolic links keep their own names: the user must find the file where it is listed."""
    absolute = Path(os.path.normpath(os.path.abspath(path)))
    try:
        return absolute.relative_to(Path(os.path.abspath(root))).as_posix()
    except ValueError:
        return absolute.as_posix()
