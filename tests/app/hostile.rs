//! Sign-in in public: floods that try to fill the disk or memory, and the throttle behind a
//! reverse proxy and right after a sign-in.

use crate::helpers::{EDITOR_EMAIL, EDITOR_PASSWORD, TestApp, urlencoded};
use factdesk::db::users::{self, Attempt};
use factdesk::domain::{Moment, SignInThrottle, TrustedProxies};
use factdesk::jobs;
use reqwest::StatusCode;
use std::sync::Arc;

const WRONG: &str = "not the password at all";

/// A newsroom behind a reverse proxy on this machine (the test's own loopback address).
async fn behind_a_proxy(proxies: &str) -> TestApp {
    let proxies = TrustedProxies::parse(proxies).unwrap();
    TestApp::spawn_with(|settings, _| settings.trusted_proxies = Arc::new(proxies)).await
}

async fn sign_in_via(app: &mut TestApp, client: &str, password: &str) -> StatusCode {
    app.sign_in_with(EDITOR_EMAIL, password, &[("x-forwarded-for", client)])
        .await
        .status
}

#[tokio::test]
async fn an_email_longer_than_any_account_is_refused_before_anything_is_written() {
    let app = TestApp::spawn().await;
    let before = app.sign_in_rows();

    let huge = format!("{}@x.example", "a".repeat(300 * 1024));
    let page = app
        .post_raw(
            "/editor/login",
            urlencoded(&[("email", &huge), ("password", WRONG)]),
            &[],
        )
        .await;
    assert!(
        page.status.is_client_error(),
        "300 KB email: {}",
        page.status
    );
    assert_eq!(
        app.sign_in_rows(),
        before,
        "nothing written for a 300 KB email"
    );

    for (why, email) in [
        (
            "250 KB, under the body limit",
            format!("{}@x.example", "b".repeat(250 * 1024)),
        ),
        (
            "one character too many",
            format!("{}@x.example", "c".repeat(245)),
        ),
    ] {
        assert!(email.len() > 254, "{why}");
        let page = app
            .post_raw(
                "/editor/login",
                urlencoded(&[("email", &email), ("password", WRONG)]),
                &[],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{why}");
        assert!(
            page.body.contains(r#"<p class="field-error" id="email-error">Email addresses are at most 254 characters long.</p>"#),
            "{why}: the message is beside the field:\n{}",
            &page.body[..page.body.len().min(4000)]
        );
        assert!(
            page.body.contains(&format!(r#"value="{}""#, &email[..254])),
            "{why}: what was typed is kept, cut to the longest an account can have"
        );
        assert!(
            page.body.len() < 20_000,
            "{why}: the paste is not sent back whole"
        );
        assert_eq!(app.sign_in_rows(), before, "{why}: nothing written");
    }

    let long_password = "p".repeat(129);
    let page = app
        .post_raw(
            "/editor/login",
            urlencoded(&[("email", EDITOR_EMAIL), ("password", &long_password)]),
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body
            .contains("Passwords are at most 128 characters long.")
    );
    assert_eq!(
        app.sign_in_rows(),
        before,
        "no password is that long: not even a guess"
    );
}

#[tokio::test]
async fn the_purge_job_clears_old_sign_in_attempts_and_expired_sessions() {
    let mut app = TestApp::spawn().await;
    for _ in 0..2 {
        app.another_browser().sign_in(EDITOR_EMAIL, WRONG).await;
    }
    app.sign_in_as_editor().await;
    assert_eq!(app.count("login_attempts"), 3);
    assert_eq!(app.count("sessions"), 1);
    let idle = chrono::Duration::hours(8);
    let now = Moment::now();

    let purged = jobs::purge(&app.db, now, idle).unwrap();
    assert_eq!(
        (purged.login_attempts, purged.sessions),
        (0, 0),
        "all still recent"
    );

    let later = Moment(now.0 + SignInThrottle::WINDOW + chrono::Duration::minutes(1));
    let purged = jobs::purge(&app.db, later, idle).unwrap();
    assert_eq!((purged.login_attempts, purged.sessions), (3, 0));
    assert_eq!(
        app.count("login_attempts"),
        0,
        "past the throttle window: gone"
    );
    assert_eq!(
        app.get("/editor").await.status,
        StatusCode::OK,
        "the session lives on"
    );

    let next_day = Moment(now.0 + idle + chrono::Duration::minutes(1));
    let purged = jobs::purge(&app.db, next_day, idle).unwrap();
    assert_eq!((purged.login_attempts, purged.sessions), (0, 1));
    assert_eq!(app.count("sessions"), 0, "idle past the limit: gone");
}

#[tokio::test]
async fn behind_a_trusted_proxy_a_guesser_is_locked_out_but_not_the_owner() {
    let mut guesser = behind_a_proxy("127.0.0.1").await;
    for attempt in 1..=5 {
        let status = sign_in_via(&mut guesser, "203.0.113.7", WRONG).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "guess {attempt}");
    }
    assert_eq!(
        sign_in_via(&mut guesser, "203.0.113.7", EDITOR_PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS,
        "the guesser's address waits, even with the right password"
    );

    let mut owner = guesser.another_browser();
    assert_eq!(
        sign_in_via(&mut owner, "198.51.100.9", EDITOR_PASSWORD).await,
        StatusCode::SEE_OTHER,
        "the owner, through the same proxy from elsewhere, signs in"
    );
    assert_eq!(owner.get("/editor").await.status, StatusCode::OK);
    let detail: String = owner
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT detail FROM audit_log WHERE action = 'sign_in'",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(
        detail, "from 198.51.100.9",
        "the log names the client, not the proxy"
    );
}

#[tokio::test]
async fn an_untrusted_peer_cannot_pick_its_address_with_x_forwarded_for() {
    let mut app = behind_a_proxy("10.0.0.0/8").await;
    for attempt in 1..=5 {
        let invented = format!("192.0.2.{attempt}");
        let status = sign_in_via(&mut app, &invented, WRONG).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "guess {attempt}");
    }
    assert_eq!(
        sign_in_via(&mut app, "192.0.2.99", WRONG).await,
        StatusCode::TOO_MANY_REQUESTS,
        "a new invented address does not buy new guesses"
    );
    let addresses: Vec<String> = app
        .db
        .read(|c| {
            let mut stmt = c.prepare("SELECT DISTINCT address FROM login_attempts")?;
            Ok(stmt
                .query_map([], |r| r.get(0))?
                .collect::<Result<_, _>>()?)
        })
        .unwrap();
    assert_eq!(addresses, ["127.0.0.1"]);
}

#[tokio::test]
async fn failures_right_after_a_successful_sign_in_are_counted() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        statuses.push(app.sign_in(EDITOR_EMAIL, WRONG).await.status);
    }
    assert_eq!(
        statuses,
        [
            [StatusCode::UNPROCESSABLE_ENTITY; 5].as_slice(),
            &[StatusCode::TOO_MANY_REQUESTS; 2]
        ]
        .concat(),
        "five guesses, then the wait, however soon after the sign-in"
    );
}

