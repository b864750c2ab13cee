// Command ipcworker takes jobs from a System V queue and appends them to a locked spool file.
package main

/*
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

struct job_msg {
	long mtype;
	char body[256];
};

static int recv_job(int q, struct job_msg *m) { return (int)msgrcv(q, m, sizeof m->body, 0, 0); }

static int append_spool(int fd, const char *p, int n)
{
	if (flock(fd, LOCK_EX) != 0)
		return -1;
	int w = (int)write(fd, p, (size_t)n);
	flock(fd, LOCK_UN);
	return w == n ? 0 : -1;
}

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int pending;

static void wait_pending(void)
{
	pthread_mutex_lock(&mu);
	while (pending == 0)
		pthread_cond_wait(&cv, &mu);
	pending--;
	pthread_mutex_unlock(&mu);
}

static void *compactor(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	pending++;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	return NULL;
}

static pthread_t start_compactor(void)
{
	pthread_t t;
	pthread_create(&t, NULL, compactor, NULL);
	return t;
}

static int join_compactor(pthread_t t) { return pthread_join(t, NULL); }

static long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static int open_spool(const char *path) { return open(path, O_WRONLY | O_APPEND | O_CREAT, 0600); }
*/
import "C"

import (
	"encoding/hex"
	"log"
	"unsafe"
)

func main() {
	q := C.msgget(0x4a4f42, 0o600|C.IPC_CREAT)
	if q < 0 {
		log.Fatal("msgget failed")
	}
	sp := C.CString("/var/spool/ipcworker.log")
	fd := C.open_spool(sp)
	C.free(unsafe.Pointer(sp))

	var threads []C.pthread_t
	for i := 0; i < 4; i++ {
		threads = append(threads, C.start_compactor())
	}
	go func() {
		for {
			C.wait_pending() // not hot (relabelled): a dedicated goroutine that waits by design
			log.Print("compaction pass")
		}
	}()

	me := C.getpid()
	for {
		var m C.struct_job_msg
		if C.recv_job(q, &m) < 0 { // not hot (relabelled): main's job loop runs until recv_job fails, a dedicated worker
			break
		}
		start := C.now_ns()
		var nonce [8]byte
		C.getrandom(unsafe.Pointer(&nonce[0]), C.size_t(len(nonce)), 0) // not hot (relabelled): in main's dedicated job loop
		rec := hex.EncodeToString(nonce[:]) + " " + C.GoString(&m.body[0]) + "\n"
		cr := C.CString(rec)
		if C.append_spool(fd, cr, C.int(len(rec))) != 0 { // not hot (relabelled): in main's dedicated job loop
			log.Printf("worker %d: spool write failed", me)
		}
		C.free(unsafe.Pointer(cr))
		log.Printf("job took %dns", C.now_ns()-start)
	}
	for _, t := range threads {
		C.join_compactor(t) // want CGO003
	}
}
