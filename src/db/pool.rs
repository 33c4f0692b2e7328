//! Reads that may take more than a millisecond (searches, aggregates, pages deep in a
//! listing, the desk) run here, on a few threads of their own, so the async worker threads
//! keep serving the cheap pages; when the queue is full a request is refused at once.
//!
//! Each pool thread reads through its own thread-local connection (see `Db::read`), so a
//! slow read costs one thread hop and no pool checkout.

use crate::error::AppError;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

/// How many slow reads run at once and how many may wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlowReadLimits {
    pub threads: usize,
    /// Reads waiting for a thread; one more is refused with `AppError::Overloaded`.
    pub queue: usize,
}

impl Default for SlowReadLimits {
    /// One thread per core: a slow read is CPU-bound, so more threads only share the same
    /// cores. A queue of 32 is a few seconds of work at worst (every search is budgeted).
    fn default() -> Self {
        SlowReadLimits {
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()),
            queue: 32,
        }
    }
}

/// A slow read: does the work and returns what delivers its answer. The pool frees the
/// job's place between the two, so whoever gets the answer may queue again at once.
pub(super) type Job = Box<dyn FnOnce() -> Deliver + Send>;
pub(super) type Deliver = Box<dyn FnOnce() + Send>;

pub(super) struct SlowReads {
    jobs: Sender<Job>,
    /// Jobs queued or running; counted here rather than by a bounded channel so that the
    /// bound holds exactly, whether or not a thread happens to be waiting at that instant.
    pending: Arc<AtomicUsize>,
    capacity: usize,
}

impl SlowReads {
    /// Starts the threads; they end when the pool is dropped and the queue is empty.
    pub(super) fn start(limits: SlowReadLimits) -> Result<SlowReads, AppError> {
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let pending = Arc::new(AtomicUsize::new(0));
        let threads = limits.threads.max(1);
        for n in 0..threads {
            let (queue, pending) = (Arc::clone(&queue), Arc::clone(&pending));
            std::thread::Builder::new()
                .name(format!("slow-read-{n}"))
                .spawn(move || work(&queue, &pending))
                .map_err(|e| AppError::Internal(format!("cannot start a read thread: {e}")))?;
        }
        Ok(SlowReads {
            jobs,
            pending,
            capacity: threads + limits.queue,
        })
    }

    /// Queues `job`, or refuses when every thread is busy and the queue is full.
    pub(super) fn submit(&self, job: Job) -> Result<(), AppError> {
        if self.pending.fetch_add(1, Ordering::AcqRel) >= self.capacity {
            self.pending.fetch_sub(1, Ordering::AcqRel);
            return Err(AppError::Overloaded);
        }
        self.jobs.send(job).map_err(|_| {
            self.pending.fetch_sub(1, Ordering::AcqRel);
            AppError::Internal("the read threads stopped".into())
        })
    }
}

/// The crate's 0–99 scale; 22 is nice 10 on Linux (CPU weight 110 against 1024 at nice 0).
const SLOW_READ_PRIORITY: u8 = 22;

fn work(queue: &Mutex<Receiver<Job>>, pending: &AtomicUsize) {
    // A slow read yields the CPU to the threads answering verdict pages and health checks
    // whenever they have work: with both cores busy searching, /healthz waited up to 375 ms.
    let lower = thread_priority::ThreadPriorityValue::try_from(SLOW_READ_PRIORITY)
        .map_err(|e| e.to_string())
        .and_then(|value| {
            thread_priority::set_current_thread_priority(
                thread_priority::ThreadPriority::Crossplatform(value),
            )
            .map_err(|e| e.to_string())
        });
    if let Err(e) = lower {
        tracing::warn!(error = %e, "cannot lower the priority of a slow-read thread");
    }
    loop {
        // The lock is held only while waiting for the next job, never while running one.
        let job = {
            let queue = queue
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            queue.recv()
        };
        let Ok(job) = job else { return };
        // A panicking read fails its own request (its answer channel drops), not the thread.
        let deliver = std::panic::catch_unwind(AssertUnwindSafe(job));
        pending.fetch_sub(1, Ordering::AcqRel);
        match deliver {
            Ok(deliver) => deliver(),
            Err(_) => tracing::error!("a slow read panicked"),
        }
    }
}
