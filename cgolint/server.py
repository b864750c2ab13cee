"""`cgolint server`: a Language Server (LSP over stdio) for editors' problems panels.

It lints the package directory of each open Go, C or header file with the same `Linter.lint` the
command line uses, giving it the editor's unsaved text of every open file of that directory as
in-memory overrides (the rest of the package is read from disk), and publishes the findings of
each open file: on open and save at once, on change after a short pause (debounced), and an
empty list on close. Configuration is found from each file's directory, as on the command line;
a configuration error is shown to the user (window/showMessage) and lints nothing until fixed.

Code actions: a rule's fix, where a finding carries one, and "ignore CGO00x on this line", which
inserts `//cgolint:ignore CGO00x reason` and, where the editor can, selects `reason` for typing.

Positions are sent in the encoding negotiated with the client (UTF-16 unless it offers UTF-8 or
UTF-32), as LSP requires.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
from pathlib import Path
from urllib.parse import unquote

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from cgolint import __version__
from cgolint.catalog import rule_meta
from cgolint.config import CONFIG_NAMES, Config, ConfigError, find_config, load_config
from cgolint.discover import Target
from cgolint.engine import settings_for
from cgolint.findings import Finding, Fix, Level
from cgolint.lint import Linter
from cgolint.registry import rule_options
from cgolint.source import Position, Span

SOURCE = "cgolint"
LINTED_SUFFIXES = (".go", ".c", ".h")
DEBOUNCE_SECONDS = 0.3
SELECT_REASON = "cgolint.selectReason"
REASON = "reason"
_SEVERITY = {Level.ERROR: types.DiagnosticSeverity.Error, Level.WARNING: types.DiagnosticSeverity.Warning,
             Level.NOTE: types.DiagnosticSeverity.Information}


class CgolintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("cgolint", __version__)
        self.pending: dict[Path, asyncio.TimerHandle] = {}  # directory → its debounced lint
        self.linters: dict[tuple, Linter] = {}  # (directory, configuration file, its mtime) → linter
        self.findings: dict[str, list[Finding]] = {}  # uri → the findings last published for it
        self.config_errors: dict[Path, str] = {}  # directory → the configuration error last shown

    # ------------------------------------------------------------------ documents

    def open_documents(self, directory: Path) -> dict[Path, str]:
        """The open files of a directory that cgolint lints: path → uri."""
        out = {}
        for uri in list(self.workspace.text_documents):
            path = _path(uri)
            if path is not None and path.suffix in LINTED_SUFFIXES and path.parent == directory:
                out[path] = uri
        return out

    def schedule(self, directory: Path, delay: float) -> None:
        self.cancel(directory)
        self.pending[directory] = asyncio.get_running_loop().call_later(delay, self.lint_directory, directory)

    def cancel(self, directory: Path) -> None:
        handle = self.pending.pop(directory, None)
        if handle is not None:
            handle.cancel()

    # ------------------------------------------------------------------ linting

    def linter_for(self, directory: Path) -> Linter | None:
        """The directory's linter, from its configuration; None (and the error shown) when that is bad."""
        found = find_config(directory)
        try:
            key = (directory, found, found.stat().st_mtime_ns if found else 0)
            if key not in self.linters:
                config = load_config(found, rule_options()) if found else Config()
                settings = dataclasses.replace(settings_for(config), cwd=directory)
                self.linters[key] = Linter(settings)
        except (ConfigError, OSError) as exc:
            message = f"cgolint: {exc}"
            if self.config_errors.get(directory) != message:
                self.config_errors[directory] = message
                self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))
            return None
        self.config_errors.pop(directory, None)
        return self.linters[key]

    def lint_directory(self, directory: Path) -> None:
        self.pending.pop(directory, None)
        documents = self.open_documents(directory)
        if not documents:
            return
        linter = self.linter_for(directory)
        findings: dict[Path, list[Finding]] = {path: [] for path in documents}
        if linter is not None:
            overrides = {path: self.workspace.get_text_document(uri).source.encode("utf-8", "surrogatepass")
                         for path, uri in documents.items()}
            result = linter.lint(Target(directory, set(documents)), overrides)
            for f in result.findings:
                findings.setdefault(_file(directory, f.span), []).append(f)
            for p in result.problems:
                if p.internal:
                    self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning,
                                                                     message=f"cgolint: {p.path}: {p.message}"))
                else:
                    self.window_log_message(types.LogMessageParams(type=types.MessageType.Info,
                                                                   message=f"cgolint: {p.path}: {p.message}"))
        for path, uri in documents.items():
            self.findings[uri] = findings.get(path, [])
            document = self.workspace.get_text_document(uri)
            diagnostics = [self.diagnostic(directory, f) for f in self.findings[uri]]
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=document.version))

    # ------------------------------------------------------------------ protocol values

    def position(self, directory: Path, span: Span, at: Position) -> types.Position:
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        if encoding == types.PositionEncodingKind.Utf16:
            character = at.column_utf16 - 1
        elif encoding == types.PositionEncodingKind.Utf8:
            character = at.column - 1
        else:  # UTF-32: code points, counted on the line's text
            line = _line_text(self, _file(directory, span), at.line - 1).encode("utf-8", "surrogatepass")
            character = len(line[: at.column - 1].decode("utf-8", "replace"))
        return types.Position(line=at.line - 1, character=character)

    def range(self, directory: Path, span: Span) -> types.Range:
        return types.Range(start=self.position(directory, span, span.start), end=self.position(directory, span, span.end))

    def diagnostic(self, directory: Path, f: Finding) -> types.Diagnostic:
        related = [types.DiagnosticRelatedInformation(
            location=types.Location(uri=from_fs_path(str(_file(directory, r.span))), range=self.range(directory, r.span)),
            message=r.message) for r in f.related]
        return types.Diagnostic(
            range=self.range(directory, f.span),
            message=f.message,
            severity=_SEVERITY[f.level],
            code=f.rule_id,
            code_description=types.CodeDescription(href=rule_meta(f.rule_id).help_uri),
            source=SOURCE,
            related_information=related or None,
        )

    def code_actions(self, uri: str, wanted: types.Range, context_lines: set[int]) -> list[types.CodeAction]:
        """Fixes and ignore-directives for the findings on the asked lines (or the lines of the
        diagnostics the client sent: their columns are not trusted, some clients send bytes)."""
        path = _path(uri)
        if path is None:
            return []
        lines = set(range(wanted.start.line, wanted.end.line + 1)) | context_lines
        document = self.workspace.get_text_document(uri)
        actions, ignored = [], set()
        for f in self.findings.get(uri, []):
            if f.span.start.line - 1 not in lines:
                continue
            diagnostic = self.diagnostic(path.parent, f)
            if f.fix is not None:
                actions.append(self.fix_action(path.parent, f.fix, diagnostic))
            key = (f.rule_id, f.span.start.line)
            if key not in ignored:
                ignored.add(key)
                actions.append(self.ignore_action(uri, document.lines, f, diagnostic))
        return actions

    def fix_action(self, directory: Path, fix: Fix, diagnostic: types.Diagnostic) -> types.CodeAction:
        changes: dict[str, list[types.TextEdit]] = {}
        for edit in fix.edits:
            uri = from_fs_path(str(_file(directory, edit.span)))
            changes.setdefault(uri, []).append(types.TextEdit(range=self.range(directory, edit.span),
                                                              new_text=edit.replacement))
        return types.CodeAction(title=fix.title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                                is_preferred=fix.safe, edit=types.WorkspaceEdit(changes=changes))

    def ignore_action(self, uri: str, lines: list[str], f: Finding, diagnostic: types.Diagnostic) -> types.CodeAction:
        """`//cgolint:ignore ID reason` at the end of the finding's line, or alone on the line above
        it when the line already ends in a comment; then a command selects `reason`."""
        row = f.span.start.line - 1
        text = lines[row].rstrip("\r\n") if row < len(lines) else ""
        codec = self.workspace.position_codec
        directive = f"//cgolint:ignore {f.rule_id} {REASON}"
        if "//" in text or "/*" in text:
            indent = text[: len(text) - len(text.lstrip())]
            at = types.Position(line=row, character=0)
            new_text = f"{indent}{directive}\n"
            reason_at = (row, codec.client_num_units(indent + directive[: -len(REASON)]))
        else:
            at = types.Position(line=row, character=codec.client_num_units(text))
            new_text = f" {directive}"
            reason_at = (row, codec.client_num_units(text + new_text[: -len(REASON)]))
        select = types.Range(start=types.Position(line=reason_at[0], character=reason_at[1]),
                             end=types.Position(line=reason_at[0], character=reason_at[1] + len(REASON)))
        return types.CodeAction(
            title=f"Ignore {f.rule_id} on this line",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=types.Range(start=at, end=at),
                                                                   new_text=new_text)]}),
            command=types.Command(title="Type the reason", command=SELECT_REASON, arguments=[uri, select]),
        )


