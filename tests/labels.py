"""`// want` labels, as in go/analysis's analysistest: expected findings marked on their line."""

from __future__ import annotations

import re
from pathlib import Path

# `// want CGO004` or `// want CGO004 "message regex" CGO001` at the end of a line
_WANT = re.compile(r"// want\b(.*)$")
_WANT_ITEM = re.compile(r'([A-Z]+[0-9]+)(?:\s+"((?:[^"\\]|\\.)*)")?')


def wants(root: Path) -> dict[tuple[str, int], list[tuple[str, str]]]:
    """(relative path, line) → [(rule id, message regex)] from the `// want` labels under root."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.suffix not in (".go", ".c", ".h"):
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = _WANT.search(line)
            if m:
                items = [(rid, rx or "") for rid, rx in _WANT_ITEM.findall(m.group(1))]
                found[(path.relative_to(root).as_posix(), lineno)] = items
    return found



def score(root: Path, findings: list[dict], rules: set[str]) -> dict[str, dict[str, int]]:
    """Per rule: true positives, false positives, false negatives against the labels."""
    expected = wants(root)
    counts = {r: {"tp": 0, "fp": 0, "fn": 0} for r in rules}
    got: dict[tuple[str, int], list[str]] = {}
    for f in findings:
        if f["rule"] in rules:
            got.setdefault((f["path"], f["line"]), []).append(f["rule"])
    for key in set(expected) | set(got):
        want = [rid for rid, _ in expected.get(key, []) if rid in rules]
        have = list(got.get(key, []))
        for rid in want:
            if rid in have:
                have.remove(rid)
                counts[rid]["tp"] += 1
            else:
                counts[rid]["fn"] += 1
        for rid in have:
            counts[rid]["fp"] += 1
    return counts


def check_wants(root: Path, findings: list[dict]) -> list[str]:
    """Compare JSON findings with the labels: every label met, no finding unlabelled."""
    expected = wants(root)
    errors = []
    got: dict[tuple[str, int], list[dict]] = {}
    for f in findings:
        got.setdefault((f["path"], f["line"]), []).append(f)
    for key in sorted(set(expected) | set(got)):
        want_items = list(expected.get(key, []))
        have = list(got.get(key, []))
        for rid, rx in want_items:
            match = next((f for f in have if f["rule"] == rid and re.search(rx, f["message"])), None)
            if match is None:
                errors.append(f"{key[0]}:{key[1]}: expected {rid} {rx!r}, got {[(f['rule'], f['message']) for f in have]}")
            else:
                have.remove(match)
        for f in have:
            errors.append(f"{key[0]}:{key[1]}: unexpected {f['rule']}: {f['message']}")
    return errors
