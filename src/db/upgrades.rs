//! Work a migration does in Rust, where SQL alone cannot: rows made anew by today's rules.

use crate::db::authors;
use crate::domain::markdown;
use crate::error::AppError;
use rusqlite::{Transaction, params};

/// The hook of `0013_verdict_page.sql`: every account made before author pages gets its
/// page's address, and every explanation is rendered again so that its headings become
/// sections of the page (h2, h3) with anchors, as new saves make them.
pub(super) fn verdict_page(tx: &Transaction<'_>) -> rusqlite_migration::HookResult {
    let upgrade = || -> Result<(), AppError> {
        authors::give_missing_slugs(tx)?;
        let bodies: Vec<(i64, String)> = tx
            .prepare("SELECT id, body FROM fact_checks ORDER BY id")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut update = tx.prepare("UPDATE fact_checks SET body_html = ?1 WHERE id = ?2")?;
        for (id, body) in bodies {
            update.execute(params![markdown::to_safe_html(&body), id])?;
        }
        Ok(())
    };
    upgrade().map_err(|e| rusqlite_migration::HookError::Hook(format!("cannot upgrade: {e}")))
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    #[test]
    fn a_database_from_before_author_pages_gets_addresses_and_sectioned_explanations() {
        let mut conn = Connection::open_in_memory().unwrap();
        let migrations = crate::db::migrations();
        migrations.to_version(&mut conn, 11).unwrap();
        for (email, name) in [
            ("ana@news.example", "Ana Reyes"),
            ("ana.r@news.example", "Ana Reyes"),
            ("fang@news.example", "王 芳"),
        ] {
            conn.execute(
                "INSERT INTO users (email, name, password_hash, created_at)
                 VALUES (?1, ?2, 'x', '2025-01-01T00:00:00Z')",
                [email, name],
            )
            .unwrap();
        }
        // Saved when an explanation's "#" became an h3.
        conn.execute(
            "INSERT INTO fact_checks (slug, headline, summary, body, body_html, rating_id,
                                      author_id, created_at, updated_at)
             VALUES ('old', 'Old', 'Old.', '# What was said', '<h3>What was said</h3>',
                     (SELECT min(id) FROM ratings), 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
            [],
        )
        .unwrap();

        migrations.to_latest(&mut conn).unwrap();
        let slugs: Vec<String> = conn
            .prepare("SELECT slug FROM users ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(slugs, ["ana-reyes", "ana-reyes-2", "author"]);
        let html: String = conn
            .query_row("SELECT body_html FROM fact_checks", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            html,
            "<h2 id=\"section-what-was-said\">What was said</h2>\n"
        );
    }

    #[test]
    fn tags_from_before_keys_are_found_by_their_key() {
        let mut conn = Connection::open_in_memory().unwrap();
        let migrations = crate::db::migrations();
        migrations.to_version(&mut conn, 20).unwrap();
        conn.execute_batch("INSERT INTO tags (name) VALUES ('Iran'), ('COVID-19')")
            .unwrap();
        migrations.to_latest(&mut conn).unwrap();
        let key = |k: &str| -> String {
            conn.query_row("SELECT name FROM tags WHERE key = ?1", [k], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(key("iran"), "Iran");
        assert_eq!(key("covid-19"), "COVID-19");
        assert_eq!(
            key(&crate::domain::TagName::parse("IRÁN").unwrap().key()),
            "Iran",
            "a new spelling meets the old tag"
        );
    }
}
