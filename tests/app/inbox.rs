//! The claim inbox: readers send claims and error reports through plain forms that a
//! flood cannot fill, and editors triage them at /editor/inbox.

use crate::helpers::{
    Page, TestApp, WRITER_EMAIL, WRITER_PASSWORD, fields, moon_fact_check, urlencoded, with,
};
use factdesk::domain::{Moment, TrustedProxies};
use reqwest::StatusCode;
use std::sync::Arc;

const CLAIM: &str = "A city council voted to paint every bus pink by next spring.";

fn a_tip(claim: &str) -> Vec<(String, String)> {
    fields(&[
        ("claim", claim),
        ("seen_link", "https://social.example/posts/881"),
        ("seen_where", ""),
        ("contact_email", "reader@mail.example"),
        ("website", ""),
    ])
}

async fn send(app: &TestApp, form: &[(String, String)]) -> Page {
    app.post_form("/tips", form).await
}

/// A tip sent from `client`, as a reverse proxy on this machine would name it.
async fn send_from(app: &TestApp, client: &str, claim: &str) -> Page {
    let body = urlencoded(&[("claim", claim), ("seen_where", "a leaflet")]);
    app.post_raw("/tips", body, &[("x-forwarded-for", client)])
        .await
}

fn assert_thanked(page: &Page, what: &str) {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{what}: {}", page.body);
    assert_eq!(page.location(), "/tips/thanks", "{what}");
}

async fn behind_a_proxy(proxies: &str) -> TestApp {
    let proxies = TrustedProxies::parse(proxies).unwrap();
    TestApp::spawn_with(|settings, _| settings.trusted_proxies = Arc::new(proxies)).await
}

