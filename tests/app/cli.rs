//! The `factdesk` command, run as a newsroom would run it.

fn factdesk(args: &[&str], stdin: &str) -> (bool, String, String) {
    crate::helpers::run_factdesk(args, stdin)
}

/// `factdesk user add --db DB --email EMAIL --name NAME [extra…]`, the password piped in.
fn user_add(
    db: &str,
    email: &str,
    name: &str,
    extra: &[&str],
    password: &str,
) -> (bool, String, String) {
    let mut args = vec!["user", "add", "--db", db, "--email", email, "--name", name];
    args.extend_from_slice(extra);
    factdesk(&args, &format!("{password}\n"))
}

#[test]
fn user_add_reads_a_piped_password_and_the_account_can_sign_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("site.db");
    let db = db.to_str().unwrap();

    let (ok, out, err) = user_add(
        db,
        "sam@newsroom.example",
        "Sam Reyes",
        &[],
        "  spaces count too  ",
    );
    assert!(ok, "{err}");
    assert!(out.contains("Admin Sam Reyes <sam@newsroom.example> created."));
    assert!(
        !out.contains("spaces count too"),
        "a piped password is never echoed"
    );

    let opened = factdesk::db::Db::open(std::path::Path::new(db)).unwrap();
    let (_, hash) = opened
        .db
        .read(|c| factdesk::db::users::credentials(c, "SAM@newsroom.example"))
        .unwrap()
        .unwrap();
    assert!(factdesk::domain::password_matches(
        Some(&hash),
        "  spaces count too  "
    ));

    let (ok, _, err) = user_add(
        db,
        "sam@newsroom.example",
        "Sam",
        &[],
        "another good password",
    );
    assert!(!ok);
    assert!(
        err.contains("An account with this email already exists."),
        "{err}"
    );

    let (ok, _, err) = user_add(db, "kim@newsroom.example", "Kim", &[], "short");
    assert!(!ok);
    assert!(err.contains("at least 12 characters"), "{err}");

    let (ok, _, err) = user_add(db, "kim@newsroom.example", "Kim", &[], "password1234");
    assert!(!ok);
    assert!(err.contains("This password is too easy to guess."), "{err}");

    // Later accounts get the role asked for.
    let (ok, out, err) = user_add(
        db,
        "kim@newsroom.example",
        "Kim Lee",
        &["--role", "writer"],
        "plum tractor sideways 48 lanterns",
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("Writer Kim Lee <kim@newsroom.example> created."),
        "{out}"
    );
}

#[test]
fn failures_are_one_clear_line_and_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let text_file = dir.path().join("notes.txt");
    std::fs::write(
        &text_file,
        "these are my notes, not a database ".repeat(100),
    )
    .unwrap();
    let (ok, _, err) = factdesk(&["migrate", "--db", text_file.to_str().unwrap()], "");
    assert!(!ok);
    assert!(err.contains("is not an SQLite database"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");

    let foreign = dir.path().join("other.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
        .unwrap();
    let (ok, _, err) = factdesk(&["migrate", "--db", foreign.to_str().unwrap()], "");
    assert!(!ok);
    assert!(err.contains("is not a Factdesk database"), "{err}");

    let missing_dir = dir.path().join("no/such/dir/site.db");
    let (ok, _, err) = factdesk(&["migrate", "--db", missing_dir.to_str().unwrap()], "");
    assert!(!ok);
    assert!(err.contains("cannot open database"), "{err}");
    assert!(!err.contains("panicked"));

    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let db = dir.path().join("site.db");
    let (ok, _, err) = factdesk(
        &[
            "serve",
            "--no-demo",
            "--db",
            db.to_str().unwrap(),
            "--addr",
            &addr,
        ],
        "",
    );
    assert!(!ok);
    assert!(err.contains(&format!("cannot listen on {addr}")), "{err}");
}

#[test]
fn migrate_creates_an_empty_database_without_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("fresh.db");
    let (ok, out, err) = factdesk(&["migrate", "--db", db.to_str().unwrap()], "");
    assert!(ok, "{err}");
    assert!(out.contains("migrated"));
    let opened = factdesk::db::Db::open(&db).unwrap();
    assert!(!opened.created);
}

#[tokio::test]
async fn ctrl_c_stops_the_server_cleanly_after_it_has_served() {
    let dir = tempfile::tempdir().unwrap();
    let server = crate::helpers::ServerProcess::start(&dir.path().join("site.db"));
    assert_eq!(server.page("/healthz").await, "ok");
    let status = server.interrupt().expect("the server stops on Ctrl-C");
    assert!(status.success(), "{status:?}");
}

/// Runs `factdesk --db DB serve` as an account that may only read DB (root may write
/// anything, so as root the command runs as `nobody` through setpriv), and returns its
/// exit status and standard error, killing it if it is still serving after 15 s.
fn serve_as_reader_only(db: &std::path::Path) -> (bool, String) {
    use std::os::unix::fs::PermissionsExt;
    let folder = db.parent().unwrap();
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let serve = [
        env!("CARGO_BIN_EXE_factdesk"),
        "--db",
        db.to_str().unwrap(),
        "serve",
        "--addr",
        "127.0.0.1:0",
        "--no-demo",
    ];
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.starts_with(b"0\n"));
    let mut command = if root {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .args(serve);
        c
    } else {
        let mut c = std::process::Command::new(serve[0]);
        c.args(&serve[1..]);
        c
    };
    let mut child = command
        .env_remove("FACTDESK_BASE_URL")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while child.try_wait().unwrap().is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_read_only_database_is_refused_at_start_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("site.db");
    factdesk::db::Db::open(&db).unwrap();
    let (ok, err) = serve_as_reader_only(&db);
    assert!(!ok, "a server that cannot save must not start");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with("factdesk: ") && lines[0].contains("site.db is read-only"),
        "{err}"
    );
}
