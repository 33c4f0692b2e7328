//! Command-line flags and environment settings, with their defaults.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "factdesk",
    version,
    about = "A fact-check claim tracker: claims, sources and verdicts, published as readable pages.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// The SQLite database file (created and migrated if needed).
    #[arg(
        long,
        global = true,
        env = "FACTDESK_DB",
        default_value = "factdesk.db"
    )]
    pub db: PathBuf,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// `factdesk` alone serves, with these options.
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the site (the default).
    Serve(ServeArgs),
    /// Manage editor accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Create or upgrade the database schema, then exit.
    Migrate,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "FACTDESK_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: String,

    /// Do not load demo fact-checks or create a demo editor in a new database.
    #[arg(long)]
    pub no_demo: bool,

    /// Sign editors out after this many hours without a request.
    #[arg(long, env = "FACTDESK_SESSION_IDLE_HOURS", default_value_t = 8,
          value_parser = clap::value_parser!(u32).range(1..=720))]
    pub session_idle_hours: u32,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an editor. The password is read from standard input when it is piped,
    /// otherwise one is generated and printed.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// writer, editor or admin. The first account is always an admin.
        #[arg(long, value_parser = ["writer", "editor", "admin"])]
        role: Option<String>,
    },
}
