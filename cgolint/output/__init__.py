"""One formatter per output format. A formatter sees a Report and rule metadata only."""

from __future__ import annotations

from collections.abc import Callable

from cgolint.findings import Report
from cgolint.output import github, json_format, sarif, text

FORMATTERS: dict[str, Callable[[Report], str]] = {
    "text": text.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
}
