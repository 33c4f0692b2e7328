//! Integration tests: the whole application over HTTP, one fresh database per test.

// A failed unwrap is a failed test, with its location: exactly what a test wants.
#![allow(clippy::unwrap_used)]

mod accounts;
mod addresses;
mod api;
mod api_sync;
mod assignments;
mod autofill;
mod autosave;
mod brand;
mod cards;
mod claim_review;
mod claimant_list;
mod claimants;
mod cli;
mod concurrency;
mod connections;
mod crash;
mod demo_pictures;
mod desk;
mod editor;
mod evidence;
mod exchange;
mod extraction;
mod fetching;
mod form;
mod hardening;
mod helpers;
mod history;
mod hostile;
mod hostile_exchange;
mod hosts;
mod inbox;
mod independence;
mod kept;
mod languages;
mod layers;
mod listing_pages;
mod media;
mod overload;
mod preview;
mod properties;
mod rating_words;
mod reader;
mod reader_language;
mod replication;
mod search;
mod security;
mod similar;
mod syndication;
mod tags;
mod validation;
mod verdict_page;
mod workflow;

#[test]
fn migrations_are_valid() {
    factdesk::db::migrations().validate().unwrap();
}

#[test]
fn a_new_database_is_at_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    factdesk::db::Db::open(&dir.path().join("f.db")).unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("f.db")).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version as usize, factdesk::db::MIGRATION_COUNT);
}
