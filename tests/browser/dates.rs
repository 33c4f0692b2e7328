//! Cards carry exact dates, so kept pages never go stale by the minute; with JavaScript on,
//! `static/time.js` words recent ones as a person would say them.

use crate::helpers::TestApp;
use crate::webdriver::Browser;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_sees_how_long_ago_a_recent_fact_check_came_out() {
    let app = TestApp::spawn_with_demo().await;
    let five_minutes_ago = chrono::Utc::now() - chrono::Duration::seconds(5 * 60 + 20);
    app.sql(&format!(
        "UPDATE fact_checks SET published_at = '{}' WHERE slug = 'russia-remains-aligned-with-iran'",
        five_minutes_ago.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    ));
    let exact_date = five_minutes_ago.format("%-d %B %Y").to_string();
    let served = app.get("/").await;
    assert!(
        served
            .body
            .contains(&format!("data-relative>{exact_date}</time>"))
    );

    let browser = Browser::launch().await;
    browser.goto(&app.address).await;
    let card = "article.card:has(a[href='/fact-checks/russia-remains-aligned-with-iran']) time";
    let time = browser.find(card).await;
    assert_eq!(browser.text(&time).await, "5 minutes ago");
    assert_eq!(
        browser.attribute(&time, "title").await.unwrap(),
        five_minutes_ago.format("%-d %B %Y, %H:%M UTC").to_string(),
        "the exact time stays in the tooltip"
    );
    // Older cards keep the date the server wrote (the demo's are months old).
    let older = browser.find_all("time[data-relative]").await;
    assert!(older.len() > 1);
    let mut dated = 0;
    for time in &older {
        let text = browser.text(time).await;
        if !text.ends_with(" ago") && text != "just now" {
            let datetime = browser.attribute(time, "datetime").await.unwrap();
            let written = chrono::DateTime::parse_from_rfc3339(&datetime).unwrap();
            assert_eq!(text, written.format("%-d %B %Y").to_string());
            dated += 1;
        }
    }
    assert!(dated > 0, "a card more than a week old keeps its date");
}
