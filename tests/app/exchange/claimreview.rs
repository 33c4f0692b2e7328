//! A ClaimReview export of ours imported into another newsroom, and imported again.

use super::Newsroom;
use crate::helpers::ServerProcess;
use factdesk::db::fact_checks;
use serde_json::{Value, json};

/// What a reader sees of a verdict: the article (without the byline's account name, which
/// is whoever imported it) and the page's ClaimReview.
fn verdict(page: &str) -> (String, String) {
    let between = |open: &str, close: &str| {
        let start = page.find(open).unwrap_or_else(|| panic!("no {open}"));
        let end = start + page[start..].find(close).unwrap();
        page[start..end].to_owned()
    };
    let article = between("<article class=\"verdict\"", "</article>");
    let byline_start = article.find("<p class=\"byline\">").unwrap();
    let name_end = byline_start + article[byline_start..].find(" ·").unwrap();
    let article = format!("{}{}", &article[..byline_start], &article[name_end..]);
    (
        article,
        between("<script type=\"application/ld+json\">", "</script>"),
    )
}

/// The article without its pictures: a ClaimReview names the featured image by its
/// address on the origin's site, and a page here shows only images of its own library,
/// which the new newsroom uploads itself.
fn without_pictures(article: &str) -> String {
    let mut article = article.to_owned();
    for (open, close) in [
        ("<figure class=\"featured-image\">", "</figure>"),
        ("<div class=\"card-image\">", "</div>"),
        ("<figure class=\"screenshot\">", "</figure>"),
        ("<details class=\"screenshot sensitive\">", "</details>"),
    ] {
        while let Some(at) = article.find(open) {
            let to = at + article[at..].find(close).unwrap() + close.len();
            article.replace_range(at..to, "");
        }
    }
    // The lines their templates leave behind.
    let lines: Vec<&str> = article.lines().filter(|l| !l.trim().is_empty()).collect();
    lines.join("\n").replace("\n</li>", "</li>")
}

/// The page's ClaimReview (its `<script>` element) without its `image`, for the same reason,
/// and without its `author` (compared on its own).
fn without_image(claim_review: &str) -> Value {
    let json = &claim_review[claim_review.find('>').expect("the script tag") + 1..];
    let mut value: Value = serde_json::from_str(json).expect("JSON-LD");
    for key in ["image", "author"] {
        value.as_object_mut().expect("an object").remove(key);
    }
    value
}

fn author_name(claim_review: &str) -> Value {
    let json = &claim_review[claim_review.find('>').expect("the script tag") + 1..];
    let value: Value = serde_json::from_str(json).expect("JSON-LD");
    value["author"]["name"].clone()
}

/// The article as the new newsroom shows it, less what only a republished verdict says:
/// who rated it first ("Rated “False” by …"). (Translations are linked as on the origin.)
fn as_on_the_origin(article: &str) -> String {
    let mut article = article.to_owned();
    for open in ["<p class=\"publisher-verdict\">"] {
        while let Some(at) = article.find(open) {
            let to = at + article[at..].find("</p>").unwrap() + "</p>".len();
            article.replace_range(at..to, "");
        }
    }
    article
}

