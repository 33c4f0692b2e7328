//! The `factdesk` subcommands' work, one file per family, so that `main` only wires:
//! `serve`, the exchange commands (export, import, backup), `user add`, `migrate`,
//! `check-links` and `generate`.

mod check_links;
mod exchange;
mod serve;
mod users;

use crate::cli::{Cli, Command, UserCommand};
use crate::db::Db;
use crate::exchange::Progress;

/// Runs the command the arguments name; the error is the one line to print.
pub fn run(cli: Cli) -> Result<(), String> {
    if cli.litestream {
        crate::db::Checkpoints::leave_to_litestream();
    }
    match cli.command {
        None => serve::serve(&cli.db, &cli.serve),
        Some(Command::Serve(args)) => serve::serve(&cli.db, &args),
        Some(Command::Migrate) => {
            Db::open(&cli.db).map_err(|e| e.to_string())?;
            println!("{} is migrated to the latest schema.", cli.db.display());
            Ok(())
        }
        Some(Command::User(UserCommand::Add { email, name, role })) => {
            users::add(&cli.db, &email, &name, role.as_deref())
        }
        Some(Command::Export(args)) => exchange::export(&cli.db, &args),
        Some(Command::Import(args)) => exchange::import(&cli.db, &args),
        Some(Command::Backup(args)) => exchange::backup(&cli.db, &args),
        Some(Command::CheckLinks(args)) => check_links::run(&cli.db, &args),
        Some(Command::Generate { count, seed }) => generate(&cli.db, count, seed),
    }
}

/// Export and import work on a newsroom's database; a mistyped --db should not quietly
/// create an empty one.
fn existing(path: &std::path::Path) -> Result<(), String> {
    if path.is_file() {
        Ok(())
    } else {
        Err(format!(
            "there is no database at {} (choose one with --db)",
            path.display()
        ))
    }
}

fn generate(path: &std::path::Path, count: usize, seed: u64) -> Result<(), String> {
    let opened = Db::open(path).map_err(|e| e.to_string())?;
    if !opened.db.is_unused().map_err(|e| e.to_string())? {
        return Err(format!(
            "{} already holds data; generate into a new file",
            path.display()
        ));
    }
    let started = std::time::Instant::now();
    let mut progress = Progress::new("generating");
    crate::generate::generate(&opened.db, count, seed, |done| progress.tick(done, count))
        .map_err(|e| e.to_string())?;
    progress.finish();
    println!(
        "{count} fact-checks generated into {} in {:.1} s.",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
