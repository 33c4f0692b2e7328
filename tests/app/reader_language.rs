//! A Spanish-language desk runs Factdesk for its readers: once the site's language is set,
//! every reader page (lists, claimant and author pages, search, corrections, the tip forms)
//! speaks Spanish, titles and descriptions included.

use crate::helpers::{TestApp, fields, moon_fact_check};
use reqwest::StatusCode;

const SLUG: &str = "apollo-photos-show-shadows-consistent-with-one-light-source-the-sun";

#[tokio::test]
async fn a_spanish_site_shows_every_reader_page_in_spanish() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as_editor().await;
    let csrf = app.csrf().await;
    let saved = app
        .post_form(
            "/editor/settings",
            &fields(&[
                ("csrf", &csrf),
                ("corrections_policy", "Corregimos los errores a la vista."),
                ("site_language", "es"),
            ]),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let edit_path = app.create_draft(&moon_fact_check()).await;
    app.publish(&edit_path).await;
    let verdict = app.get(&format!("/fact-checks/{SLUG}")).await.body;
    assert!(
        verdict.contains("<title>Verificación: Apollo photos"),
        "{verdict}"
    );
    assert!(verdict.contains(r#"content="Calificación: Falso. The shadows"#));
    let author = verdict
        .split("href=\"/authors/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a byline link")
        .to_owned();

    let pages = [
        (
            "/".to_owned(),
            vec![
                "<title>Últimas verificaciones ·",
                "Las últimas verificaciones de",
            ],
        ),
        (
            "/claimants".to_owned(),
            vec![
                "<title>Quién hizo las afirmaciones ·",
                ">El nombre empieza por</label>",
                "1 afirmación verificada",
            ],
        ),
        (
            "/claimants/social-media-users".to_owned(),
            vec![
                "<title>Social media users ·",
                "Afirmaciones de Social media users</h1>",
                ">Balance</h2>",
                ">Falso</a> <strong>1</strong>",
                "Afirmaciones verificadas de Social media users: 1 Falso.",
            ],
        ),
        (
            format!("/authors/{author}"),
            vec![">Autor</p>", "<h2>Verificaciones de "],
        ),
        (
            "/search?q=apollo".to_owned(),
            vec![
                "<title>Búsqueda: apollo ·",
                "Verificaciones que contienen «apollo»",
                ">Palabras que buscar</label>",
                "<option value=\"\">Cualquier calificación</option>",
                ">Falso</option>",
                "entre las 1.000 coincidencias",
            ],
        ),
        (
            "/search?q=nothingmatcheszzz".to_owned(),
            vec!["Ninguna verificación publicada contiene todas las palabras."],
        ),
        (
            "/corrections".to_owned(),
            vec![
                "<title>Correcciones y actualizaciones ·",
                "Aún no hay correcciones ni actualizaciones.",
            ],
        ),
        (
            "/tips".to_owned(),
            vec![
                "<title>Propón una afirmación para verificar ·",
                ">La afirmación</label>",
                ">Enviar la afirmación</button>",
                "se borra a los",
            ],
        ),
        (
            format!("/fact-checks/{SLUG}/report"),
            vec![
                "<title>Informar de un error: Apollo photos",
                ">Qué está mal</label>",
                ">Enviar el aviso</button>",
            ],
        ),
        (
            "/tips/thanks".to_owned(),
            vec![
                "<h1 class=\"page-title\">Gracias</h1>",
                ">Enviar otra afirmación</a>",
            ],
        ),
        (
            format!("/fact-checks/{SLUG}"),
            vec![
                r#"aria-label="Calificación: Falso, 1 de 5 en nuestra escala""#,
                r#"<meta property="og:image:alt" content="Calificación: Falso — Shadows"#,
                "title=&#34;Verificación: Apollo photos",
            ],
        ),
        (
            format!("/fact-checks/{SLUG}/embed"),
            vec![
                "<title>Verificación: Apollo photos",
                r#"aria-label="Calificación: Falso, 1 de 5 en nuestra escala""#,
                ">Afirmación:</span>",
                "Lo afirmó Social media users</p>",
                ">Leer la verificación</a>",
            ],
        ),
        (
            "/ratings".to_owned(),
            vec![r#"aria-label="Calificación: Sátira, fuera de nuestra escala numerada""#],
        ),
        (
            "/tags/Space".to_owned(),
            vec![
                "<title>#Space ·",
                r#"content="Verificaciones con la etiqueta #Space""#,
            ],
        ),
        (
            "/ratings/false".to_owned(),
            vec![
                "<title>Calificadas como Falso ·",
                r#"content="Verificaciones calificadas como Falso""#,
            ],
        ),
    ];
    for (path, texts) in pages {
        let page = app.get(&path).await;
        assert!(page.status.is_success(), "{path}: {}", page.status);
        for text in texts {
            assert!(
                page.body.contains(text),
                "{path} lacks {text:?}:\n{}",
                page.body
            );
        }
        assert!(
            page.body.contains(r#"<html lang="es" dir="ltr">"#),
            "{path}"
        );
    }

    // The feed's entries read as the fact-check does.
    let feed = app.get("/feed.atom").await.body;
    for text in [
        r#"xml:lang="es">"#,
        ": últimas verificaciones</title>",
        "<title>Verificación: Apollo photos",
        "Calificación: Falso. Afirmación: Shadows in Apollo photos",
        "&#60;strong&#62;Afirmación:&#60;/strong&#62;",
    ] {
        assert!(feed.contains(text), "the feed lacks {text:?}:\n{feed}");
    }

    // A search refused as too costly says why in Spanish, beside the box.
    let refused = app.get("/search?q=v*").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("Escribe al menos 3 letras antes de *"),
        "{}",
        refused.body
    );

    // A tip refused for a missing claim says so in Spanish, with what was typed kept.
    let refused = app
        .another_browser()
        .post_form(
            "/tips",
            &fields(&[("claim", ""), ("seen_where", "En la radio")]),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Corrige el campo señalado abajo"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("En la radio"));
}
