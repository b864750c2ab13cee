"""Recall check for CGO003 on the real-code corpus (run by hand, never by CI).

Lists every Go call of a C function that CGO003 counts as blocking (a catalog function, or a package
C function whose summary blocks) made inside a Go `for` loop, in a function called (up to three calls
away) from inside a loop, or in request-serving code, with the loops around it (what each iterates,
or "protocol"; "via F line N: ..." for a caller's loop) and whether CGO003 reports it. A reviewer
labels the unreported ones by reading the code: a per-item loop or request path the rule missed
is a false negative.

    PYTHONPATH=CGOLINT_ROOT python3 bench/realcode/cgo003_candidates.py MODULE_DIR... > candidates.tsv

Output: one tab-separated line per call: module dir, path:line, C callee, function, loops
(innermost first, "over x" / "counting i" / "protocol"), reported (yes/no).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from cgolint.config import Config
from cgolint.discover import discover
from cgolint.facts import PackageFacts
from cgolint.loader import load_directory
from cgolint.registry import RULES


def loops_around(hot, node) -> list[str]:
    out = []
    parent = node.parent
    while parent is not None and parent.type not in ("function_declaration", "method_declaration", "func_literal"):
        if parent.type == "for_statement":
            out.append(hot.per_item(parent) or "protocol")
        parent = parent.parent
    return out


def main(argv: list[str]) -> int:
    for root in [Path(arg).resolve() for arg in argv]:
        os.chdir(root)
        config = Config()
        rule = RULES["CGO003"]({}, "candidates")
        problems: list = []
        for target in discover([root], config.exclude, config.root):
            for package in load_directory(target, root, config.exclude, config.root, problems):
                facts = PackageFacts(package)
                hot = facts.hot_paths(())
                catalog = rule.catalog.for_package(facts.called_c_names)
                reported = {(f.span.path, f.span.start.line) for f in rule.check(facts)}
                callers: dict[int, list] = {}  # region node id → (call node, calling region)
                for region in hot.regions.values():
                    for site, target in hot.callees(region):
                        callers.setdefault(target.node.id, []).append((site, region))
                for call in facts.go_c_calls:
                    if rule.blocking(facts, catalog, call) is None:
                        continue
                    loops = loops_around(hot, call.node)
                    region = hot.region_of(call.node)
                    request = region is not None and region.chain is not None and region.chain[-1].kind == "request"
                    # loops of the callers that reach this function, up to three calls away
                    seen, frontier = set(), [region] if region is not None else []
                    for depth in range(3):
                        nxt = []
                        for r in frontier:
                            for site, caller in callers.get(r.node.id, ()):
                                if (site.id, caller.node.id) in seen:
                                    continue
                                seen.add((site.id, caller.node.id))
                                around = loops_around(hot, site)
                                if around:
                                    loops.append(f"via {caller.name} line {site.start_point.row + 1}: "
                                                 + " < ".join(around))
                                request = request or (caller.chain is not None and caller.chain[-1].kind == "request")
                                nxt.append(caller)
                        frontier = nxt
                    if not loops and not request:
                        continue
                    span = call.file.span(call.callee)
                    print("\t".join([root.name, f"{span.path}:{span.start.line}", call.name,
                                     region.name if region else "?", " < ".join(loops) or "-",
                                     "yes" if (span.path, span.start.line) in reported else "no"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
