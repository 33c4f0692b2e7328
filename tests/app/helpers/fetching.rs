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

/// A fetcher that reaches 127.0.0.1, and `x.com` there, within `limits`.
pub fn fetcher_for_this_machine(limits: FetchLimits) -> Fetcher {
    let mut policy = AddressPolicy {
        also_allowed: vec![IpNet::parse("127.0.0.1").unwrap()],
        ..AddressPolicy::default()
    };
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
