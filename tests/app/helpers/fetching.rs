//! Servers for the fetcher to fetch from: a site on this machine, and a newsroom whose
//! fetcher may reach it (127.0.0.1) and nothing else private, with `x.com` pointed at it
//! so a test can stand in for a post on X.

use super::TestApp;
use factdesk::domain::IpNet;
use factdesk::fetch::{AddressPolicy, FetchLimits, Fetcher};
use std::net::SocketAddr;

/// Serves `pages` on a fresh port of 127.0.0.1 until the test ends.
pub async fn serve_site(pages: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, pages).await.unwrap() });
    address
}

/// Real sites the tests cite. A test's fetcher answers them with an address it refuses, so a
/// link typed in a browser test or a page queued for capture never reaches the internet,
/// and fails at once and the same on a machine that has it as on one that has not.
const CITED_REAL_SITES: [&str; 5] = [
    "example.com",
    "example.org",
    "example.net",
    "en.wikipedia.org",
    "www.nasa.gov",
];

/// The address policy every test newsroom fetches under, with `also_allowed` reachable.
fn offline_policy(also_allowed: Vec<IpNet>) -> AddressPolicy {
    let mut policy = AddressPolicy {
        also_allowed,
        ..AddressPolicy::default()
    };
    for site in CITED_REAL_SITES {
        policy
            .hosts
            .insert(site.into(), vec!["127.0.0.2".parse().unwrap()]);
    }
    policy
}

/// The fetcher of a newsroom that reaches no site: the real ones tests cite are refused, and
/// the `.example` ones have no address.
pub(super) fn offline_fetcher() -> Fetcher {
    Fetcher::new(
        offline_policy(Vec::new()),
        FetchLimits::default(),
        "https://factcheck.example",
    )
    .unwrap()
}

/// A fetcher that reaches 127.0.0.1, and `x.com` there, within `limits`.
pub fn fetcher_for_this_machine(limits: FetchLimits) -> Fetcher {
    let mut policy = offline_policy(vec![IpNet::parse("127.0.0.1").unwrap()]);
    policy
        .hosts
        .insert("x.com".into(), vec!["127.0.0.1".parse().unwrap()]);
    Fetcher::new(policy, limits, "https://factcheck.example").unwrap()
}

impl TestApp {
    /// A newsroom (Erin Editor its admin) whose fetcher reaches this machine's test sites.
    pub async fn spawn_fetching_locally(limits: FetchLimits) -> TestApp {
        TestApp::spawn_with(|settings, _| {
            settings.fetcher = fetcher_for_this_machine(limits);
        })
        .await
    }

    /// The same, with Erin Editor signed in.
    pub async fn signed_in_fetching_locally(limits: FetchLimits) -> TestApp {
        let mut app = TestApp::spawn_fetching_locally(limits).await;
        app.sign_in_as_editor().await;
        app
    }
}
