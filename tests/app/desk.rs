//! The desk: each role lands on its own queue, filters narrow it (alone and together), the
//! pages follow one another with no row twice or missed, and a writer never sees another's
//! work, whatever the link asks for.

use crate::helpers::{EDITOR_EMAIL, EDITOR_PASSWORD, Page, TestApp, WRITER_EMAIL, WRITER_PASSWORD};
use factdesk::domain::Role;
use factdesk::server::Limits;
use reqwest::StatusCode;
use std::collections::HashSet;

/// Fact-checks the generator makes for a desk test: more than two pages of fifty.
const MADE: usize = 130;

/// A newsroom of `MADE` generated fact-checks spread over every status, two authors (the
/// writer Wes and the generator's own account) and two assignees; an editor signed in, and
/// Wes in a second browser.
async fn busy_newsroom() -> (TestApp, TestApp, Newsroom) {
    let mut editor = TestApp::spawn_configured(false, |_, _| {}, Limits::default()).await;
    editor.generate_fact_checks(MADE).await;
    editor.add_account(EDITOR_EMAIL, "Erin Editor", EDITOR_PASSWORD, Role::Admin);
    editor.add_writer();
    let (erin, wes) = (
        editor.account_id(EDITOR_EMAIL),
        editor.account_id(WRITER_EMAIL),
    );
    // Every fourth is Wes's; by id: drafts (some sent back), in review, scheduled,
    // retracted, the rest published. Many share a last change, so paging must break ties.
    editor.sql(&format!(
        "UPDATE fact_checks SET
           author_id = CASE WHEN id % 4 = 0 THEN {wes} ELSE author_id END,
           status = CASE id % 10 WHEN 0 THEN 'draft' WHEN 5 THEN 'draft' WHEN 1 THEN 'in_review'
                    WHEN 2 THEN 'retracted' ELSE 'published' END,
           published_at = CASE WHEN id % 10 IN (0, 1, 5) THEN NULL
                          WHEN id % 10 = 3 THEN '2999-01-01T00:00:00Z' ELSE published_at END,
           review_note = CASE WHEN id % 40 = 0 THEN 'Needs a second source.' END,
           assigned_to = CASE id % 3 WHEN 0 THEN {erin} WHEN 1 THEN {wes} END,
           updated_at = '2026-0' || (1 + id % 4) || '-01T12:00:00Z';"
    ));
    editor.sign_in_as_editor().await;
    let mut writer = editor.another_browser();
    assert_eq!(
        writer.sign_in(WRITER_EMAIL, WRITER_PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    let newsroom = Newsroom { erin, wes };
    (editor, writer, newsroom)
}

struct Newsroom {
    erin: i64,
    wes: i64,
}

/// The ids the desk's table lists, in order.
fn listed(page: &Page) -> Vec<i64> {
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let Some(table) = page.body.split("<tbody>").nth(1) else {
        return Vec::new();
    };
    let table = table.split("</tbody>").next().unwrap();
    table
        .split("<td><a href=\"/editor/fact-checks/")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .collect()
}

/// The ids the database holds that pass `condition` (SQL over fact-checks `f`).
fn expected(app: &TestApp, condition: &str) -> HashSet<i64> {
    let sql = format!("SELECT id FROM fact_checks f WHERE {condition}");
    app.db
        .read(|conn| {
            let mut stmt = conn.prepare(&sql)?;
            let ids = stmt.query_map([], |row| row.get(0))?;
            Ok(ids.collect::<Result<_, _>>()?)
        })
        .unwrap()
}

/// Every row of a view, following its "Older" links from `path`: no id may come twice.
async fn every_page(app: &TestApp, path: &str) -> Vec<i64> {
    let (mut all, mut next) = (Vec::new(), Some(path.to_owned()));
    let mut pages = 0;
    while let Some(path) = next {
        let page = app.get(&path).await;
        pages += 1;
        assert!(pages <= MADE / 50 + 1, "the pages of {path} come to an end");
        let ids = listed(&page);
        assert!(ids.len() <= 50, "a page holds at most fifty");
        all.extend(ids);
        next = page
            .body
            .split(r#"<a rel="next" href=""#)
            .nth(1)
            .map(|rest| rest.split('"').next().unwrap().replace("&#38;", "&"));
    }
    let distinct: HashSet<i64> = all.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        all.len(),
        "no row twice across the pages of {path}"
    );
    all
}

#[tokio::test]
async fn each_role_lands_on_its_own_queue_and_can_switch_views() {
    let (editor, writer, room) = busy_newsroom().await;

    let review = every_page(&editor, "/editor").await;
    let waiting = expected(&editor, "status = 'in_review'");
    assert_eq!(review.iter().copied().collect::<HashSet<_>>(), waiting);
    assert!(!waiting.is_empty());

    let landing = writer.get("/editor").await;
    assert!(landing.body.contains("Your drafts, sent back first"));
    let mine = listed(&landing);
    let own_drafts = expected(
        &writer,
        &format!("author_id = {} AND status = 'draft'", room.wes),
    );
    assert_eq!(mine.iter().copied().collect::<HashSet<_>>(), own_drafts);
    let sent_back = expected(
        &writer,
        &format!("author_id = {} AND review_note IS NOT NULL", room.wes),
    );
    assert!(!sent_back.is_empty());
    // Sent back ones first, each marked.
    let (first, rest) = mine.split_at(sent_back.len());
    assert_eq!(first.iter().copied().collect::<HashSet<_>>(), sent_back);
    assert!(rest.iter().all(|id| !sent_back.contains(id)));
    assert_eq!(
        landing.body.matches("class=\"sent-back\"").count(),
        sent_back.len()
    );

    let every = every_page(&editor, "/editor?status=any").await;
    assert_eq!(every.len(), MADE);
}

#[tokio::test]
async fn each_filter_and_their_combination_lists_exactly_what_matches() {
    let (editor, _writer, room) = busy_newsroom().await;
    let now = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";
    let a_tag: String = editor
        .db
        .read(|c| {
            Ok(
                c.query_row("SELECT name FROM tags ORDER BY id LIMIT 1", [], |r| {
                    r.get(0)
                })?,
            )
        })
        .unwrap();
    let tagged = format!(
        "EXISTS (SELECT 1 FROM fact_check_tags x JOIN tags t ON t.id = x.tag_id
                 WHERE x.fact_check_id = f.id AND t.name = '{a_tag}')"
    );
    let cases = [
        ("status=draft".to_owned(), "status = 'draft'".to_owned()),
        ("status=in_review".to_owned(), "status = 'in_review'".to_owned()),
        (
            "status=scheduled".to_owned(),
            format!("status = 'published' AND published_at > {now}"),
        ),
        (
            "status=published".to_owned(),
            format!("status = 'published' AND published_at <= {now}"),
        ),
        ("status=retracted".to_owned(), "status = 'retracted'".to_owned()),
        (
            "status=any&rating=false".to_owned(),
            "rating_id = (SELECT id FROM ratings WHERE slug = 'false')".to_owned(),
        ),
        (
            format!("status=any&author={}", room.wes),
            format!("author_id = {}", room.wes),
        ),
        ("status=any&assignee=me".to_owned(), format!("assigned_to = {}", room.erin)),
        (
            format!("status=any&assignee={}", room.wes),
            format!("assigned_to = {}", room.wes),
        ),
        ("status=any&assignee=nobody".to_owned(), "assigned_to IS NULL".to_owned()),
        (format!("status=any&tag={a_tag}"), tagged.clone()),
        (
            format!("status=published&rating=false&author={}&assignee=me", room.wes),
            format!(
                "status = 'published' AND published_at <= {now} AND author_id = {}
                 AND assigned_to = {} AND rating_id = (SELECT id FROM ratings WHERE slug = 'false')",
                room.wes, room.erin
            ),
        ),
        (
            format!("status=any&assignee=nobody&tag={a_tag}&sort=oldest"),
            format!("assigned_to IS NULL AND {tagged}"),
        ),
    ];
    for (query, condition) in cases {
        let path = format!("/editor?{query}");
        let shown: HashSet<i64> = every_page(&editor, &path).await.into_iter().collect();
        let wanted = expected(&editor, &condition);
        assert_eq!(shown, wanted, "{path}");
        if !query.contains("rating=false&author") {
            assert!(
                !wanted.is_empty(),
                "{path} should match some of the fixture"
            );
        }
    }
}

#[tokio::test]
async fn the_pages_follow_each_other_newest_or_oldest_first() {
    let (editor, _writer, _) = busy_newsroom().await;
    let newest = every_page(&editor, "/editor?status=any").await;
    let oldest = every_page(&editor, "/editor?status=any&sort=oldest").await;
    assert_eq!(newest.len(), MADE, "no row skipped");
    let mut reversed = oldest.clone();
    reversed.reverse();
    assert_eq!(newest, reversed);
    // The chosen filters stay chosen on the next page.
    let first = editor.get("/editor?status=any&sort=oldest").await;
    assert!(first.body.contains(r#"<option value="oldest" selected>"#));
    assert!(first.body.contains(r#"<option value="any" selected>"#));
}

#[tokio::test]
async fn a_writer_sees_only_their_own_work_under_any_filter() {
    let (editor, writer, room) = busy_newsroom().await;
    let own = expected(&editor, &format!("author_id = {}", room.wes));
    for query in [
        "status=any".to_owned(),
        format!("status=any&author={}", room.erin),
        "status=published&assignee=nobody".to_owned(),
        "status=any&assignee=me".to_owned(),
        "status=any&q=the".to_owned(),
    ] {
        let seen = every_page(&writer, &format!("/editor?{query}")).await;
        assert!(!seen.is_empty(), "{query}");
        assert!(
            seen.iter().all(|id| own.contains(id)),
            "{query} showed another's work"
        );
    }
}

#[tokio::test]
async fn a_search_keeps_to_the_chosen_filters() {
    let (editor, _writer, _) = busy_newsroom().await;
    let all = listed(&editor.get("/editor?status=any&q=the").await);
    let drafts = listed(&editor.get("/editor?status=draft&q=the").await);
    let draft_ids = expected(&editor, "status = 'draft'");
    assert!(!drafts.is_empty() && drafts.len() < all.len());
    assert!(drafts.iter().all(|id| draft_ids.contains(id)));
}

#[tokio::test]
async fn a_bad_filter_value_is_a_bad_request() {
    let (editor, _writer, _) = busy_newsroom().await;
    for (query, why) in [
        ("status=lost", "no such status"),
        ("rating=upside-down", "no such rating"),
        ("author=99999", "no such account"),
        ("author=erin", "an author is chosen by id"),
        ("assignee=someone", "no such assignee"),
        ("sort=sideways", "no such order"),
        ("after=1_2026-01-01_x", "a broken page link"),
        ("tag=two%20words", "not a tag"),
    ] {
        let page = editor.get(&format!("/editor?{query}")).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{why}");
    }
}
