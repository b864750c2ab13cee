"""Generate docs/rules/<ID>.md from the rule catalog: `python -m cgolint.docs docs/rules`."""

from __future__ import annotations

import sys
from pathlib import Path

from cgolint.catalog import rule_meta
from cgolint.registry import RULES


def pages() -> dict[str, str]:
    """File name → content of every rule's documentation page, and the index."""
    out = {}
    index = ["# cgolint rules", "", "| id | name | level | what it finds |", "|---|---|---|---|"]
    for rid in sorted(RULES):
        meta = rule_meta(rid)
        out[f"{rid}.md"] = "<!-- generated from rules/%s.toml by `python -m cgolint.docs docs/rules` -->\n\n%s" % (
            rid, meta.markdown())
        index.append(f"| [{rid}]({rid}.md) | {meta.name} | {meta.level.value} | {meta.short} |")
    out["README.md"] = "\n".join(index) + "\n"
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m cgolint.docs OUTPUT_DIR", file=sys.stderr)
        return 2
    target = Path(argv[0])
    target.mkdir(parents=True, exist_ok=True)
    for name, content in pages().items():
        (target / name).write_text(content, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
