//! Looking into and writing to a test's database directly, behind the server's back.

use super::TestApp;

impl TestApp {
    /// The database file, for a second connection that stands for another process.
    pub fn db_path(&self) -> std::path::PathBuf {
        let dir = self
            .dir
            .as_ref()
            .expect("a TestApp that made its own database");
        dir.path().join("factdesk.db")
    }

    pub fn sql(&self, statement: &str) {
        self.db
            .write_blocking(|tx| {
                tx.execute_batch(statement)?;
                Ok(())
            })
            .unwrap();
    }

    /// Adds `count` fact-checks as the benchmark generator makes them (always the same
    /// ones), so that listings run past their first page.
    pub async fn generate_fact_checks(&self, count: usize) {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || factdesk::generate::generate(&db, count, 7, |_| {}))
            .await
            .unwrap()
            .unwrap();
    }

    /// The id of the account signed in with `email`.
    pub fn account_id(&self, email: &str) -> i64 {
        self.db
            .read(|c| {
                Ok(
                    c.query_row("SELECT id FROM users WHERE email = ?1", [email], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap()
    }

    /// Number of rows in a table: to prove a refused request saved nothing.
    pub fn count(&self, table: &str) -> i64 {
        self.db.read(|conn| Ok(rows_in(conn, table)?)).unwrap()
    }

    /// Rows in every table a sign-in could write to.
    pub fn sign_in_rows(&self) -> [i64; 4] {
        ["login_attempts", "sessions", "audit_log", "users"].map(|table| self.count(table))
    }

    /// Rows in every table that a fact-check form writes to.
    pub fn content_counts(&self) -> [i64; 7] {
        CONTENT_TABLES.map(|table| self.count(table))
    }
}

/// Number of rows in `table`, over any connection.
pub fn rows_in(conn: &rusqlite::Connection, table: &str) -> rusqlite::Result<i64> {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
}

/// Every table that a fact-check form writes to.
pub const CONTENT_TABLES: [&str; 7] = [
    "fact_checks",
    "claims",
    "claimants",
    "appearances",
    "sources",
    "tags",
    "fact_check_tags",
];
