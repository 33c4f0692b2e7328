//! Writes that are made only to be read back and undone: a preview saves a form exactly as a
//! save would, reads the page it makes, and keeps nothing.

use super::Db;
use crate::error::AppError;
use rusqlite::{Transaction, TransactionBehavior};

impl Db {
    /// Runs `f` in one IMMEDIATE transaction on the writer and always rolls it back, whether
    /// `f` succeeds or not, so that what `f` wrote is never seen by anyone else.
    pub fn write_then_undo_blocking<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut conn = self
            .0
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx);
        tx.rollback()?;
        value
    }

    /// `write_then_undo_blocking` from async code, on tokio's blocking pool.
    pub async fn write_then_undo<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T, AppError> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.write_then_undo_blocking(f))
            .await
            .map_err(|e| AppError::Internal(format!("preview task failed: {e}")))?
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn what_was_written_is_gone_afterwards_and_was_visible_inside() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("t.db")).unwrap().db;
        let seen = db
            .write_then_undo_blocking(|tx| {
                tx.execute("INSERT INTO tags (name) VALUES ('Rehearsal')", [])?;
                Ok(tx.query_row("SELECT count(*) FROM tags", [], |r| r.get::<_, i64>(0))?)
            })
            .unwrap();
        assert_eq!(seen, 1, "the transaction sees its own write");
        let after: i64 = db
            .read(|c| Ok(c.query_row("SELECT count(*) FROM tags", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(after, 0, "nothing was kept");
    }
}
