//! A large, realistic newsroom for benchmarks: `factdesk generate`. Every fact-check goes
//! through the same validation and save path as an editor's (so the search index, revisions
//! and rendered HTML are what a real site would hold), in batches of one transaction each.

use crate::db::{Db, fact_checks, users};
use crate::domain::{
    AppearanceInput, FactCheckDraft, FactCheckInput, Moment, NewUser, SourceInput,
    generate_password,
};
use crate::error::AppError;
use chrono::Duration;

/// Fact-checks saved per transaction: big enough that commits are not the cost.
const BATCH: usize = 1_000;

const FIRST: &[&str] = &[
    "Maria", "James", "Olena", "Ahmed", "Chen", "Priya", "Lucas", "Fatima", "Ivan", "Grace",
    "Tomas", "Aisha", "Kenji", "Sofia", "Daniel", "Amara", "Pavel", "Leila", "Marco", "Nadia",
    "Samuel", "Yara", "Viktor", "Hana", "Diego", "Ingrid", "Kwame", "Elif", "Rafael", "Mei",
];
const LAST: &[&str] = &[
    "Kovalenko",
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Moreau",
    "Tanaka",
    "Novak",
    "Mensah",
    "Petrov",
    "Silva",
    "Brennan",
    "Castillo",
    "Weiss",
    "Rahman",
    "Ivanova",
    "Fischer",
    "Osei",
    "Duarte",
    "Nakamura",
    "Costa",
    "Horvat",
    "Jensen",
    "Karimi",
    "Laine",
    "Markovic",
    "Nilsen",
    "Oyelaran",
    "Quinn",
    "Rossi",
    "Sato",
    "Tran",
    "Usman",
    "Varga",
    "Wolff",
    "Yilmaz",
    "Zeman",
    "Abara",
    "Bianchi",
    "Cruz",
    "Dahl",
    "Egwu",
    "Farouk",
    "Gallo",
    "Hadid",
    "Ilves",
    "Jovanovic",
    "Kaur",
    "Lopez",
    "Mazur",
    "Ndiaye",
    "Olsen",
    "Pereira",
    "Radu",
    "Suzuki",
    "Teo",
    "Uddin",
    "Vidal",
    "Wong",
    "Xu",
    "Young",
    "Zhou",
    "Adeyemi",
    "Borg",
    "Cohen",
    "Diaz",
    "Eriksen",
    "Fontaine",
    "Gray",
    "Hoang",
    "Ito",
    "Juarez",
    "Keller",
    "Lund",
    "Mora",
    "Nash",
    "Ortiz",
    "Park",
    "Reyes",
    "Stone",
    "Torres",
    "Ueda",
    "Vance",
    "Walsh",
    "Yates",
    "Zamora",
    "Ahn",
    "Baker",
    "Chua",
    "Doyle",
    "Evans",
    "Ford",
    "Gomez",
    "Hale",
    "Irwin",
    "Jain",
    "Khan",
    "Lee",
    "Mills",
];
const GROUPS: &[&str] = &[
    "Social media users",
    "Viral Facebook posts",
    "Telegram channels",
    "TikTok videos",
    "Chain messages on WhatsApp",
    "Anonymous blog",
    "Pro-government outlets",
    "Opposition party",
    "Ministry of Health",
    "City council",
    "Regional governor's office",
    "Trade union",
    "Energy company",
    "Advocacy group",
    "Campaign ad",
];
const SUBJECTS: &[&str] = &[
    "vaccines",
    "inflation",
    "the election",
    "wildfires",
    "the border",
    "crime rates",
    "tariffs",
    "electric cars",
    "the ceasefire",
    "grain exports",
    "the pension reform",
    "heat waves",
    "drinking water",
    "school funding",
    "hospital waiting lists",
    "wind farms",
    "interest rates",
    "the census",
    "migration",
    "food prices",
    "nuclear talks",
    "the stock market",
    "floods",
    "public transport",
    "housing costs",
    "unemployment",
    "the minimum wage",
    "air pollution",
    "cyber attacks",
    "satellite images",
];
const VERBS: &[&str] = &[
    "doubled",
    "fell by half",
    "were banned",
    "caused a blackout",
    "hit a record",
    "were secretly approved",
    "cost taxpayers billions",
    "ended last week",
    "were faked",
    "tripled since 2020",
    "were cancelled",
    "killed thousands",
    "were never tested",
    "came from abroad",
    "were covered up",
];
const TOPICS: &[&str] = &[
    "Health",
    "Economy",
    "Elections",
    "Climate",
    "Migration",
    "Crime",
    "Energy",
    "Ukraine",
    "Iran",
    "Russia",
    "Israel",
    "Trade",
    "Education",
    "Transport",
    "Housing",
    "Technology",
    "Science",
    "Agriculture",
    "Water",
    "Defense",
    "Diplomacy",
    "Media",
    "Labour",
    "Taxes",
];
const OUTLETS: &[&str] = &[
    "Reuters",
    "Associated Press",
    "BBC News",
    "Le Monde",
    "The Kyiv Independent",
    "Deutsche Welle",
    "Al Jazeera",
    "National Statistics Office",
    "World Health Organization",
    "European Commission",
    "IMF",
    "Court records",
    "Parliament transcript",
    "Nature",
    "The Lancet",
    "Central bank bulletin",
];
const WORDS: &[&str] = &[
    "official",
    "figures",
    "show",
    "that",
    "the",
    "claim",
    "does",
    "not",
    "match",
    "records",
    "published",
    "by",
    "agency",
    "in",
    "report",
    "data",
    "from",
    "previous",
    "year",
    "compared",
    "with",
    "statement",
    "spokesperson",
    "said",
    "no",
    "evidence",
    "was",
    "provided",
    "for",
    "video",
    "circulating",
    "online",
    "actually",
    "filmed",
    "earlier",
    "different",
    "country",
    "analysis",
    "independent",
    "experts",
    "confirmed",
    "estimate",
    "percent",
    "increase",
    "decrease",
    "budget",
    "ministry",
    "document",
    "archive",
    "original",
    "context",
    "missing",
    "quote",
    "attributed",
    "interview",
    "broadcast",
    "photo",
    "caption",
    "location",
    "verified",
    "geolocated",
    "satellite",
    "timeline",
    "shows",
    "months",
    "before",
    "after",
    "survey",
    "sample",
    "margin",
    "error",
    "trend",
    "decade",
    "region",
    "province",
    "capital",
    "researchers",
    "study",
    "peer",
    "reviewed",
    "journal",
    "dataset",
    "methodology",
];

/// A deterministic newsroom: the same `count` and `seed` make the same database.
pub fn generate(
    db: &Db,
    count: usize,
    seed: u64,
    mut progress: impl FnMut(usize),
) -> Result<(), AppError> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let password = generate_password().map_err(AppError::Internal)?;
    let account = NewUser::parse("bench@factdesk.example", "Bench Editor", &password)
        .map_err(|e| AppError::Internal(format!("bench account is invalid: {e:?}")))?;
    let hash = account.password.hash().map_err(AppError::Internal)?;
    let author = db.write_blocking(|tx| {
        let (id, _) = users::create(
            tx,
            account.email.as_str(),
            &account.name,
            &hash,
            None,
            Moment::now(),
        )?;
        Ok(id)
    })?;

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
                let input = fact_check(&mut rng, n, &claimants);
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

fn fact_check(rng: &mut fastrand::Rng, n: usize, claimants: &[String]) -> FactCheckInput {
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
