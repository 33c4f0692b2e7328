//! Starting a newsroom's server for a test, and opening browsers on it.

use super::process::ServerProcess;
use super::{EDITOR_EMAIL, EDITOR_PASSWORD, TestApp, WRITER_EMAIL, WRITER_PASSWORD};
use factdesk::db::{Db, users};
use factdesk::domain::{Moment, NewUser, Role};
use factdesk::server::{self, Limits};
use factdesk::state::Settings;
use factdesk::{AppState, app};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// A client that shows redirects to the test instead of following them, as the tests
/// check where each answer sends the browser.
fn client_builder() -> reqwest::ClientBuilder {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none())
}

impl TestApp {
    /// A new, empty newsroom whose first account, and so its admin, is Erin Editor.
    pub async fn spawn() -> TestApp {
        let app = Self::spawn_database(false).await;
        app.add_account(EDITOR_EMAIL, "Erin Editor", EDITOR_PASSWORD, Role::Admin);
        app
    }

    /// A new newsroom, with Erin Editor signed in on this browser.
    pub async fn editor_signed_in() -> TestApp {
        let mut app = Self::spawn().await;
        app.sign_in_as_editor().await;
        app
    }

    /// Creates an account directly, as `factdesk user add` would.
    pub fn add_account(&self, email: &str, name: &str, password: &str, role: Role) {
        let user = NewUser::parse(email, name, password).unwrap();
        let hash = user.password.hash().unwrap();
        self.db
            .write_blocking(|tx| {
                users::create(
                    tx,
                    user.email.as_str(),
                    &user.name,
                    &hash,
                    Some(role),
                    Moment::now(),
                )
            })
            .unwrap();
    }

    /// Adds Wes Writer, the newsroom's writer, who signs in with `WRITER_EMAIL` and
    /// `WRITER_PASSWORD`.
    pub fn add_writer(&self) {
        self.add_account(WRITER_EMAIL, "Wes Writer", WRITER_PASSWORD, Role::Writer);
    }

    /// A second browser on the same server, signed in as nobody yet.
    pub fn another_browser(&self) -> TestApp {
        self.browser_from(IpAddr::from([127, 0, 0, 1]))
    }

    /// A browser whose connections come from another loopback address.
    pub fn browser_from(&self, ip: IpAddr) -> TestApp {
        TestApp {
            address: self.address.clone(),
            db: self.db.clone(),
            client: client_builder().local_address(ip).build().unwrap(),
            session_cookie: None,
            dir: self.dir.clone(),
        }
    }

    /// A newsroom loaded with the demo fact-checks, as `factdesk` makes on first run.
    pub async fn spawn_with_demo() -> TestApp {
        Self::spawn_database(true).await
    }

    async fn spawn_database(demo: bool) -> TestApp {
        Self::spawn_configured(demo, |_, _| {}, Limits::default()).await
    }

    /// A new newsroom (Erin Editor its admin) whose server settings `configure` changes
    /// first, as `factdesk serve`'s flags would; the site is set to the bound address
    /// before, so `configure` may name another.
    pub async fn spawn_with(configure: impl FnOnce(&mut Settings, SocketAddr)) -> TestApp {
        let app = Self::spawn_configured(false, configure, Limits::default()).await;
        app.add_account(EDITOR_EMAIL, "Erin Editor", EDITOR_PASSWORD, Role::Admin);
        app
    }

    /// A newsroom whose server runs with settings and connection limits of the test's
    /// choosing (short timeouts, a small search budget…), loaded with the demo data when
    /// `demo`, with no account yet. The site is set to the bound address before
    /// `configure` runs.
    pub async fn spawn_configured(
        demo: bool,
        configure: impl FnOnce(&mut Settings, SocketAddr),
        limits: Limits,
    ) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let opened = Db::open(&dir.path().join("factdesk.db")).unwrap();
        assert!(opened.db.is_unused().unwrap());
        if demo {
            factdesk::demo::load(&opened.db).unwrap();
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let bound = listener.local_addr().unwrap();
        let address = format!("http://{bound}");
        // As `factdesk serve` without --base-url: the site is where it listens.
        let mut settings = Settings::new(opened.db.clone());
        settings.set_site("Factdesk", None, &[], bound).unwrap();
        settings.fetcher = super::fetching::offline_fetcher();
        configure(&mut settings, bound);
        let router = app(AppState::from(settings));
        tokio::spawn(server::serve(
            listener,
            router,
            limits,
            std::future::pending(),
        ));
        TestApp {
            address,
            db: opened.db,
            client: client_builder().build().unwrap(),
            session_cookie: None,
            dir: Some(Arc::new(dir)),
        }
    }

    /// A browser on a `factdesk serve` this test started itself (see `ServerProcess`).
    pub fn browser_for(server: &ServerProcess) -> TestApp {
        Self::browser_at(&server.address, &server.db)
    }

    /// A browser on a server at `address` over the database at `db`, started some other
    /// way (under Litestream, say).
    pub fn browser_at(address: &str, db: &std::path::Path) -> TestApp {
        TestApp {
            address: address.to_owned(),
            db: Db::open(db)
                .unwrap_or_else(|e| panic!("cannot open {}: {e}", db.display()))
                .db,
            client: client_builder().build().unwrap(),
            session_cookie: None,
            dir: None,
        }
    }
}
