//! Integration tests: the whole application over HTTP, one fresh database per test.

// A failed unwrap is a failed test, with its location: exactly what a test wants.
#![allow(clippy::unwrap_used)]

mod claim_review;
mod cli;
mod editor;
mod exchange;
mod hardening;
mod helpers;
mod history;
mod reader;
mod security;
mod validation;
mod workflow;

#[test]
fn migrations_are_valid() {
    factdesk::db::migrations().validate().unwrap();
}
