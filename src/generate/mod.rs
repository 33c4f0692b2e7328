//! A large, realistic newsroom for benchmarks: `factdesk generate`. Every fact-check goes
//! through the same validation and save path as an editor's (so the search index, revisions
//! and rendered HTML are what a real site would hold), in batches of one transaction each.
//! Every fifth has a featured image, one of a dozen shared pictures (`images`).

use crate::db::users::SeedAccount;
use crate::db::{Db, fact_checks};
use crate::domain::{
    AppearanceInput, FactCheckDraft, FactCheckInput, ImageId, Moment, SourceInput,
};
use crate::error::AppError;
use chrono::Duration;
use words::{FIRST, GROUPS, LAST, OUTLETS, SUBJECTS, TOPICS, VERBS, WORDS};

mod images;
mod words;

/// Fact-checks saved per transaction: big enough that commits are not the cost.
const BATCH: usize = 1_000;
/// One fact-check in this many has a featured image, about the share a newsroom that
/// illustrates its bigger stories has.
const ILLUSTRATED_EVERY: usize = 5;

/// A deterministic newsroom: the same `count` and `seed` make the same database.
pub fn generate(
    db: &Db,
    count: usize,
    seed: u64,
    mut progress: impl FnMut(usize),
) -> Result<(), AppError> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let account = SeedAccount::new("bench@factdesk.example", "Bench Editor", "bench account")?;
    let author = db.write_blocking(|tx| account.create(tx))?;
    let pictures = db.write_blocking(|tx| images::store(tx, author, Moment::now()))?;

    // About 3,000 people plus the groups; a few are quoted far more often than the rest.
    let claimants: Vec<String> = FIRST
        .iter()
        .flat_map(|f| LAST.iter().map(move |l| format!("{f} {l}")))
        .chain(GROUPS.iter().map(|g| (*g).to_owned()))
        .collect();
    let start = Moment::now().0 - Duration::days(3 * 365);
    let step = Duration::days(3 * 365) / count.max(1) as i32;

    let mut done = 0;
    while done < count {
        let batch = BATCH.min(count - done);
        db.write_blocking(|tx| {
            for n in done..done + batch {
                // Chosen by position, not from `rng`: the texts stay those of a database
                // generated before images, so benchmarks before and after compare alike.
                let picture = (n % ILLUSTRATED_EVERY == 0)
                    .then(|| pictures[(n / ILLUSTRATED_EVERY) % pictures.len()]);
                let input = fact_check(&mut rng, n, &claimants, picture);
                let draft = FactCheckDraft::try_from(&input).map_err(|errors| {
                    AppError::Internal(format!("generated fact-check {n} is invalid: {errors:?}"))
                })?;
                let published = Moment(start + step * n as i32);
                let id = fact_checks::create(tx, &draft, author, published)?;
                fact_checks::backdate(tx, id, published, published, Some(published))?;
            }
            Ok(())
        })?;
        done += batch;
        progress(done);
    }
    Ok(())
}

fn pick<'a>(rng: &mut fastrand::Rng, from: &'a [&'a str]) -> &'a str {
    from[rng.usize(..from.len())]
}

/// Words drawn with a skew, so some are in most fact-checks and others in few (what makes
/// ranking expensive for common words).
fn sentence(rng: &mut fastrand::Rng, words: usize) -> String {
    let mut text = String::new();
    for i in 0..words {
        let skewed = (rng.f64().powi(3) * WORDS.len() as f64) as usize;
        let word = WORDS[skewed.min(WORDS.len() - 1)];
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                text.extend(first.to_uppercase());
                text.push_str(chars.as_str());
            }
        } else {
            text.push(' ');
            text.push_str(word);
        }
    }
    text.push('.');
    text
}

fn fact_check(
    rng: &mut fastrand::Rng,
    n: usize,
    claimants: &[String],
    picture: Option<ImageId>,
) -> FactCheckInput {
    let subject = pick(rng, SUBJECTS);
    let verb = pick(rng, VERBS);
    // Squared: a few claimants are checked often, most rarely, as in real newsrooms.
    let claimant =
        &claimants[(rng.f64().powi(2) * claimants.len() as f64) as usize % claimants.len()];
    let rating = [
        "true",
        "mostly-true",
        "mixture",
        "mostly-false",
        "false",
        "unproven",
        "misattributed",
        "miscaptioned",
        "outdated",
        "satire",
    ][rng.usize(..10)];
    let mut body = String::with_capacity(2048);
    let target = rng.usize(1000..2000);
    while body.len() < target {
        for _ in 0..rng.usize(2..5) {
            let words = rng.usize(8..20);
            body.push_str(&sentence(rng, words));
            body.push(' ');
        }
        body.push_str(&format!(
            "See [the {} record](https://example.com/records/{n}/{}).\n\n",
            pick(rng, OUTLETS),
            rng.u32(..)
        ));
    }
    let mut tags: Vec<&str> = Vec::with_capacity(3);
    while tags.len() < 3 {
        let tag = pick(rng, TOPICS);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    FactCheckInput {
        headline: format!("Claim that {subject} {verb} is not supported (check {n})"),
        slug: format!("check-{n}-{}", subject.replace(' ', "-")),
        rating: rating.to_owned(),
        summary: format!("{} {}", sentence(rng, 14), sentence(rng, 10)),
        body,
        tags: tags.join(", "),
        claim_text: format!("{} {verb}.", capitalized(subject)),
        claimant: claimant.clone(),
        claim_date: String::new(),
        appearances: vec![AppearanceInput {
            url: format!("https://example.com/posts/{n}"),
            platform: ["X", "Facebook", "TikTok", "Telegram", "Television"][rng.usize(..5)]
                .to_owned(),
            reach: format!("{} views", rng.u32(1_000..5_000_000)),
            ..Default::default()
        }],
        sources: (0..5)
            .map(|i| SourceInput {
                outlet: pick(rng, OUTLETS).to_owned(),
                title: sentence(rng, 7),
                authors: format!("{} {}", pick(rng, FIRST), pick(rng, LAST)),
                date: format!("2024-{:02}-{:02}", rng.u8(1..13), rng.u8(1..29)),
                url: format!("https://example.com/sources/{n}/{i}"),
                ..Default::default()
            })
            .collect(),
        featured_image: picture.map(|id| id.to_string()).unwrap_or_default(),
        ..Default::default()
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
