"""Precision and recall of cgolint's rules on labelled code, run by hand.

    python3 bench/accuracy.py [DIR ...]     (default: every tests/testdata/* directory)

Each directory holds Go/C code whose expected findings are marked with `// want RULE` labels
(tests/labels.py); its own cgolint.toml, if any, selects the rules it is labelled for. A finding on a labelled line counts as a true positive, an unlabelled one
as a false positive, a label without a finding as a false negative. Prints a table per rule.
"""

from __future__ import annotations

import io
import json
import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from cgolint.cli import main as cgolint_main  # noqa: E402
from labels import score  # noqa: E402

EMPTY_CONFIG = ROOT / "tests" / "testdata" / "empty.toml"


def findings(directory: Path) -> list[dict]:
    out = io.StringIO()
    old = os.getcwd()
    os.chdir(directory)
    try:
        with redirect_stdout(out), redirect_stderr(io.StringIO()):
            config = directory / "cgolint.toml" if (directory / "cgolint.toml").exists() else EMPTY_CONFIG
            cgolint_main(["check", "--format", "json", "--config", str(config), "."])
    finally:
        os.chdir(old)
    return json.loads(out.getvalue())["findings"]


def main(argv: list[str]) -> int:
    dirs = [Path(a).resolve() for a in argv] or sorted(
        p for p in (ROOT / "tests" / "testdata").iterdir() if p.is_dir() and p.name != "golden")
    rules = {"CGO001", "CGO002", "CGO003", "CGO004"}
    total = {r: {"tp": 0, "fp": 0, "fn": 0} for r in rules}
    for d in dirs:
        for rule, c in score(d, findings(d), rules).items():
            for k in c:
                total[rule][k] += c[k]
    print(f"{'rule':<8}{'TP':>5}{'FP':>5}{'FN':>5}{'precision':>11}{'recall':>8}")
    for rule in sorted(total):
        c = total[rule]
        if not any(c.values()):
            continue
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        print(f"{rule:<8}{c['tp']:>5}{c['fp']:>5}{c['fn']:>5}{precision:>11.1%}{recall:>8.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
