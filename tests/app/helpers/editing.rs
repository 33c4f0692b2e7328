//! What an editor does through the forms: sign in, write a fact-check, save, press the
//! workflow buttons; and the form data they send.

use super::{EDITOR_EMAIL, EDITOR_PASSWORD, Page, TestApp};
use reqwest::StatusCode;
use reqwest::header::SET_COOKIE;

impl TestApp {
    pub async fn sign_in(&mut self, email: &str, password: &str) -> Page {
        let page = self
            .post_form(
                "/editor/login",
                &fields(&[("email", email), ("password", password)]),
            )
            .await;
        self.keep_session(&page);
        page
    }

    /// Signs in with extra request headers (`X-Forwarded-For`, `Host`, `Origin`…).
    pub async fn sign_in_with(
        &mut self,
        email: &str,
        password: &str,
        headers: &[(&str, &str)],
    ) -> Page {
        let body = urlencoded(&[("email", email), ("password", password)]);
        let page = self.post_raw("/editor/login", body, headers).await;
        self.keep_session(&page);
        page
    }

    /// Keeps the session cookie a sign-in answer sets, as a browser would.
    fn keep_session(&mut self, page: &Page) {
        if let Some(cookie) = page.headers.get(SET_COOKIE) {
            let cookie = cookie.to_str().unwrap();
            self.session_cookie = Some(cookie.split(';').next().unwrap().to_owned());
        }
    }

    pub async fn sign_in_as_editor(&mut self) {
        let page = self.sign_in(EDITOR_EMAIL, EDITOR_PASSWORD).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "sign-in failed:\n{}",
            page.body
        );
    }

    /// The CSRF token of the signed-in editor, read off a form as a browser would.
    pub async fn csrf(&self) -> String {
        self.get("/editor/fact-checks/new").await.csrf()
    }

    /// Submits the new fact-check form.
    pub async fn submit_new(&self, form: &[(String, String)]) -> Page {
        let mut form = form.to_vec();
        form.push(("csrf".into(), self.csrf().await));
        self.post_form("/editor/fact-checks", &form).await
    }

    /// Creates a draft and returns its edit path (`/editor/fact-checks/7`).
    pub async fn create_draft(&self, form: &[(String, String)]) -> String {
        let page = self.submit_new(form).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "create failed:\n{}",
            page.body
        );
        page.location().split('?').next().unwrap().to_owned()
    }

    pub async fn publish(&self, edit_path: &str) -> Page {
        self.press(edit_path, "publish", &[]).await
    }

    /// Presses one of the workflow buttons of a fact-check's edit page ("submit",
    /// "send-back", "publish", "unpublish"), with the form's other fields.
    pub async fn press(&self, edit_path: &str, button: &str, extra: &[(&str, &str)]) -> Page {
        let mut form = fields(extra);
        form.push(("csrf".into(), self.csrf().await));
        self.post_form(&format!("{edit_path}/{button}"), &form)
            .await
    }

    /// Saves the edit form of a fact-check as it was opened at `version`.
    pub async fn save(&self, edit_path: &str, version: i64, form: &[(String, String)]) -> Page {
        let mut form = with(form, "version", &version.to_string());
        form = with(&form, "csrf", &self.csrf().await);
        self.post_form(edit_path, &form).await
    }
}

/// A urlencoded form body, for requests `post_raw` sends.
pub fn urlencoded(pairs: &[(&str, &str)]) -> Vec<u8> {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
        .into_bytes()
}

pub fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A complete, valid new fact-check with two sources.
pub fn moon_fact_check() -> Vec<(String, String)> {
    fields(&[
        (
            "headline",
            "Apollo photos show shadows consistent with one light source, the Sun",
        ),
        ("rating", "false"),
        (
            "summary",
            "The shadows in Apollo photos are explained by terrain and perspective.",
        ),
        (
            "body",
            "A viral post says the shadows prove a studio.\n\nIn sum, *they do not*.",
        ),
        ("tags", "Space, MoonLanding"),
        (
            "claim_text",
            "Shadows in Apollo photos prove the landing was staged.",
        ),
        ("claimant", "Social media users"),
        ("claim_date", "2025-06-10"),
        ("appearance.0.url", "https://example.com/post/1"),
        ("appearance.0.platform", "X"),
        ("appearance.0.reach", "1.2 million views"),
        (
            "appearance.0.archived_url",
            "https://archive.example/post-1",
        ),
        ("source.0.outlet", "NASA"),
        ("source.0.title", "Apollo 11 image library"),
        ("source.0.date", "2019-07-16"),
        ("source.0.url", "https://example.com/nasa/apollo-11"),
        ("source.1.outlet", "Science Desk"),
        ("source.1.title", "Why shadows look wrong in lunar photos"),
        ("source.1.authors", "Jane Roe"),
        ("source.1.date", "2025-06-11"),
    ])
}

/// `form` with `field` set to `value` (added if absent).
pub fn with(form: &[(String, String)], field: &str, value: &str) -> Vec<(String, String)> {
    let mut form = form.to_vec();
    match form.iter_mut().find(|(k, _)| k == field) {
        Some(pair) => pair.1 = value.to_owned(),
        None => form.push((field.to_owned(), value.to_owned())),
    }
    form
}
