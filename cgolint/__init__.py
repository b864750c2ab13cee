"""cgolint: a static analysis linter for cgo code."""

__version__ = "0.1.0"
