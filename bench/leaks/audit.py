"""Real-code leak audit of cgolint's CGO001 and CGO002 on pinned cgo-heavy Go modules (run by hand).

Python 3.11, standard library only. Needs `go` on PATH (to download modules through the Go
module proxy) and a cgolint source tree to run. CI never runs this: it downloads.

Commands:

    python3 bench/leaks/audit.py sites [--json]
    python3 bench/leaks/audit.py sample [--n 70 --seed 2026 --out bench/leaks/sample.json]
    python3 bench/leaks/audit.py run --cgolint-root DIR --out bench/leaks/results-NAME.json
    python3 bench/leaks/audit.py score bench/leaks/results-NAME.json [--table]
    python3 bench/leaks/audit.py upstream --cgolint-root DIR [--out bench/leaks/upstream-NAME.json]

sites
    Reads bench/leaks/modules.txt ("module version  # what it binds" per line), downloads each
    module that is missing with `go mod download -json MODULE@VERSION` into $CGOLINT_REALCODE_CACHE
    (default ~/.cache/cgolint-realcode; GOFLAGS=-mod=mod), and lists every allocation site: a Go
    call `C.CString(`, `C.CBytes(`, `C.malloc(` or `C.calloc(` in code (not in comments, so not in
    cgo preambles, and not in string literals) as {module, path, line, col, kind}; line and col are
    1-based, col is the column of the `C` of `C.name` (what cgolint reports: the call's function).
    Skipped, as the go tool or a reader of the library would: `*_test.go` files; directories named
    `vendor`, `testdata`, `example`, `examples`, `_example`, `_examples` and any directory whose name
    starts with `.` or `_` (the go tool ignores those); the files of the download cache's `cache/`
    tree. Files with build constraints for other platforms are kept (a leak on macOS is a leak).
    Prints counts per module and kind (or every record with --json).

sample
    A seeded random sample of the sites (default 70, seed 2026), stratified so that no module
    gives more than 15% of the sample (floor(0.15 * n) sites): the sites are sorted, shuffled with
    random.Random(seed), and taken in that order, skipping a site whose module already has its
    quota, until n are taken. Writes bench/leaks/sample.json (sorted by module, path, line).

run
    Downloads missing modules (as sites), then runs

        PYTHONPATH=DIR python -m cgolint check --format json --config bench/realcode/EMPTY.toml \
            --select CGO001,CGO002 --quiet .

    with the module's root as the working directory (paths are relative to it). The Python used
    is --python (default: /work/main/.venv/bin/python if it exists, else this interpreter).
    Saves every finding (module, path, line, col, rule, message) and the problems per module
    (count, syntax-error count, fatal count) in --out, sorted and without timings: two runs of the
    same cgolint give a byte-identical file. Per-module wall-clock times go to stderr only.

score
    Joins the findings with bench/leaks/labels.json and the sample with the site labels in it.
    labels.json holds two lists:
      "sites":    {module, path, line, kind, label: "leak"|"no-leak", fate, reason[, shape]}
                  for every site of sample.json (labels with "in_sample": false record sites
                  read outside the sample, e.g. a missed leak; score ignores them);
      "findings": {module, path, line, rule, label: "TP"|"FP", reason[, fp_class, callee]}
                  for every finding cgolint reported on the corpus.
    A finding label matches by (module, path, line, rule). Prints per rule: findings, TP, FP,
    unlabelled, precision = TP / (TP + FP), and the FP classes. Over the labelled sample:
    recall = sampled leak sites that have a CGO001 or CGO002 finding with the same path and line
    (cgolint reports a leak at the allocating call) / sampled leak sites; quiet on non-leaks =
    sampled no-leak sites without such a finding / sampled no-leak sites; the missed leak sites by
    `shape`. Unlabelled findings and sampled sites without a label are printed so they can be
    labelled. --table prints every finding and every sampled site as Markdown.

upstream
    Reads bench/leaks/upstream.json, a list of upstream leak fixes {module, old_version,
    new_version, path_old, line_old, path_new, line_new, reason}: line_old is the leaking
    allocation in the old version; line_new is the same allocation in the fixed version (null
    when the fix removed it). Downloads both versions and runs the cgolint tree on the package
    directory of the file (`... check ... --select CGO001,CGO002 --quiet PKGDIR` from the module
    root, which reports the same findings for that package as a whole-module run), and prints,
    per fix, whether the old version has a CGO001/CGO002 finding at (path_old, line_old) ("caught")
    and whether the new version has none at (path_new, line_new) ("quiet"). --out saves the table
    as JSON (sorted, no timings).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from modcache import DEFAULT_CACHE, download, python_for, read_modules, run_cgolint  # noqa: E402

HERE = Path(__file__).resolve().parent
MODULES = HERE / "modules.txt"
LABELS = HERE / "labels.json"
SAMPLE = HERE / "sample.json"
UPSTREAM = HERE / "upstream.json"
RULES = ("CGO001", "CGO002")
KINDS = ("CString", "CBytes", "malloc", "calloc")
MAX_SHARE = 0.15


# --- sites ------------------------------------------------------------------------------------

SKIP_DIRS = {"vendor", "testdata", "example", "examples", "_example", "_examples"}


def go_files(root: Path):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith((".", "_")))
        for name in sorted(filenames):
            if name.endswith(".go") and not name.endswith("_test.go"):
                yield Path(dirpath) / name


CALL = re.compile(r"\bC\s*\.\s*(CString|CBytes|malloc|calloc)\s*\(")


def code_only(text: str) -> str:
    """The text with comments, string, rune and raw-string literals blanked (newlines kept)."""
    out = list(text)
    i, n = 0, len(text)

    def blank(a: int, b: int) -> None:
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            blank(i, j)
            i = j
        elif c == "`":
            j = text.find("`", i + 1)
            j = n if j < 0 else j + 1
            blank(i, j)
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            blank(i, j)
            i = j
        else:
            i += 1
    return "".join(out)


def module_sites(module: str, root: Path) -> list[dict]:
    out = []
    for path in go_files(root):
        text = path.read_text(errors="replace")
        if 'import "C"' not in text and "import (" not in text:
            continue
        code = code_only(text)
        if not re.search(r'\bimport\s*(?:\(\s*[^)]*)?"C"', text):
            continue
        line_starts = [0] + [m.end() for m in re.finditer("\n", code)]
        for m in CALL.finditer(code):
            pos = m.start()
            lo, hi = 0, len(line_starts) - 1
            while lo < hi:  # last line start <= pos
                mid = (lo + hi + 1) // 2
                if line_starts[mid] <= pos:
                    lo = mid
                else:
                    hi = mid - 1
            out.append({
                "module": module,
                "path": path.relative_to(root).as_posix(),
                "line": lo + 1,
                "col": pos - line_starts[lo] + 1,
                "kind": m.group(1),
            })
    return out


def all_sites(args) -> list[dict]:
    cache = Path(args.cache)
    sites = []
    for module, version, _ in read_modules(Path(args.modules)):
        sites.extend(module_sites(module, download(module, version, cache)))
    sites.sort(key=lambda s: (s["module"], s["path"], s["line"], s["col"]))
    return sites


def cmd_sites(args) -> int:
    sites = all_sites(args)
    if args.json:
        print(json.dumps(sites, indent=1))
        return 0
    per = defaultdict(Counter)
    for s in sites:
        per[s["module"]][s["kind"]] += 1
    print(f"{'module':55} {'total':>5} " + " ".join(f"{k:>7}" for k in KINDS))
    for mod, c in sorted(per.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        print(f"{mod:55} {sum(c.values()):>5} " + " ".join(f"{c.get(k, 0):>7}" for k in KINDS))
    tot = Counter(s["kind"] for s in sites)
    print(f"{'total':55} {len(sites):>5} " + " ".join(f"{tot.get(k, 0):>7}" for k in KINDS))
    return 0


def cmd_sample(args) -> int:
    sites = all_sites(args)
    rng = random.Random(args.seed)
    order = list(sites)
    rng.shuffle(order)
    quota = int(MAX_SHARE * args.n)
    taken, per = [], Counter()
    for s in order:
        if len(taken) == args.n:
            break
        if per[s["module"]] >= quota:
            continue
        per[s["module"]] += 1
        taken.append(s)
    taken.sort(key=lambda s: (s["module"], s["path"], s["line"], s["col"]))
    out = {"n": args.n, "seed": args.seed, "max_per_module": quota, "population": len(sites),
           "population_per_module": dict(sorted(Counter(s["module"] for s in sites).items())),
           "sites": taken}
    Path(args.out).write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print(f"wrote {args.out}: {len(taken)} of {len(sites)} sites; per module: {dict(sorted(per.items()))}",
          file=sys.stderr)
    return 0


# --- run --------------------------------------------------------------------------------------

def finding_record(module: str, f: dict) -> dict:
    return {"module": module, "path": f["path"], "line": f["line"], "col": f.get("column"),
            "rule": f["rule"], "message": f["message"]}


def cmd_run(args) -> int:
    cache = Path(args.cache)
    python = python_for(args.python)
    root = Path(args.cgolint_root).resolve()
    modules_out, findings = [], []
    for module, version, what in read_modules(Path(args.modules)):
        mod_dir = download(module, version, cache)
        start = time.perf_counter()
        report = run_cgolint(python, root, mod_dir, RULES)
        elapsed = time.perf_counter() - start
        recs = [finding_record(module, f) for f in report.get("findings", []) if f["rule"] in RULES]
        findings.extend(recs)
        problems = report.get("problems", [])
        counts = Counter(r["rule"] for r in recs)
        modules_out.append({
            "module": module, "version": version, "binds": what,
            "findings": {rule: counts.get(rule, 0) for rule in RULES},
            "problems": len(problems),
            "syntax_error_problems": sum("syntax error" in p.get("message", "") for p in problems),
            "fatal_problems": sum(bool(p.get("fatal")) for p in problems),
            "internal_errors": [p["message"] for p in problems if p.get("internal")],
            "crash": report.get("crash"),
        })
        internal = sum(bool(p.get("internal")) for p in problems)
        print(f"{module}@{version}: {dict(counts)} problems={len(problems)} "
              f"{elapsed:.1f}s{' CRASH' if report.get('crash') else ''}"
              f"{f' INTERNAL ERRORS={internal}' if internal else ''}", file=sys.stderr)
    findings.sort(key=lambda r: (r["module"], r["path"], r["line"], r["col"] or 0, r["rule"], r["message"]))
    out = {"cgolint_root": str(root), "modules": modules_out, "findings": findings}
    Path(args.out).write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print(f"wrote {args.out}: {len(findings)} findings", file=sys.stderr)
    return 0


# --- score ------------------------------------------------------------------------------------

def load_labels(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {"sites": [], "findings": []}


def md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def cmd_score(args) -> int:
    data = json.loads(Path(args.results).read_text())
    findings = data["findings"]
    labels = load_labels(Path(args.labels))
    sample = json.loads(Path(args.sample).read_text())["sites"]
    flab = {(lab["module"], lab["path"], lab["line"], lab["rule"]): lab for lab in labels["findings"]}
    slab = {(lab["module"], lab["path"], lab["line"], lab["kind"]): lab for lab in labels["sites"]}

    print(f"results: {args.results} (cgolint {data.get('cgolint_root')})")
    print(f"{'rule':7} {'findings':>8} {'TP':>5} {'FP':>5} {'unlab':>6} {'precision':>9}")
    unl = []
    fp_classes = Counter()
    for rule in RULES:
        rows = [(f, flab.get((f["module"], f["path"], f["line"], f["rule"]))) for f in findings if f["rule"] == rule]
        tp = sum(1 for _, lab in rows if lab and lab["label"] == "TP")
        fp = sum(1 for _, lab in rows if lab and lab["label"] == "FP")
        unl += [f for f, lab in rows if not lab]
        for _, lab in rows:
            if lab and lab["label"] == "FP":
                fp_classes[(rule, lab.get("fp_class") or "(no class)")] += 1
        prec = f"{tp / (tp + fp):.3f}" if tp + fp else "-"
        print(f"{rule:7} {len(rows):>8} {tp:>5} {fp:>5} {sum(1 for _, lab in rows if not lab):>6} {prec:>9}")
    if fp_classes:
        print("\nfalse positives by class (fp_class):")
        for (rule, cls), n in sorted(fp_classes.items()):
            print(f"  {rule} {n:4}  {cls}")

    at = {(f["module"], f["path"], f["line"]) for f in findings}
    leak = nolk = caught = quiet = 0
    missing = []
    missed = Counter()
    flagged_nonleak = []
    for s in sample:
        lab = slab.get((s["module"], s["path"], s["line"], s["kind"]))
        if not lab:
            missing.append(s)
            continue
        hit = (s["module"], s["path"], s["line"]) in at
        if lab["label"] == "leak":
            leak += 1
            caught += hit
            if not hit:
                missed[lab.get("shape") or lab.get("fate")] += 1
        else:
            nolk += 1
            quiet += not hit
            if hit:
                flagged_nonleak.append(s)
    print(f"\nsample: {len(sample)} sites, {leak} leak, {nolk} no-leak, {len(missing)} unlabelled")
    for kinds, what in ((("CString", "CBytes"), "C.CString/C.CBytes sites (CGO001's scope)"),
                        (("malloc", "calloc"), "C.malloc/C.calloc sites (CGO002's scope only when viewed as a slice)")):
        labs = [(s, slab.get((s["module"], s["path"], s["line"], s["kind"]))) for s in sample if s["kind"] in kinds]
        leaks = [s for s, lab in labs if lab and lab["label"] == "leak"]
        hits = sum((s["module"], s["path"], s["line"]) in at for s in leaks)
        print(f"  recall on {what}: {hits}/{len(leaks)}")
    print(f"recall (leak sites with a CGO001/CGO002 finding at the site): {caught}/{leak}"
          + (f" = {caught / leak:.3f}" if leak else ""))
    print(f"quiet on non-leaks (no-leak sites without a finding): {quiet}/{nolk}"
          + (f" = {quiet / nolk:.3f}" if nolk else ""))
    if missed:
        print("missed leak sites by shape (or fate when no shape):")
        for k, n in missed.most_common():
            print(f"  {n:4}  {k}")
    if flagged_nonleak:
        print("flagged no-leak sites:")
        for s in flagged_nonleak:
            print(f"  {s['module']} {s['path']}:{s['line']} {s['kind']}")
    fates = Counter((lab["label"], lab["fate"]) for lab in labels["sites"]
                    if (lab["module"], lab["path"], lab["line"], lab["kind"]) in
                    {(s["module"], s["path"], s["line"], s["kind"]) for s in sample})
    print("sampled sites by (label, fate):")
    for k, n in sorted(fates.items()):
        print(f"  {n:4}  {k}")

    print("\nproblems per module (total / syntax error / fatal):")
    for m in data["modules"]:
        crash = "  CRASH" if m.get("crash") else ""
        crash += "".join(f"\n    INTERNAL ERROR: {msg}" for msg in m.get("internal_errors", ()))
        print(f"  {m['module']}@{m['version']}: {m['problems']} / {m['syntax_error_problems']} / {m['fatal_problems']}{crash}")

    if args.table:
        print("\n| module | file:line | rule | label | class | reason |\n|---|---|---|---|---|---|")
        for f in findings:
            lab = flab.get((f["module"], f["path"], f["line"], f["rule"])) or {}
            print(f"| {f['module']} | {f['path']}:{f['line']} | {f['rule']} | {lab.get('label', '?')} | "
                  f"{lab.get('fp_class', '')} | {md(lab.get('reason', ''))} |")
        print("\n| module | file:line | kind | label | fate | finding | shape |\n|---|---|---|---|---|---|---|")
        for s in sample:
            lab = slab.get((s["module"], s["path"], s["line"], s["kind"])) or {}
            hit = "yes" if (s["module"], s["path"], s["line"]) in at else "no"
            print(f"| {s['module']} | {s['path']}:{s['line']} | {s['kind']} | {lab.get('label', '?')} | "
                  f"{md(lab.get('fate', ''))} | {hit} | {md(lab.get('shape', ''))} |")
    if unl:
        print(f"\nunlabelled findings: {len(unl)}")
        for f in unl:
            print(f"  {f['rule']} {f['module']} {f['path']}:{f['line']}: {f['message']}")
    if missing:
        print(f"\nunlabelled sampled sites: {len(missing)}")
        for s in missing:
            print(f"  {s['module']} {s['path']}:{s['line']} {s['kind']}")
    return 0


# --- upstream ---------------------------------------------------------------------------------

def cmd_upstream(args) -> int:
    cache = Path(args.cache)
    python = python_for(args.python)
    root = Path(args.cgolint_root).resolve()
    fixes = json.loads(Path(args.upstream).read_text())
    memo: dict[tuple[str, str, str], set] = {}

    def lines_with_findings(module: str, version: str, path: str) -> set:
        pkg = os.path.dirname(path) or "."
        key = (module, version, pkg)
        if key not in memo:
            mod_dir = download(module, version, cache)
            start = time.perf_counter()
            report = run_cgolint(python, root, mod_dir, RULES, pkg)
            if report.get("crash"):
                print(f"CRASH {module}@{version} {pkg}: {report['crash']}", file=sys.stderr)
            memo[key] = {(Path(f["path"]).as_posix(), f["line"]) for f in report.get("findings", [])
                         if f["rule"] in RULES}
            print(f"{module}@{version} {pkg}: {time.perf_counter() - start:.1f}s", file=sys.stderr)
        return memo[key]

    rows = []
    for fx in fixes:
        old = lines_with_findings(fx["module"], fx["old_version"], fx["path_old"])
        caught = (fx["path_old"], fx["line_old"]) in old
        if fx.get("line_new") is None:
            quiet = None
        else:
            new = lines_with_findings(fx["module"], fx["new_version"], fx["path_new"])
            quiet = (fx["path_new"], fx["line_new"]) not in new
        rows.append({"module": fx["module"], "old_version": fx["old_version"], "new_version": fx["new_version"],
                     "path_old": fx["path_old"], "line_old": fx["line_old"], "path_new": fx["path_new"],
                     "line_new": fx.get("line_new"), "caught_old": caught, "quiet_new": quiet})
    print(f"{'module':45} {'old -> new':32} {'allocation (old)':40} caught quiet")
    for r in rows:
        q = "n/a" if r["quiet_new"] is None else ("yes" if r["quiet_new"] else "no")
        print(f"{r['module']:45} {r['old_version'] + ' -> ' + r['new_version']:32} "
              f"{r['path_old'] + ':' + str(r['line_old']):40} {'yes' if r['caught_old'] else 'no':6} {q}")
    n = len(rows)
    nq = [r for r in rows if r["quiet_new"] is not None]
    print(f"caught in the old version: {sum(r['caught_old'] for r in rows)}/{n}; "
          f"quiet in the fixed version: {sum(bool(r['quiet_new']) for r in nq)}/{len(nq)}")
    if args.out:
        Path(args.out).write_text(json.dumps({"cgolint_root": str(root), "fixes": rows}, indent=1, sort_keys=True) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)

    def common(p):
        p.add_argument("--cache", default=str(DEFAULT_CACHE))
        p.add_argument("--modules", default=str(MODULES))

    s = sub.add_parser("sites", help="list the allocation sites of the corpus")
    common(s)
    s.add_argument("--json", action="store_true", help="print every site as JSON")
    p = sub.add_parser("sample", help="seeded, stratified random sample of sites -> sample.json")
    common(p)
    p.add_argument("--n", type=int, default=70)
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--out", default=str(SAMPLE))
    r = sub.add_parser("run", help="download the modules and run cgolint on them")
    common(r)
    r.add_argument("--cgolint-root", required=True, help="cgolint source tree (put on PYTHONPATH)")
    r.add_argument("--out", required=True)
    r.add_argument("--python", default=None, help="Python with cgolint's dependencies")
    c = sub.add_parser("score", help="join findings and the sample with labels.json")
    c.add_argument("results")
    c.add_argument("--labels", default=str(LABELS))
    c.add_argument("--sample", default=str(SAMPLE))
    c.add_argument("--table", action="store_true", help="print every finding and sampled site as Markdown")
    u = sub.add_parser("upstream", help="run cgolint on the old and fixed versions of upstream leak fixes")
    u.add_argument("--cgolint-root", required=True)
    u.add_argument("--cache", default=str(DEFAULT_CACHE))
    u.add_argument("--python", default=None)
    u.add_argument("--upstream", default=str(UPSTREAM))
    u.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    return {"sites": cmd_sites, "sample": cmd_sample, "run": cmd_run, "score": cmd_score,
            "upstream": cmd_upstream}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
