//! Factdesk: a fact-check claim tracker. Editors record claims, their sources and verdicts;
//! readers get fact-check pages.

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod db;
pub mod demo;
pub mod domain;
pub mod error;
pub mod exchange;
pub mod fetch;
pub mod generate;
pub mod jobs;
pub mod server;
pub mod state;
pub mod web;

pub use app::app;
pub use state::AppState;
