"""`cgolint server` over stdio, driven by pygls' own language client: what an editor receives for a
cgo package (diagnostics from the unsaved text, UTF-16 ranges, code actions, configuration errors).
Neovim drives it as a real editor in test_server_neovim.py."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path
from typing import Union

import pytest
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.protocol import default_converter
from pygls.uris import from_fs_path

from conftest import write_tree

# Line 12 has non-ASCII text before the finding: its column differs in UTF-8, UTF-16 and UTF-32.
LEAKY = """package main

/*
#include <stdlib.h>
#include <string.h>
*/
import "C"

import "unsafe"

func size(s string) int {
	label := "😀 é"; p := C.CString(label + s)
	return int(C.strlen(p))
}

func kept(s string) int {
	p := C.CString(s)
	defer C.free(unsafe.Pointer(p))
	return int(C.strlen(p))
}
"""
FIXED = LEAKY.replace("return int(C.strlen(p))\n}\n\nfunc kept", "defer C.free(unsafe.Pointer(p))\n\treturn int(C.strlen(p))\n}\n\nfunc kept")
LEAK_LINE = 11  # 0-based
TIMEOUT = 20


def units(text: str, encoding: str) -> int:
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text.encode("utf-8")) if encoding == "utf-8" else len(text)


def leak_columns(encoding: str) -> tuple[int, int]:
    line = LEAKY.splitlines()[LEAK_LINE]
    start = line.index("C.CString")
    return units(line[:start], encoding), units(line[: start + len("C.CString")], encoding)


def converter():
    """pygls' converter, with code actions read as editors read them: lsprotocol's client-side hook
    takes any object with a "command" key for a Command, but a CodeAction may carry a command too
    (an object, where a Command's is a string)."""
    out = default_converter()
    out.register_structure_hook(Union[types.Command, types.CodeAction], lambda obj, _: out.structure(
        obj, types.Command if isinstance(obj.get("command"), str) else types.CodeAction))
    return out


class Editor:
    """A language client with the server started as an editor would: `cgolint server`."""

    def __init__(self, encodings: list[str] | None = None, show_document: bool = False) -> None:
        self.client = LanguageClient("cgolint-test", "1", converter_factory=converter)
        self.diagnostics: dict[str, asyncio.Queue[types.PublishDiagnosticsParams]] = {}  # uri → its publications
        self.messages: asyncio.Queue[types.ShowMessageParams] = asyncio.Queue()
        self.shown: asyncio.Queue[types.ShowDocumentParams] = asyncio.Queue()
        self.encodings, self.show_document = encodings, show_document

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diagnostics(ls, params: types.PublishDiagnosticsParams) -> None:
            self.diagnostics.setdefault(params.uri, asyncio.Queue()).put_nowait(params)

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def _message(ls, params: types.ShowMessageParams) -> None:
            self.messages.put_nowait(params)

        @self.client.feature(types.WINDOW_SHOW_DOCUMENT)
        def _show(ls, params: types.ShowDocumentParams) -> types.ShowDocumentResult:
            self.shown.put_nowait(params)
            return types.ShowDocumentResult(success=True)

    async def __aenter__(self) -> "Editor":
        await self.client.start_io(sys.executable, "-m", "cgolint", "server",
                                   env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])})
        capabilities = types.ClientCapabilities(
            general=types.GeneralClientCapabilities(position_encodings=self.encodings) if self.encodings else None,
            window=types.WindowClientCapabilities(
                show_document=types.ShowDocumentClientCapabilities(support=True)) if self.show_document else None)
        self.init = await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            process_id=os.getpid(), capabilities=capabilities)), TIMEOUT)
        self.client.initialized(types.InitializedParams())
        return self

    async def __aexit__(self, *exc) -> None:
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        await asyncio.wait_for(self.client.stop(), TIMEOUT)

    def open(self, path: Path, text: str, language: str = "go") -> str:
        uri = from_fs_path(str(path))
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        return uri

    def replace(self, uri: str, version: int, text: str) -> None:
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    async def published(self, uri: str) -> types.PublishDiagnosticsParams:
        """The next diagnostics published for uri."""
        return await asyncio.wait_for(self.diagnostics.setdefault(uri, asyncio.Queue()).get(), TIMEOUT)


def run(coroutine) -> None:
    asyncio.run(coroutine)


