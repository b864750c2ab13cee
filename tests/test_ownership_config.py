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


QUEUE = '''package q

/*
#include <stdlib.h>
void msgqueue_push_steal(void *queue, char *buf);
*/
import "C"

import "unsafe"

func Push(q unsafe.Pointer, msg string) {
	C.msgqueue_push_steal(q, C.CString(msg))
}
'''


def test_adopting_name_is_assumed_owned_and_counted(lint):
    doc = json.loads(lint({"q.go": QUEUE}, "--format", "json").out)
    assert doc["findings"] == []
    assert doc["assumed_owned"]["count"] == 1
    site = doc["assumed_owned"]["sites"][0]
    assert (site["rule"], site["path"], site["line"], site["column"]) == ("CGO001", "q.go", 12, 27)
    assert site["message"].startswith("C.CString memory is passed to C.msgqueue_push_steal, assumed to take ownership")


def test_takes_ownership_table_can_say_a_function_borrows(lint):
    config = 'takes-ownership = [{ names = ["msgqueue_push_steal"], effect = "borrows" }]\n'
    doc = json.loads(lint({"q.go": QUEUE, "cgolint.toml": config}, "--format", "json").out)
    assert [(f["rule"], f["line"]) for f in doc["findings"]] == [("CGO001", 12)]
    assert doc["assumed_owned"]["count"] == 0


def test_takes_ownership_table_adds_an_argument(lint):
    config = 'takes-ownership = [{ names = ["list_adopt"], arg = 0 }]\n'
    assert json.loads(lint({"p.go": SRC, "cgolint.toml": config}, "--format", "json").out)["findings"] == []
    config = 'takes-ownership = [{ names = ["list_adopt"], arg = 1 }]\n'  # another argument: still leaks
    assert len(json.loads(lint({"p.go": SRC, "cgolint.toml": config}, "--format", "json").out)["findings"]) == 1


META = '''package m

/*
#include <stdlib.h>
void set_labels(void *obj, const char *name, const char *title, const char *note);
*/
import "C"

import "unsafe"

func Label(obj unsafe.Pointer, name, title, note string) {
	C.set_labels(obj, C.CString(name), C.CString(title), C.CString(note))
}
'''


def test_takes_ownership_table_takes_a_list_of_arguments(lint):
    leaked = json.loads(lint({"m.go": META}, "--format", "json").out)["findings"]
    assert [(f["line"], f["column"]) for f in leaked] == [(12, 20), (12, 37), (12, 55)]
    config = 'takes-ownership = [{ names = ["set_labels"], arg = [1, 3], effect = "keeps" }]\n'
    kept = json.loads(lint({"m.go": META, "cgolint.toml": config}, "--format", "json").out)["findings"]
    assert [(f["line"], f["column"]) for f in kept] == [(12, 37)]  # the title (argument 2) is still copied
    for arg, why in (("[]", "'arg' must be an argument index or a non-empty list of them"),
                     ("[1, -1]", "'arg' must be a 0-based argument index (0, 1, 2 ...), not -1"),
                     ('["1"]', "'arg' must be a 0-based argument index (0, 1, 2 ...), not '1'")):
        config = f'takes-ownership = [{{ names = ["set_labels"], arg = {arg} }}]\n'
        result = lint({"m.go": META, "cgolint.toml": config})
        assert result.code == 2 and why in result.err and "Traceback" not in result.err, result.err


def test_takes_ownership_table_errors_are_clear(lint):
    result = lint({"p.go": SRC, "cgolint.toml": 'takes-ownership = [{ names = ["f"], effect = "adopts" }]\n'})
    assert result.code == 2
    assert "takes-ownership[0]: 'effect' must be one of takes, keeps, borrows, frees, not 'adopts'" in result.err
    assert "Traceback" not in result.err


def test_every_catalog_entry_cites_its_documentation():
    from cgolint.facts.owners import builtin_owners
    owners = builtin_owners()
    assert {"g_variant_new_take_string", "g_string_new_take", "g_value_take_string", "g_strv_builder_take",
            "g_test_init", "gtk_init", "gtk_init_check", "gtk_test_init", "CFStringCreateWithCStringNoCopy",
            "CFStringCreateWithBytesNoCopy", "CFDataCreateWithBytesNoCopy", "sqlite3_result_text",
            "sqlite3_result_blob", "sqlite3_result_text64", "sqlite3_result_blob64", "sqlite3_bind_text",
            "sqlite3_bind_blob", "sqlite3_bind_text64", "sqlite3_bind_blob64", "putenv",
            "gst_element_class_set_static_metadata", "gst_element_class_add_static_metadata"} <= {o.name for o in owners}
    for owner in owners:
        assert owner.source.startswith("https://") and owner.why, owner.name


POOL = '''package pool

/*
#include <stdio.h>
// From an allocator library: releases memory from malloc, like free().
void pool_release(void *p);
*/
import "C"

import "unsafe"

func Label(name string) int {
	cname := C.CString(name)
	if C.puts(cname) < 0 {
		return -1
	}
	C.pool_release(unsafe.Pointer(cname))
	return 0
}
'''


def test_takes_ownership_table_can_name_a_library_free(lint):
    unknown = json.loads(lint({"pool.go": POOL}, "--format", "json").out)["findings"]
    assert [(f["rule"], f["line"]) for f in unknown] == [("CGO001", 13)]
    assert "not freed when returning at line 15; if C.pool_release, C.puts only borrow it" in unknown[0]["message"]
    config = 'takes-ownership = [{ names = ["pool_release"], effect = "frees" }]\n'
    freed = json.loads(lint({"pool.go": POOL, "cgolint.toml": config}, "--format", "json").out)["findings"]
    assert [(f["rule"], f["line"]) for f in freed] == [("CGO001", 13)]
    assert freed[0]["message"].startswith(
        "cname (from C.CString) is not freed when returning at line 15; replace the free at line 17 with "
        "`defer C.free(unsafe.Pointer(cname))` right after the allocation (do not add a second free)")