fn tip_column(app: &TestApp, column: &str) -> Option<String> {
    app.db
        .read(|c| {
            Ok(c.query_row(
                &format!("SELECT CAST({column} AS TEXT) FROM tips ORDER BY id DESC LIMIT 1"),
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap()
}

#[tokio::test]
async fn a_suggested_claim_is_kept_and_an_editor_finds_it_in_the_inbox() {
    let mut app = TestApp::spawn().await;
    let home = app.get("/").await;
    assert!(
        home.body.contains(r#"href="/tips""#),
        "the home page leads to the form"
    );
    let form = app.get("/tips").await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Suggest a claim to check"));
    // Every page's one script words card dates ("5 minutes ago"); the form needs none.
    assert_eq!(
        form.body.matches("<script").count(),
        form.body
            .matches("<script src=\"/static/time.js\" defer></script>")
            .count(),
        "the public form is plain HTML, working without JavaScript"
    );
    assert!(
        form.body.contains("Leave this field empty"),
        "the honeypot says so"
    );

    assert_thanked(&send(&app, &a_tip(CLAIM)).await, "a good tip");
    let thanks = app.get("/tips/thanks").await;
    assert!(thanks.body.contains("Your message reached the desk"));
    assert_eq!(app.count("tips"), 1);

    app.sign_in_as_editor().await;
    let desk = app.get("/editor").await;
    assert!(desk.body.contains("1 new in the inbox"), "{}", desk.body);
    let inbox = app.get("/editor/inbox").await;
    assert_eq!(inbox.status, StatusCode::OK);
    for shown in [
        CLAIM,
        "https://social.example/posts/881",
        "reader@mail.example",
        "Claim to check",
    ] {
        assert!(inbox.body.contains(shown), "the inbox shows {shown:?}");
    }
    let elsewhere = app.get("/editor/inbox?state=done").await;
    assert!(
        !elsewhere.body.contains(CLAIM),
        "a new tip is not among the done ones"
    );
}

#[tokio::test]
async fn a_filled_honeypot_gets_the_same_thanks_and_nothing_is_kept() {
    let app = TestApp::spawn().await;
    let bot = with(&a_tip(CLAIM), "website", "https://spam.example");
    assert_thanked(&send(&app, &bot).await, "a bot's tip");
    let empty_bot = with(&bot, "claim", "");
    assert_thanked(&send(&app, &empty_bot).await, "a bot's tip without a claim");
    assert_eq!(app.count("tips"), 0);
}

#[tokio::test]
async fn the_sixth_tip_in_an_hour_from_one_address_is_dropped_but_others_get_in() {
    let app = behind_a_proxy("127.0.0.1").await;
    for n in 1..=6 {
        let page = send_from(
            &app,
            "203.0.113.7",
            &format!("Claim number {n} about buses."),
        )
        .await;
        assert_thanked(&page, &format!("tip {n} from one address"));
    }
    assert_eq!(
        app.count("tips"),
        5,
        "the sixth was dropped with the same answer"
    );
    assert_thanked(
        &send_from(&app, "198.51.100.9", "Another reader's claim.").await,
        "another",
    );
    assert_eq!(
        app.count("tips"),
        6,
        "another address behind the proxy still gets in"
    );
}

#[tokio::test]
async fn from_an_untrusted_peer_x_forwarded_for_buys_no_new_tips() {
    let app = behind_a_proxy("10.0.0.0/8").await;
    for n in 1..=7 {
        let invented = format!("192.0.2.{n}");
        assert_thanked(
            &send_from(&app, &invented, "Trains run on cheese.").await,
            "tip",
        );
    }
    assert_eq!(
        app.count("tips"),
        5,
        "the peer is the client, whatever it claims"
    );
}

#[tokio::test]
async fn oversize_or_empty_fields_come_back_beside_the_field_and_nothing_is_kept() {
    let app = TestApp::spawn().await;
    let long = "word ".repeat(300);
    let cases = [
        (
            with(&a_tip(&long), "claim", &long),
            "claim-error",
            "at most 1000 characters",
        ),
        (a_tip("   "), "claim-error", "The claim is required."),
        (
            with(&a_tip(CLAIM), "seen_link", "javascript:alert(1)"),
            "seen_link-error",
            "web address",
        ),
        (
            with(&a_tip(CLAIM), "contact_email", "not an email"),
            "contact_email-error",
            "email address",
        ),
        (
            with(&a_tip(CLAIM), "seen_where", &"x".repeat(501)),
            "seen_where-error",
            "at most 500",
        ),
    ];
    for (form, field, message) in cases {
        let page = send(&app, &form).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let at = page.position_of(&format!(r#"id="{field}""#));
        assert!(page.body[at..].contains(message), "{field}: {message}");
        assert!(
            page.body.contains("social.example/posts/881") || field == "seen_link-error",
            "what was typed is kept"
        );
    }
    let huge = "y".repeat(300 * 1024);
    let page = app
        .post_raw("/tips", urlencoded(&[("claim", &huge)]), &[])
        .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(app.count("tips"), 0);
}

#[tokio::test]
async fn past_the_site_wide_hourly_cap_the_form_asks_to_come_back_later() {
    let app = TestApp::spawn_with(|settings, _| settings.tips_per_hour = 2).await;
    let other = app.browser_from([127, 0, 0, 2].into());
    assert_thanked(
        &send(&app, &a_tip("First claim about ferries.")).await,
        "first",
    );
    assert_thanked(
        &send(&other, &a_tip("Second claim about ferries.")).await,
        "second",
    );
    let page = send(&other, &a_tip("Third claim about ferries.")).await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.headers.contains_key("retry-after"));
    assert_eq!(app.count("tips"), 2);
}

async fn published_moon(app: &TestApp) -> (String, String) {
    let edit = app.create_draft(&moon_fact_check()).await;
    assert_eq!(app.publish(&edit).await.status, StatusCode::SEE_OTHER);
    let slug: String = app
        .db
        .read(|c| Ok(c.query_row("SELECT slug FROM fact_checks", [], |r| r.get(0))?))
        .unwrap();
    (edit, slug)
}

#[tokio::test]
async fn an_error_report_records_the_fact_check_it_is_about() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let (edit, slug) = published_moon(&app).await;
    let reader = app.another_browser();
    let verdict = reader.get(&format!("/fact-checks/{slug}")).await;
    let report = format!("/fact-checks/{slug}/report");
    assert!(
        verdict.body.contains(&format!(r#"href="{report}""#)),
        "verdict links the form"
    );
    let form = reader.get(&report).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Report an error"));
    let sent = reader
        .post_form(
            &report,
            &fields(&[("claim", "The second photo is from Apollo 12, not 11.")]),
        )
        .await;
    assert_thanked(&sent, "an error report");
    assert_eq!(tip_column(&app, "kind").as_deref(), Some("error_report"));
    let id = edit.rsplit('/').next().unwrap();
    assert_eq!(
        tip_column(&app, "reported_fact_check_id").as_deref(),
        Some(id)
    );

    let inbox = app.get("/editor/inbox").await;
    assert!(inbox.body.contains("Error report"));
    assert!(
        inbox
            .body
            .contains(&format!(r#"<dt>About</dt><dd><a href="{edit}">"#))
    );
    assert_eq!(
        reader.get("/fact-checks/no-such-thing/report").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn contact_emails_are_for_editors_only() {
    let app = TestApp::spawn().await;
    app.add_writer();
    assert_thanked(&send(&app, &a_tip(CLAIM)).await, "tip");
    assert!(
        !app.get("/tips/thanks")
            .await
            .body
            .contains("reader@mail.example")
    );

    let mut writer = app.another_browser();
    writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await;
    let desk = writer.get("/editor").await;
    assert!(
        !desk.body.contains("/editor/inbox"),
        "writers are not sent to the inbox"
    );
    let inbox = writer.get("/editor/inbox").await;
    assert_eq!(inbox.status, StatusCode::FORBIDDEN);
    assert!(!inbox.body.contains("reader@mail.example"));
    let started = writer.get("/editor/fact-checks/new?tip=1").await;
    assert_eq!(
        started.status,
        StatusCode::FORBIDDEN,
        "nor can they open a tip by its number"
    );
    assert!(!started.body.contains(CLAIM));
}

#[tokio::test]
async fn contact_emails_are_deleted_after_ninety_days_and_the_purge_is_logged() {
    let mut app = TestApp::spawn().await;
    assert_thanked(
        &send(&app, &a_tip("An old claim about trams.")).await,
        "old",
    );
    let old = Moment(Moment::now().0 - chrono::Duration::days(91));
    app.sql(&format!("UPDATE tips SET created_at = '{}'", old.rfc3339()));
    assert_thanked(
        &send(
            &app,
            &with(&a_tip(CLAIM), "contact_email", "fresh@mail.example"),
        )
        .await,
        "new",
    );

    let cleared =
        factdesk::jobs::tips::purge_emails(&app.db, Moment::now(), chrono::Duration::days(90))
            .unwrap();
    assert_eq!(cleared, 1, "only the tip past 90 days loses its email");
    app.sign_in_as_editor().await;
    let inbox = app.get("/editor/inbox").await;
    assert!(!inbox.body.contains("reader@mail.example"));
    assert!(inbox.body.contains("fresh@mail.example"));
    assert!(inbox.body.contains("deleted after 90 days"));
    let log = app.get("/editor/audit").await;
    assert!(
        log.body
            .contains("1 contact email(s) older than 90 days deleted")
    );
    let again =
        factdesk::jobs::tips::purge_emails(&app.db, Moment::now(), chrono::Duration::days(90));
    assert_eq!(again.unwrap(), 0, "nothing twice");
}

#[tokio::test]
async fn starting_a_fact_check_from_a_tip_links_the_tip_when_it_is_saved() {
    let mut app = TestApp::spawn().await;
    assert_thanked(&send(&app, &a_tip(CLAIM)).await, "tip");
    app.sign_in_as_editor().await;
    let inbox = app.get("/editor/inbox").await;
    assert!(
        inbox
            .body
            .contains(r#"href="/editor/fact-checks/new?tip=1""#)
    );
    let form = app.get("/editor/fact-checks/new?tip=1").await;
    assert!(
        form.body.contains(&format!(">{CLAIM}</textarea>")),
        "the claim is filled in"
    );
    assert!(
        form.body
            .contains(r#"value="https://social.example/posts/881""#),
        "and the link"
    );
    assert!(form.body.contains(r#"name="tip" value="1""#));

    let refused = app
        .submit_new(&with(&moon_fact_check(), "headline", ""))
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        !refused.body.contains(r#"name="tip""#),
        "a form not started from a tip carries none"
    );
    assert_eq!(tip_column(&app, "state").as_deref(), Some("new"));

    let started = with(&with(&moon_fact_check(), "claim_text", CLAIM), "tip", "1");
    let refill = app.submit_new(&with(&started, "headline", "")).await;
    assert!(
        refill.body.contains(r#"name="tip" value="1""#),
        "a refused save keeps the tip"
    );
    let edit = app.create_draft(&started).await;
    let id = edit.rsplit('/').next().unwrap();
    assert_eq!(tip_column(&app, "state").as_deref(), Some("accepted"));
    assert_eq!(tip_column(&app, "fact_check_id").as_deref(), Some(id));
    let log = app.get("/editor/audit").await;
    assert!(log.body.contains("tip_state"));
    assert!(
        log.body
            .contains(&format!("New → Accepted (fact-check {id})"))
    );
}

async fn post_state(app: &TestApp, pairs: &[(&str, &str)]) -> Page {
    let mut form = fields(pairs);
    form.push(("csrf".into(), app.csrf().await));
    app.post_form("/editor/inbox/1/state", &form).await
}

#[tokio::test]
async fn state_changes_and_assignments_are_audited() {
    let mut app = TestApp::spawn().await;
    app.add_writer();
    assert_thanked(&send(&app, &a_tip(CLAIM)).await, "tip");
    app.sign_in_as_editor().await;
    let (edit, slug) = published_moon(&app).await;

    let page = post_state(&app, &[("state", "not_checkable")]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(tip_column(&app, "state").as_deref(), Some("not_checkable"));

    let page = post_state(
        &app,
        &[("state", "duplicate"), ("duplicate_of", "no-such-slug")],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let at = page.position_of(r#"id="duplicate-of-1-error""#);
    assert!(page.body[at..].contains("There is no fact-check with that number or address."));
    assert!(
        page.body.contains(r#"value="no-such-slug""#),
        "what was typed is kept"
    );

    let address = format!("https://site.example/fact-checks/{slug}");
    let page = post_state(&app, &[("state", "duplicate"), ("duplicate_of", &address)]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let id = edit.rsplit('/').next().unwrap();
    assert_eq!(tip_column(&app, "fact_check_id").as_deref(), Some(id));
    let inbox = app.get("/editor/inbox?state=duplicate").await;
    assert!(
        inbox
            .body
            .contains(&format!(r#"<dt>Duplicate of</dt><dd><a href="{edit}">"#))
    );

    // The inbox is the editors': a writer, who cannot open it, is not given a tip.
    let writer = app.account_id(WRITER_EMAIL).to_string();
    let mut form = fields(&[("person", &writer)]);
    form.push(("csrf".into(), app.csrf().await));
    let page = app.post_form("/editor/inbox/1/assign", &form).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    app.add_account(
        "ines@newsroom.example",
        "Ines Editor",
        "another editor passphrase 9",
        factdesk::domain::Role::Editor,
    );
    let ines = app.account_id("ines@newsroom.example").to_string();
    let mut form = fields(&[("person", &ines)]);
    form.push(("csrf".into(), app.csrf().await));
    let page = app.post_form("/editor/inbox/1/assign", &form).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert!(
        app.get("/editor/inbox")
            .await
            .body
            .contains("assigned to Ines Editor")
    );

    let log = app.get("/editor/audit").await;
    for entry in [
        "New → Not checkable",
        &format!("Not checkable → Duplicate (fact-check {id})"),
        "assigned to Ines Editor",
    ] {
        assert!(log.body.contains(entry), "the audit log has {entry:?}");
    }
    let no_token = app
        .post_form("/editor/inbox/1/state", &fields(&[("state", "done")]))
        .await;
    assert_eq!(
        no_token.status,
        StatusCode::FORBIDDEN,
        "a state change needs the CSRF token"
    );
}
