"""CGO003 blocking-c-call-in-hot-path: a C call that can block (or runs long CPU-bound C work),
made on a hot path: a loop, a request handler, or a function called from one."""

from __future__ import annotations

from collections.abc import Iterator

from cgolint.checks.risky_c_library_call import default_libraries
from cgolint.facts import PackageFacts
from cgolint.facts.blocking import Blocking, blocks_with_args, file_goos, load_catalog
from cgolint.facts.summaries import call_args
from cgolint.findings import Finding, Related
from cgolint.rule import ConfigError, Rule

COSTS = {
    "wait": ("A blocking cgo call holds its OS thread for the whole call; the scheduler takes the P back only "
             "after 20µs–10ms, so goroutines queued behind it wait, and concurrent calls each hold a thread "
             "(the process dies past 10,000)."),
    "long-running": ("It holds its OS thread, and its P until the scheduler takes it back after 20µs–10ms, so "
                     "goroutines queued behind it wait; each crossing also costs tens of nanoseconds."),
}


class BlockingCCallInHotPath(Rule):
    id = "CGO003"
    options = {
        "hot-functions": "a list of glob patterns of function names that are hot (\"Handle*\", \"(*Server).Serve\")",
        "disable": "a list of group ids from the built-in blocking catalog to stop flagging",
        "group": "a list of tables, each a blocking group (id, kind = wait or long-running, why, names; optional "
                 "severity, headers, nonblocking-when-zero); a group with a built-in id replaces it",
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

    def blocking(self, facts: PackageFacts, call) -> Blocking | None:
        name = call.name
        if name in facts.c_functions:
            goos = file_goos(call.file.source.path.name, call.file.source.data)
            found = facts.blocking_summaries(self.catalog).for_call(name, goos)
            return found if isinstance(found, Blocking) else None  # "undecided": stay quiet
        group = self.catalog.group_of(name)
        if group is None or not blocks_with_args(group, name, call_args(call.node)):
            return None
        return Blocking((name,), group, group.kind)

    def alternative(self, facts: PackageFacts, leaf: str) -> str:
        lib = next((lib for lib in self.libraries if lib.claims(leaf, facts.package)), None)
        return f", or use the pure-Go {lib.ranked(leaf)[0]}" if lib else ""

    def check(self, facts: PackageFacts) -> Iterator[Finding]:
        hot = facts.hot_paths(self.patterns)
        for call in facts.go_c_calls:
            blocking = self.blocking(facts, call)
            if blocking is None:
                continue
            chain = hot.context(call.node)
            if chain is None:
                continue
            why = blocking.group.why if blocking.group is not None else "spins until a condition changes"
            cause = f"{blocking.reason}: {why}" if len(blocking.chain) > 1 else why
            verb = "can block" if blocking.kind == "wait" else "runs long CPU-bound C work"
            hot_text = "; ".join(r.text for r in chain)
            message = (f"C.{call.name} {verb} ({cause}) on a hot path: {hot_text}. {COSTS[blocking.kind]} "
                       f"Batch the work per crossing or move the call to a bounded worker pool"
                       f"{self.alternative(facts, blocking.chain[-1])}.")
            related = tuple(Related(r.span, f"hot because {r.text}") for r in chain)
            yield Finding(self.id, message, call.file.span(call.callee), related)
