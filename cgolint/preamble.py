"""Find a Go file's cgo preamble and its #cgo directives.

cgo's rule: the preamble is the comment group immediately above `import "C"`
(for a grouped import, the comment directly above the "C" spec inside the
parentheses, or above the whole declaration when "C" is its only spec). A
comment group is a run of comments with no blank line between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from cgolint.model import CgoDirective
from cgolint.source import SourceFile

_CGO_LINE = re.compile(rb"^[ \t]*#cgo(?=[ \t])(.*?)\r?$", re.MULTILINE)


@dataclass(frozen=True)
class PreambleText:
    base: int  # byte offset of the overlay in the Go file
    text: bytes  # C source, same length as the comment group


def find_import_c(root: Node, data: bytes) -> Node | None:
    """The node whose leading comments form the preamble, or None if "C" is not imported."""
    for decl in root.named_children:
        if decl.type != "import_declaration":
            continue
        specs = [c for c in decl.named_children if c.type == "import_spec"]
        spec_list = next((c for c in decl.named_children if c.type == "import_spec_list"), None)
        if spec_list is not None:
            specs = [c for c in spec_list.named_children if c.type == "import_spec"]
        for spec in specs:
            path = spec.child_by_field_name("path")
            if spec.child_by_field_name("name") is None and path is not None and path.text == b'"C"':
                if spec_list is None:
                    return decl
                # The comment directly above the spec wins; else the decl's own comment
                # when "C" is the group's only spec.
                if _comments_before(spec, data):
                    return spec
                return decl if len(specs) == 1 else spec
    return None


def _comments_before(node: Node, data: bytes) -> list[Node]:
    """The comment group ending on the line directly above node: a run of comments,
    each starting on a line of its own, with no blank line between them."""
    group: list[Node] = []
    parent = node.parent
    # The siblings are listed once: prev_named_sibling costs tree-sitter a scan from the first
    # child, which made a preamble of many `//` lines quadratic in its length.
    siblings = parent.named_children if parent is not None else []
    index = next((i for i in range(len(siblings) - 1, -1, -1) if siblings[i].id == node.id), 0)
    next_row = node.start_point.row
    for prev in reversed(siblings[:index]):
        if prev.type != "comment" or not 0 <= next_row - prev.end_point.row <= 1:
            break
        line_start = data.rfind(b"\n", 0, prev.start_byte) + 1
        if data[line_start : prev.start_byte].strip(b" \t"):
            break  # a trailing comment after code on the same line
        group.append(prev)
        next_row = prev.start_point.row
    group.reverse()
    return group


_LINE_COMMENT = re.compile(rb"^([ \t]*)//", re.MULTILINE)
_INDENTED_LINE_COMMENT = re.compile(rb"\n[ \t]+//")


def preamble_text(source: SourceFile, anchor: Node) -> PreambleText | None:
    group = _comments_before(anchor, source.data)
    if not group:
        return None
    base, end = group[0].start_byte, group[-1].end_byte
    region = source.data[base:end]
    if b"/*" not in region:
        # `//` comments only, one per line and each first on its line (_comments_before): blank the
        # `//` that starts each line, in one pass (a generated preamble has tens of thousands)
        text = b"  " + region[2:].replace(b"\n//", b"\n  ")
        if _INDENTED_LINE_COMMENT.search(text):  # some are indented (or begin `////`): line by line
            text = _LINE_COMMENT.sub(rb"\1  ", region)
        buf = bytearray(text)
    else:
        buf = bytearray(region)
        for comment in group:
            s = comment.start_byte - base
            buf[s : s + 2] = b"  "  # `//` or `/*`
            if source.data[comment.start_byte + 1] == 0x2A:  # /* ... */
                e = comment.end_byte - base
                buf[e - 2 : e] = b"  "
    # #cgo lines are for the go tool, not the C compiler: blank them.
    for m in _CGO_LINE.finditer(bytes(buf)) if b"#cgo" in buf else ():
        for i in range(m.start(), m.end(1)):
            if buf[i] not in b"\r\n":
                buf[i] = 0x20
    return PreambleText(base, bytes(buf))


def cgo_directives(source: SourceFile, preamble: PreambleText) -> tuple[CgoDirective, ...]:
    """Parse `#cgo` lines: `#cgo [GOOS/GOARCH constraints] NAME: args`."""
    raw = source.data[preamble.base : preamble.base + len(preamble.text)]
    if b"#cgo" not in raw:
        return ()
    out = []
    for line_match in re.finditer(rb"^[ \t]*(?://)?[ \t]*#cgo[ \t](.*?)(?:\*/)?\r?$", raw, re.MULTILINE):
        body = line_match.group(1).decode("utf-8", "replace").strip()
        head, sep, rest = body.partition(":")
        if not sep:
            continue
        words = head.split()
        if not words:
            continue
        start = preamble.base + line_match.start() + (len(line_match.group(0)) - len(line_match.group(0).lstrip(b" \t/")))
        span = source.span(start, preamble.base + line_match.end(1))
        name = words[-1]
        if name in ("noescape", "nocallback"):
            continue
        out.append(CgoDirective(tuple(words[:-1]), name, tuple(_split_args(rest)), span))
    # `#cgo noescape f` has no colon
    for line_match in re.finditer(rb"^[ \t]*(?://)?[ \t]*#cgo[ \t]+(noescape|nocallback)[ \t]+(\w+)", raw, re.MULTILINE):
        start = preamble.base + line_match.start(1)
        span = source.span(start, preamble.base + line_match.end(2))
        out.append(CgoDirective((), line_match.group(1).decode(), (line_match.group(2).decode(),), span))
    return tuple(sorted(out, key=lambda d: (d.span.start.line, d.name)))


def _split_args(text: str) -> list[str]:
    """Split flags the way cgo does: whitespace, with single or double quotes."""
    args, cur, quote, have = [], [], "", False
    for ch in text:
        if quote:
            if ch == quote:
                quote = ""
            else:
                cur.append(ch)
        elif ch in "'\"":
            quote, have = ch, True
        elif ch.isspace():
            if cur or have:
                args.append("".join(cur))
            cur, have = [], False
        else:
            cur.append(ch)
    if cur or have:
        args.append("".join(cur))
    return args
