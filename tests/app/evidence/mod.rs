//! Evidence: the pages editors cite, captured, kept, watched and compared. Every page is
//! served by a `TestSite` on this machine, whose answers a test can change as it goes (a
//! page rewritten, then gone), and fetched by a fetcher allowed to reach it and nothing
//! else private.

mod attention;
mod independence;
mod link_watch;
mod snapshots;
mod warc;

use crate::helpers::{TestApp, fetcher_for_this_machine};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use factdesk::domain::Moment;
use factdesk::fetch::{FetchLimits, Fetcher};
use factdesk::jobs::capture::capture_queued;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One answer the site gives at a path.
#[derive(Clone)]
pub struct Answer {
    pub status: StatusCode,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn html(body: &str) -> Answer {
        Answer {
            status: StatusCode::OK,
            headers: vec![("content-type", "text/html; charset=utf-8".to_owned())],
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn status(status: StatusCode) -> Answer {
        Answer {
            status,
            headers: vec![("content-type", "text/html".to_owned())],
            body: Vec::new(),
        }
    }

    /// The same answer, naming its version: a request whose If-None-Match names it gets
    /// 304 and no body, as a site with validators answers.
    pub fn with_etag(mut self, etag: &str) -> Answer {
        self.headers.push(("etag", etag.to_owned()));
        self
    }

    pub fn redirect(to: &str) -> Answer {
        Answer {
            status: StatusCode::FOUND,
            headers: vec![("location", to.to_owned())],
            body: Vec::new(),
        }
    }
}

#[derive(Default)]
struct Served {
    answers: HashMap<String, Answer>,
    /// Each request's path and its If-None-Match, in order.
    requests: Vec<(String, Option<String>)>,
}

type Answers = Arc<Mutex<Served>>;

/// A web site on 127.0.0.1 whose pages the test sets.
#[derive(Clone)]
pub struct TestSite {
    pub addr: SocketAddr,
    answers: Answers,
}

impl TestSite {
    pub async fn start() -> TestSite {
        let answers: Answers = Arc::default();
        let app = Router::new()
            .fallback(answer)
            .with_state(Arc::clone(&answers));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        TestSite { addr, answers }
    }

    /// From now on `path` answers `answer`.
    pub fn set(&self, path: &str, answer: Answer) {
        let mut served = self.answers.lock().unwrap();
        served.answers.insert(path.to_owned(), answer);
    }

    /// The If-None-Match of each request for `path` so far, in order.
    pub fn if_none_match_sent(&self, path: &str) -> Vec<Option<String>> {
        let served = self.answers.lock().unwrap();
        let for_path = served.requests.iter().filter(|(p, _)| p == path);
        for_path.map(|(_, sent)| sent.clone()).collect()
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

async fn answer(State(answers): State<Answers>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let sent = request
        .headers()
        .get("if-none-match")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let found = {
        let mut served = answers.lock().unwrap();
        served.requests.push((path.clone(), sent.clone()));
        served.answers.get(&path).cloned()
    };
    let Answer {
        mut status,
        headers,
        mut body,
    } = found.unwrap_or_else(|| Answer::status(StatusCode::NOT_FOUND));
    let current = headers.iter().find(|(name, _)| *name == "etag");
    if sent.is_some() && current.map(|(_, tag)| tag) == sent.as_ref() {
        (status, body) = (StatusCode::NOT_MODIFIED, Vec::new());
    }
    let mut response = Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(name, value);
    }
    response.body(Body::from(body)).unwrap()
}

/// Limits short enough for tests.
fn test_limits() -> FetchLimits {
    FetchLimits {
        read_timeout: Duration::from_millis(800),
        deadline: Duration::from_secs(3),
        ..FetchLimits::default()
    }
}

/// A fetcher that may reach 127.0.0.1 (the test site) and nothing else private.
pub fn local_fetcher() -> Fetcher {
    fetcher_for_this_machine(test_limits())
}

/// An editor's newsroom whose fetcher reaches the test site.
pub async fn newsroom() -> TestApp {
    TestApp::signed_in_fetching_locally(test_limits()).await
}

/// Runs the capture job as it would run 2 and then 6 hours on, when a page that failed
/// at citation is tried again (1 h, then 4 h after each failure) and, failing a third
/// time, given up on.
pub async fn retry_captures_later(app: &TestApp) {
    fn in_two_hours() -> Moment {
        Moment(Moment::now().0 + chrono::Duration::hours(2))
    }
    fn in_six_hours() -> Moment {
        Moment(Moment::now().0 + chrono::Duration::hours(6) + chrono::Duration::minutes(5))
    }
    for later in [in_two_hours as fn() -> Moment, in_six_hours] {
        capture_queued(&app.db, &local_fetcher(), later)
            .await
            .unwrap();
    }
}
