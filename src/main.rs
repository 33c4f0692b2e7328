//! The `factdesk` command: parse the arguments, start the log, run the command
//! (`factdesk::commands`) and turn its error into an exit status.

use clap::Parser;
use factdesk::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "factdesk=info,tower_http=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match factdesk::commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("factdesk: {message}");
            ExitCode::FAILURE
        }
    }
}
