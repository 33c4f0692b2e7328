//! Moving a newsroom's fact-checks in and out with the `factdesk` command: export, import
//! (ours and other publishers' ClaimReview), and backups taken while the site is busy.

use crate::helpers::ServerProcess;
use factdesk::db::{Db, exchange, fact_checks};
use factdesk::domain::{FactCheckDraft, FactCheckId, FactCheckInput, Moment, UserId};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tempfile::TempDir;

const ADMIN_EMAIL: &str = "imports@newsroom.example";

/// What a run of `factdesk` left behind.
pub(crate) struct Run {
    pub(crate) success: bool,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

fn factdesk(db: &Path, args: &[&str], stdin: &str) -> Run {
    let mut all = vec![std::ffi::OsStr::new("--db"), db.as_os_str()];
    all.extend(args.iter().map(std::ffi::OsStr::new));
    let (success, stdout, stderr) = crate::helpers::run_factdesk(&all, stdin);
    Run {
        success,
        stdout,
        stderr,
    }
}

/// A newsroom on disk: a database file in its own directory.
pub(crate) struct Newsroom {
    dir: TempDir,
    pub(crate) db: PathBuf,
}

impl Newsroom {
    /// The demo fact-checks, as a first run of `factdesk` loads them.
    fn with_demo() -> Newsroom {
        let newsroom = Newsroom::empty();
        let opened = Db::open(&newsroom.db).unwrap();
        factdesk::demo::load(&opened.db).unwrap();
        newsroom
    }

    /// A migrated database with one admin, made with `factdesk user add`.
    pub(crate) fn fresh() -> Newsroom {
        let newsroom = Newsroom::empty();
        let run = newsroom.run(
            &[
                "user",
                "add",
                "--email",
                ADMIN_EMAIL,
                "--name",
                "Imogen Importer",
            ],
            "correct horse battery staple 42\n",
        );
        assert!(run.success, "{}", run.stderr);
        newsroom
    }

    fn empty() -> Newsroom {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("factdesk.db");
        Newsroom { dir, db }
    }

    fn run(&self, args: &[&str], stdin: &str) -> Run {
        factdesk(&self.db, args, stdin)
    }

    pub(crate) fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Exports to a file in this newsroom's directory and returns its path.
    pub(crate) fn export(&self, format: &str) -> PathBuf {
        let out = self.file(&format!("export.{format}"));
        let run = self.run(
            &["export", "--format", format, "--out", out.to_str().unwrap()],
            "",
        );
        assert!(run.success, "export failed: {}", run.stderr);
        out
    }

    pub(crate) fn import(&self, file: &Path) -> Run {
        self.run(&["import", file.to_str().unwrap()], "")
    }

    pub(crate) fn db(&self) -> Db {
        Db::open(&self.db).unwrap().db
    }

    fn count(&self, table: &str) -> i64 {
        count(&self.db, table)
    }

    /// Rows of every table an import writes to.
    pub(crate) fn counts(&self) -> Vec<(&'static str, i64)> {
        [
            "fact_checks",
            "claims",
            "claimants",
            "appearances",
            "sources",
            "tags",
            "fact_check_tags",
            "corrections",
            "revisions",
            "audit_log",
        ]
        .into_iter()
        .map(|table| (table, self.count(table)))
        .collect()
    }

    /// Slugs of the fact-checks readers can see now.
    fn live_slugs(&self) -> Vec<String> {
        self.db()
            .read(|conn| {
                Ok(exchange::published(conn, false)?
                    .into_iter()
                    .map(|fc| fc.page.slug)
                    .collect())
            })
            .unwrap()
    }

