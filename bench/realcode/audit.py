"""Real-code audit of cgolint's CGO003 and CGO004 on pinned cgo-heavy Go modules (run by hand).

Python 3.11, standard library only. Needs `go` on PATH (to download modules through the Go
module proxy) and a cgolint source tree to run. CI never runs this: it downloads.

Commands:

    python3 bench/realcode/audit.py run --cgolint-root DIR --out bench/realcode/results-NAME.json
    python3 bench/realcode/audit.py score bench/realcode/results-NAME.json [--table]
    python3 bench/realcode/audit.py sample bench/realcode/results-NAME.json [--n 30 --seed 2024]

run
    Reads bench/realcode/modules.txt ("module version  # what it binds" per line), downloads each
    module that is missing with `go mod download -json MODULE@VERSION` into $CGOLINT_REALCODE_CACHE
    (default ~/.cache/cgolint-realcode; GOFLAGS=-mod=mod), then runs

        PYTHONPATH=DIR python -m cgolint check --format json --config bench/realcode/EMPTY.toml \
            --select CGO003,CGO004 .

    with the module's root as the working directory (paths are relative to it). The Python used
    is --python (default: /work/main/.venv/bin/python if it exists, else this interpreter).
    It saves every finding (module, version, path, line, col, rule, message, callee, ...) and the
    problems (count, count of "syntax error" ones, and the list) in --out. The output is sorted
    and holds no timings, so two runs of the same cgolint on the same modules give the same file;
    per-module wall-clock times go to stderr only.

    For each finding it records:
      callee    CGO003: the C function named in the message ("C.name can block ...");
                CGO004: the called name at the start of the message ("C.name is a call into ..."
                or "name in C function f is a call into ...").
      library   CGO004: the library named in the message ("is a call into LIBRARY;").
      pkg_dir   the directory of the finding's file (the Go package), "." for the module root.
      cclass    CGO004 only, the class used for labelling by class (see score):
                  "own-source"      the finding is in a .c/.h file of the module that is the
                                    library's own source: the callee is defined, declared or
                                    #defined in the module's C files (vendored sources or headers
                                    of the library), or the file itself defines a function that
                                    cgolint attributes to the same library elsewhere in the module
                                    (e.g. go-openssl's hostname.c defines X509_check_host, a copy
                                    of OpenSSL's v3_utl.c; zstd_fast.c defines the macro-generated
                                    ZSTD_compressBlock_fast_* it calls), or the file is listed in
                                    LIBRARY_SOURCE_FILES (checked by reading): the library calling
                                    itself;
                  "type-conversion" C.name(...) where name is a C type (a typedef in the module's
                                    C files or cgo preambles, or a name ending in _t): a
                                    conversion, not a call;
                  "call"            anything else: a call site of the library.

score
    Joins the findings with bench/realcode/labels.json, a list of
    {module, path, line, rule, callee, label: "TP"|"FP", reason} (CGO003 labels also carry
    fp_class, the kind of false positive, counted by score). A label matches a finding by
    (module, path, line, rule, callee); for CGO003, when no label has that line, by
    (module, path, callee) with the nearest line (labels survive line moves between versions).
    CGO004 findings without an explicit label are labelled by class: own-source = FP,
    type-conversion = FP, call = TP (a correct note). Prints per rule: findings, TP, FP,
    unlabelled, precision = TP / (TP + FP); for CGO004 also the findings per
    (module, package dir, library) pair (max, median and the table); and the problems.
    --table also prints a Markdown table of every CGO003 finding with its label and reason.

sample
    Prints a seeded random sample of CGO004 findings (default 30, seed 2024) to check the
    library attribution by reading the code.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import random
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from modcache import DEFAULT_CACHE, download, python_for, read_modules, run_cgolint  # noqa: E402

HERE = Path(__file__).resolve().parent
MODULES = HERE / "modules.txt"
LABELS = HERE / "labels.json"
RULES = ("CGO003", "CGO004")


# --- C source index (for CGO004's classes) -------------------------------------------------

SKIP_DIRS = {"vendor", "testdata"}
NOT_TYPE = r"(?!(?:return|else|case|goto|do|if|while|for|switch|sizeof)\b)"
FUNC_DEF = re.compile(
    r"^[ \t]*" + NOT_TYPE + r"(?:[A-Za-z_][\w]*[ \t\*]+)+\**[ \t]*([A-Za-z_]\w*)[ \t]*\((?:[^;{}()]|\([^;{}()]*\))*\)[ \t\n]*\{",
    re.M,
)
FUNC_DECL = re.compile(
    r"^[ \t]*" + NOT_TYPE + r"(?:[A-Za-z_][\w]*[ \t\*]+)+\**[ \t]*\(?\**([A-Za-z_]\w*)\)?[ \t]*\((?:[^;{}()]|\([^;{}()]*\))*\)[^;{}]*;",
    re.M,
)
MACRO = re.compile(r"^[ \t]*#[ \t]*define[ \t]+([A-Za-z_]\w*)", re.M)
TYPEDEF_END = re.compile(r"\btypedef\b[^;]*?\b([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*;", re.S)
TYPEDEF_FPTR = re.compile(r"\btypedef\b[^;]*?\(\s*\*\s*([A-Za-z_]\w*)\s*\)")
PREAMBLE = re.compile(r"/\*(.*?)\*/\s*import\s+\"C\"", re.S)


def walk_sources(root: Path):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not d.startswith((".", "_")))
        for name in sorted(filenames):
            if name.endswith((".c", ".h", ".go")):
                yield Path(dirpath) / name


def c_index(root: Path) -> dict:
    """Names the module's C code defines/declares/#defines, typedef names, and per-file definitions."""
    known: set[str] = set()
    types: set[str] = set()
    defined_in: dict[str, set[str]] = {}
    for path in walk_sources(root):
        try:
            text = path.read_text(errors="replace")
        except OSError:
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".go":
            if 'import "C"' not in text:
                continue
            ctext = "\n".join(PREAMBLE.findall(text))
        else:
            ctext = text
        for rx in (TYPEDEF_END, TYPEDEF_FPTR):
            types.update(rx.findall(ctext))
        if path.suffix == ".go":
            continue
        defs = set(FUNC_DEF.findall(ctext))
        defined_in[rel] = defs
        known |= defs
        known.update(FUNC_DECL.findall(ctext))
        known.update(MACRO.findall(ctext))
    return {"known": known, "types": types, "defined_in": defined_in}


