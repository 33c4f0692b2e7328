//! The fact-check form as an editor without JavaScript meets it: its rows and its errors
//! (`rows`), and the workflow buttons that save what was typed first (`buttons`).

mod buttons;
mod rows;

use crate::helpers::Page;

/// The status and headline of fact-check `id`, straight from the database.
fn stored(app: &crate::helpers::TestApp, id: i64) -> (String, String) {
    app.db
        .read(|conn| {
            Ok(conn.query_row(
                "SELECT status, headline FROM fact_checks WHERE id = ?1",
                [id],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?)
        })
        .unwrap()
}

/// How many row cards a list of the form shows.
fn cards(page: &Page, list: &str) -> usize {
    let start = page.position_of(&format!(r#"id="{list}""#));
    let rest = &page.body[start..];
    let end = rest.find("</fieldset>").unwrap_or(rest.len());
    rest[..end].matches(r#"class="row-card""#).count()
}

/// The markup from the start of the element that holds field `id` to the field itself.
fn around<'p>(page: &'p Page, id: &str) -> &'p str {
    let field = page.position_of(&format!(r#"id="{id}""#));
    let holder = page.body[..field]
        .rfind("<div class=")
        .expect("the field sits in a div");
    &page.body[holder..field]
}