    /// Serves the newsroom with `factdesk serve` until dropped.
    fn serve(&self) -> ServerProcess {
        ServerProcess::start(&self.db)
    }
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// What a reader sees of a verdict: the article (without the byline's account name, which
/// is whoever imported it) and the page's ClaimReview.
fn verdict(page: &str) -> (String, String) {
    let between = |open: &str, close: &str| {
        let start = page.find(open).unwrap_or_else(|| panic!("no {open}"));
        let end = start + page[start..].find(close).unwrap();
        page[start..end].to_owned()
    };
    let article = between("<article class=\"verdict\">", "</article>");
    let byline_start = article.find("<p class=\"byline\">By ").unwrap();
    let name_end = byline_start + article[byline_start..].find(" ·").unwrap();
    let article = format!("{}{}", &article[..byline_start], &article[name_end..]);
    (
        article,
        between("<script type=\"application/ld+json\">", "</script>"),
    )
}

#[tokio::test]
async fn a_claimreview_export_rebuilds_every_verdict_page_in_another_newsroom() {
    let origin = Newsroom::with_demo();
    let feed = origin.export("claimreview");

    let copy = Newsroom::fresh();
    let run = copy.import(&feed);
    assert!(run.success, "{}", run.stderr);
    let slugs = origin.live_slugs();
    assert_eq!(slugs.len(), 10, "every live demo fact-check");
    assert_eq!(
        run.stdout.trim(),
        "10 imported (10 new, 0 updated, 0 unchanged), 0 failed"
    );
    assert_eq!(copy.live_slugs(), slugs, "same addresses, same order");

    let (before, after) = (origin.serve(), copy.serve());
    for slug in &slugs {
        let path = format!("/fact-checks/{slug}");
        // Each server publishes under the address it listens on: the rest must be equal.
        let seen = |server: &ServerProcess, page: String| page.replace(&server.address, "SITE");
        let (original, original_ld) = verdict(&seen(&before, before.page(&path).await));
        let (imported, imported_ld) = verdict(&seen(&after, after.page(&path).await));
        // Headline, claim, claimant, rating, appearances, corrections, summary,
        // explanation, sources, tags and dates: everything a reader sees.
        assert_eq!(imported, original, "{slug}: the page reads the same");
        assert_eq!(imported_ld, original_ld, "{slug}: the same ClaimReview");
    }
    assert!(
        after
            .page("/corrections")
            .await
            .contains("Rating changed from"),
        "a correction that moved the rating keeps saying so"
    );
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let origin = Newsroom::with_demo();
    let feed = origin.export("claimreview");
    let copy = Newsroom::fresh();
    assert!(copy.import(&feed).success);
    let counts = copy.counts();

    let again = copy.import(&feed);
    assert!(again.success, "{}", again.stderr);
    assert_eq!(
        again.stdout.trim(),
        "10 imported (0 new, 0 updated, 10 unchanged), 0 failed"
    );
    assert_eq!(copy.counts(), counts, "no row added, not even a revision");
}

#[test]
fn a_changed_record_updates_the_fact_check_it_was_imported_as() {
    let origin = Newsroom::with_demo();
    let feed = origin.export("claimreview");
    let copy = Newsroom::fresh();
    assert!(copy.import(&feed).success);
    let fact_checks_before = copy.count("fact_checks");

    let mut changed: Value =
        serde_json::from_str(&std::fs::read_to_string(&feed).unwrap()).unwrap();
    let first = &mut changed["dataFeedElement"][0];
    first["reviewRating"] = json!({"@type": "Rating", "alternateName": "Mostly True"});
    first["description"] = json!("The publisher revised this verdict.");
    let revised = copy.file("revised.json");
    std::fs::write(&revised, first.to_string()).unwrap();

    let run = copy.import(&revised);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        "1 imported (0 new, 1 updated, 0 unchanged), 0 failed"
    );
    assert_eq!(copy.count("fact_checks"), fact_checks_before);
    let slug = &origin.live_slugs()[0];
    let page = copy
        .db()
        .read(|conn| fact_checks::published_page(conn, slug))
        .unwrap()
        .unwrap();
    assert_eq!(page.rating.slug, "mostly-true");
    assert_eq!(page.summary, "The publisher revised this verdict.");
    let last = page.corrections.last().unwrap();
    assert_eq!(
        last.rating_change().as_deref(),
        Some("Rating changed from False to Mostly True"),
        "readers are told the verdict moved"
    );
}

/// ClaimReview as other fact-checkers publish it, one record of each common shape.
fn messy_records() -> Value {
    json!([
        // 1: numbers as strings, a Spanish label, author as a list, appearance as one object.
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": "https://verificado.example/2024/03/vacuna-chip",
            "datePublished": "2024-03-05",
            "author": [{"@type": "Organization", "name": "Verificado"}],
            "claimReviewed": "Las vacunas contienen un microchip.",
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Person", "name": "Juan Pérez", "sameAs": ["https://juan.example/"]},
                "datePublished": "2024-03-01",
                "appearance": {"@type": "CreativeWork", "url": "https://social.example/p/1", "datePublished": "2024-03-02"}
            },
            "reviewRating": {"@type": "Rating", "ratingValue": "1", "bestRating": "5", "worstRating": "1", "alternateName": "Falso"}
        },
        // 2: an @graph with a page beside the review; a legacy CreativeWork reviewed,
        // whose author is the claimant; appearances as plain links.
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebPage", "url": "https://desintox.example/tour"},
                {
                    "@type": "ClaimReview",
                    "url": "https://desintox.example/tour-eiffel-vendue",
                    "headline": "La tour Eiffel n'a pas été vendue",
                    "datePublished": "2023-11-20T09:00:00+01:00",
                    "author": "Désintox",
                    "claimReviewed": "La tour Eiffel a été vendue au Qatar.",
                    "itemReviewed": {
                        "@type": "CreativeWork",
                        "author": {"@type": "Organization", "name": "Le Gorafi Fan Club"},
                        "appearance": ["https://forum.example/t/42", "https://video.example/v/9"]
                    },
                    "reviewRating": {"@type": "Rating", "alternateName": "Faux"}
                }
            ]
        },
        // 3: no claim at all.
        {
            "@type": "ClaimReview",
            "url": "https://broken.example/1",
            "reviewRating": {"@type": "Rating", "alternateName": "False"}
        },
        // 4 and 5: a DataFeed, one review wrapped in a DataFeedItem.
        {
            "@type": "DataFeed",
            "dataFeedElement": [
                {
                    "@type": "DataFeedItem",
                    "item": {
                        "@type": "ClaimReview",
                        "url": "https://faktencheck.example/windkraft",
                        "author": {"@type": "Organization", "name": "Faktencheck"},
                        "claimReviewed": "Windräder verursachen Dürre.",
                        "itemReviewed": {"@type": "Claim", "author": {"name": "Ein Blog"}},
                        "reviewRating": {"@type": "Rating", "alternateName": "Engañoso", "ratingValue": 2}
                    }
                },
                {
                    "@type": "ClaimReview",
                    "url": "https://truthmeter.example/senator-jobs",
                    "author": {"@type": "Organization", "name": "TruthMeter"},
                    "claimReviewed": "The senator created a million jobs.",
                    "keywords": "jobs, economy, election 2024",
                    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Senator Smith"}},
                    "reviewRating": {"@type": "Rating", "ratingValue": "3", "bestRating": "6", "worstRating": "0"}
                }
            ]
        }
    ])
}