#[test]
fn an_account_guessed_at_from_many_addresses_takes_one_try_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = factdesk::db::Db::open(&dir.path().join("f.db")).unwrap().db;
    // Whole seconds, as attempts are stored.
    let start = Moment::parse(&Moment::now().rfc3339()).unwrap();
    let at = |seconds: i64| Moment(start.0 + chrono::Duration::seconds(seconds));
    let attempt = |address: &str, now: Moment| {
        db.write_blocking(|tx| users::begin_attempt(tx, EDITOR_EMAIL, address, now))
            .unwrap()
    };
    // Spread out, each address under its own limit.
    for n in 0..SignInThrottle::ACCOUNT_SLOWDOWN_AFTER {
        let address = format!("192.0.2.{n}");
        assert!(
            matches!(attempt(&address, at(n * 3)), Attempt::Allowed(_)),
            "{address}"
        );
    }
    let last = at((SignInThrottle::ACCOUNT_SLOWDOWN_AFTER - 1) * 3);
    let next_try = Moment(last.0 + SignInThrottle::ACCOUNT_SPACING);
    assert_eq!(
        attempt("192.0.2.0", last),
        Attempt::SlowedDown(next_try),
        "an address that has failed for this account waits its turn"
    );
    assert!(
        matches!(attempt("192.0.2.0", next_try), Attempt::Allowed(_)),
        "seconds later it is checked: slowed down, not locked out"
    );
    assert!(
        matches!(attempt("198.51.100.9", next_try), Attempt::Allowed(_)),
        "an address that has not failed (the owner, perhaps) is checked at once"
    );
}

#[tokio::test]
async fn when_every_password_check_is_taken_a_sign_in_is_told_to_retry_and_nothing_is_written() {
    let mut checks = None;
    let app =
        TestApp::spawn_with(|settings, _| checks = Some(settings.password_checks.clone())).await;
    let checks = checks.unwrap();
    let mut held = Vec::new();
    while let Ok(slot) = checks.reserve() {
        held.push(slot);
    }
    let before = app.sign_in_rows();

    let page = app
        .post_raw(
            "/editor/login",
            urlencoded(&[("email", EDITOR_EMAIL), ("password", WRONG)]),
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.headers["retry-after"], "2");
    assert!(
        page.body
            .contains("Too many sign-ins are being checked right now. Try again in 2 seconds.")
    );
    assert!(
        page.body.contains(&format!(r#"value="{EDITOR_EMAIL}""#)),
        "the email is kept"
    );
    assert_eq!(
        app.sign_in_rows(),
        before,
        "a sign-in turned away for load is no guess"
    );

    drop(held);
    let mut app = app;
    app.sign_in_as_editor().await;
}