# Files checked by reading that are the library's own source but that the rules above miss
# (macro-generated definitions, copies of library code calling functions defined elsewhere).
LIBRARY_SOURCE_FILES = {
    # every .c/.h at the root is upstream zstd lib/ (common, compress, decompress, dictBuilder,
    # legacy); the Go glue is in the .go preambles
    "github.com/DataDog/zstd": ["*.c", "*.h"],
    # "portions from x509v3.h and v3_utl.c": OpenSSL's own X509_check_host etc., compiled only
    # for OpenSSL < 1.1.0
    "github.com/libp2p/go-openssl": ["hostname.c"],
}


def cgo004_class(f: dict, idx: dict, lib_names: dict[str, set[str]]) -> str:
    callee = f.get("callee") or ""
    if f["path"].endswith((".c", ".h")):
        if any(fnmatch.fnmatchcase(f["path"], pat) for pat in LIBRARY_SOURCE_FILES.get(f["module"], ())):
            return "own-source"
        if callee in idx["known"]:
            return "own-source"
        if idx["defined_in"].get(f["path"], set()) & lib_names.get(f.get("library"), set()):
            return "own-source"
    if f["message"].startswith("C.") and (callee in idx["types"] or callee.endswith("_t")):
        return "type-conversion"
    return "call"


# --- run --------------------------------------------------------------------------------------

CGO003_CALLEE = re.compile(r"^C\.(\w+)")
CGO004_CALLEE = re.compile(r"^(?:C\.)?(\w+)")
CGO004_LIBRARY = re.compile(r" is a call into (.+?); |^Package \S+ calls into (.+?) from \d+ call site")
C_FUNCTION = re.compile(r" in C function (\w+) is a call into ")


