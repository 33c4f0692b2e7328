//! `factdesk backup` while editors keep saving.

use super::{Newsroom, count};
use factdesk::db::{Db, fact_checks};
use factdesk::domain::{FactCheckDraft, FactCheckInput, Moment, UserId};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A fact-check with a long explanation, so the database grows past one backup step.
fn filler(n: usize) -> FactCheckDraft {
    FactCheckDraft::try_from(&FactCheckInput {
        headline: format!("Load test fact-check number {n}"),
        rating: "false".into(),
        summary: "Written while a backup runs.".into(),
        body: "Lorem ipsum dolor sit amet. ".repeat(150),
        claim_text: format!("Claim number {n}."),
        claimant: format!("Claimant {}", n % 50),
        tags: "LoadTest".into(),
        appearances: vec![factdesk::domain::AppearanceInput {
            url: format!("https://example.com/post/{n}"),
            platform: "X".into(),
            ..Default::default()
        }],
        sources: vec![factdesk::domain::SourceInput {
            outlet: "Wire".into(),
            title: format!("Report {n}"),
            ..Default::default()
        }],
        ..Default::default()
    })
    .unwrap()
}

#[test]
fn a_backup_taken_under_write_load_is_whole_and_consistent() {
    let newsroom = Newsroom::with_demo();
    let db = newsroom.db();
    let author = UserId(1);
    db.write_blocking(|tx| {
        for n in 0..1500 {
            fact_checks::create(tx, &filler(n), author, Moment::now())?;
        }
        Ok(())
    })
    .unwrap();

    // Editors keep saving, one transaction per save, for the whole backup.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (db, stop) = (db.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 10_000;
            while !stop.load(Ordering::Relaxed) {
                db.write_blocking(|tx| fact_checks::create(tx, &filler(n), author, Moment::now()))
                    .unwrap();
                n += 1;
            }
            n - 10_000
        })
    };
    while count(&newsroom.db, "fact_checks") < 1500 + 11 + 5 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let tables = [
        "fact_checks",
        "claims",
        "appearances",
        "sources",
        "revisions",
        "search_index",
    ];
    let committed_before: Vec<i64> = tables.iter().map(|t| newsroom.count(t)).collect();

    let backup = newsroom.file("backup.db");
    let run = newsroom.run(&["backup", backup.to_str().unwrap()], "");
    stop.store(true, Ordering::Relaxed);
    let saves_during = writer.join().unwrap();
    assert!(run.success, "{}", run.stderr);
    assert!(saves_during > 5, "the load ran ({saves_during} saves)");

    let copy = rusqlite::Connection::open(&backup).unwrap();
    let integrity: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok");
    let in_copy: Vec<i64> = tables.iter().map(|t| count(&backup, t)).collect();
    for ((table, before), copied) in tables.iter().zip(&committed_before).zip(&in_copy) {
        assert!(
            copied >= before,
            "{table}: {copied} in the copy, {before} committed before"
        );
    }
    // One snapshot: every fact-check in the copy came with its claim, sources, first
    // revision and index row, none half-saved.
    let fact_checks = in_copy[0];
    assert_eq!(in_copy[1], fact_checks, "claims");
    assert_eq!(in_copy[4], fact_checks, "revisions");
    assert_eq!(in_copy[5], fact_checks, "search rows");
    drop(copy);

    // The copy is a working newsroom.
    assert!(Db::open(&backup).is_ok());

    let again = newsroom.run(&["backup", backup.to_str().unwrap()], "");
    assert!(!again.success);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    let onto_itself = newsroom.run(&["backup", newsroom.db.to_str().unwrap(), "--force"], "");
    assert!(!onto_itself.success, "never over the live database");
    let forced = newsroom.run(&["backup", backup.to_str().unwrap(), "--force"], "");
    assert!(forced.success, "{}", forced.stderr);
    assert_eq!(
        count(&backup, "fact_checks"),
        count(&newsroom.db, "fact_checks")
    );
}