/// The article without the evidence a newsroom keeps itself: its "our copy" links, the
/// count of independent sources and the grouping of reprints under their original. What
/// is left of the sources section is each citation with its archive link and note, in order.
/// (The export names the origin's copy as the `archivedAt` of a source with no other
/// archive, so the importing newsroom links it as "archived": that link is left out too.)
fn without_own_evidence(article: &str) -> String {
    let mut article = article.to_owned();
    for (open, close) in [
        (" <span class=\"our-copy", "</span>"),
        ("<p class=\"independence\">", "</p>"),
        ("<p class=\"same-story\">", "</p>"),
    ] {
        while let Some(at) = article.find(open) {
            let to = at + article[at..].find(close).unwrap() + close.len();
            article.replace_range(at..to, "");
        }
    }
    while let Some(copies) = article.find("/copies/") {
        let at = article[..copies].rfind(" (<a href=").unwrap();
        let to = copies + article[copies..].find("</a>)").unwrap() + "</a>)".len();
        article.replace_range(at..to, "");
    }
    let Some(start) = article.find("<section class=\"sources\"") else {
        return article;
    };
    let end = start + article[start..].find("</section>").unwrap();
    let sources: String = article[start..end]
        .replace("<ul class=\"reprints\">", "")
        .replace("</ul>", "")
        .replace("<li>", "")
        .replace("</li>", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    format!("{}{sources}{}", &article[..start], &article[end..])
}

#[tokio::test]
async fn a_claimreview_export_rebuilds_every_verdict_page_in_another_newsroom() {
    let origin = Newsroom::with_demo();
    let feed = origin.export("claimreview");

    let copy = Newsroom::fresh();
    let run = copy.import(&feed);
    assert!(run.success, "{}", run.stderr);
    let slugs = origin.live_slugs();
    assert_eq!(slugs.len(), 12, "every live demo fact-check");
    assert_eq!(
        run.stdout.trim(),
        "12 imported (12 new, 0 updated, 0 unchanged), 0 failed"
    );
    assert_eq!(copy.live_slugs(), slugs, "same addresses, same order");
    // However a source is saved, its page is queued for a copy of the new newsroom's own.
    let waiting: Vec<String> = copy
        .db()
        .read(|c| factdesk::db::snapshots::queued(c, 1000, factdesk::domain::Moment::now()))
        .unwrap();
    for cited in [
        "https://example.com/cna/2025/06/23/putin-iranian-foreign-minister-us-attack",
        "https://example.com/x/status/russia-withdrew-support-for-iran",
    ] {
        assert!(waiting.iter().any(|u| u == cited), "{cited} queued");
    }

    // Which cited links no longer work is the origin's own finding too (the new newsroom's
    // watch will find its own): compared as if all still worked.
    origin
        .db()
        .write_blocking(|tx| Ok(tx.execute("UPDATE link_status SET state = 'ok'", [])?))
        .unwrap();
    let (before, after) = (origin.serve(), copy.serve());
    for slug in &slugs {
        let path = format!("/fact-checks/{slug}");
        // Each server publishes under the address it listens on: the rest must be equal.
        let seen = |server: &ServerProcess, page: String| page.replace(&server.address, "SITE");
        let (original, original_ld) = verdict(&seen(&before, before.page(&path).await));
        let (imported, imported_ld) = verdict(&seen(&after, after.page(&path).await));
        // Headline, claim, claimant, rating, appearances, corrections, summary,
        // explanation, sources, tags and dates: everything a reader sees, apart from the
        // evidence a newsroom keeps itself (its copies of the cited pages, and which of
        // them are one story), which the new newsroom gathers by fetching them.
        assert_eq!(
            without_own_evidence(&without_pictures(&as_on_the_origin(&imported))),
            without_own_evidence(&without_pictures(&as_on_the_origin(&original))),
            "{slug}: the page reads the same"
        );
        assert!(
            imported.contains("<p class=\"publisher-verdict\">"),
            "{slug}: the origin's own rating is shown"
        );
        assert_eq!(
            author_name(&imported_ld),
            author_name(&original_ld),
            "{slug}: ClaimReview keeps the origin as its author"
        );
        assert!(
            original_ld.contains("\"image\":"),
            "{slug}: the origin's picture"
        );
        assert_eq!(
            without_image(&imported_ld),
            without_image(&original_ld),
            "{slug}: the same ClaimReview"
        );
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
        "12 imported (0 new, 0 updated, 12 unchanged), 0 failed"
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
        last.rating_change_in(&factdesk::domain::Ui::english()),
        Some(("False".to_owned(), "Mostly True".to_owned())),
        "readers are told the verdict moved"
    );
}
