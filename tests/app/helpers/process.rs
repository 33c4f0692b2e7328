//! The real `factdesk` binary, run as a command or as a server the way a newsroom runs it.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The settings a machine running the tests may have in its environment, which would
/// otherwise change what the commands under test do.
pub const SETTINGS: &[&str] = &[
    "FACTDESK_DB",
    "FACTDESK_UNDER_LITESTREAM",
    "FACTDESK_ADDR",
    "FACTDESK_BASE_URL",
    "FACTDESK_ALLOWED_HOSTS",
    "FACTDESK_TRUSTED_PROXIES",
    "FACTDESK_SITE_NAME",
    "FACTDESK_SESSION_IDLE_HOURS",
    "FACTDESK_CACHE_CONTROL",
];

/// The `factdesk` binary this test run built, clear of those settings.
fn factdesk_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_factdesk"));
    for name in SETTINGS {
        command.env_remove(name);
    }
    command
}

/// Runs the real `factdesk` binary with `stdin` piped in, clear of any FACTDESK_* settings
/// of the machine running the tests: (succeeded, stdout, stderr).
pub fn run_factdesk<S: AsRef<std::ffi::OsStr>>(args: &[S], stdin: &str) -> (bool, String, String) {
    let mut child = factdesk_command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
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

/// Creates the database at `db` with the editor `sign_in_as_editor` signs in as, through
/// `factdesk user add` as a newsroom would.
pub fn add_editor_account(db: &Path) {
    let (ok, _, err) = run_factdesk(
        &[
            "--db",
            db.to_str().unwrap(),
            "user",
            "add",
            "--email",
            super::EDITOR_EMAIL,
            "--name",
            "Erin Editor",
        ],
        &format!("{}\n", super::EDITOR_PASSWORD),
    );
    assert!(ok, "{err}");
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
        let mut child = factdesk_command()
            .arg("--db")
            .arg(db)
            .args(["serve", "--addr", "127.0.0.1:0", "--no-demo"])
            .args(flags)
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
