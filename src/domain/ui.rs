//! Reader pages' fixed text in the reader's language: navigation, "Claim:", "Rating:",
//! "Sources", the rating scale's labels, dates. The text lives in Fluent files under
//! `locales/`, built into the binary; a key a language lacks falls back to English.
//! (The editor's side stays English.)

use crate::domain::cited::SameText;
use crate::domain::{Day, Language, Moment, Rating};
use chrono::Datelike;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Pages mark their own directions; the invisible isolation marks Fluent would put
        // around each argument would end up in titles and feeds.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The languages reader pages can be shown in.
pub const UI_LANGUAGES: &[&str] = &["en", "es", "fr", "de", "ar"];

/// A newsroom's own wording of its ratings (table `rating_labels`, migration 0022): by
/// rating slug and primary language subtag, a label and a definition.
pub type RatingWords = HashMap<(String, String), (String, String)>;

/// The language a page's fixed text is shown in.
#[derive(Debug, Clone)]
pub struct Ui {
    id: LanguageIdentifier,
    tag: &'static str,
    /// The primary subtag of the language asked for, which may have no files ("pt"): the
    /// newsroom's rating words are looked up by it.
    wording: String,
    words: Arc<RatingWords>,
}

impl Default for Ui {
    fn default() -> Self {
        Ui::english()
    }
}

impl Ui {
    /// The interface language for text in `language`: its own when there are translation
    /// files for it, else English.
    pub fn for_language(language: &Language) -> Ui {
        let tag = UI_LANGUAGES
            .iter()
            .find(|tag| **tag == language.primary())
            .copied()
            .unwrap_or("en");
        Ui {
            id: tag.parse().unwrap_or_default(),
            tag,
            wording: language.primary().to_owned(),
            words: Arc::default(),
        }
    }

    /// This interface for text in `language`, with the same rating words.
    pub fn in_language(&self, language: &Language) -> Ui {
        Ui {
            words: Arc::clone(&self.words),
            ..Ui::for_language(language)
        }
    }

    /// This interface with the newsroom's rating words.
    pub fn with_rating_words(self, words: Arc<RatingWords>) -> Ui {
        Ui { words, ..self }
    }

    pub fn english() -> Ui {
        Ui::for_language(&Language::english())
    }

