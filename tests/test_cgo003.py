"""CGO003 behaviour that labelled fixtures cannot show: configuration, platform variants, data."""

from __future__ import annotations

import json

from cgolint.facts.blocking import load_catalog

LOOP = '''package p

/*
#include <unistd.h>
#include <fcntl.h>
static int wait_io(int fd) {{ return (int)read(fd, 0, 0); }}
{extra}
*/
import "C"

func Loop(fds []int) {{
	for _, fd := range fds {{
		{call}
	}}
}}
'''


def cgo003(lint, files, *args):
    result = lint(files, "--format", "json", "--select", "CGO003", *args)
    assert result.code in (0, 1), result.err
    return [(f["path"], f["line"], f["message"]) for f in json.loads(result.out)["findings"]]


def test_blocking_in_loop_is_reported_with_its_chain(lint):
    [(path, line, message)] = cgo003(lint, {"p.go": LOOP.format(extra="", call="C.wait_io(C.int(fd))")})
    assert (path, line) == ("p.go", 13)
    assert message.startswith("C.wait_io can block (wait_io → read: ")
    assert " once per item: it runs in the loop over fds at line 12 of p.go. " in message
    assert message.endswith("Serve all the items with one batch, one crossing (the loop on the C side) or one transaction.")
    assert "GC" not in message and "stop-the-world" not in message  # the fact sheet: cgo calls do not stretch STW


def test_disable_a_group(lint):
    files = {"p.go": LOOP.format(extra="", call="C.wait_io(C.int(fd))"),
             "cgolint.toml": '[rules.CGO003]\ndisable = ["fd-io"]\n'}
    assert cgo003(lint, files) == []


def test_add_a_group(lint):
    files = {"p.go": LOOP.format(extra="int mydb_query(int fd);", call="C.mydb_query(C.int(fd))"),
             "cgolint.toml": '[[rules.CGO003.group]]\nid = "mydb"\nkind = "wait"\nwhy = "waits for the database"\n'
                             'names = ["mydb_query"]\n'}
    [(_, _, message)] = cgo003(lint, files)
    assert message.startswith("C.mydb_query can block (waits for the database)")


def test_hot_functions_pattern(lint):
    src = '''package p

// #include <unistd.h>
import "C"

func HandleJob() { C.sleep(1) }

func Setup() { C.sleep(1) }
'''
    files = {"p.go": src, "cgolint.toml": '[rules.CGO003]\nhot-functions = ["Handle*"]\n'}
    assert [(line, m.split(" in request-serving code: ")[1].split(".")[0]) for _, line, m in cgo003(lint, files)] == [
        (6, "HandleJob matches the configured hot-functions")
    ]


def test_bad_group_config_is_an_error(lint):
    files = {"p.go": LOOP.format(extra="", call="C.wait_io(C.int(fd))"),
             "cgolint.toml": '[[rules.CGO003.group]]\nid = "x"\nkind = "slow"\nwhy = "w"\nnames = ["f"]\n'}
    result = lint(files)
    assert result.code == 2
    assert "rules.CGO003.group[0]: kind must be one of wait, long-running, not 'slow'" in result.err


def test_fcntl_blocks_only_with_setlkw(lint):
    call = "C.fcntl(C.int(fd), C.F_SETFL, 0)\n\t\tC.fcntl(C.int(fd), C.F_SETLKW, 0)"
    got = cgo003(lint, {"p.go": LOOP.format(extra="", call=call)})
    assert [line for _, line, _ in got] == [14]


def test_poll_with_zero_timeout_does_not_block(lint):
    src = LOOP.replace("#include <unistd.h>", "#include <poll.h>").format(
        extra="", call="C.poll(nil, 0, 0)\n\t\tC.poll(nil, 0, C.int(0))\n\t\tC.poll(nil, 0, -1)")
    assert [line for _, line, _ in cgo003(lint, {"p.go": src})] == [15]


def test_platform_variants_follow_the_go_files_constraints(lint):
    c_linux = "#include <unistd.h>\nint next_event(void) { return usleep(10); }\n"
    c_darwin = "int next_event(void) { return 0; }\n"
    go = '''package p

// int next_event(void);
import "C"

//cgolint:hot
func Pump() {
	C.next_event()
}
'''
    files = {"ev_linux.c": c_linux, "ev_darwin.c": c_darwin}
    # The Go file builds for linux: the linux variant blocks.
    assert [line for _, line, _ in cgo003(lint, {**files, "pump_linux.go": go})] == [8]


def test_platform_variants_undecided_stay_quiet(lint):
    files = {
        "ev_linux.c": "#include <unistd.h>\nint next_event(void) { return usleep(10); }\n",
        "ev_darwin.c": "int next_event(void) { return 0; }\n",
        "pump.go": 'package p\n\n// int next_event(void);\nimport "C"\n\n//cgolint:hot\nfunc Pump() {\n\tC.next_event()\n}\n',
    }
    assert cgo003(lint, files) == []


def test_if_branches_are_variants_too(lint):
    src = '''package p

/*
#include <unistd.h>
#if defined(_WIN32)
static int tick(void) { return 0; }
#elif defined(__linux__)
static int tick(void) { return usleep(5); }
#endif
*/
import "C"

//cgolint:hot
func Spin() {
	C.tick()
}
'''
    assert cgo003(lint, {"spin.go": src}) == []  # no constraint on the Go file: the variants disagree
    assert [line for _, line, _ in cgo003(lint, {"spin.go": src.replace("package p", "//go:build linux\n\npackage p")})] \
        == [17]


