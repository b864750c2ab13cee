package sqlexec

/*
#include <pthread.h>
#include <sqlite3.h>

typedef struct {
	int fired;
	pthread_mutex_t mu;
	pthread_cond_t cond;
} unlock_note;

static void unlock_fired(void **args, int n) {
	for (int i = 0; i < n; i++) {
		unlock_note *note = args[i];
		pthread_mutex_lock(&note->mu);
		note->fired = 1;
		pthread_cond_signal(&note->cond);
		pthread_mutex_unlock(&note->mu);
	}
}

// Waits until the connection holding the shared-cache lock lets go of it.
static int wait_for_unlock_notify(sqlite3 *db, unlock_note *note) {
	note->fired = 0;
	int rc = sqlite3_unlock_notify(db, unlock_fired, note);
	if (rc != SQLITE_OK) {
		return rc;
	}
	pthread_mutex_lock(&note->mu);
	while (!note->fired) {
		pthread_cond_wait(&note->cond, &note->mu);
	}
	pthread_mutex_unlock(&note->mu);
	return SQLITE_OK;
}
*/
import "C"

import "errors"

type Stmt struct {
	conn *Conn
	stmt *C.sqlite3_stmt
	note *C.unlock_note
}

// reset retries sqlite3_reset while another connection holds the shared-cache lock, waiting for
// it between tries. Called once per statement, the work per item is sqlite3_reset, which does not
// wait; the wait runs only under lock contention, between retries.
func (s *Stmt) reset() error {
	for {
		rc := C.sqlite3_reset(s.stmt)
		if rc != C.SQLITE_LOCKED_SHAREDCACHE {
			return nil
		}
		if C.wait_for_unlock_notify(s.conn.db, s.note) != C.SQLITE_OK {
			return errors.New("sqlexec: waiting for the shared-cache lock failed")
		}
	}
}

// ResetAll re-arms every cached statement.
func ResetAll(stmts []*Stmt) {
	for _, s := range stmts {
		s.reset()
	}
}

// step is the same retry loop around sqlite3_step: there the operation itself waits.
func (s *Stmt) step() (bool, error) {
	var rc C.int
	for {
		rc = C.sqlite3_step(s.stmt) // want CGO003 "C.sqlite3_step can block \(.*\) once per item: \(\*Stmt\)\.step is called at line 89 of retry.go; it runs in the loop over stmts at line 88 of retry.go"
		if rc != C.SQLITE_LOCKED_SHAREDCACHE {
			break
		}
		if C.wait_for_unlock_notify(s.conn.db, s.note) != C.SQLITE_OK {
			return false, errors.New("sqlexec: waiting for the shared-cache lock failed")
		}
		C.sqlite3_reset(s.stmt)
	}
	return rc == C.SQLITE_ROW, nil
}

// StepAll steps every statement once.
func StepAll(stmts []*Stmt) error {
	for _, s := range stmts {
		if _, err := s.step(); err != nil {
			return err
		}
	}
	return nil
}
