"""The shared ownership analysis's configuration: takes-ownership."""

from __future__ import annotations

import json

SRC = '''package p

/*
#include <stdlib.h>
static void list_adopt(char *s) {}
*/
import "C"

func Add(name string) {
	C.list_adopt(C.CString(name))
}
'''


def test_takes_ownership_silences_handover(lint):
    leaked = json.loads(lint({"p.go": SRC}, "--format", "json").out)["findings"]
    assert [(f["rule"], f["line"]) for f in leaked] == [("CGO001", 10)]
    assert "passed straight to C.list_adopt" in leaked[0]["message"]
    adopted = lint({"p.go": SRC, "cgolint.toml": 'takes-ownership = ["C.list_adopt"]\n'}, "--format", "json")
    assert json.loads(adopted.out)["findings"] == []


def test_takes_ownership_must_be_a_list(lint):
    result = lint({"p.go": SRC, "cgolint.toml": 'takes-ownership = "C.list_adopt"\n'})
    assert result.code == 2 and "'takes-ownership' must be a list of calls" in result.err