def test_catalog_groups_are_well_formed():
    catalog = load_catalog()
    ids = [g.id for g in catalog.groups]
    assert len(ids) == len(set(ids)) and len(ids) >= 25
    assert {g.kind for g in catalog.groups} == {"wait", "long-running"}
    for name in ("fread", "PQexec", "sqlite3_step", "curl_easy_perform", "rd_kafka_poll", "SSL_read", "getaddrinfo"):
        assert catalog.group_of(name) is not None and catalog.group_of(name).kind == "wait", name
    for name in ("swr_convert", "EVP_EncryptFinal_ex", "deflate", "ZSTD_compress"):
        assert catalog.group_of(name).kind == "long-running", name
    for name in ("pthread_mutex_trylock", "sem_trywait", "strlen", "malloc", "ZSTD_compressBound"):
        assert catalog.group_of(name) is None, name


def test_c_call_graph_cycles(lint):
    src = '''package p

/*
#include <unistd.h>
static int pong(int n);
static int ping(int n) { return n > 0 ? pong(n - 1) : 0; }
static int pong(int n) { if (n == 7) read(0, 0, 0); return ping(n); }
static int odd(int n);
static int even(int n) { return n == 0 ? 1 : odd(n - 1); }
static int odd(int n) { return n == 0 ? 0 : even(n - 1); }
*/
import "C"

func Loop() {
	for i := 0; i < 3; i++ {
		C.ping(C.int(i))
		C.even(C.int(i))
	}
}
'''
    got = cgo003(lint, {"p.go": src})
    assert [(line, m.split(" once per item")[0]) for _, line, m in got] == [
        (16, "C.ping can block (ping → pong → read: waits on a pipe, socket or terminal, or for the disk)")
    ]


def test_wait_loops_and_scanning_loops(lint):
    """A loop that yields until another thread moves on is a wait; a loop that scans memory is not
    (the string loops of SQLite's sqlite3Atoi64 and printf were taken for waits)."""
    src = '''package p

/*
#include <sched.h>
#include <stdatomic.h>
static atomic_int ready;
static int wait_yield(volatile int *flag) { while (!*flag) sched_yield(); return 1; }
static int wait_atomic(void) { while (atomic_load(&ready) == 0) ; return 1; }
static int skip_zeros(const char *z) { int i; for (i = 0; z[i] == '0'; i++) {} return i; }
static int skip_digits(const char *z) { const char *p = z; while (*p >= '0' && *p <= '9') p++; return (int)(p - z); }
static int count(const char *z) { int n = 0; while (z[n++]) ; return n; }
*/
import "C"

import "net/http"

func Handle(w http.ResponseWriter, r *http.Request) {
	var flag C.int
	C.wait_yield(&flag)
	C.wait_atomic()
	C.skip_zeros(nil)
	C.skip_digits(nil)
	C.count(nil)
}
'''
    got = cgo003(lint, {"p.go": src})
    assert [(line, m.split(" in request-serving code")[0]) for _, line, m in got] == [
        (19, "C.wait_yield can block (wait_yield → a wait loop: spins until a condition changes)"),
        (20, "C.wait_atomic can block (wait_atomic → a wait loop: spins until a condition changes)"),
    ]


def test_io_that_only_a_forked_child_does_before_it_exits_does_not_block_the_caller(lint):
    """runc's spawn_userns_cat: the parent returns the child's pid at once; the child reads and
    writes, then exits. Only the child waits. With a return before the exit the caller waits too."""
    child = '''
static int cat_in_child(const char *path, int outfd) {
	char buf[4096];
	pid_t child = fork();
	if (child != 0)
		return child;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		exit(1);
	int n;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		int done = 0;
		while (done < n)
			done += write(outfd, buf + done, n - done);
	}
	exit(0);
}
static int cat_here(const char *path, int outfd) {
	char buf[4096];
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	exit(0);
}
'''
    src = LOOP.replace("#include <fcntl.h>", "#include <fcntl.h>\n#include <stdlib.h>").format(
        extra=child, call="C.cat_in_child(nil, C.int(fd))\n\t\tC.cat_here(nil, C.int(fd))")
    got = cgo003(lint, {"p.go": src})
    assert [(line, m.split(" once per item")[0]) for _, line, m in got] == [
        (39, "C.cat_here can block (cat_here → open: waits for the other end of a FIFO, or for the network on an "
             "NFS or FUSE path)"),
    ]


def test_an_invalid_utf8_byte_does_not_cost_the_package_its_findings(lint):
    """One bad byte in an import path and in a Go callee: the rules read names leniently and the
    handler's blocking call is still reported (it was an internal error for the whole package)."""
    src = LOOP.format(extra="", call="C.wait_io(C.int(fd))").encode().replace(
        b'import "C"\n', b'import "C"\n\nimport "example.com/\xffbad"\n\nfunc h() { bad.Call\xffed() }\n')
    result = lint({"p.go": src}, "--format", "json", "--select", "CGO003")
    doc = json.loads(result.out)
    assert [p for p in doc["problems"] if "internal error" in p["message"]] == []
    assert [(f["rule"], f["line"]) for f in doc["findings"]] == [("CGO003", 17)]
