//! Fact-checks in many languages: each page carries its language and direction, links its
//! translations both ways, and is found by searches written as its readers write.

use crate::helpers::{TestApp, moon_fact_check, with};
use reqwest::StatusCode;
use serde_json::Value;

const ARABIC: &str = "putin-qal-la-mubarrir-lil-hujum-al-amriki";
const SPANISH: &str = "rusia-sigue-alineada-con-iran";
const ENGLISH: &str = "russia-remains-aligned-with-iran";

async fn found(app: &TestApp, q: &str) -> Vec<String> {
    let address = format!(
        "/api/v1/fact-checks?{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("q", q)
            .finish()
    );
    let page = app.get(&address).await;
    assert_eq!(page.status, StatusCode::OK, "{q}: {}", page.body);
    let body: Value = serde_json::from_str(&page.body).unwrap();
    body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn an_arabic_fact_check_reads_right_to_left_and_arabic_searches_find_it() {
    let app = TestApp::spawn_with_demo().await;
    let page = app.get(&format!("/fact-checks/{ARABIC}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(r#"<article class="verdict" lang="ar" dir="rtl">"#)
    );
    // As written, without the hamza, and with short vowels typed in: the same word.
    for q in ["مبرر", "أساس", "اساس", "مُبَرِّر", "عراقجي موسكو"] {
        assert!(found(&app, q).await.contains(&ARABIC.to_owned()), "{q}");
    }
    let api: Value =
        serde_json::from_str(&app.get(&format!("/api/v1/fact-checks/{ARABIC}")).await.body)
            .unwrap();
    assert_eq!(api["language"], "ar");
    // The snippet is spelled as written (hamza, teh marbuta), though the index folds them.
    let results = app.get("/search?q=%D9%85%D8%A8%D8%B1%D8%B1").await.body;
    let snippet = results
        .split(r#"<p class="snippet">"#)
        .nth(1)
        .and_then(|rest| rest.split("</p>").next())
        .expect("a snippet");
    assert!(snippet.contains("<mark>مبرر</mark>"), "{snippet}");
    assert!(snippet.contains(['أ', 'إ', 'ة']), "{snippet}");
    assert!(
        !snippet.contains("الايراني") && !snippet.contains("الامريكيه"),
        "{snippet}"
    );
}

#[tokio::test]
async fn spanish_and_french_searches_ignore_accents() {
    let demo = TestApp::spawn_with_demo().await;
    for q in ["alineada", "alineáda", "retiró", "retiro", "Teherán"] {
        assert!(found(&demo, q).await.contains(&SPANISH.to_owned()), "{q}");
    }
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let french = with(
        &with(
            &with(&moon_fact_check(), "language", "fr"),
            "headline",
            "Les photos d’Apollo montrent des ombres éclairées par le Soleil",
        ),
        "slug",
        "ombres-apollo",
    );
    let edit_path = app.create_draft(&french).await;
    app.publish(&edit_path).await;
    for q in ["éclairées", "eclairees", "ECLAIREES", "ombres"] {
        assert!(
            found(&app, q).await.contains(&"ombres-apollo".to_owned()),
            "{q}"
        );
    }
    let page = app.get("/fact-checks/ombres-apollo").await;
    assert!(page.body.contains(r#"lang="fr" dir="ltr""#));
}

#[tokio::test]
async fn a_translation_links_both_ways_with_hreflang_and_claimreview_names_the_language() {
    let app = TestApp::spawn_with_demo().await;
    let spanish = app.get(&format!("/fact-checks/{SPANISH}")).await.body;
    let english = app.get(&format!("/fact-checks/{ENGLISH}")).await.body;
    for (page, other_lang, other) in [(&spanish, "en", ENGLISH), (&english, "es", SPANISH)] {
        let alternate = format!(
            r#"<link rel="alternate" hreflang="{other_lang}" href="{}/fact-checks/{other}">"#,
            app.address
        );
        assert!(page.contains(&alternate), "{alternate}");
        assert!(page.contains(&format!(
            r#"<a href="/fact-checks/{other}" hreflang="{other_lang}""#
        )));
    }
    assert!(spanish.contains(">English</a>") && english.contains(">Español</a>"));
    assert!(english.contains(r#""inLanguage":"en""#));
    assert!(spanish.contains(r#""inLanguage":"es""#));
    let api: Value = serde_json::from_str(
        &app.get(&format!("/api/v1/fact-checks/{ENGLISH}"))
            .await
            .body,
    )
    .unwrap();
    assert_eq!(api["translations"][0]["slug"], SPANISH);
    assert_eq!(api["translations"][0]["language"], "es");
    // A page with no translation names no alternates.
    let alone = app
        .get("/fact-checks/geneva-us-iran-talks-showed-progress-with-caveats")
        .await
        .body;
    assert!(!alone.contains("hreflang") && !alone.contains("Also in:"));
}

#[tokio::test]
async fn the_editor_is_told_what_is_wrong_with_a_language_or_a_translation() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let bad = with(&moon_fact_check(), "language", "Spanish please");
    let page = app.submit_new(&bad).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("is not a language tag"), "{}", page.body);
    assert!(
        page.body.contains(r#"value="Spanish please""#),
        "what was typed stays"
    );

    let lost = with(&moon_fact_check(), "translation_of", "no-such-fact-check");
    let page = app.submit_new(&lost).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("No fact-check has this address name."));

    // A translation of a translation joins the group around the original.
    let english = app
        .create_draft(&with(&moon_fact_check(), "slug", "moon"))
        .await;
    app.publish(&english).await;
    let spanish = with(
        &with(&moon_fact_check(), "language", "es"),
        "translation_of",
        "moon",
    );
    let edit_path = app.create_draft(&with(&spanish, "slug", "luna")).await;
    app.publish(&edit_path).await;
    let portuguese = with(
        &with(&moon_fact_check(), "language", "pt-br"),
        "translation_of",
        "luna",
    );
    let edit_path = app.create_draft(&with(&portuguese, "slug", "lua")).await;
    app.publish(&edit_path).await;
    let english = app.get("/fact-checks/moon").await.body;
    assert!(
        english.contains(r#"hreflang="pt-BR""#),
        "pt-BR, in its usual case"
    );
    assert!(english.contains(">Español</a>") && english.contains(">Português</a>"));
    let page = app.get("/fact-checks/lua").await.body;
    assert!(page.contains(">English</a>") && page.contains(">Español</a>"));
    // The edit form shows what the translation points at, as typed.
    let form = app.get(&edit_path).await.body;
    let field = |name: &str| {
        let at = form.find(&format!(r#"name="{name}""#)).unwrap();
        form[at..at + form[at..].find('>').unwrap()].to_owned()
    };
    assert!(
        field("translation_of").contains(r#"value="moon""#),
        "the group's centre"
    );
    assert!(field("language").contains(r#"value="pt-BR""#));
}

#[tokio::test]
async fn each_interface_language_renders_the_verdict_page_in_its_own_words_and_dates() {
    let demo = TestApp::spawn_with_demo().await;
    let arabic = demo.get(&format!("/fact-checks/{ARABIC}")).await.body;
    assert!(arabic.contains(r#"<html lang="ar" dir="rtl">"#));
    for text in [
        "الادعاء:",
        "التصنيف:",
        ">صحيح</span>",
        "24 يونيو 2025",
        "المصادر",
        ">الأحدث</a>",
    ] {
        assert!(arabic.contains(text), "ar: {text}");
    }
    let spanish = demo.get(&format!("/fact-checks/{SPANISH}")).await.body;
    for text in [
        r#"<html lang="es" dir="ltr">"#,
        "Afirmación:",
        "Calificación:",
        ">Falso</span>",
        "La afirmación es inexacta.",
        "Publicado el <time",
        ">19 de junio de 2025</time>",
        "También en:",
    ] {
        assert!(spanish.contains(text), "es: {text}");
    }
    let english = demo.get(&format!("/fact-checks/{ENGLISH}")).await.body;
    for text in [
        r#"<html lang="en" dir="ltr">"#,
        "Claim:",
        "Rating:",
        ">False</span>",
        "Sources",
    ] {
        assert!(english.contains(text), "en: {text}");
    }

    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    for (language, slug, words) in [
        (
            "fr",
            "ombres-fr",
            ["Affirmation :", "Verdict :", "Non prouvé", "Sources"],
        ),
        (
            "de",
            "schatten-de",
            ["Behauptung:", "Bewertung:", "Unbelegt", "Quellen"],
        ),
    ] {
        let form = with(
            &with(
                &with(&moon_fact_check(), "language", language),
                "slug",
                slug,
            ),
            "rating",
            "unproven",
        );
        let edit_path = app.create_draft(&form).await;
        app.publish(&edit_path).await;
        let page = app.get(&format!("/fact-checks/{slug}")).await.body;
        assert!(page.contains(&format!(r#"<html lang="{language}" dir="ltr">"#)));
        for text in words {
            assert!(page.contains(text), "{language}: {text}");
        }
    }
    // The rest of the site stays in the site's language.
    let home = app.get("/").await.body;
    assert!(home.contains(r#"<html lang="en" dir="ltr">"#) && home.contains(">Latest</a>"));
}

#[tokio::test]
async fn an_admin_sets_the_sites_language_and_readers_pages_follow_it() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let csrf = app.csrf().await;
    let refused = app
        .post_form(
            "/editor/settings",
            &crate::helpers::fields(&[
                ("csrf", &csrf),
                ("corrections_policy", "We fix errors openly."),
                ("site_language", "Castellano"),
            ]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("is not a language tag"));
    assert!(refused.body.contains(r#"value="Castellano""#) || refused.body.contains("Castellano"));

    let saved = app
        .post_form(
            "/editor/settings",
            &crate::helpers::fields(&[
                ("csrf", &csrf),
                ("corrections_policy", "We fix errors openly."),
                ("site_language", "es"),
            ]),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let home = app.get("/").await.body;
    assert!(home.contains(r#"<html lang="es" dir="ltr">"#), "{home}");
    assert!(home.contains(">Lo último</a>") && home.contains(">Buscar</a>"));
    // New fact-checks are in the site's language unless their editor says otherwise.
    let edit_path = app.create_draft(&moon_fact_check()).await;
    app.publish(&edit_path).await;
    let api: Value = serde_json::from_str(
        &app.get("/api/v1/fact-checks/apollo-photos-show-shadows-consistent-with-one-light-source-the-sun")
            .await
            .body,
    )
    .unwrap();
    assert_eq!(api["language"], "es");
    // The editor's side stays in English.
    assert!(
        app.get("/editor")
            .await
            .body
            .contains(r#"<html lang="en" dir="ltr">"#)
    );
}