def _path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    return Path(os.path.normpath(path)) if path else None


def _file(directory: Path, span: Span) -> Path:
    return Path(span.path) if os.path.isabs(span.path) else directory / span.path


def _line_text(server: CgolintServer, path: Path, row: int) -> str:
    uri = from_fs_path(str(path))
    if unquote(uri) in server.workspace.text_documents:
        lines = server.workspace.get_text_document(uri).lines
    else:
        try:
            lines = path.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
        except OSError:
            return ""
    return lines[row] if row < len(lines) else ""


def build() -> CgolintServer:
    server = CgolintServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CgolintServer, params: types.DidOpenTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        if path is not None and path.suffix in LINTED_SUFFIXES:
            ls.cancel(path.parent)
            ls.lint_directory(path.parent)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CgolintServer, params: types.DidChangeTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        if path is not None and path.suffix in LINTED_SUFFIXES:
            ls.schedule(path.parent, DEBOUNCE_SECONDS)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: CgolintServer, params: types.DidSaveTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        if path is None:
            return
        if path.name in CONFIG_NAMES:  # a configuration changed: every open directory may lint differently
            ls.linters.clear()
            for directory in {p.parent for p in map(_path, list(ls.workspace.text_documents)) if p is not None}:
                ls.lint_directory(directory)
        elif path.suffix in LINTED_SUFFIXES:
            ls.cancel(path.parent)
            ls.lint_directory(path.parent)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CgolintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.findings.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        path = _path(uri)
        if path is not None and path.suffix in LINTED_SUFFIXES:
            ls.schedule(path.parent, 0)  # the others of its package now see the file as it is on disk

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: CgolintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        context_lines = {d.range.start.line for d in params.context.diagnostics if d.source == SOURCE}
        return ls.code_actions(params.text_document.uri, params.range, context_lines)

    @server.command(SELECT_REASON)
    def select_reason(ls: CgolintServer, uri: str, selection: types.Range) -> None:
        window = ls.client_capabilities.window
        if window is not None and window.show_document is not None and window.show_document.support:
            ls.window_show_document(types.ShowDocumentParams(uri=uri, take_focus=True, selection=selection))

    return server


def serve() -> int:
    build().start_io()
    return 0
