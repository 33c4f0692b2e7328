//! The HTTP server: accepts connections, bounds how many are open and how long a client may
//! take to send a request, and shuts down gracefully. `axum::serve` applies no timeout at
//! all, so idle and half-sent connections stayed until the peer closed them.
//!
//! - A request head must arrive within `header_timeout`, and hyper starts that clock as
//!   soon as a connection waits for its next request, so an idle keep-alive connection is
//!   closed after the same time. (Request bodies are timed in `web::admission`.)
//! - At `max_connections`, a new connection first closes the connection that has waited
//!   longest without a request in progress (nginx does the same with keep-alive
//!   connections); only when every connection is busy is the new one closed. Either is
//!   logged, at most once every few seconds.

use axum::extract::ConnectInfo;
use futures_util::future::Either;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};

/// How connections are bounded (flags in `cli::ServeArgs`).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time to send a whole request head, and the most a connection may sit idle.
    pub header_timeout: Duration,
    /// Open connections at most (see the module comment).
    pub max_connections: usize,
    /// On shutdown, how long requests in progress may take to finish.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(10),
            max_connections: 1024,
            shutdown_grace: Duration::from_secs(10),
        }
    }
}

/// File descriptors kept back from connections: the database and its WAL and shared-memory
/// files for every thread's connection, the listener, logs.
const RESERVED_FILES: u64 = 64;
/// Largest request head (start line and headers) a connection buffers.
const MAX_HEAD_BYTES: usize = 64 * 1024;
/// Refusals and evictions are logged at most this often.
const LOG_EVERY: Duration = Duration::from_secs(5);

/// Raises the soft limit on open files to the hard limit and returns how many connections
/// fit under it (see `RESERVED_FILES`).
pub fn connection_capacity() -> usize {
    let limit = match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => limit,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read or raise the open-file limit; assuming 1024");
            1024
        }
    };
    let capacity = limit.saturating_sub(RESERVED_FILES).max(16);
    usize::try_from(capacity).unwrap_or(usize::MAX)
}

/// One open connection, as the accept loop sees it.
struct Connection {
    in_flight: AtomicUsize,
    /// When it last finished a request (or was accepted), as `ticks()`: an atomic, as every
    /// request's end writes it and only the rare eviction reads it.
    idle_since: AtomicU64,
    close: Notify,
}

/// Nanoseconds since the first call: a clock that fits in an atomic.
fn ticks() -> u64 {
    static START: OnceLock<Instant> = OnceLock::new();
    let elapsed = START.get_or_init(Instant::now).elapsed().as_nanos();
    u64::try_from(elapsed).unwrap_or(u64::MAX)
}

/// Counts a request as in progress on its connection until dropped.
struct InFlight(Arc<Connection>);

