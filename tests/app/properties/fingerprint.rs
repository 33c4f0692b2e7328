//! What a refusal must leave as it was: a fingerprint of every table's rows.

use factdesk::db::Db;
use rusqlite::types::ValueRef;
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// Tables a refused request may still write to, and why each is not the newsroom's data:
/// - `sessions`: a signed-in request refreshes its session's last use (at most once a
///   minute), whatever then becomes of the request: that records the visit, not the input.
/// - `login_attempts`: a refused sign-in is recorded on purpose, so the throttle can count
///   failures per account and address.
///
/// Everything else — fact-checks and all their rows, revisions, corrections, the search
/// index, accounts, settings, the audit log — must come out of a refusal untouched.
const MAY_CHANGE: &[&str] = &["sessions", "login_attempts"];

/// A hash per table of all its rows (sorted, so the order SQLite returns them in does not
/// matter): two equal fingerprints, the same data. The search index is covered by its
/// shadow tables, which hold everything it has.
pub(super) fn fingerprint(db: &Db) -> BTreeMap<String, u64> {
    db.read(|conn| {
        let tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_schema
                 WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
                 ORDER BY name",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        let mut prints = BTreeMap::new();
        for table in tables {
            if MAY_CHANGE.contains(&table.as_str()) {
                continue;
            }
            let mut statement = conn.prepare(&format!("SELECT * FROM \"{table}\""))?;
            let columns = statement.column_count();
            let mut rows: Vec<u64> = statement
                .query_map([], |row| {
                    let mut hasher = DefaultHasher::new();
                    for i in 0..columns {
                        match row.get_ref(i)? {
                            ValueRef::Null => 0.hash(&mut hasher),
                            ValueRef::Integer(n) => (1, n).hash(&mut hasher),
                            ValueRef::Real(x) => (2, x.to_bits()).hash(&mut hasher),
                            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                                (3, bytes).hash(&mut hasher)
                            }
                        }
                    }
                    Ok(hasher.finish())
                })?
                .collect::<Result<_, _>>()?;
            rows.sort_unstable();
            let mut hasher = DefaultHasher::new();
            rows.hash(&mut hasher);
            prints.insert(table, hasher.finish());
        }
        Ok(prints)
    })
    .unwrap()
}

pub(super) fn changed_tables(
    before: &BTreeMap<String, u64>,
    after: &BTreeMap<String, u64>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(table, print)| before.get(*table) != Some(print))
        .map(|(table, _)| table.clone())
        .collect()
}