def test_diagnostics_come_from_the_unsaved_text_in_utf16(tmp_path):
    write_tree(tmp_path, {"main.go": FIXED})  # on disk: no leak

    async def scenario():
        async with Editor() as editor:
            assert editor.init.capabilities.position_encoding == types.PositionEncodingKind.Utf16
            uri = editor.open(tmp_path / "main.go", LEAKY)
            (d,) = (await editor.published(uri)).diagnostics
            start, end = leak_columns("utf-16")
            assert (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character) == \
                (LEAK_LINE, start, LEAK_LINE, end) == (11, 23, 11, 32)
            assert d.severity == types.DiagnosticSeverity.Warning
            assert (d.code, d.source) == ("CGO001", "cgolint")
            assert d.code_description.href == "https://github.com/cgolint/cgolint/blob/main/docs/rules/CGO001.md"
            assert d.message.startswith("p (from C.CString) is not freed when returning at line 13;")
            (related,) = d.related_information
            assert related.location.uri == uri and related.location.range.start.line == 12
            assert related.message == "C.CString memory is lost here (when returning at line 13)"

            editor.replace(uri, 2, FIXED)  # fixed in the buffer, not saved: the diagnostic goes
            params = await editor.published(uri)
            assert (params.version, list(params.diagnostics)) == (2, [])

            editor.client.text_document_did_close(types.DidCloseTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=uri)))
            assert list((await editor.published(uri)).diagnostics) == []

    run(scenario())
    assert (tmp_path / "main.go").read_text(encoding="utf-8") == FIXED  # the server never writes


@pytest.mark.parametrize("encoding", ["utf-8", "utf-32"])
def test_columns_follow_the_negotiated_encoding(tmp_path, encoding):
    async def scenario():
        async with Editor(encodings=[encoding]) as editor:
            assert editor.init.capabilities.position_encoding == encoding
            uri = editor.open(tmp_path / "main.go", LEAKY)
            (d,) = (await editor.published(uri)).diagnostics
            assert (d.range.start.character, d.range.end.character) == leak_columns(encoding)

    run(scenario())


def test_changes_are_debounced(tmp_path):
    async def scenario():
        async with Editor() as editor:
            uri = editor.open(tmp_path / "main.go", LEAKY)
            await editor.published(uri)
            loop = asyncio.get_running_loop()
            started = loop.time()
            for version in range(2, 6):  # typing: four changes 50 ms apart
                editor.replace(uri, version, LEAKY if version % 2 else FIXED)
                await asyncio.sleep(0.05)
            params = await editor.published(uri)
            assert params.version == 5 and len(params.diagnostics) == 1
            assert loop.time() - started >= 0.15 + 0.3 - 0.05  # one lint, after the last change
            await asyncio.sleep(0.6)
            assert editor.diagnostics[uri].empty()

    run(scenario())


def test_ignore_action_inserts_a_directive_and_selects_the_reason(tmp_path):
    async def scenario():
        async with Editor(show_document=True) as editor:
            uri = editor.open(tmp_path / "main.go", LEAKY)
            (d,) = (await editor.published(uri)).diagnostics
            actions = await asyncio.wait_for(editor.client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri), range=d.range,
                context=types.CodeActionContext(diagnostics=[d]))), TIMEOUT)
            fix, action = actions  # the rule's fix (unsafe: strlen is a C library function), then the ignore
            assert (fix.title, fix.is_preferred) == (
                "Free p when size returns (unsafe: right only if C.strlen copies what it needs and keeps no pointer "
                "to the memory)", False)
            (fix_edit, *_) = fix.edit.changes[uri]
            assert fix_edit.new_text == "\n\tdefer C.free(unsafe.Pointer(p))"
            assert (fix_edit.range.start.line, fix_edit.range.start.character) == (LEAK_LINE, units(LEAKY.splitlines()[LEAK_LINE], "utf-16"))
            assert (action.title, action.kind) == ("Ignore CGO001 on this line", types.CodeActionKind.QuickFix)
            (edit,) = action.edit.changes[uri]
            line = LEAKY.splitlines()[LEAK_LINE]
            end = units(line, "utf-16")
            assert (edit.range.start.line, edit.range.start.character, edit.new_text) == \
                (LEAK_LINE, end, " //cgolint:ignore CGO001 reason")
            # the command selects "reason" in the edited line
            assert action.command.command == "cgolint.selectReason"
            await asyncio.wait_for(editor.client.workspace_execute_command_async(types.ExecuteCommandParams(
                command=action.command.command, arguments=action.command.arguments)), TIMEOUT)
            shown = await asyncio.wait_for(editor.shown.get(), TIMEOUT)
            edited = line + edit.new_text
            reason = units(edited[: edited.rindex("reason")], "utf-16")
            assert shown.uri == uri and shown.selection == types.Range(
                start=types.Position(line=LEAK_LINE, character=reason),
                end=types.Position(line=LEAK_LINE, character=reason + 6))
            # applied (and a reason typed), the finding is suppressed
            lines = LEAKY.splitlines(keepends=True)
            lines[LEAK_LINE] = line + " //cgolint:ignore CGO001 the caller frees it in C\n"
            editor.replace(uri, 2, "".join(lines))
            assert list((await editor.published(uri)).diagnostics) == []

    run(scenario())