    /// The BCP 47 tag, for `lang`.
    pub fn lang(&self) -> &'static str {
        self.tag
    }

    /// "ltr" or "rtl", for `dir`.
    pub fn dir(&self) -> &'static str {
        if self.tag == "ar" { "rtl" } else { "ltr" }
    }

    /// The text of `key`; the key itself should no file hold it (a mistake tests catch).
    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(&self.id, key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The text of `key` with its `{ $name }` arguments filled in.
    pub fn t_with(&self, key: &str, args: &[(&'static str, &str)]) -> String {
        self.lookup(key, args.iter().map(|(n, v)| (*n, FluentValue::from(*v))))
    }

    /// The text of `key` for a number `count`, in the plural form the language gives it
    /// ("1 fact-check", "2 fact-checks").
    /// (Templates hand their numbers over by reference or by value: both are taken.)
    pub fn t_count(&self, key: &str, count: impl std::borrow::Borrow<i64>) -> String {
        self.lookup(key, [("count", FluentValue::from(*count.borrow()))])
    }

    /// "3 sources, 1 independent".
    pub fn sources_summary(&self, (listed, independent): &(usize, usize)) -> String {
        self.lookup(
            "sources-summary",
            [
                ("count", FluentValue::from(*listed)),
                ("independent", FluentValue::from(*independent)),
            ],
        )
    }

    /// "CNA and Asharq Al-Awsat ran the same text as Reuters".
    pub fn same_text(&self, same: &SameText) -> String {
        let who = match same.reprinted_by.split_last() {
            Some((last, others)) if !others.is_empty() => self.t_with(
                "list-and",
                &[("first", others.join(", ").as_str()), ("last", last)],
            ),
            _ => same.reprinted_by.concat(),
        };
        self.lookup(
            "same-text",
            [
                ("who", FluentValue::from(who)),
                ("original", FluentValue::from(same.original.as_str())),
                ("n", FluentValue::from(same.reprinted_by.len())),
            ],
        )
    }

    fn lookup<'a>(
        &self,
        key: &str,
        args: impl IntoIterator<Item = (&'static str, FluentValue<'a>)>,
    ) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'a>> = args
            .into_iter()
            .map(|(name, value)| (Cow::Borrowed(name), value))
            .collect();
        LOCALES
            .try_lookup_with_args(&self.id, key, &args)
            .unwrap_or_else(|| key.to_owned())
    }

    /// 10000 as "10,000", "10.000", "10 000" (a narrow no-break space).
    pub fn thousands(&self, n: i64) -> String {
        let separator = self.t("digit-group");
        let digits = n.unsigned_abs().to_string();
        let mut out = String::from(if n < 0 { "-" } else { "" });
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(&separator);
            }
            out.push(c);
        }
        out
    }

    /// "24 June 2025", "24 de junio de 2025", "24. Juni 2025".
    pub fn day(&self, day: &Day) -> String {
        let date = day.0;
        let (d, y) = (date.day().to_string(), date.year().to_string());
        let month = self.t(&format!("month-{}", date.month()));
        self.t_with(
            "date-long",
            &[
                ("day", d.as_str()),
                ("month", month.as_str()),
                ("year", y.as_str()),
            ],
        )
    }

    /// The day of `moment` in UTC, as `day`.
    pub fn date(&self, moment: &Moment) -> String {
        self.day(&Day(moment.0.date_naive()))
    }

    /// The exact time of `moment` for a `<time>`'s title: "24 June 2025, 14:03 UTC".
    pub fn exact(&self, moment: &Moment) -> String {
        format!("{}, {} UTC", self.date(moment), moment.0.format("%H:%M"))
    }

    /// A rating's label in this language: the newsroom's wording for the language when it
    /// gave one, else the scale's own (by slug) when the files name it, else the rating's
    /// own label.
    pub fn rating_label(&self, rating: &Rating) -> String {
        match self.newsroom_words(rating) {
            Some((label, _)) => label.clone(),
            None => self.rating_text(&format!("rating-{}", rating.slug), &rating.label),
        }
    }

    pub fn rating_definition(&self, rating: &Rating) -> String {
        match self.newsroom_words(rating) {
            Some((_, definition)) => definition.clone(),
            None => {
                let key = format!("rating-{}-definition", rating.slug);
                self.rating_text(&key, &rating.definition)
            }
        }
    }

    /// The label and definition this language has for `rating` without the newsroom's
    /// words: what the settings form offers to start from.
    pub fn default_rating_words(&self, rating: &Rating) -> (String, String) {
        let label = self.rating_text(&format!("rating-{}", rating.slug), &rating.label);
        let key = format!("rating-{}-definition", rating.slug);
        (label, self.rating_text(&key, &rating.definition))
    }

    fn newsroom_words(&self, rating: &Rating) -> Option<&(String, String)> {
        if self.words.is_empty() {
            return None;
        }
        self.words.get(&(rating.slug.clone(), self.wording.clone()))
    }

    /// English keeps the rating's own wording; a language without files has none of its own.
    fn rating_text(&self, key: &str, own: &str) -> String {
        if self.tag == "en" {
            return own.to_owned();
        }
        LOCALES
            .lookup_no_default_fallback::<&str>(&self.id, key, None)
            .unwrap_or_else(|| own.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key_english_has() {
        let english = include_str!("../../locales/en/reader.ftl");
        let keys: Vec<&str> = english
            .lines()
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k))
            .filter(|k| !k.starts_with('#'))
            .collect();
        assert!(keys.len() > 40, "{keys:?}");
        // Every argument any message takes, so a message with arguments is found too.
        let args: HashMap<&str, FluentValue<'_>> = [
            "site",
            "from",
            "to",
            "day",
            "month",
            "year",
            "n",
            "count",
            "rating",
            "tag",
            "name",
            "typed",
            "tally",
            "headline",
            "days",
            "ranked",
            "scanned",
            "independent",
            "who",
            "original",
            "first",
            "last",
            "label",
            "value",
            "top",
            "claim",
            "date",
        ]
        .into_iter()
        .map(|name| (name, FluentValue::from("x")))
        .collect();
        for tag in UI_LANGUAGES {
            let ui = Ui::for_language(&Language::parse(tag).unwrap());
            for key in &keys {
                let found = LOCALES.lookup_no_default_fallback(&ui.id, key, Some(&args));
                assert!(found.is_some(), "{tag} lacks {key}");
            }
        }
    }

    #[test]
    fn the_sources_count_and_reprint_notes_read_in_each_language() {
        let ui = |tag: &str| Ui::for_language(&Language::parse(tag).unwrap());
        assert_eq!(
            ui("en").sources_summary(&(3, 1)),
            "3 sources, 1 independent"
        );
        assert_eq!(ui("en").sources_summary(&(1, 1)), "1 source, 1 independent");
        assert_eq!(
            ui("es").sources_summary(&(3, 2)),
            "3 fuentes, 2 independientes"
        );
        let two = SameText {
            reprinted_by: vec!["CNA".into(), "Asharq".into()],
            original: "Reuters".into(),
        };
        let one = SameText {
            reprinted_by: vec!["CNA".into()],
            original: "Reuters".into(),
        };
        assert_eq!(
            ui("en").same_text(&two),
            "CNA and Asharq ran the same text as Reuters"
        );
        assert_eq!(
            ui("es").same_text(&one),
            "CNA publicó el mismo texto que Reuters"
        );
        assert_eq!(
            ui("es").same_text(&two),
            "CNA y Asharq publicaron el mismo texto que Reuters"
        );
        assert_eq!(
            ui("de").same_text(&one),
            "CNA brachte denselben Text wie Reuters"
        );
    }

    #[test]
    fn a_newsrooms_words_win_in_their_language_only() {
        let rating = Rating {
            slug: "false".into(),
            label: "False".into(),
            value: Some(1),
            definition: "The claim is inaccurate.".into(),
            colour: "#a8141e".into(),
        };
        let words: RatingWords = [(
            ("false".to_owned(), "es".to_owned()),
            ("Bulo".to_owned(), "Falso y viral.".to_owned()),
        )]
        .into();
        let site = Ui::english().with_rating_words(Arc::new(words));
        let spanish = site.in_language(&Language::parse("es-MX").unwrap());
        assert_eq!(spanish.rating_label(&rating), "Bulo");
        assert_eq!(spanish.rating_definition(&rating), "Falso y viral.");
        assert_eq!(spanish.default_rating_words(&rating).0, "Falso");
        assert_eq!(site.rating_label(&rating), "False");
        let french = site.in_language(&Language::parse("fr").unwrap());
        assert_eq!(french.rating_label(&rating), "Faux");
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        let day = Day::parse("2025-06-24").unwrap();
        for (tag, written) in [
            ("en", "24 June 2025"),
            ("es", "24 de junio de 2025"),
            ("fr", "24 juin 2025"),
            ("de", "24. Juni 2025"),
            ("ar", "24 يونيو 2025"),
            ("pt", "24 June 2025"),
        ] {
            let ui = Ui::for_language(&Language::parse(tag).unwrap());
            assert_eq!(ui.day(&day), written, "{tag}");
        }
        for (tag, written) in [("en", "10,000"), ("de", "10.000"), ("fr", "10\u{202f}000")] {
            let ui = Ui::for_language(&Language::parse(tag).unwrap());
            assert_eq!(ui.thousands(10_000), written, "{tag}");
        }
        assert_eq!(Ui::english().thousands(999), "999");
        assert_eq!(
            Ui::for_language(&Language::parse("ar-EG").unwrap()).dir(),
            "rtl"
        );
    }
}
