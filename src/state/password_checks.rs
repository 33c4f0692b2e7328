//! Password checks on a few threads of their own, behind a short, bounded queue.
//!
//! Each argon2id check needs 19 MiB. Allocated afresh per check (on tokio's blocking pool)
//! glibc did not reuse the freed buffers, and a flood of sign-ins left the process holding
//! gigabytes (see `domain::HashMemory`). Here each of a few threads owns one buffer for
//! every check it runs, so memory is threads × 19 MiB whatever the load, and a request
//! that finds the queue full is told to retry (503) at once instead of waiting.

use crate::domain::HashMemory;
use crate::error::AppError;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

/// Checks that may wait for a thread, per thread: with a check taking ~25–60 ms, a full
/// queue clears in well under a second.
const QUEUE_PER_THREAD: usize = 8;

struct Job {
    stored_hash: Option<String>,
    candidate: String,
    answer: oneshot::Sender<bool>,
    /// Held until the check is done, so the slot frees only when the memory does.
    _slot: OwnedSemaphorePermit,
}

/// The password-checking threads; cheap to clone. The threads end when the last clone is
/// dropped.
#[derive(Clone)]
pub struct PasswordChecks {
    jobs: Sender<Job>,
    /// Checks running or queued; `try_acquire` on it is the admission test.
    slots: Arc<Semaphore>,
}

/// A place in the queue, taken before any other work for a sign-in so that a refused one
/// costs nothing.
pub struct Slot(OwnedSemaphorePermit);

impl PasswordChecks {
    /// `threads` checking threads (at least one) and room for `QUEUE_PER_THREAD` waiting
    /// checks each.
    pub fn new(threads: usize) -> Self {
        let threads = threads.max(1);
        let (jobs, queue) = channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let mut started = 0;
        for n in 0..threads {
            let queue = Arc::clone(&queue);
            let spawned = std::thread::Builder::new()
                .name(format!("password-check-{n}"))
                .spawn(move || work(&queue));
            match spawned {
                Ok(_) => started += 1,
                Err(e) => tracing::error!(error = %e, "cannot start a password-check thread"),
            }
        }
        PasswordChecks {
            jobs,
            slots: Arc::new(Semaphore::new(started * (1 + QUEUE_PER_THREAD))),
        }
    }

    /// One thread per core: checks are pure CPU.
    pub fn per_core() -> Self {
        Self::new(std::thread::available_parallelism().map_or(2, |n| n.get()))
    }

    /// A place in the queue, or `Busy` when it is full.
    pub fn reserve(&self) -> Result<Slot, AppError> {
        Arc::clone(&self.slots)
            .try_acquire_owned()
            .map(Slot)
            .map_err(|_| AppError::Busy)
    }

    /// Checks `candidate` against `stored_hash` (or, with no account, against a decoy so
    /// the time taken does not reveal which emails exist).
    pub async fn check(
        &self,
        slot: Slot,
        stored_hash: Option<String>,
        candidate: String,
    ) -> Result<bool, AppError> {
        let (answer, answered) = oneshot::channel();
        self.jobs
            .send(Job {
                stored_hash,
                candidate,
                answer,
                _slot: slot.0,
            })
            .map_err(|_| AppError::Internal("no password-check thread is running".to_owned()))?;
        answered
            .await
            .map_err(|_| AppError::Internal("a password check did not finish".to_owned()))
    }
}

fn work(queue: &Mutex<Receiver<Job>>) {
    let mut memory = HashMemory::new();
    loop {
        // The lock is held only while taking a job, never while checking one.
        let next = queue
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .recv();
        let Ok(job) = next else {
            return; // every PasswordChecks is gone
        };
        let Job {
            stored_hash,
            candidate,
            answer,
            _slot: slot,
        } = job;
        let verified = memory.password_matches(stored_hash.as_deref(), &candidate);
        // The slot frees before the answer goes out, so whoever is told can reserve again
        // at once (the buffer is already free for the next check).
        drop(slot);
        // The request may have gone away meanwhile; nobody is left to tell.
        let _ = answer.send(verified);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn checks_answer_and_a_full_queue_refuses_at_once() {
        let checks = PasswordChecks::new(1);
        let hash = crate::domain::Password::parse("a long enough password")
            .unwrap()
            .hash()
            .unwrap();
        let slot = checks.reserve().unwrap();
        assert!(
            checks
                .check(slot, Some(hash.clone()), "a long enough password".into())
                .await
                .unwrap()
        );
        let slot = checks.reserve().unwrap();
        assert!(
            !checks
                .check(slot, Some(hash), "wrong password".into())
                .await
                .unwrap()
        );

        let held: Vec<Slot> = (0..1 + QUEUE_PER_THREAD)
            .map(|_| checks.reserve().unwrap())
            .collect();
        assert!(matches!(checks.reserve(), Err(AppError::Busy)));
        drop(held);
        assert!(checks.reserve().is_ok(), "slots come back when released");
    }
}
