"""Paths as each output shows them.

A path is kept as the operating system gave it (a str in which bytes that are not UTF-8 are
surrogate escapes), so nothing is lost before output. Text, JSON and GitHub output show it
printable: undecodable bytes as `\\xff`, and newlines, tabs and other control characters
escaped, so one finding stays one line. SARIF carries a URI, percent-encoded from the raw bytes,
so `#x?.go`, `a%3Ab.go` and a name that is not UTF-8 all round-trip.
"""

from __future__ import annotations

import os
from pathlib import PurePosixPath
from urllib.parse import quote

_CONTROL = {i: f"\\x{i:02x}" for i in range(32)} | {0x7F: "\\x7f", ord("\n"): "\\n", ord("\t"): "\\t", ord("\r"): "\\r"}


def printable(path: str) -> str:
    """The path on one line, in valid Unicode: `x\\xff.go` for a byte that is not UTF-8.
    A path without such bytes or control characters (the usual case) is returned unchanged."""
    if path.isprintable():
        return path
    raw = os.fsencode(path).decode("utf-8", errors="backslashreplace")
    return "".join(_CONTROL.get(ord(c), c) if (ord(c) < 32 or c == "\x7f") else c for c in raw)


def artifact_uri(path: str) -> tuple[str, bool]:
    """(URI, relative): a relative URI reference for a relative path (resolved against
    %SRCROOT%), a file:// URI for an absolute one; every byte outside the unreserved set and
    `/` is percent-encoded."""
    encoded = quote(os.fsencode(path), safe="/")
    if PurePosixPath(path).is_absolute():
        return "file://" + encoded, False
    return encoded, True
