"""Source files on disk and the positions inside them.

tree-sitter reports byte offsets. Users see 1-based lines and columns: byte
columns in text output (the shape go vet and gcc print) and UTF-16 columns in
SARIF (its default columnKind). A SourceFile converts between them.
"""

from __future__ import annotations

import bisect
import os
import stat
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
    _ascii: dict[int, bool] = field(default_factory=dict, repr=False)

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
        if self._ascii_line(row):  # the usual case, and constant time however long the line
            return Position(row + 1, offset - start + 1, offset - start + 1)
        prefix = self.data[start:offset]
        text = prefix.decode("utf-8", errors="replace")
        utf16 = len(text.encode("utf-16-le")) // 2
        return Position(row + 1, len(prefix) + 1, utf16 + 1)

    def _ascii_line(self, row: int) -> bool:
        """Line row (0-based) is ASCII, where byte and UTF-16 columns agree; checked once per line."""
        known = self._ascii.get(row)
        if known is None:
            starts = self.line_starts
            end = starts[row + 1] if row + 1 < len(starts) else len(self.data)
            known = self._ascii[row] = self.data[starts[row]:end].isascii()
        return known

    def span(self, start: int, end: int) -> Span:
        return Span(self.display, self.position(start), self.position(end))


def real_path(path: Path) -> Path:
    """The absolute path with symbolic links resolved; a symlink loop or a missing target is left
    as it is (Path.resolve raises on a loop), so reading the file reports it instead."""
    return Path(os.path.realpath(path))


def display_path(path: Path, root: Path) -> str:
    """Path relative to root when it lies inside it, else absolute; always with /.
    Symbolic links keep their own names: the user must find the file where it is listed."""
    absolute = Path(os.path.normpath(os.path.abspath(path)))
    try:
        return absolute.relative_to(Path(os.path.abspath(root))).as_posix()
    except ValueError:
        return absolute.as_posix()


class UnreadableSource(Exception):
    """A source file that is not read: the message says why (it becomes a Problem)."""


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most limit bytes. Anything else raises UnreadableSource
    without blocking: the file is opened non-blocking (a FIFO named x.go would wait for a writer
    forever) and checked on the open descriptor (a device such as /dev/zero never ends), and at
    most limit + 1 bytes are read (a file that grows while it is read)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise UnreadableSource(f"cannot read file: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
            raise UnreadableSource(f"not a regular file ({kind}); skipped")
        if info.st_size > limit:
            raise UnreadableSource(too_big(info.st_size, limit))
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise UnreadableSource(too_big(size, limit))
        return b"".join(chunks)
    except OSError as exc:
        raise UnreadableSource(f"cannot read file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def too_big(size: int, limit: int) -> str:
    return (f"file is {_size(size)}, over max-file-size ({_size(limit)}); skipped (raise max-file-size in the "
            "configuration to check it)")


def _size(n: int) -> str:
    for unit, scale in (("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"
