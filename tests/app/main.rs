//! Integration tests: the whole application over HTTP, one fresh database per test.

mod cli;
mod editor;
mod helpers;
mod reader;
mod security;
mod validation;

#[test]
fn migrations_are_valid() {
    factdesk::db::migrations().validate().unwrap();
}