def test_ignore_goes_above_a_line_that_ends_in_a_comment(tmp_path):
    text = LEAKY.replace("C.CString(label + s)\n", "C.CString(label + s) // the label\n")

    async def scenario():
        async with Editor() as editor:
            uri = editor.open(tmp_path / "main.go", text)
            (d,) = (await editor.published(uri)).diagnostics
            _, action = await asyncio.wait_for(editor.client.text_document_code_action_async(types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri), range=d.range,
                context=types.CodeActionContext(diagnostics=[]))), TIMEOUT)
            (edit,) = action.edit.changes[uri]
            assert (edit.range.start.line, edit.range.start.character) == (LEAK_LINE, 0)
            assert edit.new_text == "\t//cgolint:ignore CGO001 reason\n"
            lines = text.splitlines(keepends=True)
            lines.insert(LEAK_LINE, "\t//cgolint:ignore CGO001 a reason\n")
            editor.replace(uri, 2, "".join(lines))
            assert list((await editor.published(uri)).diagnostics) == []

    run(scenario())


def test_unsaved_c_file_changes_the_go_files_findings(tmp_path):
    """The package's .c file is linted from the editor's text too: a helper that frees its argument
    (on disk) no longer does (in the buffer), and the Go file's finding appears."""
    go = """package main

// #include <stdlib.h>
// void consume(char *s);
import "C"

func send(s string) {
	p := C.CString(s)
	C.consume(p)
}
"""
    c_free = "#include <stdlib.h>\nvoid consume(char *s) { free(s); }\n"
    c_keep = "#include <stdlib.h>\nvoid consume(char *s) { (void)s; }\n"
    write_tree(tmp_path, {"main.go": go, "consume.c": c_free})

    async def scenario():
        async with Editor() as editor:
            go_uri = editor.open(tmp_path / "main.go", go)
            assert list((await editor.published(go_uri)).diagnostics) == []
            c_uri = editor.open(tmp_path / "consume.c", c_keep, language="c")
            assert list((await editor.published(c_uri)).diagnostics) == []
            (d,) = (await editor.published(go_uri)).diagnostics
            assert (d.code, d.range.start.line) == ("CGO001", 7)

    run(scenario())


def test_configuration_error_is_shown_and_cleared(tmp_path):
    write_tree(tmp_path, {"cgolint.toml": 'select = ["CGO001"]\nfail-levl = "note"\n'})

    async def scenario():
        async with Editor() as editor:
            uri = editor.open(tmp_path / "main.go", LEAKY)
            message = await asyncio.wait_for(editor.messages.get(), TIMEOUT)
            assert message.type == types.MessageType.Error
            assert message.message.startswith(f"cgolint: {tmp_path / 'cgolint.toml'}: unknown key 'fail-levl'")
            assert list((await editor.published(uri)).diagnostics) == []
            # fixed and saved: the next lint uses it
            (tmp_path / "cgolint.toml").write_text('select = ["CGO001"]\n', encoding="utf-8")
            config_uri = editor.open(tmp_path / "cgolint.toml", 'select = ["CGO001"]\n', language="toml")
            editor.client.text_document_did_save(types.DidSaveTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=config_uri)))
            assert len((await editor.published(uri)).diagnostics) == 1
            assert editor.messages.empty()

    run(scenario())


def test_a_findings_fix_becomes_a_preferred_quick_fix(tmp_path):
    """Fixes are data on findings (issue 11 adds them to rules); the server turns one into a code
    action that edits exactly the fix's spans, in the client's units."""
    from pygls.workspace import Workspace

    from cgolint.findings import Edit, Fix
    from cgolint.server import build
    from cgolint.source import Position, Span

    server = build()
    server.protocol._workspace = Workspace(None, position_encoding=types.PositionEncodingKind.Utf16)
    line = LEAKY.splitlines()[LEAK_LINE]
    at = line.index("C.CString") + len("C.CString(label + s)")
    byte, utf16 = len(line[:at].encode()) + 1, units(line[:at], "utf-16") + 1
    edit = Edit(Span("main.go", Position(12, byte, utf16), Position(12, byte, utf16)),
                "; defer C.free(unsafe.Pointer(p))")
    diagnostic = types.Diagnostic(range=types.Range(start=types.Position(line=11, character=23),
                                                    end=types.Position(line=11, character=32)), message="leak")
    action = server.fix_action(tmp_path, Fix("Free p when size returns", (edit,)), diagnostic)
    assert (action.title, action.kind, action.is_preferred) == ("Free p when size returns", "quickfix", True)
    (text_edit,) = action.edit.changes[from_fs_path(str(tmp_path / "main.go"))]
    assert text_edit.range == types.Range(start=types.Position(line=11, character=utf16 - 1),
                                          end=types.Position(line=11, character=utf16 - 1))
    assert text_edit.new_text == "; defer C.free(unsafe.Pointer(p))"