def finding_record(module: str, version: str, f: dict) -> dict:
    msg = f["message"]
    rec = {
        "module": module,
        "version": version,
        "path": f["path"],
        "line": f["line"],
        "col": f.get("column"),
        "rule": f["rule"],
        "message": msg,
        "pkg_dir": os.path.dirname(f["path"]) or ".",
        "related": [
            {"path": r.get("path"), "line": r.get("line"), "message": r.get("message")}
            for r in f.get("related") or []
        ],
    }
    if f["rule"] == "CGO003":
        m = CGO003_CALLEE.match(msg)
        rec["callee"] = m.group(1) if m else None
    else:
        m = CGO004_CALLEE.match(msg)
        # one finding per (package, library) since issue 7: no single callee
        rec["callee"] = m.group(1) if m and not msg.startswith("Package ") else None
        lib = CGO004_LIBRARY.search(msg)
        rec["library"] = (lib.group(1) or lib.group(2)) if lib else None
        cf = C_FUNCTION.search(msg)
        rec["c_function"] = cf.group(1) if cf else None
    return rec


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
        recs = [finding_record(module, version, f) for f in report.get("findings", [])]
        idx = c_index(mod_dir) if any(r["rule"] == "CGO004" for r in recs) else None
        lib_names: dict[str, set[str]] = defaultdict(set)
        for r in recs:
            if r["rule"] == "CGO004" and r["callee"]:
                lib_names[r["library"]].add(r["callee"])
        for r in recs:
            if r["rule"] == "CGO004":
                r["cclass"] = cgo004_class(r, idx, lib_names)
        findings.extend(recs)
        problems = sorted(report.get("problems", []), key=lambda p: (p.get("path", ""), p.get("line", 0), p.get("message", "")))
        counts = Counter(r["rule"] for r in recs)
        modules_out.append({
            "module": module,
            "version": version,
            "binds": what,
            "findings": {rule: counts.get(rule, 0) for rule in RULES},
            "problems": len(problems),
            "syntax_error_problems": sum("syntax error" in p.get("message", "") for p in problems),
            "fatal_problems": sum(bool(p.get("fatal")) for p in problems),
            "problem_list": problems,
            "crash": report.get("crash"),
        })
        print(f"{module}@{version}: {dict(counts)} problems={len(problems)} "
              f"{elapsed:.1f}s{' CRASH' if report.get('crash') else ''}", file=sys.stderr)
    findings.sort(key=lambda r: (r["module"], r["path"], r["line"], r["col"] or 0, r["rule"], r["message"]))
    out = {"cgolint_root": str(root), "modules": modules_out, "findings": findings}
    Path(args.out).write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    print(f"wrote {args.out}: {len(findings)} findings", file=sys.stderr)
    return 0


# --- score ------------------------------------------------------------------------------------

CLASS_LABEL = {
    "own-source": ("FP", "the library calling itself: the finding is in the library's own C source in the module"),
    "type-conversion": ("FP", "C.name(...) is a conversion to a C type, not a call into the library"),
    "call": ("TP", "a call site of the library (class label)"),
}


def load_labels(path: Path = LABELS) -> list[dict]:
    return json.loads(path.read_text()) if path.exists() else []


def match_labels(findings: list[dict], labels: list[dict], run: str = "after") -> list[tuple[dict, dict | None, str]]:
    """Join findings with labels. A label with "version" ("before" or "after") applies only to that
    run and wins over an unversioned label with the same key (the same line can hold an old finding
    with one reason and a new finding with another)."""
    exact = {}
    by_callee = defaultdict(list)
    usable = [lab for lab in labels if lab.get("version") in (None, run)]
    for lab in sorted(usable, key=lambda lab: lab.get("version") is not None):  # versioned last: they win
        exact[(lab["module"], lab["path"], lab["line"], lab["rule"], lab.get("callee"))] = lab
        by_callee[(lab["module"], lab["path"], lab["rule"], lab.get("callee"))].append(lab)
    out = []
    for f in findings:
        lab = exact.get((f["module"], f["path"], f["line"], f["rule"], f.get("callee")))
        how = "exact" if lab else ""
        if lab is None and f["rule"] == "CGO003":
            cands = by_callee.get((f["module"], f["path"], f["rule"], f.get("callee")))
            if cands:
                lab = min(cands, key=lambda c: (abs(c["line"] - f["line"]), c["line"]))
                how = "moved"
        if lab is None and f["rule"] == "CGO004" and f.get("cclass"):
            label, reason = CLASS_LABEL[f["cclass"]]
            lab = {"label": label, "reason": reason}
            how = "class:" + f["cclass"]
        out.append((f, lab, how))
    return out


