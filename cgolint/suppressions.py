"""In-source suppression directives.

- `//cgolint:ignore CGO004 reason` at the end of the finding's line, or alone
  on the line above it;
- `//cgolint:file-ignore CGO004 reason` anywhere in a file, for the whole file;
- golangci-lint's `//nolint:cgolint // reason` on the finding's line (or alone
  on the line above it); also `//nolint` and `//nolint:all`, which golangci-lint
  applies to every linter.

Several ids may be given, separated by commas. A reason is required, except after `//nolint:cgolint`
(golangci-lint's form, which suppresses without one, as golangci-lint does; CGO000's
`require-explanation` option asks for one there too, as nolintlint's does).
Directives are read in Go files, preambles and C files alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cgolint.findings import Finding, Suppression
from cgolint.source import SourceFile, Span

_CGOLINT = re.compile(rb"//cgolint:([\w-]+)([^\r\n]*)")
_NOLINT = re.compile(rb"//nolint(?::([\w,.-]+))?(?:[ \t]*//[ \t]*([^\r\n]*))?")
_RULE_ID = re.compile(r"[A-Z]+[0-9]+")


@dataclass(eq=False)
class Directive:
    kind: str  # "ignore", "file-ignore" or "nolint"
    rule_ids: tuple[str, ...]  # empty: every cgolint rule (nolint)
    reason: str
    span: Span
    own_line: bool  # nothing but the comment on its line
    explicit: bool = True  # names cgolint (nolint:all and bare nolint are golangci-lint's too)
    error: str = ""  # a malformed directive: never suppresses anything
    unexplained: bool = False  # //nolint:cgolint without a reason: suppresses, as in golangci-lint
    used: bool = field(default=False)

    @property
    def line(self) -> int:
        return self.span.start.line

    def covers(self, finding: Finding) -> bool:
        if self.error or (self.rule_ids and finding.rule_id not in self.rule_ids):
            return False
        if self.kind == "file-ignore":
            return True
        # After code, a directive covers its own line; alone on a line, the line below.
        line = finding.span.start.line
        return line == self.line or (self.own_line and line == self.line + 1)


def parse_directives(source: SourceFile, known_ids: set[str]) -> list[Directive]:
    data = source.data
    if b"//cgolint:" not in data and b"//nolint" not in data:
        return []
    out = []
    for m in _CGOLINT.finditer(data):
        kind = m.group(1).decode("utf-8", "replace")
        words = m.group(2).decode("utf-8", "replace").strip()
        span = source.span(m.start(), m.end())
        own = _own_line(data, m.start())
        if kind == "hot":
            continue  # //cgolint:hot marks a hot function for CGO003: not a suppression
        if kind not in ("ignore", "file-ignore"):
            out.append(Directive(kind, (), "", span, own, error=f"unknown directive //cgolint:{kind}; use //cgolint:ignore, //cgolint:file-ignore or //cgolint:hot"))
            continue
        ids_text, _, reason = words.partition(" ")
        ids = tuple(i for i in ids_text.split(",") if i)
        error = ""
        if not ids or not all(_RULE_ID.fullmatch(i) for i in ids):
            error = f"//cgolint:{kind} needs a rule id, as in //cgolint:{kind} CGO004 reason"
            reason = words
        elif unknown := [i for i in ids if i not in known_ids]:
            error = f"//cgolint:{kind} names unknown rule {unknown[0]}"
        elif not reason.strip():
            error = f"//cgolint:{kind} {ids_text} needs a reason after the rule id"
        out.append(Directive(kind, ids, reason.strip(), span, own, error=error))
    for m in _NOLINT.finditer(data):
        linters = [n for n in (m.group(1) or b"").decode().split(",") if n]
        if linters and "cgolint" not in linters and "all" not in linters:
            continue  # a directive for other linters only
        explicit = "cgolint" in linters
        reason = (m.group(2) or b"").decode("utf-8", "replace").strip()
        span = source.span(m.start(), m.end())
        out.append(Directive("nolint", (), reason, span, _own_line(data, m.start()), explicit=explicit,
                             unexplained=explicit and not reason))
    return out


def _own_line(data: bytes, offset: int) -> bool:
    """Nothing but the directive on its line: white space before it, or the `//` that starts a
    line of a `//` preamble (`// //cgolint:ignore ...` above `// #include <zlib.h>`)."""
    start = data.rfind(b"\n", 0, offset) + 1
    before = data[start:offset].strip()
    return not before or before == b"//"


def apply(findings: list[Finding], directives: list[Directive]) -> None:
    """Mark the findings that a directive covers as suppressed (and the directive as used)."""
    if not directives:
        return
    by_path: dict[str, list[Directive]] = {}
    for d in directives:
        by_path.setdefault(d.span.path, []).append(d)
    for finding in findings:
        for d in by_path.get(finding.span.path, ()):
            if d.covers(finding):
                d.used = True
                if finding.suppression is None:
                    finding.suppression = Suppression("inSource", d.reason, d.span)
