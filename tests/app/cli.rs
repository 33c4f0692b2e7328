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
