"""One formatter per output format. A formatter sees a Report and rule metadata only.

Each format's module is imported only when that format is asked for: SARIF's (sarif-om and
attrs) costs more to import than a warm run spends on everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from cgolint.findings import Report

MODULES = {"text": "text", "json": "json_format", "sarif": "sarif", "github": "github"}


def formatter(name: str) -> Callable[[Report], str]:
    """The render function of an output format (a key of MODULES)."""
    return import_module(f"cgolint.output.{MODULES[name]}").render