#[test]
fn a_messy_real_world_file_imports_its_good_records_and_names_the_bad_one() {
    let newsroom = Newsroom::fresh();
    let file = newsroom.file("others.json");
    std::fs::write(
        &file,
        serde_json::to_string_pretty(&messy_records()).unwrap(),
    )
    .unwrap();

    let run = newsroom.import(&file);
    assert!(!run.success, "a failed record fails the command");
    assert_eq!(
        run.stdout.trim(),
        "4 imported (4 new, 0 updated, 0 unchanged), 1 failed"
    );
    assert!(
        run.stderr
            .lines()
            .any(|l| l == "record 3: no claimReviewed"),
        "{}",
        run.stderr
    );

    let db = newsroom.db();
    let imported = |url: &str| {
        db.read(|conn| {
            Ok(conn.query_row(
                "SELECT slug FROM fact_checks WHERE imported_from = ?1",
                [url],
                |r| r.get::<_, String>(0),
            )?)
        })
        .unwrap()
    };
    let page = |url: &str| {
        let slug = imported(url);
        db.read(|conn| fact_checks::published_page(conn, &slug))
            .unwrap()
            .unwrap_or_else(|| panic!("{url} is live"))
    };

    let chip = page("https://verificado.example/2024/03/vacuna-chip");
    assert_eq!(chip.slug, "vacuna-chip", "the address keeps its slug");
    assert_eq!(chip.rating.slug, "false");
    assert_eq!(chip.claim.claimant, "Juan Pérez");
    assert_eq!(
        chip.claim.claimant_url.as_deref(),
        Some("https://juan.example/")
    );
    assert_eq!(chip.claim.claimant_kind.as_str(), "person");
    assert_eq!(chip.claim.appearances[0].url, "https://social.example/p/1");
    assert_eq!(chip.published_at.rfc3339(), "2024-03-05T00:00:00Z");
    assert_eq!(chip.summary, "Rated Falso by Verificado.");
    assert!(
        chip.body_html
            .contains("https://verificado.example/2024/03/vacuna-chip")
    );

    let eiffel = page("https://desintox.example/tour-eiffel-vendue");
    assert_eq!(eiffel.rating.slug, "false");
    assert_eq!(eiffel.headline, "La tour Eiffel n'a pas été vendue");
    assert_eq!(eiffel.claim.claimant, "Le Gorafi Fan Club");
    assert_eq!(eiffel.claim.claimant_kind.as_str(), "organization");
    let platforms: Vec<_> = eiffel
        .claim
        .appearances
        .iter()
        .map(|a| a.platform.as_str())
        .collect();
    assert_eq!(platforms, ["forum.example", "video.example"]);
    assert_eq!(eiffel.published_at.rfc3339(), "2023-11-20T08:00:00Z");

    let wind = page("https://faktencheck.example/windkraft");
    assert_eq!(wind.rating.slug, "mostly-false");
    assert_eq!(
        wind.claim.appearances[0].url, "https://faktencheck.example/windkraft",
        "with no appearance, the review itself is where the claim is shown"
    );
    assert_eq!(wind.claim.appearances[0].platform, "Faktencheck");
    assert_eq!(
        wind.sources[0].outlet, "Faktencheck",
        "the review is the evidence"
    );

    let jobs = page("https://truthmeter.example/senator-jobs");
    assert_eq!(
        jobs.rating.slug, "mixture",
        "3 of 0–6 is the middle of our scale"
    );
    assert_eq!(jobs.tags, ["economy", "Election2024", "jobs"]);
}

