"""CGO003 blocking-c-call-in-hot-path: a C call that can block (or runs long CPU-bound C work), made
where the reader can act on it: in request-serving code, or once per item of a per-item loop
(facts.hotpaths says which code is hot and why; facts.blocking which calls block)."""

from __future__ import annotations

from collections.abc import Iterator

from cgolint.checks.risky_c_library_call import default_libraries
from cgolint.facts import PackageFacts
from cgolint.buildtags import file_goos
from cgolint.facts.blocking import Blocking, blocks_with_args, load_catalog
from cgolint.facts.goexpr import call_args
from cgolint.findings import Finding, Related
from cgolint.config import ConfigError
from cgolint.rule import Rule

# What the call costs where it is, and what to do about it: the facts of the fact sheet (sections
# 1.3 and 7), by where the hotness comes from ("request" or "item") and what the call does.
COSTS = {
    ("request", "wait"): (
        "A blocking cgo call holds its OS thread for the whole call: one thread per concurrent request "
        "(the process dies past 10,000), and the scheduler takes the P back only after 20µs–10ms, so "
        "goroutines queued behind it wait."),
    ("request", "long-running"): (
        "It holds its OS thread for the whole call, one per concurrent request, and its P until the "
        "scheduler takes it back after 20µs–10ms, so goroutines queued behind it wait."),
    ("item", "wait"): (
        "Each item pays a crossing (tens of nanoseconds) and holds the OS thread while C waits, and the "
        "scheduler takes the P back only after 20µs–10ms."),
    ("item", "long-running"): (
        "Each item pays a crossing (tens of nanoseconds) and holds the OS thread and its P until the "
        "scheduler takes it back after 20µs–10ms."),
}
REMEDY = {
    "request": "Keep the call off the request path (a bounded worker pool, or one goroutine that owns the resource)",
    "item": "Serve all the items with one batch, one crossing (the loop on the C side) or one transaction",
}


class BlockingCCallInHotPath(Rule):
    id = "CGO003"
    options = {
        "hot-functions": "a list of glob patterns of function names that are hot (\"Handle*\", \"(*Server).Serve\")",
        "disable": "a list of group ids from the built-in blocking catalog to stop flagging",
        "group": "a list of tables, each a blocking group (id, kind = wait or long-running, why, names; optional "
                 "severity, headers, nonblocking-when-zero, blocking-when-arg, nonblocking-if-package-calls); a group with a "
                 "built-in id replaces it",
    }

    def configure(self, options: dict, origin: str) -> None:
        patterns = options.get("hot-functions", [])
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            raise ConfigError(f"{origin}: rules.CGO003.hot-functions must be a list of glob patterns")
        disabled = options.get("disable", [])
        if not isinstance(disabled, list) or not all(isinstance(d, str) for d in disabled):
            raise ConfigError(f"{origin}: rules.CGO003.disable must be a list of group ids")
        groups = options.get("group", [])
        if not isinstance(groups, list) or not all(isinstance(g, dict) for g in groups):
            raise ConfigError(f"{origin}: rules.CGO003.group must be an array of tables ([[rules.CGO003.group]])")
        self.patterns = tuple(patterns)
        self.catalog = load_catalog(groups, disabled, origin)
        self.libraries = default_libraries()

    def blocking(self, facts: PackageFacts, catalog, call, goos: dict[int, frozenset[str] | None]) -> Blocking | None:
        """goos: each Go file's GOOS (by id), filled as the calls need them."""
        name = call.name
        if name in facts.c_functions:
            if id(call.file) not in goos:
                goos[id(call.file)] = file_goos(call.file.source.path.name, call.file.source.data)
            found = facts.blocking_summaries(catalog).for_call(name, goos[id(call.file)])
            return found if isinstance(found, Blocking) else None  # "undecided": stay quiet
        group = catalog.group_of(name)
        if group is None or not blocks_with_args(group, name, call_args(call.node)):
            return None
        return Blocking((name,), group, group.kind)

    def alternative(self, facts: PackageFacts, leaf: str) -> str:
        lib = next((lib for lib in self.libraries if lib.claims(leaf, facts.package)), None)
        return f", or use the pure-Go {lib.ranked(leaf)[0]}" if lib else ""

    def check(self, facts: PackageFacts) -> Iterator[Finding]:
        hot = facts.hot_paths(self.patterns)
        catalog = None  # made for the first hot call: what blocks is asked only where it matters
        goos: dict[int, frozenset[str] | None] = {}
        for call in facts.go_c_calls:
            chain = hot.context(call.node)
            if chain is None:
                continue
            if catalog is None:
                catalog = self.catalog.for_package(facts.called_c_names)
            blocking = self.blocking(facts, catalog, call, goos)
            if blocking is None:
                continue
            origin = chain[-1].kind if chain[-1].kind in ("request", "item") else "request"
            why = blocking.group.why if blocking.group is not None else "spins until a condition changes"
            cause = f"{blocking.reason}: {why}" if len(blocking.chain) > 1 else why
            verb = "can block" if blocking.kind == "wait" else "runs long CPU-bound C work"
            where = "in request-serving code" if origin == "request" else "once per item"
            hot_text = "; ".join(r.text for r in chain)
            message = (f"C.{call.name} {verb} ({cause}) {where}: {hot_text}. {COSTS[origin, blocking.kind]} "
                       f"{REMEDY[origin]}{self.alternative(facts, blocking.chain[-1])}.")
            related = tuple(Related(r.span, f"hot because {r.text}") for r in chain)
            yield Finding(self.id, message, call.file.span(call.callee), related)
