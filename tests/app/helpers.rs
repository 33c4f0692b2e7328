//! `TestApp`: a real server on a loopback port over a fresh database file, driven the way a
//! person drives it — sign in, fill in forms, read pages.

use factdesk::db::{Db, users};
use factdesk::domain::{Moment, NewUser, Role};
use factdesk::server::{self, Limits};
use factdesk::state::Settings;
use factdesk::{AppState, app};
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, LOCATION, SET_COOKIE};
use std::io::{BufRead, BufReader};
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use tempfile::TempDir;

pub const EDITOR_EMAIL: &str = "ed@newsroom.example";
pub const EDITOR_PASSWORD: &str = "a long enough password";

/// One browser on one newsroom's server. `another_browser` opens a second one on the same
/// server, for two people working at once.
pub struct TestApp {
    pub address: String,
    pub db: Db,
    client: reqwest::Client,
    session_cookie: Option<String>,
    /// The database's folder, removed with the last browser; none for a server started
    /// from the binary, whose test owns the folder.
    dir: Option<Arc<TempDir>>,
}

/// A page as the browser got it.
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Page {
    pub fn location(&self) -> &str {
        self.headers
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// The CSRF token the page's forms carry.
    pub fn csrf(&self) -> String {
        self.hidden_field("csrf")
    }

    /// The version an edit form was opened at, which its save sends back.
    pub fn version(&self) -> i64 {
        self.hidden_field("version")
            .parse()
            .expect("version is a number")
    }

    fn hidden_field(&self, name: &str) -> String {
        let marker = format!(r#"name="{name}" value=""#);
        let start = self
            .body
            .find(&marker)
            .unwrap_or_else(|| panic!("page has no {name} field:\n{}", self.body))
            + marker.len();
        let end = self.body[start..].find('"').expect("field value ends") + start;
        self.body[start..end].to_owned()
    }

    /// Byte offset of `text` in the body, failing the test with context when absent.
    pub fn position_of(&self, text: &str) -> usize {
        self.body
            .find(text)
            .unwrap_or_else(|| panic!("{text:?} not found on the page:\n{}", self.body))
    }
}

impl TestApp {
    /// A new, empty newsroom whose first account, and so its admin, is Erin Editor.
    pub async fn spawn() -> TestApp {
        let app = Self::spawn_database(false).await;
        app.add_account(EDITOR_EMAIL, "Erin Editor", EDITOR_PASSWORD, Role::Admin);
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

    /// A second browser on the same server, signed in as nobody yet.
    pub fn another_browser(&self) -> TestApp {
        self.browser_from(IpAddr::from([127, 0, 0, 1]))
    }

    /// A browser whose connections come from another loopback address.
    pub fn browser_from(&self, ip: IpAddr) -> TestApp {
        TestApp {
            address: self.address.clone(),
            db: self.db.clone(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .local_address(ip)
                .build()
                .unwrap(),
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
        configure(&mut settings, bound);
        let router = app(AppState::from(settings));
        tokio::spawn(server::serve(
            listener,
            router,
            limits,
            std::future::pending(),
        ));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        TestApp {
            address,
            db: opened.db,
            client,
            session_cookie: None,
            dir: Some(Arc::new(dir)),
        }
    }

    /// A browser on a `factdesk serve` this test started itself (see `ServerProcess`).
    pub fn browser_for(server: &ServerProcess) -> TestApp {
        TestApp {
            address: server.address.clone(),
            db: Db::open(&server.db).unwrap().db,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            session_cookie: None,
            dir: None,
        }
    }

    fn with_cookie(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.session_cookie {
            Some(cookie) => request.header("cookie", cookie),
            None => request,
        }
    }

    async fn page(response: reqwest::Response) -> Page {
        Self::try_page(Ok(response)).await.unwrap()
    }

    /// The page, or the error of a request that got no whole answer (the server died).
    async fn try_page(response: reqwest::Result<reqwest::Response>) -> reqwest::Result<Page> {
        let response = response?;
        Ok(Page {
            status: response.status(),
            headers: response.headers().clone(),
            body: response.text().await?,
        })
    }

    /// A form post that may get no answer at all, for tests that kill the server.
    pub async fn try_post_form(
        &self,
        path: &str,
        fields: &[(String, String)],
    ) -> reqwest::Result<Page> {
        let request = self
            .client
            .post(format!("{}{path}", self.address))
            .form(fields);
        Self::try_page(self.with_cookie(request).send().await).await
    }

    /// A GET with extra request headers (conditional requests…).
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut request = self.client.get(format!("{}{path}", self.address));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        Self::page(self.with_cookie(request).send().await.unwrap()).await
    }

    pub async fn get(&self, path: &str) -> Page {
        let request = self.client.get(format!("{}{path}", self.address));
        Self::page(self.with_cookie(request).send().await.unwrap()).await
    }

    pub async fn post_form(&self, path: &str, fields: &[(String, String)]) -> Page {
        let request = self
            .client
            .post(format!("{}{path}", self.address))
            .form(fields);
        Self::page(self.with_cookie(request).send().await.unwrap()).await
    }

    pub async fn post_raw(&self, path: &str, body: Vec<u8>, headers: &[(&str, &str)]) -> Page {
        let mut request = self
            .client
            .post(format!("{}{path}", self.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        Self::page(self.with_cookie(request).send().await.unwrap()).await
    }

    pub async fn sign_in(&mut self, email: &str, password: &str) -> Page {
        let page = self
            .post_form(
                "/editor/login",
                &fields(&[("email", email), ("password", password)]),
            )
            .await;
        if let Some(cookie) = page.headers.get(SET_COOKIE) {
            let cookie = cookie.to_str().unwrap();
            self.session_cookie = Some(cookie.split(';').next().unwrap().to_owned());
        }
        page
    }

    /// Signs in with extra request headers (`X-Forwarded-For`, `Host`, `Origin`…).
    pub async fn sign_in_with(
        &mut self,
        email: &str,
        password: &str,
        headers: &[(&str, &str)],
    ) -> Page {
        let body = urlencoded(&[("email", email), ("password", password)]);
        let page = self.post_raw("/editor/login", body, headers).await;
        if let Some(cookie) = page.headers.get(SET_COOKIE) {
            let cookie = cookie.to_str().unwrap();
            self.session_cookie = Some(cookie.split(';').next().unwrap().to_owned());
        }
        page
    }

    pub async fn sign_in_as_editor(&mut self) {
        let page = self.sign_in(EDITOR_EMAIL, EDITOR_PASSWORD).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "sign-in failed:\n{}",
            page.body
        );
    }

    /// The CSRF token of the signed-in editor, read off a form as a browser would.
    pub async fn csrf(&self) -> String {
        self.get("/editor/fact-checks/new").await.csrf()
    }

    /// Submits the new fact-check form.
    pub async fn submit_new(&self, form: &[(String, String)]) -> Page {
        let mut form = form.to_vec();
        form.push(("csrf".into(), self.csrf().await));
        self.post_form("/editor/fact-checks", &form).await
    }

    /// Creates a draft and returns its edit path (`/editor/fact-checks/7`).
    pub async fn create_draft(&self, form: &[(String, String)]) -> String {
        let page = self.submit_new(form).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "create failed:\n{}",
            page.body
        );
        page.location().split('?').next().unwrap().to_owned()
    }

    pub async fn publish(&self, edit_path: &str) -> Page {
        self.press(edit_path, "publish", &[]).await
    }

    /// Presses one of the workflow buttons of a fact-check's edit page ("submit",
    /// "send-back", "publish", "unpublish"), with the form's other fields.
    pub async fn press(&self, edit_path: &str, button: &str, extra: &[(&str, &str)]) -> Page {
        let mut form = fields(extra);
        form.push(("csrf".into(), self.csrf().await));
        self.post_form(&format!("{edit_path}/{button}"), &form)
            .await
    }

    /// Saves the edit form of a fact-check as it was opened at `version`.
    pub async fn save(&self, edit_path: &str, version: i64, form: &[(String, String)]) -> Page {
        let mut form = with(form, "version", &version.to_string());
        form = with(&form, "csrf", &self.csrf().await);
        self.post_form(edit_path, &form).await
    }

    /// The database file, for a second connection that stands for another process.
    pub fn db_path(&self) -> std::path::PathBuf {
        let dir = self
            .dir
            .as_ref()
            .expect("a TestApp that made its own database");
        dir.path().join("factdesk.db")
    }

    pub fn sql(&self, statement: &str) {
        self.db
            .write_blocking(|tx| {
                tx.execute_batch(statement)?;
                Ok(())
            })
            .unwrap();
    }

    /// Number of rows in a table: to prove a refused request saved nothing.
    pub fn count(&self, table: &str) -> i64 {
        self.db
            .read(|conn| {
                Ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?)
            })
            .unwrap()
    }

    /// Rows in every table a sign-in could write to.
    pub fn sign_in_rows(&self) -> [i64; 4] {
        ["login_attempts", "sessions", "audit_log", "users"].map(|table| self.count(table))
    }

    /// Rows in every table that a fact-check form writes to.
    pub fn content_counts(&self) -> [i64; 7] {
        [
            "fact_checks",
            "claims",
            "claimants",
            "appearances",
            "sources",
            "tags",
            "fact_check_tags",
        ]
        .map(|table| self.count(table))
    }
}

/// A urlencoded form body, for requests `post_raw` sends.
pub fn urlencoded(pairs: &[(&str, &str)]) -> Vec<u8> {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
        .into_bytes()
}

pub fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A complete, valid new fact-check with two sources.
pub fn moon_fact_check() -> Vec<(String, String)> {
    fields(&[
        (
            "headline",
            "Apollo photos show shadows consistent with one light source, the Sun",
        ),
        ("rating", "false"),
        (
            "summary",
            "The shadows in Apollo photos are explained by terrain and perspective.",
        ),
        (
            "body",
            "A viral post says the shadows prove a studio.\n\nIn sum, *they do not*.",
        ),
        ("tags", "Space, MoonLanding"),
        (
            "claim_text",
            "Shadows in Apollo photos prove the landing was staged.",
        ),
        ("claimant", "Social media users"),
        ("claim_date", "2025-06-10"),
        ("appearance.0.url", "https://example.com/post/1"),
        ("appearance.0.platform", "X"),
        ("appearance.0.reach", "1.2 million views"),
        (
            "appearance.0.archived_url",
            "https://archive.example/post-1",
        ),
        ("source.0.outlet", "NASA"),
        ("source.0.title", "Apollo 11 image library"),
        ("source.0.date", "2019-07-16"),
        ("source.0.url", "https://example.com/nasa/apollo-11"),
        ("source.1.outlet", "Science Desk"),
        ("source.1.title", "Why shadows look wrong in lunar photos"),
        ("source.1.authors", "Jane Roe"),
        ("source.1.date", "2025-06-11"),
    ])
}

/// `form` with `field` set to `value` (added if absent).
pub fn with(form: &[(String, String)], field: &str, value: &str) -> Vec<(String, String)> {
    let mut form = form.to_vec();
    match form.iter_mut().find(|(k, _)| k == field) {
        Some(pair) => pair.1 = value.to_owned(),
        None => form.push((field.to_owned(), value.to_owned())),
    }
    form
}

/// Runs the real `factdesk` binary with `stdin` piped in, clear of any FACTDESK_* settings
/// of the machine running the tests: (succeeded, stdout, stderr).
pub fn run_factdesk<S: AsRef<std::ffi::OsStr>>(args: &[S], stdin: &str) -> (bool, String, String) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_factdesk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env_remove("FACTDESK_DB")
        .env_remove("FACTDESK_ADDR")
        .env_remove("FACTDESK_BASE_URL")
        .env_remove("FACTDESK_SITE_NAME")
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The real `factdesk serve` on a free loopback port over the database at `db`, as a
/// newsroom runs it. Dropping it kills the process.
pub struct ServerProcess {
    child: Child,
    pub address: String,
    pub db: PathBuf,
}

impl ServerProcess {
    pub fn start(db: &Path) -> ServerProcess {
        Self::start_with(db, &[])
    }

    /// `start`, with more `serve` flags.
    pub fn start_with(db: &Path, flags: &[&str]) -> ServerProcess {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factdesk"))
            .arg("--db")
            .arg(db)
            .args(["serve", "--addr", "127.0.0.1:0", "--no-demo"])
            .args(flags)
            .env_remove("FACTDESK_BASE_URL")
            .env_remove("FACTDESK_ALLOWED_HOSTS")
            .env_remove("FACTDESK_TRUSTED_PROXIES")
            .env_remove("FACTDESK_SITE_NAME")
            .env_remove("FACTDESK_SESSION_IDLE_HOURS")
            .env_remove("FACTDESK_CACHE_CONTROL")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let address = lines
            .by_ref()
            .map(Result::unwrap)
            .find_map(|line| {
                line.strip_prefix("Factdesk is serving ").map(|rest| {
                    rest.split(' ')
                        .next()
                        .unwrap()
                        .trim_end_matches('/')
                        .to_owned()
                })
            })
            .expect("the server says where it listens");
        ServerProcess {
            child,
            address,
            db: db.to_owned(),
        }
    }

    /// A page a reader can open, failing the test on anything but 200.
    pub async fn page(&self, path: &str) -> String {
        let response = reqwest::get(format!("{}{path}", self.address))
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{path}");
        response.text().await.unwrap()
    }

    /// Ends the server the hard way: SIGKILL, as a crash or the OOM killer would, with no
    /// chance to finish a request or close the database.
    pub fn kill(mut self) {
        self.stop();
    }

    /// Sends SIGINT, as Ctrl-C in the terminal does, and waits (at most 15 s) for the
    /// process to end: its exit status, or `None` if it was still running.
    pub fn interrupt(mut self) -> Option<std::process::ExitStatus> {
        let sent = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -INT failed");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
        while std::time::Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        None
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.stop();
    }
}