def cmd_score(args) -> int:
    data = json.loads(Path(args.results).read_text())
    findings = data["findings"]
    run = args.run or ("before" if "before" in Path(args.results).name else "after")
    matched = match_labels(findings, load_labels(Path(args.labels)), run)
    print(f"results: {args.results} (cgolint {data.get('cgolint_root')}; {run} labels)")
    print(f"{'rule':7} {'findings':>8} {'TP':>5} {'FP':>5} {'unlab':>6} {'precision':>9}")
    for rule in RULES:
        rows = [(f, lab) for f, lab, _ in matched if f["rule"] == rule]
        tp = sum(1 for _, lab in rows if lab and lab["label"] == "TP")
        fp = sum(1 for _, lab in rows if lab and lab["label"] == "FP")
        un = sum(1 for _, lab in rows if not lab)
        prec = f"{tp / (tp + fp):.3f}" if tp + fp else "-"
        print(f"{rule:7} {len(rows):>8} {tp:>5} {fp:>5} {un:>6} {prec:>9}")
    classes = Counter(lab.get("fp_class") or "(no class)" for f, lab, _ in matched
                      if f["rule"] == "CGO003" and lab and lab["label"] == "FP")
    if classes:
        print("\nCGO003 false positives by class (fp_class in labels.json):")
        for cls, n in classes.most_common():
            print(f"  {n:4}  {cls}")
    how = Counter((f["rule"], h, lab["label"] if lab else None) for f, lab, h in matched)
    print("\nhow labels matched (rule, match, label): count")
    for k, v in sorted(how.items(), key=lambda kv: tuple(str(x) for x in kv[0])):
        print(f"  {k}: {v}")

    pairs = Counter((f["module"], f["pkg_dir"], f.get("library")) for f in findings if f["rule"] == "CGO004")
    print(f"\nCGO004 findings per (module, package dir, library): {len(pairs)} pairs", end="")
    if pairs:
        vals = list(pairs.values())
        print(f", max {max(vals)}, median {statistics.median(vals)}")
        for (mod, pkg, lib), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {n:5}  {mod}  {pkg}  {lib}")
    else:
        print()

    print("\nproblems per module (total / syntax error / fatal):")
    for m in data["modules"]:
        crash = "  CRASH" if m.get("crash") else ""
        print(f"  {m['module']}@{m['version']}: {m['problems']} / {m['syntax_error_problems']} / {m['fatal_problems']}{crash}")
    print(f"  total: {sum(m['problems'] for m in data['modules'])} / "
          f"{sum(m['syntax_error_problems'] for m in data['modules'])} / "
          f"{sum(m['fatal_problems'] for m in data['modules'])}")

    if args.table:
        print("\n| module | file:line | C callee | label | reason |\n|---|---|---|---|---|")
        for f, lab, h in matched:
            if f["rule"] != "CGO003":
                continue
            mod = f["module"].split("/", 1)[1] if "/" in f["module"] else f["module"]
            label = lab["label"] if lab else "?"
            reason = (lab or {}).get("reason", "").replace("|", "\\|")
            print(f"| {mod} | {f['path']}:{f['line']} | {f['callee']} | {label} | {reason} |")
    unl = [f for f, lab, _ in matched if not lab]
    if unl:
        print(f"\nunlabelled: {len(unl)}")
        for f in unl[:50]:
            print(f"  {f['rule']} {f['module']} {f['path']}:{f['line']} {f.get('callee')}")
    return 0


def cmd_sample(args) -> int:
    data = json.loads(Path(args.results).read_text())
    pool = [f for f in data["findings"] if f["rule"] == "CGO004"]
    rng = random.Random(args.seed)
    for f in sorted(rng.sample(pool, min(args.n, len(pool))), key=lambda f: (f["module"], f["path"], f["line"])):
        print(f"{f['module']}\t{f['path']}:{f['line']}\t{f['callee']}\t{f.get('library')}\t{f.get('cclass')}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="download the modules and run cgolint on them")
    r.add_argument("--cgolint-root", required=True, help="cgolint source tree (put on PYTHONPATH)")
    r.add_argument("--out", required=True)
    r.add_argument("--cache", default=str(DEFAULT_CACHE))
    r.add_argument("--python", default=None, help="Python with cgolint's dependencies")
    r.add_argument("--modules", default=str(MODULES))
    s = sub.add_parser("score", help="join findings with labels.json and print precision")
    s.add_argument("results")
    s.add_argument("--labels", default=str(LABELS))
    s.add_argument("--table", action="store_true", help="also print every CGO003 finding as Markdown")
    s.add_argument("--run", choices=("before", "after"),
                   help="which labels apply (those with that \"version\", and unversioned ones); "
                        "default: before for a results-before*.json file, else after")
    p = sub.add_parser("sample", help="seeded random sample of CGO004 findings")
    p.add_argument("results")
    p.add_argument("--n", type=int, default=30)
    p.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args(argv)
    return {"run": cmd_run, "score": cmd_score, "sample": cmd_sample}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
