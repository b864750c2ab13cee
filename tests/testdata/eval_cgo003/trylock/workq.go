// Package workq moves events from a socket into a shared table guarded by C locks.
package workq

/*
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/epoll.h>

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static sem_t slots;

static pthread_mutex_t *table_mutex(void) { return &table_mu; }
static sem_t *slot_sem(void) { return &slots; }
static int init_slots(unsigned n) { return sem_init(&slots, 0, n); }

static int ready_now(int fd)
{
	struct pollfd p = {fd, POLLIN, 0};
	return poll(&p, 1, 0) > 0;
}

static int wait_ready(int fd, int ms)
{
	struct pollfd p = {fd, POLLIN, 0};
	return poll(&p, 1, ms) > 0;
}

static int drain_events(int ep, struct epoll_event *evs, int max) { return epoll_wait(ep, evs, max, 0); }
static int wait_events(int ep, struct epoll_event *evs, int max) { return epoll_wait(ep, evs, max, -1); }
*/
import "C"

import (
	"errors"
	"sync/atomic"
)

type Queue struct {
	fd, ep    C.int
	timeoutMs int
	stop      atomic.Bool
	table     map[int]int
	events    [64]C.struct_epoll_event
}

func New(fd, ep, slots int) (*Queue, error) {
	if C.init_slots(C.uint(slots)) != 0 {
		return nil, errors.New("workq: sem_init failed")
	}
	return &Queue{fd: C.int(fd), ep: C.int(ep), timeoutMs: 50, table: map[int]int{}}, nil
}

func (q *Queue) Stop() { q.stop.Store(true) }

func (q *Queue) merge(n C.int) {
	for i := 0; i < int(n); i++ {
		q.table[i]++
	}
}

// Pump never waits: it skips whatever is busy and comes back later.
func (q *Queue) Pump() {
	var pfd C.struct_pollfd
	for !q.stop.Load() {
		if C.pthread_mutex_trylock(C.table_mutex()) == 0 {
			q.merge(C.drain_events(q.ep, &q.events[0], C.int(len(q.events))))
			C.pthread_mutex_unlock(C.table_mutex())
		}
		if C.sem_trywait(C.slot_sem()) == 0 {
			q.table[-1]++
			C.sem_post(C.slot_sem())
		}
		pfd.fd = q.fd
		pfd.events = C.POLLIN
		if C.poll(&pfd, 1, 0) > 0 && C.ready_now(q.fd) != 0 {
			q.table[-2]++
		}
	}
}

// Work blocks on the lock, a slot and the socket in turn.
func (q *Queue) Work() {
	var pfd C.struct_pollfd
	for !q.stop.Load() {
		C.pthread_mutex_lock(C.table_mutex()) // not hot (relabelled): a worker loop that runs until told to stop
		q.table[0]++
		C.pthread_mutex_unlock(C.table_mutex())

		C.sem_wait(C.slot_sem()) // not hot (relabelled): a worker loop that runs until told to stop
		pfd.fd = q.fd
		pfd.events = C.POLLIN
		if C.poll(&pfd, 1, C.int(q.timeoutMs)) == 0 { // not hot (relabelled): a worker loop that runs until told to stop
			C.sem_post(C.slot_sem())
			continue
		}
		if C.wait_ready(q.fd, 0) != 0 { // not hot (relabelled): a worker loop that runs until told to stop
			q.merge(C.wait_events(q.ep, &q.events[0], C.int(len(q.events)))) // not hot (relabelled): a worker loop that runs until told to stop
		}
		C.sem_post(C.slot_sem())
	}
}
