//! Finding elements on the page, reading them, and typing and clicking as a person does.

use super::{Browser, Element, element_id};
use serde_json::{Value, json};

impl Browser {
    /// The first element matching a CSS selector, failing the test when there is none.
    pub async fn find(&self, css: &str) -> Element {
        match self.try_find(css).await {
            Some(element) => element,
            None => panic!("no element matches {css:?} on {}", self.current_url().await),
        }
    }

    pub async fn try_find(&self, css: &str) -> Option<Element> {
        self.find_all(css).await.into_iter().next()
    }

    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self
            .post(
                "/elements",
                json!({ "using": "css selector", "value": css }),
            )
            .await;
        elements(&found)
    }

    /// The first link whose text contains `text`.
    pub async fn find_link(&self, text: &str) -> Option<Element> {
        let found = self
            .execute(
                "return [...document.querySelectorAll('a')]\
                   .find(a => a.textContent.includes(arguments[0])) || null;",
                json!([text]),
            )
            .await;
        element_id(&found)
    }

    /// The elements a script returns.
    pub async fn find_by_script(&self, script: &str, args: Value) -> Vec<Element> {
        let found = self.execute(script, args).await;
        elements(&found)
    }

    pub async fn attribute(&self, element: &Element, name: &str) -> Option<String> {
        let value = self
            .get(&format!("/element/{}/attribute/{name}", element.0))
            .await;
        value.as_str().map(str::to_owned)
    }

    /// Clicks an element once it is in the middle of the window, as a person would look at
    /// it first: at an edge it may sit under the form's sticky action bar, which would take
    /// the click.
    pub async fn click(&self, element: &Element) {
        self.execute(
            "arguments[0].scrollIntoView({ block: 'center', inline: 'nearest' });",
            json!([element.reference()]),
        )
        .await;
        self.post(&format!("/element/{}/click", element.0), json!({}))
            .await;
    }

    /// Empties a field, then types `text` into it key by key, as a person would: the
    /// browser applies the field's `maxlength` as it does for a person typing.
    pub async fn type_into(&self, element: &Element, text: &str) {
        self.post(&format!("/element/{}/clear", element.0), json!({}))
            .await;
        if !text.is_empty() {
            self.post(
                &format!("/element/{}/value", element.0),
                json!({ "text": text }),
            )
            .await;
        }
    }

    /// Empties a field and enters `text` the way a paste or an input method does: through
    /// the browser's editing path (`beforeinput`, `input`, `maxlength`), in one step rather
    /// than one key event per character. For the long payload runs, where key-by-key typing
    /// made the browser the bottleneck.
    pub async fn enter_text(&self, element: &Element, text: &str) {
        // Focused with its content selected, the field's text is replaced by what is
        // inserted; two round trips to chromedriver instead of four.
        let had_text = self
            .execute(
                "const e = arguments[0]; e.focus(); e.select(); return e.value !== '';",
                json!([element.reference()]),
            )
            .await;
        if text.is_empty() {
            if had_text.as_bool() == Some(true) {
                self.post(&format!("/element/{}/clear", element.0), json!({}))
                    .await;
            }
            return;
        }
        self.post(
            "/goog/cdp/execute",
            json!({ "cmd": "Input.insertText", "params": { "text": text } }),
        )
        .await;
    }

    pub async fn text(&self, element: &Element) -> String {
        let value = self.get(&format!("/element/{}/text", element.0)).await;
        value.as_str().unwrap_or_default().to_owned()
    }

    /// An element's text as written in the page, whitespace collapsed: what a screen
    /// reader reads, before CSS changes its case.
    pub async fn words(&self, element: &Element) -> String {
        let value = self
            .get(&format!("/element/{}/property/textContent", element.0))
            .await;
        let text = value.as_str().unwrap_or_default();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The page's visible text.
    pub async fn body_text(&self) -> String {
        let body = self.find("body").await;
        self.text(&body).await
    }

    /// Presses keys one after another on whatever has the focus, like a keyboard.
    pub async fn press(&self, keys: &[&str]) {
        let mut actions = Vec::new();
        for key in keys {
            for c in key.chars() {
                actions.push(json!({ "type": "keyDown", "value": c.to_string() }));
                actions.push(json!({ "type": "keyUp", "value": c.to_string() }));
            }
        }
        self.post(
            "/actions",
            json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] }),
        )
        .await;
    }

    /// Holds keys down together and lets go in reverse, like Ctrl+S.
    pub async fn chord(&self, keys: &[&str]) {
        let down = keys
            .iter()
            .map(|k| json!({ "type": "keyDown", "value": k }));
        let up = keys
            .iter()
            .rev()
            .map(|k| json!({ "type": "keyUp", "value": k }));
        let actions: Vec<_> = down.chain(up).collect();
        self.post(
            "/actions",
            json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] }),
        )
        .await;
    }

    /// A description of the focused element: its id; `name=value` for a radio button or
    /// checkbox; else its tag and text, e.g. `button:Save draft`.
    pub async fn focused(&self) -> String {
        let value = self
            .execute(
                "const e = document.activeElement; \
                 if (!e) return ''; \
                 if (e.id) return e.id; \
                 if (e.type === 'radio' || e.type === 'checkbox') return e.name + '=' + e.value; \
                 return e.tagName.toLowerCase() + ':' + e.textContent.trim().replace(/\\s+/g, ' ');",
                json!([]),
            )
            .await;
        value.as_str().unwrap_or_default().to_owned()
    }
}

/// The elements in a list WebDriver or a script returned; anything else is none.
fn elements(found: &Value) -> Vec<Element> {
    found
        .as_array()
        .map(|list| list.iter().filter_map(element_id).collect())
        .unwrap_or_default()
}
