//! The single writer's transactions: committed when the work succeeds (every save), or always
//! rolled back (a preview, which saves a form only to read back the page it would make).

use super::Db;
use crate::error::AppError;
use rusqlite::{Transaction, TransactionBehavior};

/// How a transaction on the writer ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ending {
    /// Committed if the work succeeds, rolled back if it fails.
    Commit,
    /// Rolled back whatever happens: nobody else ever sees what the work wrote.
    Undo,
}

impl Db {
    /// Runs `f` in one IMMEDIATE transaction on the writer, ended as `ending` says.
    pub(super) fn on_writer<T>(
        &self,
        ending: Ending,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        // A panic in another write leaves no half-done transaction behind (it rolled back
        // when its Transaction dropped), so the connection is still fit to use.
        let mut conn = self
            .0
            .writer
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx);
        match ending {
            Ending::Commit => {
                let value = value?;
                tx.commit()?;
                // Before the caller goes on, so the editor's next page is rendered afresh.
                self.mark_changed();
                Ok(value)
            }
            Ending::Undo => {
                tx.rollback()?;
                value
            }
        }
    }

    /// `on_writer` from async code, on tokio's blocking pool.
    pub(super) async fn on_writer_off_async<T, F>(
        &self,
        ending: Ending,
        f: F,
    ) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T, AppError> + Send + 'static,
    {
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.on_writer(ending, f))
            .await
            .map_err(|e| AppError::Internal(format!("write task failed: {e}")))?
    }

    /// Runs `f` like `write_blocking`, but always rolls it back, whether `f` succeeds or not.
    pub fn write_then_undo_blocking<T>(
        &self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        self.on_writer(Ending::Undo, f)
    }

    /// `write_then_undo_blocking` from async code, on tokio's blocking pool.
    pub async fn write_then_undo<T, F>(&self, f: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Transaction<'_>) -> Result<T, AppError> + Send + 'static,
    {
        self.on_writer_off_async(Ending::Undo, f).await
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
                tx.execute(
                    "INSERT INTO tags (name, key) VALUES ('Rehearsal', 'rehearsal')",
                    [],
                )?;
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
