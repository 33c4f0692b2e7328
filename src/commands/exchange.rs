//! `factdesk export`, `import` and `backup`: a newsroom's data in and out of its database.

use super::existing;
use crate::cli::{BackupArgs, ExportArgs, ImportArgs};
use crate::config::Site;
use crate::db::{Db, exchange as exchange_db};
use crate::exchange::{self, Progress};

pub(super) fn export(path: &std::path::Path, args: &ExportArgs) -> Result<(), String> {
    existing(path)?;
    let opened = Db::open(path).map_err(|e| e.to_string())?;
    let site = Site::new(&args.site_name, &args.base_url);
    let mut progress = Progress::new("exporting");
    match &args.out {
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            exchange::export(
                &opened.db,
                args.format,
                args.excel,
                &site,
                &mut out,
                &mut progress,
            )?;
        }
        Some(file) => {
            // Written beside the target and renamed, so a failed export leaves no torn file.
            let partial = file.with_extension("partial");
            let written = std::fs::File::create(&partial)
                .map_err(|e| format!("cannot write {}: {e}", partial.display()))
                .and_then(|f| {
                    let mut out = std::io::BufWriter::new(f);
                    exchange::export(
                        &opened.db,
                        args.format,
                        args.excel,
                        &site,
                        &mut out,
                        &mut progress,
                    )
                })
                .and_then(|count| {
                    std::fs::rename(&partial, file)
                        .map(|()| count)
                        .map_err(|e| format!("cannot write {}: {e}", file.display()))
                });
            match written {
                Ok(count) => eprintln!(
                    "{count} {} written to {}.",
                    args.format.items(),
                    file.display()
                ),
                Err(message) => {
                    let _ = std::fs::remove_file(&partial);
                    return Err(message);
                }
            }
        }
    }
    Ok(())
}

pub(super) fn import(path: &std::path::Path, args: &ImportArgs) -> Result<(), String> {
    let from_stdin = args.file.as_os_str() == "-";
    let shown = if from_stdin {
        "standard input".to_owned()
    } else {
        args.file.display().to_string()
    };
    // Read as it is imported, so a large file never has to fit in memory.
    let input: Box<dyn std::io::Read> = if from_stdin {
        Box::new(std::io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(&args.file).map_err(|e| format!("cannot read {shown}: {e}"))?)
    };
    existing(path)?;
    let opened = Db::open(path).map_err(|e| e.to_string())?;
    let author = opened
        .db
        .read(|conn| Ok(exchange_db::import_author(conn, args.author.as_deref())))
        .map_err(|e| e.to_string())?
        .map_err(|e| e.to_string())?;
    let mut progress = Progress::new("importing");
    let summary = exchange::import::run(
        &opened.db,
        input,
        &author,
        &mut progress,
        |position, reason| eprintln!("record {position}: {reason}"),
    )
    .map_err(|e| format!("{shown}: {e}"))?;
    println!("{summary}");
    if summary.failed > 0 {
        return Err(format!(
            "{} of the records in {shown} were not imported (see above)",
            summary.failed
        ));
    }
    Ok(())
}

pub(super) fn backup(path: &std::path::Path, args: &BackupArgs) -> Result<(), String> {
    let mut progress = Progress::new("backing up (pages)");
    exchange_db::backup(path, &args.path, args.force, |done, total| {
        progress.tick(done.max(0) as usize, total.max(0) as usize)
    })
    .map_err(|e| e.to_string())?;
    progress.finish();
    println!("{} backed up to {}.", path.display(), args.path.display());
    Ok(())
}
