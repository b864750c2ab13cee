// Command jobrunner starts a batch of programs, reaps them, then runs hooks.
package main

/*
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

// spawn only forks and execs; the parent returns at once.
static pid_t spawn(const char *path)
{
	pid_t pid = fork();
	if (pid == 0) {
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static int exit_code(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

static int run_shell(const char *cmd) { return system(cmd); }

static FILE *start_job(const char *cmd) { return popen(cmd, "r"); }

static int read_output(FILE *p, char *buf, int n) { return fgets(buf, n, p) != NULL; }

static int finish_job(FILE *p)
{
	int st = pclose(p);
	if (st != 0)
		fprintf(stderr, "job exited with status %d\n", st);
	return st;
}
*/
import "C"

import (
	"log"
	"os"
	"strings"
	"unsafe"
)

type job struct{ Name, Path string }

func loadJobs(args []string) []job {
	jobs := make([]job, 0, len(args))
	for _, a := range args {
		name, path, ok := strings.Cut(a, "=")
		if !ok {
			path = name
		}
		jobs = append(jobs, job{Name: name, Path: path})
	}
	return jobs
}

// collect runs cmd through the shell and returns its output lines.
func collect(cmd string) []string {
	cc := C.CString(cmd)
	defer C.free(unsafe.Pointer(cc))
	p := C.start_job(cc)
	if p == nil {
		return nil
	}
	var lines []string
	var buf [512]C.char
	for C.read_output(p, &buf[0], C.int(len(buf))) != 0 { // not hot (relabelled): a protocol loop, read until the C call says EOF
		lines = append(lines, strings.TrimRight(C.GoString(&buf[0]), "\n"))
	}
	C.finish_job(p)
	return lines
}

func main() {
	running := map[C.pid_t]string{}
	for _, j := range loadJobs(os.Args[1:]) {
		cp := C.CString(j.Path)
		pid := C.spawn(cp)
		C.free(unsafe.Pointer(cp))
		if pid < 0 {
			log.Printf("%s: fork failed", j.Name)
			continue
		}
		running[pid] = j.Name
	}

	failed := 0
	for len(running) > 0 {
		var status C.int
		pid := C.waitpid(-1, &status, 0) // not hot (relabelled): waits for the children until none is left, one logical wait
		if pid < 0 {
			break
		}
		if code := C.exit_code(status); code != 0 {
			log.Printf("%s exited with %d", running[pid], code)
			failed++
		}
		delete(running, pid)
	}

	for _, hook := range []string{"sync", "logger jobrunner done"} {
		ch := C.CString(hook)
		if C.run_shell(ch) != 0 { // want CGO003
			log.Printf("hook %q failed", hook)
		}
		C.free(unsafe.Pointer(ch))
	}

	for _, l := range collect("uptime") {
		log.Print(l)
	}
	if failed > 0 {
		os.Exit(1)
	}
}
