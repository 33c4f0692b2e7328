//! Host names: only the site's own are answered, and a form's origin is judged by the
//! configured site rather than by the host the request names.

use crate::helpers::{EDITOR_EMAIL, EDITOR_PASSWORD, ServerProcess, TestApp, run_factdesk};
use reqwest::StatusCode;

#[tokio::test]
async fn only_the_sites_own_host_names_are_answered() {
    let app = TestApp::spawn_with(|settings, bound| {
        settings
            .set_site(
                "Factdesk",
                Some("http://factcheck.example"),
                &["news.example".to_owned()],
                bound,
            )
            .unwrap();
    })
    .await;
    for (host, status) in [
        ("factcheck.example", StatusCode::OK),
        ("FactCheck.Example:80", StatusCode::OK),
        ("news.example:8080", StatusCode::OK),
        ("evil.example", StatusCode::BAD_REQUEST),
        ("factcheck.example.evil.example", StatusCode::BAD_REQUEST),
        // With a --base-url the listening address is not the site either.
        (&app.address["http://".len()..], StatusCode::BAD_REQUEST),
    ] {
        let page = app.get_with("/", &[("host", host)]).await;
        assert_eq!(page.status, status, "Host: {host}");
        if status == StatusCode::BAD_REQUEST {
            assert!(
                page.body.contains("This server does not answer for that host name. The site is at http://factcheck.example/."),
                "{host}: a page that says why:\n{}",
                page.body
            );
        }
    }
    let api = app
        .get_with("/api/v1/ratings", &[("host", "evil.example")])
        .await;
    assert_eq!(api.status, StatusCode::BAD_REQUEST);
    assert!(api.body.starts_with(r#"{"error":{"#), "{}", api.body);
    // The refusal page is styled: its stylesheet answers for any host, as it is the same
    // for everyone.
    let css = app
        .get_with("/static/site.css", &[("host", "evil.example")])
        .await;
    assert_eq!(css.status, StatusCode::OK);
    assert_eq!(css.headers["content-type"], "text/css; charset=utf-8");
}

#[tokio::test]
async fn a_site_without_a_base_url_answers_every_loopback_name_on_its_port() {
    let app = TestApp::spawn().await;
    let port = app.address.rsplit(':').next().unwrap().to_owned();
    for (host, status) in [
        (format!("127.0.0.1:{port}"), StatusCode::OK),
        (format!("localhost:{port}"), StatusCode::OK),
        (format!("[::1]:{port}"), StatusCode::OK),
        ("localhost:1".to_owned(), StatusCode::BAD_REQUEST),
        (
            format!("rebound.evil.example:{port}"),
            StatusCode::BAD_REQUEST,
        ),
    ] {
        assert_eq!(
            app.get_with("/", &[("host", &host)]).await.status,
            status,
            "Host: {host}"
        );
    }
}

#[tokio::test]
async fn a_form_is_judged_by_the_configured_site_not_by_the_host_it_names() {
    let mut app = TestApp::spawn().await;
    let port = app.address.rsplit(':').next().unwrap().to_owned();
    let before = app.sign_in_rows();
    let rebound = format!("rebound.evil.example:{port}");
    let rebound_origin = format!("http://{rebound}");
    for (why, headers) in [
        (
            "Origin matching its own foreign Host",
            vec![
                ("host", rebound.as_str()),
                ("origin", rebound_origin.as_str()),
            ],
        ),
        (
            "a foreign Origin to the site",
            vec![("origin", "http://evil.example")],
        ),
        (
            "a foreign Origin on the site's port",
            vec![("origin", rebound_origin.as_str())],
        ),
    ] {
        let page = app
            .sign_in_with(EDITOR_EMAIL, EDITOR_PASSWORD, &headers)
            .await;
        assert!(
            [StatusCode::BAD_REQUEST, StatusCode::FORBIDDEN].contains(&page.status),
            "{why}: {}",
            page.status
        );
        assert!(
            !page.headers.contains_key("set-cookie"),
            "{why}: not signed in"
        );
        assert_eq!(app.sign_in_rows(), before, "{why}: refused before any work");
    }

    let localhost = format!("http://localhost:{port}");
    let page = app
        .sign_in_with(
            EDITOR_EMAIL,
            EDITOR_PASSWORD,
            &[("origin", localhost.as_str())],
        )
        .await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "a loopback name of the site is the site"
    );
}

#[tokio::test]
async fn factdesk_serve_takes_its_site_proxy_and_host_flags_and_purges_on_start() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("site.db");
    let opened = factdesk::db::Db::open(&db).unwrap();
    opened
        .db
        .write_blocking(|tx| {
            tx.execute_batch(
                "INSERT INTO login_attempts (email, address, at, succeeded)
                 VALUES ('old@x.example', '192.0.2.1', '2020-01-01T00:00:00Z', 0);",
            )?;
            Ok(())
        })
        .unwrap();
    drop(opened);
    let server = ServerProcess::start_with(
        &db,
        &[
            "--base-url",
            "http://factcheck.example",
            "--allowed-host",
            "127.0.0.1",
            "--trusted-proxy",
            "127.0.0.0/8",
        ],
    );
    let mut browser = TestApp::browser_for(&server);

    assert_eq!(
        browser.get("/").await.status,
        StatusCode::OK,
        "an allowed host"
    );
    let foreign = browser.get_with("/", &[("host", "evil.example")]).await;
    assert_eq!(foreign.status, StatusCode::BAD_REQUEST);
    assert!(
        foreign
            .body
            .contains("The site is at http://factcheck.example/.")
    );

    browser
        .sign_in_with(
            "nobody@x.example",
            "some password here",
            &[("x-forwarded-for", "203.0.113.7")],
        )
        .await;
    // The purge runs as the server starts; it is done long before this gives up.
    let mut addresses = Vec::new();
    for _ in 0..200 {
        addresses = browser
            .db
            .read(|c| {
                let mut stmt = c.prepare("SELECT address FROM login_attempts ORDER BY id")?;
                Ok(stmt
                    .query_map([], |r| r.get::<_, String>(0))?
                    .collect::<Result<Vec<_>, _>>()?)
            })
            .unwrap();
        if addresses == ["203.0.113.7"] {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(
        addresses,
        ["203.0.113.7"],
        "the 2020 attempt purged; the client named by the proxy"
    );
}

#[test]
fn bad_proxy_and_host_flags_stop_the_server_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("site.db");
    let db = db.to_str().unwrap();
    for (flag, value, reason) in [
        (
            "--trusted-proxy",
            "10.0.0.0/33",
            "the prefix length must be 0 to 32",
        ),
        (
            "--trusted-proxy",
            "proxy.example",
            "is not an IP address or CIDR block",
        ),
        ("--allowed-host", "a b", "is not a host name"),
    ] {
        let (ok, _, err) = run_factdesk(
            &[
                "--db",
                db,
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--no-demo",
                flag,
                value,
            ],
            "",
        );
        assert!(!ok, "{flag} {value} was accepted");
        assert!(err.contains(reason), "{flag} {value}: {err}");
    }
}