impl InFlight {
    fn start(connection: &Arc<Connection>) -> InFlight {
        connection.in_flight.fetch_add(1, Ordering::AcqRel);
        InFlight(Arc::clone(connection))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.idle_since.store(ticks(), Ordering::Release);
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

#[derive(Default)]
struct Registry {
    next_id: u64,
    open: HashMap<u64, Arc<Connection>>,
}

/// The open connections, shared by the accept loop and the connection tasks.
#[derive(Clone)]
struct Connections {
    registry: Arc<Mutex<Registry>>,
    /// How many are open, for the shutdown to wait on.
    count: Arc<watch::Sender<usize>>,
}

impl Connections {
    fn new() -> Self {
        Connections {
            registry: Arc::default(),
            count: Arc::new(watch::Sender::new(0)),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Registry> {
        self.registry
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn add(&self) -> (u64, Arc<Connection>) {
        let mut registry = self.lock();
        let id = registry.next_id;
        registry.next_id += 1;
        let connection = Arc::new(Connection {
            in_flight: AtomicUsize::new(0),
            idle_since: AtomicU64::new(ticks()),
            close: Notify::new(),
        });
        registry.open.insert(id, Arc::clone(&connection));
        self.count.send_replace(registry.open.len());
        (id, connection)
    }

    fn remove(&self, id: u64) {
        let mut registry = self.lock();
        registry.open.remove(&id);
        self.count.send_replace(registry.open.len());
    }

    fn len(&self) -> usize {
        self.lock().open.len()
    }

    /// Closes the connection idle for longest; false when every connection is busy.
    fn evict_idle(&self) -> bool {
        let mut registry = self.lock();
        let oldest = registry
            .open
            .iter()
            .filter(|(_, c)| c.in_flight.load(Ordering::Acquire) == 0)
            .min_by_key(|(_, c)| c.idle_since.load(Ordering::Acquire))
            .map(|(id, _)| *id);
        match oldest.and_then(|id| registry.open.remove(&id)) {
            Some(connection) => {
                // A stored permit: the task sees it even if it is not waiting yet.
                connection.close.notify_one();
                self.count.send_replace(registry.open.len());
                true
            }
            None => false,
        }
    }
}

/// What happened at the connection limit since it was last logged.
#[derive(Default)]
struct Pressure {
    evicted: u64,
    refused: u64,
    out_of_files: u64,
    logged_at: Option<Instant>,
}

impl Pressure {
    fn log(&mut self, open: usize, limits: &Limits) {
        let now = Instant::now();
        if self.logged_at.is_some_and(|at| now - at < LOG_EVERY) {
            return;
        }
        tracing::warn!(
            open,
            max_connections = limits.max_connections,
            closed_idle = self.evicted,
            refused_busy = self.refused,
            out_of_file_descriptors = self.out_of_files,
            "connection limit reached: idle connections were closed to admit new ones"
        );
        *self = Pressure {
            logged_at: Some(now),
            ..Pressure::default()
        };
    }
}

/// A site that may answer some requests from what it keeps, before the request is turned
/// into the one its routes take (`web::kept`).
pub trait KeptAnswers {
    fn ready<B: hyper::body::Body>(
        &self,
        request: &hyper::Request<B>,
    ) -> Option<axum::response::Response>;
}

/// Serves `site` on `listener` until `shutdown` completes, then lets requests in
/// progress finish for up to `limits.shutdown_grace`.
pub async fn serve<S>(
    listener: TcpListener,
    site: S,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) where
    S: tower_service::Service<
            axum::extract::Request,
            Response = axum::response::Response,
            Error = std::convert::Infallible,
        > + KeptAnswers
        + Clone
        + Send
        + 'static,
    S::Future: Send + 'static,
{
    let connections = Connections::new();
    let (stop, stopping) = watch::channel(false);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(MAX_HEAD_BYTES);
    let mut pressure = Pressure::default();
    tokio::pin!(shutdown);

    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => break,
        };
        let (stream, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors (EMFILE, ENFILE): free one and try again shortly;
                // any other error (a peer that reset before accept) concerns one peer only.
                if matches!(e.raw_os_error(), Some(23 | 24)) {
                    pressure.out_of_files += 1;
                    connections.evict_idle();
                    pressure.log(connections.len(), &limits);
                    tokio::time::sleep(Duration::from_millis(10)).await;
                } else {
                    tracing::debug!(error = %e, "accept failed");
                }
                continue;
            }
        };
        if connections.len() >= limits.max_connections {
            if connections.evict_idle() {
                pressure.evicted += 1;
            } else {
                pressure.refused += 1;
                pressure.log(connections.len(), &limits);
                drop(stream);
                continue;
            }
            pressure.log(connections.len(), &limits);
        }
        // Without TCP_NODELAY small responses wait on delayed ACKs (static CSS went from 1.1k to 23.8k requests/s when it was set).
        let _ = stream.set_nodelay(true);
        let (id, connection) = connections.add();
        let service = {
            let (site, connection) = (site.clone(), Arc::clone(&connection));
            hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                let in_flight = InFlight::start(&connection);
                let answer = match site.ready(&request) {
                    Some(kept) => Either::Left(std::future::ready(Ok(kept))),
                    None => {
                        // The peer address feeds the sign-in throttle and the log.
                        request.extensions_mut().insert(ConnectInfo(peer));
                        let request = request.map(axum::body::Body::new);
                        Either::Right(tower_service::Service::call(&mut site.clone(), request))
                    }
                };
                async move {
                    let response = answer.await;
                    drop(in_flight);
                    response
                }
            })
        };
        let serving = http.serve_connection(TokioIo::new(stream), service);
        let (connections, mut stopping) = (connections.clone(), stopping.clone());
        tokio::spawn(async move {
            tokio::pin!(serving);
            let mut draining = false;
            loop {
                tokio::select! {
                    _ = serving.as_mut() => break,
                    () = connection.close.notified(), if !draining => break,
                    _ = stopping.changed(), if !draining => {
                        serving.as_mut().graceful_shutdown();
                        draining = true;
                    }
                }
            }
            connections.remove(id);
        });
    }

    drop(listener);
    let _ = stop.send(true);
    let mut open = connections.count.subscribe();
    if tokio::time::timeout(limits.shutdown_grace, open.wait_for(|n| *n == 0))
        .await
        .is_err()
    {
        tracing::warn!(
            open = connections.len(),
            "requests still in progress at shutdown were cut off"
        );
    }
}