#[test]
fn files_that_cannot_be_imported_say_why_in_one_line() {
    let newsroom = Newsroom::fresh();
    let not_json = newsroom.file("page.html");
    std::fs::write(&not_json, "<html>not json</html>").unwrap();
    let run = newsroom.import(&not_json);
    assert!(!run.success);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("not JSON"), "{}", run.stderr);

    let no_accounts = Newsroom::empty();
    assert!(no_accounts.run(&["migrate"], "").success);
    let feed = newsroom.file("one.json");
    std::fs::write(&feed, messy_records()[0].to_string()).unwrap();
    let run = no_accounts.import(&feed);
    assert!(!run.success);
    assert!(run.stderr.contains("factdesk user add"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1);

    let from_stdin = newsroom.run(&["import", "-"], &messy_records()[0].to_string());
    assert!(from_stdin.success, "{}", from_stdin.stderr);
    assert_eq!(newsroom.count("fact_checks"), 1);
}

#[test]
fn json_and_csv_exports_hold_every_public_fact_check() {
    let newsroom = Newsroom::with_demo();
    // A retracted fact-check is still on the record in our own formats, not in ClaimReview.
    let db = newsroom.db();
    let retracted_slug = newsroom.live_slugs()[0].clone();
    db.write_blocking(|tx| {
        let id: FactCheckId = tx.query_row(
            "SELECT id FROM fact_checks WHERE slug = ?1",
            [&retracted_slug],
            |r| r.get(0),
        )?;
        let by: UserId = tx.query_row("SELECT min(id) FROM users", [], |r| r.get(0))?;
        fact_checks::withdraw(tx, id, Some("Wrong source."), by, Moment::now())?;
        Ok(())
    })
    .unwrap();
    let mut live = newsroom.live_slugs();
    assert_eq!(live.len(), 9);

    let feed: Value =
        serde_json::from_str(&std::fs::read_to_string(newsroom.export("claimreview")).unwrap())
            .unwrap();
    assert_eq!(feed["@type"], "DataFeed");
    let reviewed: Vec<&str> = feed["dataFeedElement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(reviewed, live);

    let full: Value =
        serde_json::from_str(&std::fs::read_to_string(newsroom.export("json")).unwrap()).unwrap();
    let items = full["fact_checks"].as_array().unwrap();
    let mut slugs: Vec<String> = items
        .iter()
        .map(|f| f["slug"].as_str().unwrap().to_owned())
        .collect();
    live.push(retracted_slug.clone());
    live.sort();
    slugs.sort();
    assert_eq!(slugs, live);
    for item in items {
        for field in [
            "headline",
            "summary",
            "body_markdown",
            "published_at",
            "updated_at",
        ] {
            assert!(
                item[field].as_str().is_some_and(|v| !v.is_empty()),
                "{field}"
            );
        }
        assert!(item["rating"]["label"].is_string());
        assert!(item["claim"]["claimant"]["name"].is_string());
        assert!(!item["claim"]["appearances"].as_array().unwrap().is_empty());
        assert!(!item["sources"].as_array().unwrap().is_empty());
    }
    let retracted = items
        .iter()
        .find(|f| f["slug"] == retracted_slug.as_str())
        .unwrap();
    assert_eq!(retracted["status"], "retracted");
    assert_eq!(retracted["retraction_note"], "Wrong source.");

    let mut reader = csv::Reader::from_path(newsroom.export("csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "slug");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut csv_slugs: Vec<String> = rows.iter().map(|r| r[0].to_owned()).collect();
    csv_slugs.sort();
    assert_eq!(csv_slugs, live);
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert!(rows.iter().all(|r| !r[column("claim")].is_empty()));
    assert!(
        rows.iter().any(|r| r[column("tags")].contains("; ")),
        "lists are joined"
    );

    // Written to standard output when no file is named.
    let run = newsroom.run(&["export", "--format", "csv"], "");
    assert!(run.success);
    assert_eq!(run.stdout.lines().count(), 1 + 10);
}

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
